package academy.minicluster.web.playground;

import academy.minicluster.content.Lesson;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.content.LessonSnippets;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.ShownLog;
import academy.minicluster.web.workspace.StartingPage;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.WorkspaceViews;
import academy.minicluster.web.workspace.Workspaces;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.concurrent.CompletionStage;
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
                                                  Lesson lesson, int setupPending);
    }

    @Inject
    StartingPage starting;

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
                         @QueryParam("snippet") String snippetNumber,
                         @HeaderParam("Sec-Fetch-Dest") String fetchDestination, @Context UriInfo uri) {
        // The first seconds after a start: a person in a browser sees progress at once, and the page opens the
        // playground (the lesson's example included) when the mini-clusters are warm.
        Optional<Response> warming = starting.whileWarming(fetchDestination, uri, StartingPage.Opening.playground());
        if (warming.isPresent()) {
            return warming.get();
        }
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
        // The whole log is read only to tell which of a lesson's setup steps it lacks; the page itself reads what it
        // shows of the log (its cost does not grow with the log's length).
        int setupPending = snippet == null ? 0 : pendingSetup(snippet, workspaces.log(w)).size();
        WorkspaceViews.Prefill prefill = snippet == null ? workspaces.draft(me, w)
                : snippet.manifest() ? new WorkspaceViews.Prefill(snippet.text(), null)
                : new WorkspaceViews.Prefill(null, snippet.commands().get(0));
        ShownLog log = workspaces.shownLog(w, prefill);
        WorkspaceViews.ClusterLook look = workspaces.lookAt(w, log.length(), WorkspaceViews.ClusterLook::of);
        return Response.ok(Templates.playground(w, ClusterProfile.all(),
                WorkspaceViews.panels(w, log, workspaces.transcript(w, log), prefill, look.prompt()),
                WorkspaceViews.topology(w.id, look.drawn(), false), message,
                snippet, lesson, setupPending)).build();
    }

    /**
     * Whether the platform's mini-clusters are warm ({@link StartingPage#ready}): the starting page of the playground
     * and of a lab asks this.
     */
    @GET
    @Path("/ready")
    public CompletionStage<Response> ready() {
        return starting.ready();
    }

    /**
     * "Set up the example": what a lesson's snippet assumes (the lesson's setup, what the snippets before it changed)
     * run on the learner's current playground, each step logged as if typed or applied, then back to the snippet.
     * Steps already in the playground's log are not run again; a step that fails (a name the learner already used)
     * shows its error in the console like any other command.
     */
    @POST
    @Path("/setup")
    public Response setUp(@RestForm String lesson, @RestForm String snippet) {
        Optional<LessonSnippets.Snippet> found = lesson != null && snippet != null && snippet.matches("\\d{1,4}")
                ? course.snippet(lesson, Integer.parseInt(snippet)) : Optional.empty();
        if (found.isEmpty()) {
            return Response.seeOther(URI.create("/playground")).build();
        }
        long me = workspaces.myId();
        Workspace w = Workspace.currentPlayground(me).orElseGet(() -> workspaces.openPlayground(me,
                ClusterProfile.DEFAULT.name(), Cluster.DEFAULT_SEED));
        for (LogEntry step : pendingSetup(found.get(), workspaces.log(w))) {
            workspaces.run(w, step);
        }
        return Response.seeOther(URI.create("/playground?lesson=" + lesson + "&snippet=" + found.get().number()))
                .build();
    }

    /** The snippet's setup steps the playground's log does not hold yet, as log entries, in order. */
    static List<LogEntry> pendingSetup(LessonSnippets.Snippet snippet, List<LogEntry> log) {
        return snippet.setup().stream()
                .map(step -> step.manifest() ? LogEntry.manifests(step.text()) : LogEntry.command(step.text()))
                .filter(entry -> !log.contains(entry)).toList();
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
