package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.accounts.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import academy.minicluster.net.shell.Shell;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The round trips every workspace page makes (a lab's or the playground's): run a console command, apply the
 * editor's YAML, redraw the cluster. Each answers an HTML fragment for htmx (the output, plus the topology view
 * swapped out of band); without htmx, the browser is sent back to the page. Only the owner reaches a workspace.
 */
@Path("/workspaces/{workspaceId}")
@RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class WorkspaceResource {

    @Inject
    Workspaces workspaces;

    @POST
    @Path("/console")
    @Produces(MediaType.TEXT_HTML)
    public Response console(@PathParam("workspaceId") long workspaceId, @RestForm String command,
                            @HeaderParam("HX-Request") String htmx) {
        String line = command == null ? "" : command.strip();
        Workspace w;
        ShellResult r;
        WorkspaceViews.ClusterLook after;
        if (line.isEmpty()) {
            w = workspaces.owned(workspaceId, workspaces.myId());
            r = ShellResult.ok("", "");
            after = htmx == null ? null : workspaces.view(w, WorkspaceViews.ClusterLook::of);
        } else {
            // One look at the cluster just after the command (the map redrawn and the prompt, a pod's after
            // exec -it), taken before it goes back to the cache: no second read of the log's length.
            Workspaces.Ran<WorkspaceViews.ClusterLook> ran = workspaces.run(workspaceId, workspaces.myId(),
                    LogEntry.command(line), htmx == null ? null : WorkspaceViews.ClusterLook::of);
            w = ran.workspace();
            r = ran.result();
            after = ran.look();
        }
        if (htmx == null) {
            return back(w);
        }
        return WorkspaceViews.html(WorkspaceViews.consoleEntry(r) + WorkspaceViews.topology(w.id, after.drawn(), true)
                + WorkspaceViews.prompt(after.prompt()));
    }

    @POST
    @Path("/apply")
    @Produces(MediaType.TEXT_HTML)
    public Response apply(@PathParam("workspaceId") long workspaceId, @RestForm String yaml,
                          @HeaderParam("HX-Request") String htmx) {
        String text = yaml == null ? "" : yaml;
        if (text.isBlank()) {
            Workspace w = workspaces.owned(workspaceId, workspaces.myId());
            if (htmx == null) {
                return back(w);
            }
            return WorkspaceViews.html(WorkspaceViews.applyResult(ShellResult.error(WorkspaceReplay.APPLY_STDIN, 1,
                    "error: no objects passed to apply\n")) + topology(w, true));
        }
        // The map is drawn from the cluster just after the apply, before it goes back to the cache.
        Workspaces.Ran<WorkspaceViews.Drawn> ran = workspaces.run(workspaceId, workspaces.myId(),
                LogEntry.manifests(text), htmx == null ? null : shell -> WorkspaceViews.drawn(shell.cluster()));
        if (htmx == null) {
            return back(ran.workspace());
        }
        return WorkspaceViews.html(WorkspaceViews.applyResult(ran.result())
                + WorkspaceViews.topology(workspaceId, ran.look(), true));
    }

    /**
     * Keeps the editor's text as typed (sent by the page a moment after each change): 204, or 413/400 with kubectl's
     * words when it cannot be kept. Nothing runs on the cluster.
     */
    @POST
    @Path("/draft")
    public Response draft(@PathParam("workspaceId") long workspaceId, @RestForm String yaml) {
        Workspace w = workspaces.owned(workspaceId, workspaces.myId());
        String text = yaml == null ? "" : yaml;
        return workspaces.keepDraft(w, text)
                .map(why -> Response.status(text.length() > Workspaces.MAX_ENTRY ? 413 : 400)
                        .type(MediaType.TEXT_PLAIN).entity(why).build())
                .orElseGet(() -> Response.noContent().build());
    }

    /**
     * The terminal's Tab completion: what the last word of {@code line} may become, read from the workspace's cluster
     * ({@link KubectlCompletion}), as a JSON array of words. Nothing runs and nothing is logged.
     */
    @GET
    @Path("/completions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> completions(@PathParam("workspaceId") long workspaceId, @QueryParam("line") String line) {
        Workspace w = workspaces.owned(workspaceId, workspaces.myId());
        String typed = line == null ? "" : line;
        if (typed.length() > Shell.MAX_LINE) {
            return List.of();
        }
        return workspaces.view(w, shell -> KubectlCompletion.of(shell.cluster(), typed));
    }

    @GET
    @Path("/topology")
    @Produces(MediaType.TEXT_HTML)
    public String topology(@PathParam("workspaceId") long workspaceId) {
        Workspace w = workspaces.owned(workspaceId, workspaces.myId());
        return topology(w, false);
    }

    private String topology(Workspace w, boolean oob) {
        WorkspaceViews.Drawn drawn = workspaces.view(w, shell -> WorkspaceViews.drawn(shell.cluster()));
        return WorkspaceViews.topology(w.id, drawn, oob);
    }

    private static Response back(Workspace w) {
        return Response.seeOther(URI.create(w.isPlayground() ? "/playground" : "/labs/" + w.labId)).build();
    }
}
