package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.operations.Telemetry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Version 1 of the JSON API for attempts and playgrounds, for scripts and LMS integrations. Answers use the same
 * JSON as the command-line tool ({@code minicluster grade --json}, {@code minicluster run --json}). A learner sees
 * only their own attempts and playgrounds: anyone else's are 404, as if they did not exist.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
@Tag(name = "Attempts and playgrounds")
public class WorkspaceApi {

    @Inject
    Workspaces workspaces;

    @Inject
    Telemetry telemetry;

    /**
     * An attempt's body: manifests (multi-document YAML) and/or a transcript (command lines), manifests first; and
     * the answers to the lab's questions ({@code answer} checks), by check id.
     */
    public record AttemptRequest(String manifests, String transcript, Map<String, String> answers) {
    }

    /** A new playground: a profile (default "default") and a seed (default 1). */
    public record PlaygroundRequest(String profile, Long seed) {
    }

    /** What a new playground is. */
    public record PlaygroundCreated(long id, String profile, long seed) {
    }

    /** One command line for a playground, with optional standard input (for {@code kubectl apply -f -}). */
    public record CommandRequest(String command, String stdin) {
    }

    /**
     * {@code POST /api/v1/labs/{labId}/attempts}, served through {@code LabsApiResource}: JAX-RS matches the most
     * specific class path first, and {@code /api/v1/labs} would otherwise hide this route.
     */
    public Response submit(@PathParam("labId") String labId,
                           @RequestBody(required = true) AttemptRequest body) {
        Lab lab = workspaces.lab(labId);
        List<Submission.Part> parts = new ArrayList<>();
        if (body != null && body.manifests() != null && !body.manifests().isBlank()) {
            parts.add(new Submission.Manifests("submission.yaml", body.manifests()));
        }
        if (body != null && body.transcript() != null && !body.transcript().isBlank()) {
            parts.add(new Submission.Commands("transcript.sh", body.transcript()));
        }
        Map<String, String> answers = body == null || body.answers() == null ? Map.of() : body.answers();
        if (parts.isEmpty() && answers.isEmpty()) {
            telemetry.rejected(lab.id());
            return error(Response.Status.BAD_REQUEST, "a submission needs \"manifests\", \"transcript\" or "
                    + "\"answers\"");
        }
        List<String> questions = Question.of(lab).stream().map(Question::id).toList();
        for (String id : answers.keySet()) {
            if (!questions.contains(id)) {
                telemetry.rejected(lab.id());
                return error(Response.Status.BAD_REQUEST, "\"answers\": lab " + lab.id() + " has no question \""
                        + id + "\"" + (questions.isEmpty() ? "" : " (questions: " + String.join(", ", questions)
                        + ")"));
            }
        }
        LabAttempt a = workspaces.grade(workspaces.myId(), lab, new Submission(parts, answers));
        return Response.status(Response.Status.CREATED).entity(attemptJson(a, lab)).build();
    }

    @GET
    @Path("/attempts/{attemptId}")
    @Operation(summary = "One of your attempts, as graded then")
    @APIResponse(responseCode = "200", description = "The attempt and its grade")
    @APIResponse(responseCode = "404", description = "No such attempt of yours")
    public Response attempt(@PathParam("attemptId") long attemptId) {
        LabAttempt a = LabAttempt.owned(attemptId, workspaces.myId())
                .orElseThrow(() -> new NotFoundException("No attempt " + attemptId));
        return Response.ok(attemptJson(a, workspaces.lab(a.labId))).build();
    }

    @POST
    @Path("/playgrounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a playground: your own mini-cluster of a profile, kept as its command log")
    @APIResponse(responseCode = "201", description = "Opened")
    @APIResponse(responseCode = "400", description = "Unknown profile")
    public Response openPlayground(PlaygroundRequest body) {
        String profile = body == null || body.profile() == null || body.profile().isBlank()
                ? ClusterProfile.DEFAULT.name() : body.profile();
        if (ClusterProfile.named(profile).isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "unknown profile \"" + profile + "\"; known: "
                    + String.join(", ", ClusterProfile.all().stream().map(ClusterProfile::name).toList()));
        }
        long seed = body == null || body.seed() == null ? Cluster.DEFAULT_SEED : body.seed();
        Workspace w = workspaces.openPlayground(workspaces.myId(), profile, seed);
        return Response.status(Response.Status.CREATED).entity(new PlaygroundCreated(w.id, w.profile, w.seed)).build();
    }

    @POST
    @Path("/playgrounds/{workspaceId}/commands")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run one command line in your playground",
            description = "Answers the JSON of `minicluster run --json` for one command: command, exitCode, stdout, "
                    + "stderr, trace. The command is appended to the playground's log.")
    @APIResponse(responseCode = "200", description = "Ran (a failing command is still 200, with its exit code)")
    @APIResponse(responseCode = "400", description = "No command")
    @APIResponse(responseCode = "404", description = "No such playground of yours")
    public Response command(@PathParam("workspaceId") long workspaceId, CommandRequest body) {
        Workspace w = workspaces.owned(workspaceId, workspaces.myId());
        if (!w.isPlayground()) {
            throw new NotFoundException("No playground " + workspaceId);
        }
        if (body == null || body.command() == null || body.command().isBlank()) {
            return error(Response.Status.BAD_REQUEST, "\"command\" is required");
        }
        String command = body.command().strip();
        ShellResult r;
        if (body.stdin() != null && command.equals(WorkspaceReplay.APPLY_STDIN)) {
            r = workspaces.run(w, LogEntry.manifests(body.stdin()));
        } else if (body.stdin() != null) {
            return error(Response.Status.BAD_REQUEST, "\"stdin\" is only read by \"" + WorkspaceReplay.APPLY_STDIN + "\"");
        } else {
            r = workspaces.run(w, LogEntry.command(command));
        }
        return Response.ok(GradeJson.write(TraceJson.result(r))).build();
    }

    /**
     * The attempt as the API answers it: its id and time, then the grade's fields, in one JSON object. The grade is
     * already JSON (as stored), so the two fields are written and spliced in front of it rather than the grade
     * being parsed and written again: the same text as writing the merged object (see GradeJson.withFields).
     */
    /** An attempt as its learner reads it: causes only once the lab's feedback shows them on the page too. */
    static String attemptJson(LabAttempt a, Lab lab) {
        ObjectNode head = TraceJson.MAPPER.createObjectNode();
        head.put("attempt", a.id);
        head.put("createdAt", a.createdAt.toString());
        return GradeJson.withFields(head, GradeJson.forLearner(a.result,
                WorkspaceViews.causesShown(a, lab.feedback())));
    }

    private static Response error(Response.Status status, String message) {
        ObjectNode n = TraceJson.MAPPER.createObjectNode();
        n.put("status", status.getStatusCode());
        n.put("message", message);
        return Response.status(status).entity(GradeJson.write(n)).type(MediaType.APPLICATION_JSON).build();
    }
}
