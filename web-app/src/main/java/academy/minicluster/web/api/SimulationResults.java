package academy.minicluster.web.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a simulation, described for OpenAPI: the JSON of {@code minicluster run --json} (built by the labs
 * module's TraceJson; these records only document its shape).
 */
@Schema(name = "SimulationResults")
public record SimulationResults(List<Result> results) {

    /** One apply or command. */
    @Schema(name = "SimulationResult")
    public record Result(
            @Schema(description = "the command line as run") String command,
            @Schema(description = "its exit status, as `echo $?` shows it") int exitCode,
            @Schema(description = "what it printed on standard output") String stdout,
            @Schema(description = "what it printed on standard error") String stderr,
            @Schema(description = "the hops of every packet it sent, in order; empty for API commands")
            List<Hop> trace) {
    }

    /** One decision on a packet's path. */
    @Schema(name = "TraceHop")
    public record Hop(
            @Schema(enumeration = {"CLIENT", "DNS", "SERVICE", "NAT", "ROUTE", "INGRESS", "POLICY",
                    "CONTAINER"}) String stage,
            @Schema(description = "what happened, one line") String decision,
            @Schema(description = "the objects that decided it, as `Kind namespace/name`") List<String> decidedBy,
            @Schema(enumeration = {"PASS", "REFUSED", "DROPPED", "NOT_FOUND", "ERROR"}) String verdict) {
    }
}
