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
import academy.minicluster.net.dataplane.Hop;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.AuthoringResource;
import academy.minicluster.web.authoring.AuthoringTestData;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.InstructorFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GradebookResourceTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T10:30:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T14:15:00Z");

    @Inject
    InstructorFixtures fixtures;

    @Inject
    AuthoringTestData labs;

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
            fixtures.join(cohort.id, learner);
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
        assertThat(gradebook().select("thead th code").eachText())
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
        assertThat(page.select("ul.other-attempts li")).hasSize(2);
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
        List<String> expected = new java.util.ArrayList<>(List.of(
                "learner,lab,best_score,max_score,attempts,last_activity",
                alice + ",first-clusterip-service,2,8,1," + WEDNESDAY,
                alice + ",fix-wrong-selector,8,8,2," + TUESDAY,
                idle + ",first-clusterip-service,,,0,",
                idle + ",fix-wrong-selector,,,0,",
                "\"" + quoted.replace("\"", "\"\"") + "\",first-clusterip-service,,,0,",
                "\"" + quoted.replace("\"", "\"\"") + "\",fix-wrong-selector,5,8,1," + MONDAY));
        assertThat(r.asString()).isEqualTo(String.join("\r\n", expected) + "\r\n");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyNeedIt() {
        assertThat(Csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""))).isEqualTo(
                "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    // --- fixtures ---

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
