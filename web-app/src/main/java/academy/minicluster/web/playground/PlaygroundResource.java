package academy.minicluster.web.playground;

import academy.minicluster.content.Lesson;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.content.LessonSnippets;
import academy.minicluster.web.workspace.ClusterWarmUp;
import academy.minicluster.web.workspace.LogEntry;
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
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

        static native TemplateInstance starting(String readyUrl, String reloadUrl);
    }

    /**
     * How long a page waits for the warm-up before it shows the starting page instead: under the 300 ms after which
     * anything pending shows progress.
     */
    static final Duration WAIT_FOR_WARM_UP = Duration.ofMillis(250);
    /** How long {@code GET /playground/ready} holds its answer for the warm-up to end, before "not yet". */
    static final Duration READY_AT_MOST = Duration.ofSeconds(10);
    /** What a browser says when it loads a page to show (not an image, a script or a fetch). */
    static final String PAGE_LOAD = "document";

    @Inject
    ClusterWarmUp warmUp;

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
        if (PAGE_LOAD.equals(fetchDestination) && !warmUp.isWarmWithin(WAIT_FOR_WARM_UP)) {
            // The first seconds after a start: a person in a browser sees progress at once, and the page opens the
            // playground when the mini-clusters are warm. A script (no Sec-Fetch-Dest) gets the playground, later.
            String here = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            return Response.ok(Templates.starting("/playground/ready", here)).header("Cache-Control", "no-store")
                    .build();
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
        List<LogEntry> log = workspaces.log(w);
        int setupPending = snippet == null ? 0 : pendingSetup(snippet, log).size();
        WorkspaceViews.Prefill prefill = snippet == null ? workspaces.draft(me, w)
                : snippet.manifest() ? new WorkspaceViews.Prefill(snippet.text(), null)
                : new WorkspaceViews.Prefill(null, snippet.commands().get(0));
        WorkspaceViews.ClusterLook look = workspaces.view(w, WorkspaceViews.ClusterLook::of);
        return Response.ok(Templates.playground(w, ClusterProfile.all(),
                WorkspaceViews.panels(w, log, workspaces.transcript(w, log), prefill, look.prompt()),
                WorkspaceViews.topology(w.id, look.drawn(), false), message,
                snippet, lesson, setupPending)).build();
    }

    /**
     * Whether the platform's mini-clusters are warm: 204 as soon as they are (at once when they already are), 503
     * with {@code Retry-After} when they are still warming after {@link #READY_AT_MOST}. The starting page asks this.
     * Holds no thread while it waits.
     */
    @GET
    @Path("/ready")
    public CompletionStage<Response> ready() {
        return warmUp.done().thenApply(report -> true).completeOnTimeout(false, READY_AT_MOST.toMillis(),
                TimeUnit.MILLISECONDS).thenApply(warm -> warm ? Response.noContent().build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                        .header("Cache-Control", "no-store").build());
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
