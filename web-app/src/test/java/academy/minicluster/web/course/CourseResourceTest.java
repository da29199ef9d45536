package academy.minicluster.web.course;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CourseResourceTest {

    private static final String LEARNER = "course-learner";

    @Inject
    BuiltInLabsLoader loader;

    @Test
    void anonymousSeesModulesLessonsAndLabsWithoutProgress() {
        Document page = page("/course");

        assertThat(page.select("h1").text()).isEqualTo("The course");
        assertThat(page.select("section.course-module h2").eachText())
                .containsExactly("1. Inside the cluster", "2. Letting traffic in", "3. Controlling and repairing traffic");
        assertThat(page.select("li[data-lesson=services-and-clusterip] > a").attr("href"))
                .isEqualTo("/course/lessons/services-and-clusterip");
        assertThat(page.select("li[data-lab=first-clusterip-service] a").attr("href"))
                .isEqualTo("/labs/first-clusterip-service");
        assertThat(page.select(".lab-status, .lesson-status")).isEmpty();
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void openingALessonIsAVisitAndMarkAsDoneIsWhatCounts() {
        // Issue 15: lessons no longer count as read when opened; the learner marks them as done.
        Forms.ensureAccount(LEARNER, Role.LEARNER);

        Document lesson = page("/course/lessons/nodeport");
        assertThat(lesson.select("form.mark-done button").text()).isEqualTo("Mark as done");
        assertThat(page("/course").select("li[data-lesson=nodeport] .lesson-status").text()).isEqualTo("not done yet");
        assertThat(QuarkusTransaction.requiringNew().call(() -> LessonVisit.hasRead(
                Account.findByUsername(LEARNER).orElseThrow().id, "nodeport"))).isTrue();

        assertThat(academy.minicluster.web.cohorts.Forms.post("/course/lessons/nodeport",
                "/course/lessons/nodeport/done", java.util.Map.of()).statusCode()).isEqualTo(303);

        assertThat(page("/course/lessons/nodeport").select("#lesson-done-status").text()).isEqualTo("✓ Done");
        assertThat(page("/course").select("li[data-lesson=nodeport] .lesson-status").text()).isEqualTo("✓ done");
    }

    @Test
    @TestSecurity(user = "course-progress", roles = "learner")
    void labProgressComesFromTheBestAttempt() {
        Forms.ensureAccount("course-progress", Role.LEARNER);
        long id = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername("course-progress").orElseThrow().id);
        QuarkusTransaction.requiringNew().run(() -> {
            attempt(id, "first-clusterip-service", 2, 6);
            attempt(id, "first-clusterip-service", 4, 6);
            attempt(id, "fix-wrong-targetport", 5, 5);
        });

        Document course = page("/course");

        assertThat(course.select("li[data-lab=first-clusterip-service] .lab-status").text())
                .isEqualTo("in progress, best score 4/6");
        assertThat(course.select("li[data-lab=fix-wrong-targetport] .lab-status").text())
                .isEqualTo("done, best score 5/5");
        assertThat(course.select("li[data-lab=fix-wrong-selector] .lab-status").text()).isEqualTo("not started");
    }

    @Test
    @TestSecurity(user = "course-instructor", roles = "instructor")
    void anInstructorMayReadTheCourse() {
        assertThat(page("/course").select("li[data-lesson]")).hasSize(new CourseCatalog().course().lessons().size());
        assertThat(page("/course/lessons/ingress").select("h1").text()).isEqualTo(title("ingress"));
    }

    @Test
    @TestSecurity(user = "course-admin", roles = {"admin", "instructor"})
    void anAdminMayReadTheCourse() {
        assertThat(page("/course").select("li[data-lesson]")).hasSize(new CourseCatalog().course().lessons().size());
        assertThat(given().get("/course/lessons/ingress").statusCode()).isEqualTo(200);
    }

    @Test
    void aLessonPageRendersTheMarkdownWithTablesCodeAnchorsAndDiagrams() {
        Document page = page("/course/lessons/readiness-and-traffic");

        assertThat(page.select(".lesson-body h2[id]")).isNotEmpty();
        assertThat(page.select("nav[aria-label=On this page] a").first().attr("href"))
                .isEqualTo("#" + page.select(".lesson-body h2[id]").first().id());
        assertThat(page.select(".lesson-body pre > code")).isNotEmpty();
        assertThat(page.select(".lesson-body svg[role=img]")).isNotEmpty();
        assertThat(page.select("script[type=module]").eachAttr("src")).anyMatch(s -> s.startsWith("/static/bundle/course"));
    }

    @Test
    void aLessonWithATableRendersIt() {
        boolean anyTable = new CourseCatalog().course().lessons().stream()
                .anyMatch(l -> page("/course/lessons/" + l.id()).select(".lesson-body table th").size() > 0);
        assertThat(anyTable).isTrue();
    }

    @Test
    void aLessonLinksToItsNeighboursAndItsLabs() {
        Document page = page("/course/lessons/services-and-clusterip");

        assertThat(page.select("a[rel=prev]").attr("href")).isEqualTo("/course/lessons/pods-and-pod-ips");
        assertThat(page.select("a[rel=next]").attr("href")).isEqualTo("/course/lessons/dns-inside-the-cluster");
        assertThat(page.select("section[aria-labelledby=lesson-labs] a").eachAttr("href"))
                .contains("/labs/first-clusterip-service");
    }

    @Test
    void theFirstLessonHasNoPreviousAndTheLastNoNext() {
        assertThat(page("/course/lessons/the-big-picture").select("a[rel=prev]")).isEmpty();
        assertThat(page("/course/lessons/troubleshooting").select("a[rel=next]")).isEmpty();
    }

    @Test
    void anUnknownLessonIsNotFound() {
        String html = given().get("/course/lessons/no-such-lesson").then().statusCode(404).extract().asString();
        assertThat(Jsoup.parse(html).select("h1").text()).isEqualTo("Lesson not found");
    }

    @Test
    void everyBuiltInLabIsPublishedInTheDatabaseAndLoadingAgainAddsNothing() throws Exception {
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM lab_version WHERE author_id IS NULL AND published")
                .getSingleResult()).longValue());

        assertThat(rows).isGreaterThanOrEqualTo(BuiltInLabs.ids().size());
        assertThat(loader.load()).isZero();
    }

    private static void attempt(long accountId, String labId, int score, int max) {
        Account.getEntityManager().createNativeQuery("""
                        INSERT INTO attempt (account_id, lab_id, lab_version, submission, score, max_score, result)
                        VALUES (?1, ?2, 1, '', ?3, ?4, '{}')""")
                .setParameter(1, accountId).setParameter(2, labId).setParameter(3, score).setParameter(4, max)
                .executeUpdate();
    }

    private static String title(String lessonId) {
        return new CourseCatalog().course().lesson(lessonId).orElseThrow().title();
    }

    private static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
