package academy.minicluster.web.api;

import academy.minicluster.labs.session.Sessions;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import academy.minicluster.web.operations.MiniclusterLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/simulations}: a fresh mini-cluster, manifests applied, commands run, and what each answered,
 * in exactly the JSON of {@code minicluster run --json} (labs/README.md). Stateless and open to anyone, within
 * limits; the answer depends only on the request, byte for byte.
 */
@Path("/api/v1/simulations")
@PermitAll
@Tag(name = "Simulations", description = "Run kubectl and network commands on a fresh mini-cluster")
public class SimulationsResource {

    private static final Logger LOG = Logger.getLogger(SimulationsResource.class);

    @Inject
    MiniclusterLimits limits;

    private static final String EXAMPLE = """
            {"profile":"default","seed":1,
             "manifests":"apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\n  labels:\\n    app: web\\nspec:\\n  containers:\\n  - name: whoami\\n    image: traefik/whoami\\n",
             "commands":["kubectl get pods"]}""";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a simulation",
            description = "Builds a fresh cluster of `profile` from `seed`, applies `manifests` with "
                    + "`kubectl apply -f manifests.yaml` (the first result), then runs each command in order. "
                    + "The answer is the JSON of `minicluster run --json`: one result per apply and per command. "
                    + "No account needed. Limits: 1 MB body (413); the mini-cluster's own limits (README \"Limits\"): "
                    + "objects and pods past their limit are refused by the cluster as under a ResourceQuota (in the "
                    + "results), and a simulation stopped by its command count, CPU time or output gets 422 naming the limit.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SimulationRequest.class),
            examples = @ExampleObject(name = "a pod, then kubectl get pods", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What each command answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SimulationResults.class)))
    @APIResponse(responseCode = "400", description = "The body is not the JSON this reads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The body is over 1 MB")
    @APIResponse(responseCode = "422", description = "Unknown profile, or stopped by a limit of the mini-cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response simulate(String body, @Context HttpServerRequest http) {
        SimulationRequest request;
        try {
            request = SimulationRequest.parse(body, JsonInput.MAPPER);
        } catch (SimulationRequest.MalformedException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Optional<ClusterProfile> profile = ClusterProfile.named(request.profile());
        if (profile.isEmpty()) {
            return ApiError.unprocessable("unknown profile \"" + request.profile() + "\" (known: "
                    + ClusterProfile.all().stream().map(ClusterProfile::name).collect(Collectors.joining(", "))
                    + ")");
        }
        Shell shell = Sessions.open(profile.get(), request.seed(), limits.limits());
        if (http != null) {
            // The client went away: the mini-cluster stops at its next checkpoint instead of running for no one.
            http.response().closeHandler(closed -> shell.cluster().budget().cancel());
        }
        try {
            List<ShellResult> results = run(shell, request);
            if (shell.stopped()) {
                // The limit's message is the stopped command's last line of standard error.
                ShellResult last = results.get(results.size() - 1);
                return ApiError.unprocessable(last.stderr().strip().lines().reduce((a, b) -> b).orElse(""));
            }
            return Response.ok(json(results), MediaType.APPLICATION_JSON).build();
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.errorf(e, "A simulation failed: profile %s, seed %d", request.profile(), request.seed());
            return ApiError.unprocessable("the mini-cluster could not run this simulation: " + e);
        }
    }

    /**
     * As {@code minicluster run --json -f manifests.yaml -c ...}: apply, then each command, until the session's
     * budget stops one (the last result then names the limit).
     */
    static List<ShellResult> run(Shell shell, SimulationRequest request) {
        List<ShellResult> results = new ArrayList<>();
        if (!request.manifests().isBlank()) {
            shell.putFile(SimulationRequest.MANIFESTS_FILE, request.manifests());
            results.add(shell.execute("kubectl apply -f " + SimulationRequest.MANIFESTS_FILE));
        }
        for (String command : request.commands()) {
            if (shell.stopped()) {
                break;
            }
            results.addAll(shell.runScript(command));
        }
        return results;
    }

    /** The results as one JSON document, exactly as {@code minicluster run --json} prints them. */
    static String json(List<ShellResult> results) throws JsonProcessingException {
        ObjectNode doc = TraceJson.MAPPER.createObjectNode();
        ArrayNode a = doc.putArray("results");
        for (ShellResult r : results) {
            a.add(TraceJson.result(r));
        }
        return TraceJson.MAPPER.writeValueAsString(doc);
    }
}
