package academy.minicluster.web.course;

import academy.minicluster.content.CourseModule;
import academy.minicluster.content.Lesson;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.accounts.Viewer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import java.net.URI;
import academy.minicluster.web.assignments.LearnerAssignments;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The course page (modules, lessons, labs, and the signed-in learner's progress) and the lesson pages. Anyone may
 * read; only a signed-in reader's visits are recorded.
 */
@Path("/course")
@PermitAll
public class CourseResource {

    /** A lab as a lesson lists it: linked when published, with the reader's progress. */
    public record LabItem(String id, String title, boolean published, LabProgress progress) {
        public String status() {
            return progress.status().label();
        }

        public String statusClass() {
            return progress.status().cssClass();
        }
    }

    /**
     * A lab one of the learner's cohorts assigned them, as the course page lists it.
     *
     * @param title    the lab's published title (its id when it has none yet)
     * @param progress the learner's best score and attempts
     * @param overdue  the due date has passed and the lab is not done at full marks
     */
    public record AssignedItem(LearnerAssignments.Assigned assigned, String title, LabProgress progress,
                               boolean overdue) {
    }

    /** A lesson as the course page lists it. */
    public record LessonItem(Lesson lesson, boolean read, List<LabItem> labs) {
    }

    /** A module and its lessons. */
    public record ModuleItem(CourseModule module, List<LessonItem> lessons) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance course(List<ModuleItem> modules, boolean signedIn, int lessonsRead,
                                              int lessonCount, List<AssignedItem> assigned);

        static native TemplateInstance lesson(CourseCatalog.RenderedLesson page, Lesson previous, Lesson next,
                                              List<LabItem> labs, boolean signedIn, boolean done);

        static native TemplateInstance notFound(String id);
    }

    @Inject
    CourseCatalog catalog;

    @Inject
    CourseProgress progress;

    @Inject
    Viewer viewer;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance course() {
        Optional<Long> accountId = viewer.accountId();
        Set<String> read = accountId.map(LessonDone::doneBy).orElse(Set.of());
        Map<String, LabProgress> labProgress = accountId.map(progress::progressOf).orElse(Map.of());
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        List<ModuleItem> modules = catalog.course().modules().stream()
                .map(m -> new ModuleItem(m, m.lessons().stream()
                        .map(l -> new LessonItem(l, read.contains(l.id()), labs(l, published, labProgress)))
                        .toList()))
                .toList();
        int lessonCount = catalog.course().lessons().size();
        int lessonsRead = (int) catalog.course().lessons().stream().filter(l -> read.contains(l.id())).count();
        Instant now = Instant.now();
        List<AssignedItem> assigned = accountId.map(id -> LearnerAssignments.of(id, now)).orElse(List.of())
                .stream().map(a -> {
                    LabProgress p = labProgress.getOrDefault(a.labId(), LabProgress.none(a.labId()));
                    CourseProgress.PublishedLab lab = published.get(a.labId());
                    return new AssignedItem(a, lab == null ? a.labId() : lab.title(), p,
                            now.isAfter(a.due().at()) && p.status() != LabProgress.Status.DONE);
                }).toList();
        return Templates.course(modules, viewer.isSignedIn(), lessonsRead, lessonCount, assigned);
    }

    /**
     * A lesson page. For a signed-in reader the visit is recorded and the labs' progress read in one statement
     * ({@link CourseProgress#visitLesson}), which commits on its own: no transaction is opened for the page.
     */
    @GET
    @Path("lessons/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response lesson(@PathParam("id") String id) {
        Optional<CourseCatalog.RenderedLesson> page = catalog.lesson(id);
        if (page.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(id)).build();
        }
        Lesson lesson = page.get().lesson();
        Optional<Long> accountId = viewer.accountId();
        CourseProgress.LessonView view = accountId.isPresent()
                ? progress.visitLesson(accountId.get(), lesson.id())
                : new CourseProgress.LessonView(progress.publishedLabs(), Map.of());
        // Rendered here and sent as UTF-8 bytes: the page is ~19 KB with non-Latin-1 characters, and encoding it in
        // one String.getBytes costs a fraction of the character-by-character copy into the network buffer that a
        // String entity gets. Same bytes, same Content-Type.
        String html = Templates.lesson(page.get(),
                catalog.course().previous(id).orElse(null),
                catalog.course().next(id).orElse(null),
                labs(lesson, view.published(), view.progress()),
                viewer.isSignedIn(), accountId.map(a -> QuarkusTransaction.requiringNew()
                        .call(() -> LessonDone.isDone(a, lesson.id()))).orElse(false)).render();
        // "Vary: Accept" as Qute's response filter adds it to a template entity.
        return Response.ok(html.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.VARY, "Accept").build();
    }

    /** "Mark as done": the learner says they have learnt the lesson (opening it no longer counts). */
    @POST
    @Path("lessons/{id}/done")
    @RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
    @Transactional
    public Response markDone(@PathParam("id") String id) {
        if (catalog.lesson(id).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(id)).build();
        }
        viewer.accountId().ifPresent(a -> LessonDone.mark(a, id));
        return Response.seeOther(URI.create("/course/lessons/" + id + "#lesson-done-status")).build();
    }

    private List<LabItem> labs(Lesson lesson, Map<String, CourseProgress.PublishedLab> published,
                                      Map<String, LabProgress> labProgress) {
        return catalog.labsOf(lesson, published).stream().map(labId -> {
            CourseProgress.PublishedLab lab = published.get(labId);
            return new LabItem(labId, lab == null ? labId : lab.title(), lab != null,
                    labProgress.getOrDefault(labId, LabProgress.none(labId)));
        }).toList();
    }
}
