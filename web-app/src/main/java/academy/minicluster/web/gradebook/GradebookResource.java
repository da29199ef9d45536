package academy.minicluster.web.gradebook;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.assignments.Assignment;
import academy.minicluster.web.assignments.Due;
import academy.minicluster.web.assignments.Extension;
import academy.minicluster.web.assignments.NumberedAttempt;
import academy.minicluster.web.authoring.LabVersion;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.CohortMember;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.course.CourseProgress;
import academy.minicluster.web.cohorts.CurrentAccount;
import academy.minicluster.web.workspace.GradeView;
import academy.minicluster.web.workspace.LabAttempt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A cohort's gradebook for its instructor (or an admin): the labs assigned to it (with opening and due dates and
 * per-learner extensions), learners × labs, the CSV export, and any attempt of a member with its explanations. Another instructor's cohort is refused (403), as is everything here for learners.
 */
@Path("/cohorts/{cohortId}")
@RolesAllowed({Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class GradebookResource {

    /** Reads the log an attempt of "Check my work" refers to for its submission (see LabAttempt#submissionText). */
    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurrentAccount current;

    @Inject
    CourseCatalog course;

    @Inject
    CourseProgress progress;

    /** An assignment as the cohort page lists it, with its learners' extensions. */
    public record AssignmentRow(Assignment assignment, String title, List<ExtensionRow> extensions) {
    }

    /** One learner's extension. */
    public record ExtensionRow(String learner, Instant due) {
    }

    /** A learner of the cohort, for the extension form's list. */
    public record Member(Long accountId, String username) {
    }

    /** A published lab the instructor may assign. */
    public record Assignable(String labId, String title) {
    }

    /** What the assignment forms show again after a mistake: the message and the values typed. */
    public record FormState(String error, String labId, String opens, String due) {
        static final FormState EMPTY = new FormState(null, "", "", "");
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance gradebook(Cohort cohort, Gradebook book, List<AssignmentRow> assignments,
                                                 List<Assignable> assignable, List<Member> members, FormState form);

        static native TemplateInstance attempt(Cohort cohort, GradebookAttempt attempt, String learner,
                                               String versionTitle, AttemptResult result,
                                               List<SubmissionParts.Part> submission, NumberedAttempt numbered,
                                               String labTitle, List<NumberedAttempt> others);
    }

    @GET
    @Path("gradebook")
    @Produces("text/html")
    @Transactional
    public TemplateInstance gradebook(@PathParam("cohortId") long cohortId, @RestQuery String sort,
                                      @RestQuery String dir) {
        Cohort cohort = yourCohort(cohortId);
        return page(cohort, Gradebook.Sort.parse(sort, dir), FormState.EMPTY);
    }

    @GET
    @Path("gradebook.csv")
    @Produces("text/csv; charset=UTF-8")
    @Transactional
    public Response csv(@PathParam("cohortId") long cohortId, @RestQuery String sort, @RestQuery String dir) {
        Cohort cohort = yourCohort(cohortId);
        return Response.ok(book(cohort, Gradebook.Sort.parse(sort, dir)).csv())
                .header("Content-Disposition", "attachment; filename=\"cohort-" + cohort.id + "-gradebook.csv\"")
                .build();
    }

    /**
     * Assigns a published lab to the cohort, or moves an assigned lab's dates. The dates are typed in the
     * instructor's time zone ({@code zone}, sent by the page's script; UTC without it).
     */
    @POST
    @Path("assignments")
    @Consumes("application/x-www-form-urlencoded")
    @Produces("text/html")
    @Transactional
    public Response assign(@PathParam("cohortId") long cohortId, @RestForm String labId, @RestForm String opens,
                           @RestForm String due, @RestForm String zone) {
        Cohort cohort = yourCohort(cohortId);
        String lab = labId == null ? "" : labId.strip();
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        try {
            if (!published.containsKey(lab)) {
                throw new IllegalArgumentException(lab.isEmpty() ? "Choose a lab to assign."
                        : "No lab \"" + lab + "\" is published: publish it before assigning it.");
            }
            ZoneId z = DateField.zone(zone);
            Assignment.assign(cohort.id, lab, new Assignment.Window(DateField.parse("opening", opens, z),
                    DateField.parse("due", due, z)));
        } catch (IllegalArgumentException e) {
            return Response.status(422).entity(page(cohort, Gradebook.Sort.DEFAULT,
                    new FormState(e.getMessage(), lab, opens == null ? "" : opens, due == null ? "" : due))).build();
        }
        return Response.seeOther(URI.create("/cohorts/" + cohort.id + "/gradebook#assignments")).build();
    }

    /** Gives one learner of the cohort a later (or earlier) due date for one assignment. */
    @POST
    @Path("assignments/{assignmentId}/extensions")
    @Consumes("application/x-www-form-urlencoded")
    @Produces("text/html")
    @Transactional
    public Response extend(@PathParam("cohortId") long cohortId, @PathParam("assignmentId") long assignmentId,
                           @RestForm Long learner, @RestForm String due, @RestForm String zone) {
        Cohort cohort = yourCohort(cohortId);
        Assignment assignment = assignmentOf(cohort, assignmentId);
        try {
            if (learner == null || !cohort.hasMember(learner)) {
                throw new IllegalArgumentException("Choose a learner of this cohort.");
            }
            Instant at = DateField.parse("extended due", due, DateField.zone(zone));
            if (!at.isAfter(assignment.opensAt)) {
                throw new IllegalArgumentException("The extended due date must come after the lab opens.");
            }
            Extension.grant(assignment.id, learner, at);
        } catch (IllegalArgumentException e) {
            return Response.status(422).entity(page(cohort, Gradebook.Sort.DEFAULT,
                    new FormState(e.getMessage(), "", "", ""))).build();
        }
        return Response.seeOther(URI.create("/cohorts/" + cohort.id + "/gradebook#assignments")).build();
    }

    /** Takes an assignment back (its extensions go with it; attempts stay). */
    @POST
    @Path("assignments/{assignmentId}/remove")
    @Transactional
    public Response unassign(@PathParam("cohortId") long cohortId, @PathParam("assignmentId") long assignmentId) {
        Cohort cohort = yourCohort(cohortId);
        assignmentOf(cohort, assignmentId).delete();
        return Response.seeOther(URI.create("/cohorts/" + cohort.id + "/gradebook#assignments")).build();
    }

    /** One attempt of a member of the cohort: score, each check's verdict and explanation, and probe traces. */
    @GET
    @Path("attempts/{attemptId}")
    @Produces("text/html")
    @Transactional
    public TemplateInstance attempt(@PathParam("cohortId") long cohortId, @PathParam("attemptId") long attemptId) {
        Cohort cohort = yourCohort(cohortId);
        GradebookAttempt attempt = GradebookAttempt.<GradebookAttempt>findByIdOptional(attemptId)
                .filter(a -> cohort.hasMember(a.accountId))
                .orElseThrow(() -> new NotFoundException("No attempt " + attemptId + " by a learner of this cohort."));
        Account learner = Account.findById(attempt.accountId);
        String versionTitle = LabVersion.find(attempt.labId, attempt.labVersion).map(v -> v.title).orElse(null);
        Optional<Due> due = Assignment.of(cohort.id, attempt.labId).map(a -> a.dueFor(attempt.accountId));
        List<NumberedAttempt> history = NumberedAttempt.history(attempt.accountId, attempt.labId, due);
        CourseProgress.PublishedLab lab = progress.publishedLabs().get(attempt.labId);
        AttemptResult stored = AttemptResult.parse(attempt.result, attempt.score, attempt.maxScore);
        // The errors of this attempt's own round of work, as the learner was shown them (issue 15).
        AttemptResult result = new AttemptResult(stored.score(), stored.max(), stored.checks(),
                GradeView.newErrors(stored.errors(), LabAttempt.errorsBefore(attempt.accountId, attempt.labId,
                        attempt.id)), stored.readable());
        return Templates.attempt(cohort, attempt, learner == null ? "" : learner.username, versionTitle,
                result,
                SubmissionParts.of(LabAttempt.submissionText(dataSource, attempt.submission, attempt.workspaceId,
                        attempt.logLength, attempt.answers)), NumberedAttempt.find(history, attempt.id).orElseThrow(),
                lab == null ? attempt.labId : lab.title(), history);
    }

    private TemplateInstance page(Cohort cohort, Gradebook.Sort sort, FormState form) {
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        List<Member> members = CohortMember.<CohortMember>list("cohortId", cohort.id).stream()
                .map(m -> new Member(m.accountId, Account.<Account>findById(m.accountId).username))
                .sorted(java.util.Comparator.comparing(Member::username)).toList();
        Map<Long, String> names = new java.util.HashMap<>();
        members.forEach(m -> names.put(m.accountId(), m.username()));
        List<AssignmentRow> assignments = Assignment.ofCohort(cohort.id).stream()
                .map(a -> new AssignmentRow(a, title(published, a.labId), Extension.ofAssignment(a.id).stream()
                        .map(e -> new ExtensionRow(names.getOrDefault(e.accountId, "#" + e.accountId), e.dueAt))
                        .toList()))
                .toList();
        List<Assignable> assignable = course.labOrder(published).stream()
                .map(id -> new Assignable(id, published.get(id).title())).toList();
        return Templates.gradebook(cohort, book(cohort, sort), assignments, assignable, members, form);
    }

    private Gradebook book(Cohort cohort, Gradebook.Sort sort) {
        Map<String, CourseProgress.PublishedLab> published = progress.publishedLabs();
        return Gradebook.of(cohort.id, id -> title(published, id), course.labOrder(published), sort);
    }

    private static String title(Map<String, CourseProgress.PublishedLab> published, String labId) {
        CourseProgress.PublishedLab lab = published.get(labId);
        return lab == null ? labId : lab.title();
    }

    private static Assignment assignmentOf(Cohort cohort, long assignmentId) {
        return Assignment.<Assignment>findByIdOptional(assignmentId).filter(a -> a.cohortId.equals(cohort.id))
                .orElseThrow(() -> new NotFoundException("No assignment " + assignmentId + " in this cohort."));
    }

    private Cohort yourCohort(long cohortId) {
        Cohort cohort = Cohort.<Cohort>findByIdOptional(cohortId)
                .orElseThrow(() -> new NotFoundException("No cohort " + cohortId + "."));
        if (!current.owns(cohort.instructorId)) {
            throw new ForbiddenException("Cohort " + cohortId + " is another instructor's.");
        }
        return cohort;
    }
}
