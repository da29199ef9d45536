package academy.minicluster.web.gradebook;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.LabVersion;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.CurrentAccount;
import academy.minicluster.web.workspace.GradeView;
import academy.minicluster.web.workspace.LabAttempt;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A cohort's gradebook for its instructor (or an admin): learners × labs, the CSV export, and any attempt of a
 * member with its explanations. Another instructor's cohort is refused (403), as is everything here for learners.
 */
@Path("/cohorts/{cohortId}")
@RolesAllowed({Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class GradebookResource {

    @Inject
    CurrentAccount current;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance gradebook(Cohort cohort, Gradebook book);

        static native TemplateInstance attempt(Cohort cohort, GradebookAttempt attempt, String learner,
                                               String versionTitle, AttemptResult result,
                                               List<GradebookAttempt> others);
    }

    @GET
    @Path("gradebook")
    @Produces("text/html")
    public TemplateInstance gradebook(@PathParam("cohortId") long cohortId) {
        Cohort cohort = yourCohort(cohortId);
        return Templates.gradebook(cohort, Gradebook.of(cohort.id));
    }

    @GET
    @Path("gradebook.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response csv(@PathParam("cohortId") long cohortId) {
        Cohort cohort = yourCohort(cohortId);
        return Response.ok(Gradebook.of(cohort.id).csv())
                .header("Content-Disposition", "attachment; filename=\"cohort-" + cohort.id + "-gradebook.csv\"")
                .build();
    }

    /** One attempt of a member of the cohort: score, each check's verdict and explanation, and probe traces. */
    @GET
    @Path("attempts/{attemptId}")
    @Produces("text/html")
    public TemplateInstance attempt(@PathParam("cohortId") long cohortId, @PathParam("attemptId") long attemptId) {
        Cohort cohort = yourCohort(cohortId);
        GradebookAttempt attempt = GradebookAttempt.<GradebookAttempt>findByIdOptional(attemptId)
                .filter(a -> cohort.hasMember(a.accountId))
                .orElseThrow(() -> new NotFoundException("No attempt " + attemptId + " by a learner of this cohort."));
        Account learner = Account.findById(attempt.accountId);
        String versionTitle = LabVersion.find(attempt.labId, attempt.labVersion).map(v -> v.title).orElse(null);
        AttemptResult stored = AttemptResult.parse(attempt.result, attempt.score, attempt.maxScore);
        // The errors of this attempt's own round of work, as the learner was shown them (issue 15).
        AttemptResult result = new AttemptResult(stored.score(), stored.max(), stored.checks(),
                GradeView.newErrors(stored.errors(), LabAttempt.errorsBefore(attempt.accountId, attempt.labId,
                        attempt.id)), stored.readable());
        return Templates.attempt(cohort, attempt, learner == null ? "" : learner.username, versionTitle, result,
                GradebookAttempt.of(attempt.accountId, attempt.labId));
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
