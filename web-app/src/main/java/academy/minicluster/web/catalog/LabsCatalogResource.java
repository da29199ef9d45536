package academy.minicluster.web.catalog;

import academy.minicluster.content.Lesson;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.web.accounts.Viewer;
import academy.minicluster.web.assignments.Due;
import academy.minicluster.web.assignments.LearnerAssignments;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.course.CourseProgress;
import academy.minicluster.web.course.LabProgress;
import academy.minicluster.web.workspace.LabCatalog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /labs}: every published lab, built-in and authored, in the course's order, with its lesson, difficulty and
 * minutes, and for a signed-in learner their best score and the due date when a cohort assigned it. The page a
 * published lab is reachable from, whether or not a lesson lists it.
 */
@Path("/labs")
@PermitAll
public class LabsCatalogResource {

    /**
     * A lab as the catalog lists it.
     *
     * @param lesson   the lesson it belongs to, when it names one the course has
     * @param due      the reader's due date when one of their cohorts assigned it
     */
    public record Entry(String labId, String title, String summary, String difficulty, int minutes,
                        Optional<Lesson> lesson, LabProgress progress, Optional<Due> due) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance catalog(List<Entry> labs, boolean signedIn);
    }

    @Inject
    CourseCatalog course;

    @Inject
    CourseProgress progress;

    @Inject
    LabCatalog labs;

    @Inject
    Viewer viewer;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance catalog() {
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        Optional<Long> accountId = viewer.accountId();
        Map<String, LabProgress> mine = accountId.map(progress::progressOf).orElse(Map.of());
        List<LearnerAssignments.Assigned> assigned = accountId
                .map(id -> LearnerAssignments.of(id, Instant.now())).orElse(List.of());
        List<Entry> entries = course.labOrder(published).stream().flatMap(id -> labs.current(id).stream())
                .map(lab -> entry(lab, published.get(lab.id()), mine, assigned)).toList();
        return Templates.catalog(entries, viewer.isSignedIn());
    }

    private Entry entry(Lab lab, CourseProgress.PublishedLab row, Map<String, LabProgress> mine,
                        List<LearnerAssignments.Assigned> assigned) {
        String lessonId = row != null && row.lessonId() != null ? row.lessonId() : lab.lesson();
        Optional<Lesson> lesson = Optional.ofNullable(lessonId).flatMap(id -> course.course().lesson(id));
        Optional<Due> due = assigned.stream().filter(a -> a.labId().equals(lab.id())).map(a -> a.due())
                .max(java.util.Comparator.comparing(Due::at));
        return new Entry(lab.id(), row == null ? lab.title() : row.title(), lab.summary(),
                lab.difficulty().name(), lab.minutes(), lesson, mine.getOrDefault(lab.id(), LabProgress.none(lab.id())),
                due);
    }
}
