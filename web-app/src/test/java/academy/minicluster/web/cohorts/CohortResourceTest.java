package academy.minicluster.web.cohorts;

import static academy.minicluster.web.cohorts.InstructorFixtures.ADMIN;
import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static academy.minicluster.web.cohorts.InstructorFixtures.LEARNER;
import static academy.minicluster.web.cohorts.InstructorFixtures.OTHER_INSTRUCTOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CohortResourceTest {

    @Inject
    InstructorFixtures fixtures;

    @BeforeEach
    void accounts() {
        fixtures.everyone();
    }

    @Test
    void anonymousVisitorIsNotShownCohortsOrTheJoinForm() {
        for (String path : new String[] {"/cohorts", "/join"}) {
            assertThat(given().redirects().follow(false).get(path).statusCode()).as(path).isIn(401, 302);
        }
        for (String path : new String[] {"/cohorts", "/join"}) {
            assertThat(given().redirects().follow(false).formParam("name", "x").formParam("code", "x").post(path)
                    .statusCode()).as(path).isIn(400, 401, 302, 403);
        }
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void learnerGetsForbiddenOnCohorts() {
        assertThat(given().get("/cohorts").statusCode()).isEqualTo(403);
        assertThat(Forms.post("/join", "/cohorts", Map.of("name", "mine")).statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void instructorCreatesACohortWithAGeneratedJoinCode() {
        Response r = Forms.post("/cohorts", "/cohorts", Map.of("name", "Networking, spring term"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).matches(".*/cohorts/\\d+/gradebook");
        Document list = html("/cohorts");
        assertThat(list.select("table.cohorts th").eachText()).contains("Networking, spring term");
        assertThat(list.select("code.join-code").eachText()).allMatch(code -> code.matches("[A-HJKMNP-Z2-9]{8}"));
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aCohortNeedsAName() {
        Response r = Forms.post("/cohorts", "/cohorts", Map.of("name", "   "));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#cohort-error").text()).isEqualTo("Give the cohort a name.");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void instructorSeesOnlyTheirOwnCohorts() {
        Cohort mine = fixtures.cohort("Mine " + System.nanoTime(), INSTRUCTOR);
        Cohort theirs = fixtures.cohort("Theirs " + System.nanoTime(), OTHER_INSTRUCTOR);

        Document list = html("/cohorts");

        assertThat(list.select("tr[data-cohort=" + mine.id + "]")).hasSize(1);
        assertThat(list.select("tr[data-cohort=" + theirs.id + "]")).isEmpty();
    }

    @Test
    @TestSecurity(user = ADMIN, roles = "admin")
    void adminSeesEveryCohort() {
        Cohort a = fixtures.cohort("A " + System.nanoTime(), INSTRUCTOR);
        Cohort b = fixtures.cohort("B " + System.nanoTime(), OTHER_INSTRUCTOR);

        Document list = html("/cohorts");

        assertThat(list.select("tr[data-cohort=" + a.id + "]")).hasSize(1);
        assertThat(list.select("tr[data-cohort=" + b.id + "]")).hasSize(1);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void learnerJoinsWithTheCodeTypedInLowerCaseWithADash() {
        Cohort cohort = fixtures.cohort("Joinable " + System.nanoTime(), INSTRUCTOR);
        String typed = cohort.joinCode.substring(0, 4).toLowerCase() + "-" + cohort.joinCode.substring(4).toLowerCase();

        Response r = Forms.post("/join", "/join", Map.of("code", typed));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(r.asString()).select("#joined").text())
                .isEqualTo("You joined the cohort " + cohort.name + ". Your instructor now sees your lab attempts.");
        assertThat(fixtures.isMember(cohort.id, LEARNER)).isTrue();
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void joiningTwiceKeepsOneMembership() {
        Cohort cohort = fixtures.cohort("Twice " + System.nanoTime(), INSTRUCTOR);

        Forms.post("/join", "/join", Map.of("code", cohort.joinCode));
        Response again = Forms.post("/join", "/join", Map.of("code", cohort.joinCode));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(fixtures.memberCount(cohort.id)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anUnknownCodeIsAClearError() {
        Response r = Forms.post("/join", "/join", Map.of("code", "NOPE-CODE"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(r.asString()).select("#join-error").text()).isEqualTo(
                "No cohort has the join code \"NOPE-CODE\". Check it with your instructor: codes are 8 letters and "
                        + "digits, like K7M2-PQ9X.");
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anEmptyCodeIsAClearError() {
        Response r = Forms.post("/join", "/join", Map.of("code", " "));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#join-error").text())
                .isEqualTo("Enter the join code your instructor gave you.");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void theJoinFormIsForLearners() {
        assertThat(given().get("/join").statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void theJoinFormHasALabelledCodeField() {
        Document page = html("/join");

        assertThat(page.select("label[for=join-code]").text()).isEqualTo("Join code");
        assertThat(page.select("input#join-code[name=code]")).hasSize(1);
    }

    private static Document html(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
