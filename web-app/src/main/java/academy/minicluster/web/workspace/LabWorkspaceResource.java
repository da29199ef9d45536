package academy.minicluster.web.workspace;

import academy.minicluster.content.Lesson;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.web.assignments.Due;
import academy.minicluster.web.assignments.LearnerAssignments;
import academy.minicluster.web.assignments.NumberedAttempt;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.course.CourseProgress;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.SafeMarkdown;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The lab workspace, the page learners live in: the tasks and hints, the editor and console on their own cluster,
 * the cluster drawn live, "Check my work" with each check's verdict, explanation and trace, attempt history, reset.
 */
@Path("/labs/{labId}")
@RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class LabWorkspaceResource {

    /**
     * Labs' tasks as HTML, keyed by their Markdown: rendered once per server for each text ever shown (a published
     * version never changes; a built-in lab edited without a new version number is another text, rendered anew).
     * A few KB per lab version. Rendered by {@link SafeMarkdown}, as the author's preview is: a lab's text comes from
     * any instructor, so its raw HTML is escaped and {@code javascript:} links are dropped.
     */
    private static final Map<String, String> TASKS = new ConcurrentHashMap<>();
    /** Labs' hints as HTML, keyed by their Markdown, rendered once per server as {@link #TASKS} are. */
    private static final Map<String, String> HINTS = new ConcurrentHashMap<>();

    @Inject
    Workspaces workspaces;

    @Inject
    CourseCatalog course;

    @Inject
    CourseProgress progress;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lab(Lab lab, Workspace workspace, String tasksHtml, String hints,
                                           List<Question> questions, String panels, String topology,
                                           String results, String lastScore, String attempts);

        /** {@code revealed}: the hints shown so far, as HTML ({@link SafeMarkdown}). */
        static native TemplateInstance hints(Lab lab, List<String> revealed);

        static native TemplateInstance attempts(String labId, List<NumberedAttempt> attempts, boolean oob,
                                                WayOn wayOn);

        static native TemplateInstance attempt(Lab lab, NumberedAttempt attempt, String grade, WayOn wayOn);
    }

    /**
     * Where a learner goes from a lab: back to its lesson, and on to the next lab once this one is done at full
     * marks; and the lab's due date when a cohort of theirs assigned it.
     */
    public record WayOn(Optional<Lesson> lesson, Optional<CourseProgress.PublishedLab> next, boolean fullMarks,
                        Optional<Due> due) {
        public boolean showNext() {
            return fullMarks && next.isPresent();
        }
    }

    @Inject
    StartingPage starting;

    /**
     * The lab's workspace; in the first seconds after a start, while the mini-clusters warm, a browser gets the
     * {@link StartingPage} (an unknown lab is still a 404 at once), which opens the lab when they are warm.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("labId") String labId, @HeaderParam("Sec-Fetch-Dest") String fetchDestination,
                         @Context UriInfo uri) {
        Lab current = workspaces.lab(labId);
        Optional<Response> warming = starting.whileWarming(fetchDestination, uri,
                StartingPage.Opening.lab(current.title()));
        if (warming.isPresent()) {
            return warming.get();
        }
        long me = workspaces.myId();
        Workspace w = workspaces.forLab(me, current);
        Lab lab = workspaces.labOf(w);
        List<LogEntry> log = workspaces.log(w);
        // The last result is shown again after a reload, in the Results pane, as it was when checked.
        Optional<LabAttempt> last = LabAttempt.latest(me, labId);
        WorkspaceViews.ClusterLook look = workspaces.view(w, WorkspaceViews.ClusterLook::of);
        return Response.ok(Templates.lab(lab, w, tasksHtml(lab), hints(me, lab), Question.of(lab),
                WorkspaceViews.panels(w, log, workspaces.transcript(w, log), workspaces.draft(me, w), look.prompt()),
                WorkspaceViews.topology(w.id, look.topology(), false),
                last.map(a -> WorkspaceViews.grade(a, current, current.feedback())).orElse(""),
                last.map(a -> a.score + "/" + a.maxScore).orElse(""),
                attempts(me, lab, false))).build();
    }

    @POST
    @Path("/hints")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response revealHint(@PathParam("labId") String labId, @HeaderParam("HX-Request") String htmx) {
        Lab lab = workspaces.lab(labId);
        long me = workspaces.myId();
        int next = RevealedHint.revealedCount(me, labId);
        if (next < lab.hints().size()) {
            RevealedHint.reveal(me, labId, next);
        }
        if (htmx == null) {
            return Response.seeOther(URI.create("/labs/" + labId + "#hints")).build();
        }
        return Response.ok(hints(me, lab)).build();
    }

    @POST
    @Path("/check")
    @Produces(MediaType.TEXT_HTML)
    public Response check(@PathParam("labId") String labId, @HeaderParam("HX-Request") String htmx,
                          @RestForm("question") List<String> questions, @RestForm("answer") List<String> answers) {
        Lab lab = workspaces.lab(labId);
        long me = workspaces.myId();
        Workspace w = workspaces.forLab(me, lab);
        LabAttempt attempt = workspaces.check(w, me, Question.answers(lab, questions, answers));
        if (htmx == null) {
            return Response.seeOther(URI.create("/labs/" + labId + "/attempts/" + attempt.id)).build();
        }
        return Response.ok(WorkspaceViews.grade(attempt, lab, lab.feedback()) + attempts(me, lab, true)).build();
    }

    @GET
    @Path("/attempts/{attemptId}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance attempt(@PathParam("labId") String labId, @PathParam("attemptId") long attemptId) {
        long me = workspaces.myId();
        LabAttempt a = LabAttempt.owned(attemptId, me).filter(x -> x.labId.equals(labId))
                .orElseThrow(() -> new NotFoundException("No attempt " + attemptId));
        Lab lab = workspaces.lab(labId);
        Optional<Due> due = LearnerAssignments.dueFor(me, labId, Instant.now());
        List<NumberedAttempt> history = NumberedAttempt.history(me, labId, due);
        return Templates.attempt(lab, NumberedAttempt.find(history, a.id).orElseThrow(),
                WorkspaceViews.grade(a, lab, lab.feedback()), wayOn(lab, history, due));
    }

    @POST
    @Path("/reset")
    public Response reset(@PathParam("labId") String labId) {
        Lab lab = workspaces.lab(labId);
        workspaces.resetLab(workspaces.myId(), lab);
        return Response.seeOther(URI.create("/labs/" + labId)).build();
    }

    /** The lab's tasks as HTML: rendered at the first request for its text, then kept (see {@link #TASKS}). */
    static String tasksHtml(Lab lab) {
        return TASKS.computeIfAbsent(lab.tasks(), SafeMarkdown::render);
    }

    private static String hints(long accountId, Lab lab) {
        int count = Math.min(RevealedHint.revealedCount(accountId, lab.id()), lab.hints().size());
        return Templates.hints(lab, lab.hints().subList(0, count).stream()
                .map(hint -> HINTS.computeIfAbsent(hint, SafeMarkdown::render)).toList()).render();
    }

    /** The learner's attempts, numbered 1, 2, 3 and marked late after their due date, and where to go next. */
    private String attempts(long accountId, Lab lab, boolean oob) {
        Optional<Due> due = LearnerAssignments.dueFor(accountId, lab.id(), Instant.now());
        List<NumberedAttempt> history = NumberedAttempt.history(accountId, lab.id(), due);
        return Templates.attempts(lab.id(), history, oob, wayOn(lab, history, due)).render();
    }

    private WayOn wayOn(Lab lab, List<NumberedAttempt> history, Optional<Due> due) {
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        String lessonId = Optional.ofNullable(published.get(lab.id())).map(CourseProgress.PublishedLab::lessonId)
                .orElse(lab.lesson());
        return new WayOn(Optional.ofNullable(lessonId).flatMap(id -> course.course().lesson(id)),
                course.nextLab(lab.id(), published).map(published::get),
                history.stream().anyMatch(NumberedAttempt::fullMarks), due);
    }
}
