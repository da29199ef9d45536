package academy.minicluster.web.gradebook;

import static academy.minicluster.web.cohorts.InstructorFixtures.ADMIN;
import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static academy.minicluster.web.cohorts.InstructorFixtures.LEARNER;
import static academy.minicluster.web.cohorts.InstructorFixtures.OTHER_INSTRUCTOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.CheckResult;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Verdict;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.AuthoringResource;
import academy.minicluster.web.authoring.AuthoringTestData;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.Forms;
import academy.minicluster.web.cohorts.InstructorFixtures;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.workspace.GradeJson;
import academy.minicluster.web.workspace.LabAttempt;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.WorkspaceReplay;
import academy.minicluster.web.workspace.Workspaces;
import academy.minicluster.labs.lab.Lab;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GradebookResourceTest {

    /** When the cohort's learners joined: before every attempt of the fixtures, so they all count. */
    private static final Instant SUNDAY = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T10:30:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T14:15:00Z");

    @Inject
    InstructorFixtures fixtures;

    @Inject
    AuthoringTestData labs;

    @Inject
    Workspaces workspaces;

    /** A fresh cohort of INSTRUCTOR's per test: two learners with attempts, one without; the other learner outside. */
    private Cohort cohort;
    private String alice;
    private String quoted;
    private String idle;
    private String outsider;
    private Long aliceFirst;
    private Long aliceBest;
    private Long outsiderAttempt;

    @BeforeEach
    void cohortWithAttempts() throws Exception {
        fixtures.everyone();
        String run = Long.toString(System.nanoTime() % 1_000_000_000L);
        alice = "alice-" + run;
        quoted = "pat \"the cat\", jr " + run;
        idle = "idle-" + run;
        outsider = "outsider-" + run;
        for (String learner : List.of(alice, quoted, idle, outsider)) {
            fixtures.account(learner, Role.LEARNER);
        }
        cohort = fixtures.cohort("Gradebook " + run, INSTRUCTOR);
        for (String learner : List.of(alice, quoted, idle)) {
            fixtures.join(cohort.id, learner, SUNDAY);
        }
        aliceFirst = fixtures.attempt(alice, "fix-wrong-selector", 1, 3, 8, failing(), MONDAY);
        aliceBest = fixtures.attempt(alice, "fix-wrong-selector", 1, 8, 8, passing(), TUESDAY);
        fixtures.attempt(alice, "first-clusterip-service", 1, 2, 8, failing(), WEDNESDAY);
        fixtures.attempt(quoted, "fix-wrong-selector", 1, 5, 8, failing(), MONDAY);
        outsiderAttempt = fixtures.attempt(outsider, "fix-wrong-selector", 1, 8, 8, passing(), MONDAY);
    }

    // --- access rules ---

    @Test
    void anonymousVisitorIsNotShownTheGradebook() {
        for (String path : paths()) {
            assertThat(given().redirects().follow(false).get(path).statusCode()).as(path).isIn(401, 302);
        }
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void learnerGetsForbiddenOnEveryGradebookRoute() {
        for (String path : paths()) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    @TestSecurity(user = OTHER_INSTRUCTOR, roles = "instructor")
    void anotherInstructorGetsForbiddenOnThisCohort() {
        for (String path : paths()) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    @TestSecurity(user = ADMIN, roles = "admin")
    void adminSeesEveryRouteOfAnyCohort() {
        for (String path : paths()) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void theCohortsInstructorSeesEveryRoute() {
        for (String path : paths()) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAttemptOfALearnerOutsideTheCohortIsNotFound() {
        assertThat(given().get("/cohorts/" + cohort.id + "/attempts/" + outsiderAttempt).statusCode()).isEqualTo(404);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anUnknownCohortIsNotFound() {
        assertThat(given().get("/cohorts/999999999/gradebook").statusCode()).isEqualTo(404);
    }

    // --- the matrix ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void gradebookShowsEveryMemberAndNoOneElse() {
        Document page = gradebook();

        assertThat(page.select("tbody th[scope=row]").eachText()).containsExactlyInAnyOrder(alice, quoted, idle);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void labsAreColumnsInCourseOrder() {
        assertThat(gradebook().select("thead th[data-lab]").eachAttr("data-lab"))
                .containsExactly("first-clusterip-service", "fix-wrong-selector");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aCellShowsTheBestScoreTheAttemptsAndTheLastActivity() {
        var cell = gradebook().select("tr[data-learner=" + alice + "] td[data-lab=fix-wrong-selector]");

        assertThat(cell.select("a.best").text()).isEqualTo("8/8");
        assertThat(cell.select("a.best").attr("href")).isEqualTo("/cohorts/" + cohort.id + "/attempts/" + aliceBest);
        assertThat(cell.select(".attempts").text()).isEqualTo("2 attempts");
        assertThat(cell.select("time.last").attr("datetime")).isEqualTo(TUESDAY.toString());
        assertThat(cell.select("time.last").text()).isEqualTo("24 Nov 2026, 10:30 UTC");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aLabNotAttemptedSaysSo() {
        assertThat(gradebook().select("tr[data-learner=" + idle + "] td[data-lab=fix-wrong-selector]").text())
                .isEqualTo("not attempted");
    }

    // --- drilling down ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAttemptShowsEachChecksVerdictAndExplanation() {
        Document page = html("/cohorts/" + cohort.id + "/attempts/" + aliceFirst);

        assertThat(page.select("dd.score").text()).isEqualTo("3/8");
        assertThat(page.select("li.check[data-check=endpoints] .verdict").text()).isEqualTo("FAIL");
        assertThat(page.select("li.check[data-check=endpoints] .explanation").text())
                .isEqualTo("Service web has 0 ready endpoints, expected 3: its selector app=wbe matches no pod");
        assertThat(page.select("li.check[data-check=reach] ol.trace li").eachText()).containsExactly(
                "DNS: web.default.svc.cluster.local. -> 10.96.0.10 (Service default/web) PASS",
                "SERVICE: no endpoints (Service default/web) REFUSED");
        assertThat(page.select("ol.other-attempts li")).hasSize(2);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAttemptWhoseResultCannotBeReadStillShowsItsScore() {
        Long broken = fixtures.attempt(alice, "fix-wrong-selector", 1, 4, 8, "not json", WEDNESDAY);

        Document page = html("/cohorts/" + cohort.id + "/attempts/" + broken);

        assertThat(page.select("dd.score").text()).isEqualTo("4/8");
        assertThat(page.select("[role=status]").text()).contains("could not be read");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAttemptGradedAgainstVersionOneStillShowsVersionOneAfterTheLabIsRepublished() throws Exception {
        String lab = "versioned-" + System.nanoTime() % 1_000_000;
        labs.draft(lab, AuthoringResource.withId(labs.starter(), lab), INSTRUCTOR);
        labs.publishTitled(lab, "Alpha edition", INSTRUCTOR);
        Long attempt = fixtures.attempt(alice, lab, 1, 1, 4, passing(), WEDNESDAY);
        labs.publishTitled(lab, "Beta edition", INSTRUCTOR);

        Document page = html("/cohorts/" + cohort.id + "/attempts/" + attempt);

        assertThat(page.select("dd.version").text()).isEqualTo("version 1: Alpha edition");
    }

    // --- CSV ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void csvHasOneRowPerLearnerAndLabWithQuotingWhereNeeded() {
        Response r = given().get("/cohorts/" + cohort.id + "/gradebook.csv").then().statusCode(200).extract().response();

        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).isEqualTo(
                "attachment; filename=\"cohort-" + cohort.id + "-gradebook.csv\"");
        // Issue 15: the CSV has the page's facts (title, assignment, late attempts, hints, time), not only scores.
        String q = "\"" + quoted.replace("\"", "\"\"") + "\"";
        List<String> expected = new java.util.ArrayList<>(List.of(
                "learner,lab,title,assigned,due,best_score,max_score,attempts,late_attempts,hints_used,"
                        + "minutes_spent,last_activity",
                alice + ",first-clusterip-service," + title("first-clusterip-service") + ",no,,2,8,1,0,0,0,"
                        + WEDNESDAY,
                alice + ",fix-wrong-selector," + title("fix-wrong-selector") + ",no,,8,8,2,0,0,10," + TUESDAY,
                idle + ",first-clusterip-service," + title("first-clusterip-service") + ",no,,,,0,0,0,0,",
                idle + ",fix-wrong-selector," + title("fix-wrong-selector") + ",no,,,,0,0,0,0,",
                q + ",first-clusterip-service," + title("first-clusterip-service") + ",no,,,,0,0,0,0,",
                q + ",fix-wrong-selector," + title("fix-wrong-selector") + ",no,,5,8,1,0,0,0," + MONDAY));
        assertThat(r.asString()).isEqualTo(String.join("\r\n", expected) + "\r\n");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyNeedIt() {
        assertThat(Csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""))).isEqualTo(
                "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    // --- assignments (issue 15) ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAssignedLabIsAColumnFirstWithItsTitleAndDueDateEvenWhenNoOneTriedIt() {
        assign("readiness-gates-traffic", "2026-11-20T09:00", "2026-11-30T17:00", "Europe/Paris");

        Document page = gradebook();

        assertThat(page.select("thead th[data-lab]").eachAttr("data-lab")).containsExactly(
                "readiness-gates-traffic", "first-clusterip-service", "fix-wrong-selector");
        assertThat(page.select("thead th[data-lab=readiness-gates-traffic] .lab-title").text())
                .isEqualTo(titleOf("readiness-gates-traffic"));
        // 17:00 in Paris (UTC+1 in November) is 16:00 UTC.
        assertThat(page.select("thead th[data-lab=readiness-gates-traffic] time").attr("datetime"))
                .isEqualTo("2026-11-30T16:00:00Z");
        assertThat(page.select("tr[data-learner=" + alice + "] td[data-lab=readiness-gates-traffic]").text())
                .isEqualTo("not attempted");
        assertThat(page.select("tr[data-assignment=readiness-gates-traffic] td.opens time").attr("datetime"))
                .isEqualTo("2026-11-20T08:00:00Z");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void attemptsAfterTheDueDateAreLateUnlessTheLearnerHasAnExtension() {
        // Due Monday 12:00 UTC: alice's Tuesday attempt is late, her Monday 09:00 one is not; quoted's (Monday
        // 09:00) is on time.
        assign("fix-wrong-selector", "2026-11-20T09:00", "2026-11-23T12:00", "UTC");
        var cell = gradebook().select("tr[data-learner=" + alice + "] td[data-lab=fix-wrong-selector]");
        assertThat(cell.select(".late").text()).isEqualTo("1 late");

        Long assignment = fixtures.assignmentId(cohort.id, "fix-wrong-selector");
        assertThat(Forms.post(gradebookPath(), "/cohorts/" + cohort.id + "/assignments/" + assignment + "/extensions",
                Map.of("learner", Long.toString(fixtures.account(alice, Role.LEARNER)), "due", "2026-11-25T00:00",
                        "zone", "UTC")).statusCode()).isEqualTo(303);

        Document page = gradebook();
        var extended = page.select("tr[data-learner=" + alice + "] td[data-lab=fix-wrong-selector]");
        assertThat(extended.select(".late")).isEmpty();
        assertThat(extended.select(".extended time").attr("datetime")).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(page.select("tr[data-assignment=fix-wrong-selector] .extensions li[data-learner=" + alice + "]"))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void onlyAttemptsMadeWhileAMemberCount() {
        String late = "latecomer-" + System.nanoTime() % 1_000_000;
        fixtures.account(late, Role.LEARNER);
        fixtures.attempt(late, "fix-wrong-selector", 1, 8, 8, "{}", MONDAY);
        fixtures.join(cohort.id, late, TUESDAY);
        fixtures.attempt(late, "fix-wrong-selector", 1, 2, 8, "{}", WEDNESDAY);

        var cell = gradebook().select("tr[data-learner=" + late + "] td[data-lab=fix-wrong-selector]");

        assertThat(cell.select("a.best").text()).isEqualTo("2/8");
        assertThat(cell.select(".attempts").text()).isEqualTo("1 attempt");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void columnHeadingsSortTheRowsByALabsBestScore() {
        Document page = html("/cohorts/" + cohort.id + "/gradebook?sort=lab:fix-wrong-selector&dir=desc");

        assertThat(page.select("tbody th[scope=row]").eachText()).containsExactly(alice, quoted, idle);
        assertThat(page.select("thead th[data-lab=fix-wrong-selector]").attr("aria-sort")).isEqualTo("descending");
        assertThat(page.select("thead th[data-lab=fix-wrong-selector] a").attr("href"))
                .isEqualTo("?sort=lab%3Afix-wrong-selector&dir=asc");
        assertThat(html("/cohorts/" + cohort.id + "/gradebook?sort=lab:fix-wrong-selector&dir=asc")
                .select("tbody th[scope=row]").eachText()).containsExactly(idle, quoted, alice);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void assigningRefusesAnUnpublishedLabAndADueDateBeforeTheOpening() {
        Response unknown = post(Map.of("labId", "no-such-lab", "opens", "2026-11-20T09:00",
                "due", "2026-11-30T09:00"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(unknown.asString()).select("#assignment-error").text())
                .isEqualTo("No lab \"no-such-lab\" is published: publish it before assigning it.");

        Response backwards = post(Map.of("labId", "fix-wrong-selector", "opens", "2026-11-30T09:00",
                "due", "2026-11-20T09:00"));
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(backwards.asString()).select("#assignment-error").text())
                .isEqualTo("The due date must come after the opening date.");

        Response garbled = post(Map.of("labId", "fix-wrong-selector", "opens", "next tuesday",
                "due", "2026-11-20T09:00"));
        assertThat(Jsoup.parse(garbled.asString()).select("#assignment-error").text())
                .isEqualTo("The opening \"next tuesday\" is not a date and time like 2026-12-14T17:00.");
    }

    @Test
    @TestSecurity(user = OTHER_INSTRUCTOR, roles = "instructor")
    void anotherInstructorCannotAssignToThisCohort() {
        // The form comes from a page this instructor may open (their own cohorts); the post targets another's.
        Response r = Forms.post("/cohorts", "/cohorts/" + cohort.id + "/assignments", Map.of("labId",
                "fix-wrong-selector", "opens", "2026-11-20T09:00", "due", "2026-11-30T09:00"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    /**
     * "Check my work" stores its submission by reference to the learner's log (issue 17); the attempt's page shows
     * the same submission as for the same attempt stored as a copy of the log, as checks stored it before.
     */
    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aCheckedAttemptShowsTheSubmissionOfTheLogItGraded() throws Exception {
        long learner = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(alice).orElseThrow().id);
        Lab lab = workspaces.lab("fix-wrong-selector");
        Workspace w = workspaces.resetLab(learner, lab);
        List<LogEntry> log = List.of(LogEntry.command("kubectl get svc <web>"), LogEntry.manifests(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: web # the Service\nspec:\n  ports:\n  - port: 80\n"),
                LogEntry.command("kubectl delete svc nope"));
        log.forEach(e -> workspaces.run(w, e));
        LabAttempt checked = workspaces.check(w, learner);
        workspaces.run(w, LogEntry.command("kubectl get pods"));
        Long copied = fixtures.attempt(alice, "fix-wrong-selector", checked.labVersion, checked.score,
                checked.maxScore, checked.result, WEDNESDAY, GradeJson.submission(WorkspaceReplay.submission(log)));

        Document byReference = html("/cohorts/" + cohort.id + "/attempts/" + checked.id);
        Document copy = html("/cohorts/" + cohort.id + "/attempts/" + copied);

        assertThat(byReference.select(".submission").outerHtml()).isEqualTo(copy.select(".submission").outerHtml());
        assertThat(byReference.select(".submission-part.manifests .tok-comment").text()).isEqualTo("# the Service");
        assertThat(byReference.select(".submission-part.commands code").text())
                .as("the log as it was when checked, not the command run after")
                .isEqualTo("$ kubectl get svc <web> $ kubectl delete svc nope");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anAttemptIsNumberedAmongTheLearnersAttemptsAndItsSubmissionIsHighlighted() throws Exception {
        Long third = fixtures.attempt(alice, "fix-wrong-selector", 1, 4, 8, passing(), WEDNESDAY,
                "[{\"kind\":\"manifests\",\"source\":\"editor\",\"text\":\"apiVersion: v1\\nkind: Service\\n"
                        + "metadata:\\n  name: web # the Service\\nspec:\\n  ports:\\n  - port: 80\"},"
                        + "{\"kind\":\"commands\",\"source\":\"console\",\"text\":\"kubectl get svc <web>\"}]");

        Document page = html("/cohorts/" + cohort.id + "/attempts/" + third);

        assertThat(page.select("h1").text()).isEqualTo(alice + ": " + titleOf("fix-wrong-selector") + ", attempt 3");
        assertThat(page.select(".submission-part.manifests .tok-key").eachText())
                .containsExactly("apiVersion", "kind", "metadata", "name", "spec", "ports", "port");
        assertThat(page.select(".submission-part.manifests .tok-comment").text()).isEqualTo("# the Service");
        assertThat(page.select(".submission-part.manifests .tok-literal").text()).isEqualTo("80");
        assertThat(page.select(".submission-part.manifests code").text()).doesNotContain("\\n");
        assertThat(page.select(".submission-part.commands code").text()).isEqualTo("$ kubectl get svc <web>");
        assertThat(page.select("ol.other-attempts li").eachText()).first().asString().startsWith("Attempt 3: 4/8");
        assertThat(page.select("dd.submitted time").text()).isEqualTo("25 Nov 2026, 14:15 UTC");
    }

    // --- fixtures ---

    private void assign(String lab, String opens, String due, String zone) {
        assertThat(post(Map.of("labId", lab, "opens", opens, "due", due, "zone", zone)).statusCode()).isEqualTo(303);
    }

    private Response post(Map<String, String> fields) {
        return Forms.post(gradebookPath(), "/cohorts/" + cohort.id + "/assignments", fields);
    }

    private String gradebookPath() {
        return "/cohorts/" + cohort.id + "/gradebook";
    }

    private static String titleOf(String labId) {
        try {
            return academy.minicluster.labs.lab.BuiltInLabs.load(labId).orElseThrow().title();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(String labId) {
        return Csv.field(titleOf(labId));
    }

    private List<String> paths() {
        return List.of("/cohorts/" + cohort.id + "/gradebook", "/cohorts/" + cohort.id + "/gradebook.csv",
                "/cohorts/" + cohort.id + "/attempts/" + aliceFirst);
    }

    /** A failing grade as the grader makes it: a state check and a probe with its trace, serialized by Jackson. */
    private static String failing() throws Exception {
        Hop dns = new Hop(Hop.Stage.DNS, "web.default.svc.cluster.local. -> 10.96.0.10",
                List.of(new ObjectRef("Service", "default", "web")), Hop.Verdict.PASS);
        Hop svc = new Hop(Hop.Stage.SERVICE, "no endpoints", List.of(new ObjectRef("Service", "default", "web")),
                Hop.Verdict.REFUSED);
        return new ObjectMapper().writeValueAsString(new GradeResult(3, 8, List.of(
                new CheckResult("port", "Service web offers port 80", Verdict.PASS, 3, 3,
                        "Service web offers port 80", "", List.of()),
                new CheckResult("endpoints", "Service web has 3 ready endpoints", Verdict.FAIL, 0, 2,
                        "Service web has 0 ready endpoints, expected 3: its selector app=wbe matches no pod", "",
                        List.of()),
                new CheckResult("reach", "curl http://web/ answers", Verdict.FAIL, 0, 3,
                        "curl: (7) Failed to connect to web port 80: Connection refused",
                        "curl -sS http://web/", List.of(dns, svc))), List.of()));
    }

    private static String passing() throws Exception {
        return new ObjectMapper().writeValueAsString(new GradeResult(8, 8, List.of(
                new CheckResult("port", "Service web offers port 80", Verdict.PASS, 8, 8,
                        "Service web offers port 80", "", List.of())), List.of()));
    }

    private Document gradebook() {
        return html("/cohorts/" + cohort.id + "/gradebook");
    }

    private static Document html(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
