package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.web.gradebook.AttemptResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Check my work" says what was seen (the symptom, with the trace); which object causes it is shown after a hint or
 * repeated failed checks, as the lab sets, and never in a troubleshooting lab. The instructor sees everything.
 */
@QuarkusTest
class CheckFeedbackTest {

    private static final String SHOP = "troubleshoot-the-shop";
    private static final String GUIDED = "first-clusterip-service";

    @BeforeEach
    void accounts() {
        TestAccounts.ensure();
    }

    private static void freshStart(String labId) throws Exception {
        long me = TestAccounts.id(TestAccounts.BEN);
        Lab lab = BuiltInLabs.load(labId).orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> {
            RevealedHint.delete("accountId = ?1 and labId = ?2", me, labId);
            LabAttempt.delete("accountId = ?1 and labId = ?2", me, labId);
            Workspace.open(me, labId, lab.version(), lab.profile(), lab.seed());
        });
    }

    private static Document check(String labId) {
        Response page = given().when().get("/labs/" + labId);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        return Jsoup.parse(given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).when().post("/labs/" + labId + "/check")
                .then().statusCode(200).extract().asString());
    }

    private static void takeHint(String labId) {
        Response page = given().when().get("/labs/" + labId);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true").formParam("csrf-token", csrf.token())
                .when().post("/labs/" + labId + "/hints").then().statusCode(200);
    }

    private static Element failed(Document result, String checkId) {
        return result.selectFirst(".check-fail[data-check=" + checkId + "]");
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aTroubleshootingLabShowsTheSymptomAndTheTraceButNeverTheFault() throws Exception {
        freshStart(SHOP);

        Document first = check(SHOP);
        Element endpoints = failed(first, "endpoints-exist");
        assertThat(endpoints.select(".explanation").text()).isEqualTo("Service shop/api has 0 ready endpoints, "
                + "expected 2");
        assertThat(endpoints.select(".cause-hidden").text()).startsWith("Finding the cause is the task");
        assertThat(failed(first, "frontend-reaches-api").select(".trace-as-text li.hop-fail")).isNotEmpty();
        assertThat(first.select(".check-fail .explanation").text()).doesNotContain("api-server");

        for (int i = 0; i < 3; i++) {
            takeHint(SHOP);
        }
        check(SHOP);
        Document later = check(SHOP);
        assertThat(later.select(".check-fail .explanation").text()).doesNotContain("api-server");

        // The instructor's gradebook reads the stored result: the whole explanation, cause included.
        long me = TestAccounts.id(TestAccounts.BEN);
        LabAttempt stored = QuarkusTransaction.requiringNew().call(() -> LabAttempt.history(me, SHOP).get(0));
        AttemptResult seen = AttemptResult.parse(stored.result, stored.score, stored.maxScore);
        assertThat(seen.checks()).anySatisfy(c -> assertThat(c.explanation())
                .contains("Service shop/api selects app=api-server"));
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aGuidedLabShowsTheCauseAfterAHint() throws Exception {
        freshStart(GUIDED);

        Element before = failed(check(GUIDED), "client-reaches-hello");
        assertThat(before.select(".explanation").text()).endsWith("curl: (6) Could not resolve host: hello; "
                + "expected HTTP 200");
        assertThat(before.select(".cause-hidden").text()).startsWith("This says what was seen");

        takeHint(GUIDED);
        Element after = failed(check(GUIDED), "client-reaches-hello");
        assertThat(after.select(".explanation").text()).contains("; stopped at DNS:");
        assertThat(after.select(".cause-hidden")).isEmpty();
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aGuidedLabShowsTheCauseAtTheThirdFailedCheck() throws Exception {
        freshStart(GUIDED);

        assertThat(failed(check(GUIDED), "client-reaches-hello").select(".cause-hidden")).isNotEmpty();
        assertThat(failed(check(GUIDED), "client-reaches-hello").select(".cause-hidden")).isNotEmpty();
        Element third = failed(check(GUIDED), "client-reaches-hello");
        assertThat(third.select(".explanation").text()).contains("; stopped at DNS:");
    }

    /** The JSON API gives away no more than the page: a troubleshooting lab's attempt has symptoms, no causes. */
    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void theApiShowsTheSymptomWithoutTheCauseAsThePageDoes() throws Exception {
        freshStart(SHOP);

        Response created = given().contentType("application/json").body("{\"transcript\":\"kubectl get pods\"}")
                .when().post("/api/v1/labs/" + SHOP + "/attempts");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.asString()).doesNotContain("api-server").doesNotContain("\"cause\"");
        assertThat(created.jsonPath().getList("checks.symptom")).isNotEmpty();
        long attempt = created.jsonPath().getLong("attempt");

        String again = given().when().get("/api/v1/attempts/" + attempt).then().statusCode(200).extract().asString();
        assertThat(again).doesNotContain("api-server").doesNotContain("\"cause\"");

        // Stored whole, for the instructor.
        LabAttempt stored = QuarkusTransaction.requiringNew().call(() -> LabAttempt.findById(attempt));
        assertThat(stored.result).contains("api-server");
    }
}
