package academy.minicluster.web.playground;

import academy.minicluster.content.Lesson;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.content.LessonSnippets;
import academy.minicluster.web.topology.Topology;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.WorkspaceViews;
import academy.minicluster.web.workspace.Workspaces;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The playground: the lab workspace without tasks or checks, for free exploration on any cluster profile. Each
 * learner has a current playground (their newest); choosing a profile, or reset, opens a fresh one.
 */
@Path("/playground")
@RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class PlaygroundResource {

    @Inject
    Workspaces workspaces;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance playground(Workspace workspace, List<ClusterProfile> profiles, String panels,
                                                  String topology, String message, LessonSnippets.Snippet snippet,
                                                  Lesson lesson);
    }

    @Inject
    CourseCatalog course;

    /**
     * The current playground; {@code ?profile=} opens one on that profile when the current one is on another;
     * {@code ?lesson=ID&snippet=N} (a lesson's "Try it" link) opens it with that snippet in the editor (a manifest)
     * or the console (commands), ready to apply or run: nothing runs until the learner says so.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("profile") String profile, @QueryParam("lesson") String lessonId,
                         @QueryParam("snippet") String snippetNumber) {
        long me = workspaces.myId();
        String message = "";
        LessonSnippets.Snippet snippet = null;
        Lesson lesson = null;
        if (lessonId != null && !lessonId.isBlank()) {
            Optional<LessonSnippets.Snippet> found = snippetNumber != null && snippetNumber.matches("\\d{1,4}")
                    ? course.snippet(lessonId, Integer.parseInt(snippetNumber)) : Optional.empty();
            if (found.isPresent()) {
                snippet = found.get();
                lesson = course.lesson(lessonId).orElseThrow().lesson();
            } else {
                message = "That lesson has no such example to try; the playground is as you left it.";
            }
        }
        if (profile != null && !profile.isBlank() && ClusterProfile.named(profile).isEmpty()) {
            message = "There is no cluster profile \"" + profile + "\"; choose one of the list.";
            profile = null;
        }
        String wanted = profile;
        Workspace w = Workspace.currentPlayground(me)
                .filter(p -> wanted == null || wanted.isBlank() || p.profile.equals(wanted))
                .orElseGet(() -> workspaces.openPlayground(me,
                        wanted == null || wanted.isBlank() ? ClusterProfile.DEFAULT.name() : wanted,
                        Cluster.DEFAULT_SEED));
        List<LogEntry> log = workspaces.log(w);
        WorkspaceViews.Prefill prefill = snippet == null ? workspaces.draft(me, w)
                : snippet.manifest() ? new WorkspaceViews.Prefill(snippet.text(), null)
                : new WorkspaceViews.Prefill(null, snippet.commands().get(0));
        return Response.ok(Templates.playground(w, ClusterProfile.all(),
                WorkspaceViews.panels(w, log, workspaces.transcript(w, log), prefill),
                WorkspaceViews.topology(w.id, workspaces.view(w, s -> Topology.of(s.cluster())), false), message,
                snippet, lesson)).build();
    }

    /** A fresh playground on the chosen profile. */
    @POST
    @Path("/reset")
    public Response reset(@RestForm String profile) {
        String p = profile == null || ClusterProfile.named(profile).isEmpty() ? ClusterProfile.DEFAULT.name() : profile;
        workspaces.openPlayground(workspaces.myId(), p, Cluster.DEFAULT_SEED);
        return Response.seeOther(URI.create("/playground")).build();
    }
}
