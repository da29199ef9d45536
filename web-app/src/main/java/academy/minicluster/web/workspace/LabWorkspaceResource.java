package academy.minicluster.web.workspace;

import academy.minicluster.content.Lesson;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.web.assignments.Due;
import academy.minicluster.web.assignments.NumberedAttempt;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.course.CourseProgress;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.SafeMarkdown;
import io.agroal.api.AgroalDataSource;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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
    LabCatalog labs;

    @Inject
    CourseCatalog course;

    @Inject
    CourseProgress progress;

    @Inject
    AgroalDataSource dataSource;

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
        // Each read once, in four statements (the page is one of the learners' most frequent requests): the
        // published labs (the current version, the way on), the workspace with the hints revealed and the editor's
        // draft, what the page shows of its log (its length, the cached cluster's key; the transcript's outputs; the
        // console's history; the last YAML applied), and the due date with the attempts and the newest two's results.
        // None reads more of the log than the page shows, so a long log costs no more than a short one.
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        Lab current = current(labId, published);
        Optional<Response> warming = starting.whileWarming(fetchDestination, uri,
                StartingPage.Opening.lab(current.title()));
        if (warming.isPresent()) {
            return warming.get();
        }
        long me = workspaces.myId();
        WorkspaceLog.AtLab at = workspaces.atLab(me, current);
        Workspace w = at.workspace();
        Lab lab = workspaces.labOf(w, current);
        WorkspaceViews.Prefill editor = new WorkspaceViews.Prefill(at.draft().orElse(null), null);
        ShownLog log = workspaces.shownLog(w, editor);
        int revealed = at.revealedHints();
        // The last result is shown again after a reload, in the Results pane, as it was when checked.
        NumberedAttempt.AtLab attempted = NumberedAttempt.atLab(dataSource, me, labId, 2);
        Optional<Due> due = attempted.due();
        List<NumberedAttempt> history = attempted.history();
        List<LabAttempt> newest = LabAttempt.newestTwo(me, labId, attempted);
        Optional<LabAttempt> last = newest.stream().findFirst();
        WorkspaceViews.ClusterLook look = workspaces.lookAt(w, log.length(), WorkspaceViews.ClusterLook::of);
        String html = Templates.lab(lab, w, tasksHtml(lab), hints(revealed, lab), Question.of(lab),
                WorkspaceViews.panels(w, log, workspaces.transcript(w, log), editor, look.prompt()),
                WorkspaceViews.topology(w.id, look.drawn(), false),
                last.map(a -> WorkspaceViews.grade(a, current, current.feedback(), new WorkspaceViews.Seen(revealed,
                        failedUpTo(history, a), newest.size() > 1 ? GradeJson.errors(newest.get(1).result)
                        : List.of()))).orElse(""),
                last.map(a -> a.score + "/" + a.maxScore).orElse(""),
                attempts(lab, history, due, published, false)).render();
        // Rendered here and sent as UTF-8 bytes (see WorkspaceViews.html; ~100 KB), with the "Vary: Accept" Qute's
        // response filter adds to a template entity.
        return Response.fromResponse(WorkspaceViews.html(html)).header(HttpHeaders.VARY, "Accept").build();
    }

    /** The lab's current version: the newest published one (read with the others), else the built-in lab. */
    private Lab current(String labId, Map<String, CourseProgress.PublishedLab> published) {
        CourseProgress.PublishedLab p = published.get(labId);
        return (p == null ? Optional.<Lab>empty() : labs.published(labId, p.version()))
                .orElseGet(() -> workspaces.lab(labId));
    }

    /** How many of {@code history}'s attempts up to {@code attempt} missed full marks ({@link LabAttempt#failedUpTo}). */
    private static long failedUpTo(List<NumberedAttempt> history, LabAttempt attempt) {
        return history.stream().filter(a -> a.id() <= attempt.id && a.score() < a.maxScore()).count();
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
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        Lab lab = current(labId, published);
        long me = workspaces.myId();
        // The workspace, its log's length and the hints revealed in one statement; the attempt's insert reads the
        // learner's attempts at the lab and the errors of the one before (Workspaces.check: nothing of the log is
        // read when the cluster is cached).
        WorkspaceLog.ToCheck at = workspaces.toCheck(me, lab);
        Workspace w = at.workspace();
        Workspaces.Checked checked = workspaces.check(w, at.logLength(), me, Question.answers(lab, questions, answers),
                workspaces.labOf(w, lab));
        LabAttempt attempt = checked.attempt();
        if (htmx == null) {
            return Response.seeOther(URI.create("/labs/" + labId + "/attempts/" + attempt.id)).build();
        }
        NumberedAttempt.AtLab attempted = NumberedAttempt.atLab(dataSource, me, labId, 0);
        Optional<Due> due = attempted.due();
        List<NumberedAttempt> history = attempted.history();
        return WorkspaceViews.html(WorkspaceViews.grade(attempt, lab, lab.feedback(), new WorkspaceViews.Seen(
                at.revealedHints(), failedUpTo(history, attempt), checked.errorsBefore()))
                + attempts(lab, history, due, published, true));
    }

    @GET
    @Path("/attempts/{attemptId}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance attempt(@PathParam("labId") String labId, @PathParam("attemptId") long attemptId) {
        long me = workspaces.myId();
        LabAttempt a = LabAttempt.owned(attemptId, me).filter(x -> x.labId.equals(labId))
                .orElseThrow(() -> new NotFoundException("No attempt " + attemptId));
        Lab lab = workspaces.lab(labId);
        NumberedAttempt.AtLab attempted = NumberedAttempt.atLab(dataSource, me, labId, 0);
        Optional<Due> due = attempted.due();
        List<NumberedAttempt> history = attempted.history();
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
        return hints(RevealedHint.revealedCount(accountId, lab.id()), lab);
    }

    /** The hints pane, {@code revealed} hints shown. */
    private static String hints(int revealed, Lab lab) {
        int count = Math.min(revealed, lab.hints().size());
        return Templates.hints(lab, lab.hints().subList(0, count).stream()
                .map(hint -> HINTS.computeIfAbsent(hint, SafeMarkdown::render)).toList()).render();
    }

    /** The learner's attempts, numbered 1, 2, 3 and marked late after their due date, and where to go next. */
    private String attempts(Lab lab, List<NumberedAttempt> history, Optional<Due> due,
                            Map<String, CourseProgress.PublishedLab> published, boolean oob) {
        return Templates.attempts(lab.id(), history, oob, wayOn(lab, history, due, published)).render();
    }

    private WayOn wayOn(Lab lab, List<NumberedAttempt> history, Optional<Due> due) {
        return wayOn(lab, history, due, progress.publishedLabs());
    }

    private WayOn wayOn(Lab lab, List<NumberedAttempt> history, Optional<Due> due,
                        Map<String, CourseProgress.PublishedLab> published) {
        String lessonId = Optional.ofNullable(published.get(lab.id())).map(CourseProgress.PublishedLab::lessonId)
                .orElse(lab.lesson());
        return new WayOn(Optional.ofNullable(lessonId).flatMap(id -> course.course().lesson(id)),
                course.nextLab(lab.id(), published).map(published::get),
                history.stream().anyMatch(NumberedAttempt::fullMarks), due);
    }
}
