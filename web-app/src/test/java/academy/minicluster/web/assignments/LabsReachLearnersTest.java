package academy.minicluster.web.assignments;

import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.AuthoringResource;
import academy.minicluster.web.authoring.AuthoringTestData;
import academy.minicluster.web.authoring.LabVersion;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.InstructorFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 5: a published lab reaches learners. The catalog lists built-in and published labs, a cohort's
 * assignment shows on its learners' course page with its due date, attempts are numbered 1, 2, 3 and marked late
 * after the due date, and full marks offer the next lab. Real HTTP, the embedded PostgreSQL.
 */
@QuarkusTest
class LabsReachLearnersTest {

    /** This class's learner: its own, so other tests' attempts do not change its numbers. */
    static final String ASA = "asa.assigned";

    @Inject
    InstructorFixtures fixtures;

    @Inject
    AuthoringTestData labs;

    @BeforeEach
    void accounts() {
        fixtures.everyone();
        fixtures.account(ASA, Role.LEARNER);
    }

    @Test
    void visitorsSeeTheCatalogWithLessonDifficultyAndMinutesButNoScores() {
        Document page = html("/labs");

        Elements row = page.select("tr[data-lab=first-clusterip-service]");
        assertThat(row.select("th a").attr("href")).isEqualTo("/labs/first-clusterip-service");
        assertThat(row.select("th a").text()).isEqualTo("Your first ClusterIP Service");
        assertThat(row.select("td.lesson a").attr("href")).startsWith("/course/lessons/");
        assertThat(row.select("td.difficulty").text()).isIn("beginner", "intermediate", "advanced");
        assertThat(Integer.parseInt(row.select("td.minutes").text())).isPositive();
        assertThat(row.select("td.best")).isEmpty();
        assertThat(page.select("header nav a[href=/labs]").text()).isEqualTo("Labs");
    }

    @Test
    @TestSecurity(user = ASA, roles = "learner")
    void aLabAnInstructorPublishedIsInTheCatalogAndOnItsLessonsList() throws Exception {
        String lab = "reach-" + System.nanoTime() % 1_000_000;
        String yaml = AuthoringResource.withId(labs.starter(), lab);
        long author = fixtures.account(INSTRUCTOR, Role.INSTRUCTOR);
        // As publishing stores it: the title and the lesson the lab names (the starter names this one).
        QuarkusTransaction.requiringNew().run(() -> LabVersion.publish(lab, yaml, "Reach edition",
                "services-and-clusterip", author));

        Elements row = html("/labs").select("tr[data-lab=" + lab + "]");
        assertThat(row.select("th a").text()).isEqualTo("Reach edition");
        assertThat(row.select("td.lesson a").attr("href")).isEqualTo("/course/lessons/services-and-clusterip");
        assertThat(html("/course").select("li[data-lesson=services-and-clusterip] li[data-lab=" + lab + "] a")
                .attr("href")).isEqualTo("/labs/" + lab);
        assertThat(html("/course/lessons/services-and-clusterip").select("a[href=/labs/" + lab + "]")).isNotEmpty();
    }

    @Test
    @TestSecurity(user = ASA, roles = "learner")
    void theCoursePageListsTheLearnersAssignmentsWithDueDatesAndTheCatalogTheirBestScore() {
        Cohort cohort = fixtures.cohort("Reach " + System.nanoTime(), INSTRUCTOR);
        fixtures.join(cohort.id, ASA, Instant.parse("2026-01-01T00:00:00Z"));
        Instant due = Instant.parse("2099-03-01T17:00:00Z");
        assign(cohort, "fix-wrong-targetport", Instant.parse("2026-01-02T00:00:00Z"), due);
        assign(cohort, "readiness-gates-traffic", Instant.parse("2099-01-01T09:00:00Z"),
                Instant.parse("2099-02-01T09:00:00Z"));
        fixtures.attempt(ASA, "fix-wrong-targetport", 1, 3, 7, "{}", Instant.now());

        Document course = html("/course");
        Elements open = course.select(".assigned-labs tr[data-lab=fix-wrong-targetport]");
        assertThat(open.select("th a").attr("href")).isEqualTo("/labs/fix-wrong-targetport");
        assertThat(open.select("td.due time").attr("datetime")).isEqualTo("2099-03-01T17:00:00Z");
        assertThat(open.select("td.due time").text()).isEqualTo("1 Mar 2099, 17:00 UTC");
        assertThat(open.text()).contains(cohort.name).contains("best score 3/7");
        Elements notYet = course.select(".assigned-labs tr[data-lab=readiness-gates-traffic]");
        assertThat(notYet.select("th a")).isEmpty();
        assertThat(notYet.select("th").text()).contains("opens");

        Elements inCatalog = html("/labs").select("tr[data-lab=fix-wrong-targetport]");
        assertThat(inCatalog.select("td.best").text()).isEqualTo("3/7");
        assertThat(inCatalog.select("td.due time").attr("datetime")).isEqualTo("2099-03-01T17:00:00Z");
    }

    @Test
    @TestSecurity(user = ASA, roles = "learner")
    void attemptsAreNumberedFromOneLateOnesMarkedAndFullMarksOfferTheNextLabAndTheLesson() {
        String lab = "fix-wrong-selector";
        Cohort cohort = fixtures.cohort("Late " + System.nanoTime(), INSTRUCTOR);
        fixtures.join(cohort.id, ASA, Instant.parse("2026-01-01T00:00:00Z"));
        Instant due = Instant.now().minus(Duration.ofDays(1));
        assign(cohort, lab, Instant.parse("2026-01-02T00:00:00Z"), due);
        int before = attempts(lab);
        fixtures.attempt(ASA, lab, 1, 2, 8, "{}", due.minus(Duration.ofHours(1)));
        Long late = fixtures.attempt(ASA, lab, 1, 8, 8, "{}", due.plus(Duration.ofHours(1)));

        Document page = html("/labs/" + lab);
        Elements items = page.select("#attempts li[data-attempt]");
        assertThat(items.first().select("a").text()).isEqualTo("Attempt " + (before + 2) + ": 8/8");
        assertThat(items.first().select(".late").text()).isEqualTo("late");
        assertThat(items.get(1).select("a").text()).isEqualTo("Attempt " + (before + 1) + ": 2/8");
        assertThat(items.get(1).select(".late")).isEmpty();
        assertThat(items.last().attr("data-attempt")).isEqualTo("1");
        assertThat(page.select("#attempts .next-lab a[rel=next]").attr("href")).startsWith("/labs/");
        assertThat(page.select("#attempts .back-to-lesson").attr("href")).startsWith("/course/lessons/");

        Document attempt = html("/labs/" + lab + "/attempts/" + late);
        assertThat(attempt.select("h1").text()).endsWith("attempt " + (before + 2));
        assertThat(attempt.select(".late").text()).isEqualTo("late");
    }

    private int attempts(String lab) {
        long me = fixtures.account(ASA, Role.LEARNER);
        return QuarkusTransaction.requiringNew().call(() -> NumberedAttempt.history(me, lab,
                java.util.Optional.empty()).size());
    }

    private static void assign(Cohort cohort, String lab, Instant opens, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> Assignment.assign(cohort.id, lab,
                new Assignment.Window(opens, due)));
    }

    private static Document html(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
