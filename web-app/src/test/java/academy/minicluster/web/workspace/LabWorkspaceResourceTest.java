package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab workspace's pages and round trips, for each role, and who may see whose work. */
@QuarkusTest
class LabWorkspaceResourceTest {

    static final String LAB = "fix-wrong-targetport";

    static final String FIXED_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              selector:
                app: api
              ports:
                - port: 80
                  targetPort: 5678
            """;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure();
    }

    @Test
    void anonymousVisitorsCannotOpenALab() {
        given().redirects().follow(false).when().get("/labs/" + LAB)
                .then().statusCode(anyOf(is(401), is(302), is(303)));
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void learnerSeesTasksHintsEditorConsoleTopologyAndCheckButton() {
        Document page = page(LAB);

        assertThat(page.select("h1").text()).isEqualTo("Fix a Service that forwards to the wrong port");
        assertThat(page.select(".ws-tasks .markdown code").eachText()).contains("api");
        assertThat(page.select("#hints h2").text()).startsWith("Hints:");
        assertThat(page.select("textarea[data-editor=yaml][name=yaml]")).hasSize(1);
        assertThat(page.select("label[for=console-input]")).hasSize(1);
        assertThat(page.select("#topology svg title").first().text()).isEqualTo("Your cluster");
        assertThat(page.select("#topology details pre").text()).contains("Service default/api");
        assertThat(page.select("#check-button").text()).isEqualTo("Check my work");
    }

    @Test
    @TestSecurity(user = TestAccounts.INA, roles = "instructor")
    void instructorMayOpenALabWorkspaceToo() {
        given().when().get("/labs/" + LAB).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = TestAccounts.ADA, roles = "admin")
    void adminMayOpenALabWorkspaceToo() {
        given().when().get("/labs/" + LAB).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anUnknownLabIs404() {
        given().when().get("/labs/no-such-lab").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void consoleRunsKubectlAndAnswersItsOutputAndTheRedrawnCluster() {
        Response page = given().when().get("/labs/" + LAB);
        long workspace = workspaceId(page);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);

        String html = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).formParam("command", "kubectl get svc api")
                .when().post("/workspaces/" + workspace + "/console")
                .then().statusCode(200).extract().asString();

        Document fragment = Jsoup.parse(html);
        assertThat(fragment.select(".console-out kbd").text()).isEqualTo("kubectl get svc api");
        assertThat(fragment.select(".console-out").text()).contains("NAME", "TYPE", "CLUSTER-IP", "api", "ClusterIP");
        assertThat(fragment.select("#topology[hx-swap-oob]")).hasSize(1);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void applyingTheEditorsYamlAnswersKubectlApplysOutput() {
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);

        String html = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).formParam("yaml", FIXED_SERVICE)
                .when().post("/workspaces/" + workspaceId(page) + "/apply")
                .then().statusCode(200).extract().asString();

        assertThat(Jsoup.parse(html).select(".apply-out").text())
                .contains("kubectl apply -f -", "service/api configured");
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        Response page = given().when().get("/labs/" + LAB);

        given().header("HX-Request", "true").formParam("command", "kubectl get pods")
                .when().post("/workspaces/" + workspaceId(page) + "/console")
                .then().statusCode(400);
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aLearnerCannotUseAnotherLearnersWorkspace() {
        long anasWorkspace = QuarkusTransaction.requiringNew().call(() -> Workspace.open(
                TestAccounts.id(TestAccounts.ANA), LAB, 1, "default", 1).id);
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);

        given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).formParam("command", "kubectl get pods")
                .when().post("/workspaces/" + anasWorkspace + "/console").then().statusCode(404);
        given().when().get("/workspaces/" + anasWorkspace + "/topology").then().statusCode(404);
        long logged = QuarkusTransaction.requiringNew().call(() -> WorkspaceEntry.count("workspaceId", anasWorkspace));
        assertThat(logged).isZero();
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void hintsAreRevealedOneAtATimeAndShownAgainOnReload() {
        QuarkusTransaction.requiringNew().run(() -> RevealedHint.delete("accountId = ?1 and labId = ?2",
                TestAccounts.id(TestAccounts.ANA), LAB));
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        assertThat(Jsoup.parse(page.asString()).select("#hints h2").text()).isEqualTo("Hints: 0 of 3");

        String html = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).when().post("/labs/" + LAB + "/hints")
                .then().statusCode(200).extract().asString();

        assertThat(Jsoup.parse(html).select("#hints h2").text()).isEqualTo("Hints: 1 of 3");
        assertThat(Jsoup.parse(html).select("#hints li")).hasSize(1);
        Document reloaded = page(LAB);
        assertThat(reloaded.select("#hints li").eachText()).hasSize(1);
        assertThat(reloaded.select("#hint-button").text()).isEqualTo("Show hint 2");
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void checkingGradesTheWorkspaceStoresAnAttemptAndExplainsFailures() {
        resetLab();
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        long before = attempts();

        String html = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).when().post("/labs/" + LAB + "/check")
                .then().statusCode(200).extract().asString();

        Document result = Jsoup.parse(html);
        assertThat(result.select(".score").text()).startsWith("Score 1/7");
        assertThat(result.select(".check-fail")).isNotEmpty();
        assertThat(result.select(".check-fail .explanation").first().text()).isNotBlank();
        // Issue 15: the trace is drawn top to bottom as rows with every hop's full text (it was a clipped SVG).
        assertThat(result.select(".check-fail .trace figcaption").first().text()).startsWith("Trace of");
        assertThat(result.select(".check-fail .trace-hops li.hop-fail[tabindex=0]")).isNotEmpty();
        assertThat(result.select(".check-fail .trace-hops li.hop-fail .hop-stop").text()).startsWith("stopped here:");
        assertThat(result.select(".trace-as-text li.hop-fail")).isNotEmpty();
        assertThat(result.select("#attempts[hx-swap-oob] li")).isNotEmpty();
        assertThat(attempts()).isEqualTo(before + 1);

        // The attempts the check's insert read back are numbered as the page numbers the stored ones.
        Document again = Jsoup.parse(given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).when().post("/labs/" + LAB + "/check")
                .then().statusCode(200).extract().asString());
        Document reloaded = Jsoup.parse(given().when().get("/labs/" + LAB).then().statusCode(200).extract()
                .asString());
        assertThat(again.select("#attempts[hx-swap-oob] li").eachText())
                .hasSize(result.select("#attempts[hx-swap-oob] li").size() + 1)
                .isEqualTo(reloaded.select("#attempts li").eachText());
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void fixingTheServiceInTheEditorGetsFullMarks() {
        resetLab();
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).formParam("yaml", FIXED_SERVICE)
                .when().post("/workspaces/" + workspaceId(page) + "/apply").then().statusCode(200);

        String html = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).when().post("/labs/" + LAB + "/check")
                .then().statusCode(200).extract().asString();

        assertThat(Jsoup.parse(html).select(".score").text()).startsWith("Score 7/7");
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anOldAttemptOpensWithItsResult() {
        long attempt = QuarkusTransaction.requiringNew().call(() -> LabAttempt.record(
                TestAccounts.id(TestAccounts.ANA), LAB, 1, "[]", 1, 7,
                "{\"lab\":\"" + LAB + "\",\"version\":1,\"score\":1,\"max\":7,\"checks\":[],\"errors\":[]}").id);

        Document page = Jsoup.parse(given().when().get("/labs/" + LAB + "/attempts/" + attempt)
                .then().statusCode(200).extract().asString());

        assertThat(page.select(".score").text()).startsWith("Score 1/7");
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aLearnerCannotOpenAnotherLearnersAttempt() {
        long anasAttempt = QuarkusTransaction.requiringNew().call(() -> LabAttempt.record(
                TestAccounts.id(TestAccounts.ANA), LAB, 1, "[]", 0, 7,
                "{\"lab\":\"" + LAB + "\",\"version\":1,\"score\":0,\"max\":7,\"checks\":[],\"errors\":[]}").id);

        given().when().get("/labs/" + LAB + "/attempts/" + anasAttempt).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void resetOpensAFreshWorkspaceAndKeepsTheAttempts() {
        Response page = given().when().get("/labs/" + LAB);
        long old = workspaceId(page);
        long attemptsBefore = attempts();
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);

        given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .when().post("/labs/" + LAB + "/reset").then().statusCode(303);

        assertThat(workspaceId(given().when().get("/labs/" + LAB))).isGreaterThan(old);
        assertThat(attempts()).isEqualTo(attemptsBefore);
    }

    private void resetLab() {
        long me = TestAccounts.id(TestAccounts.ANA);
        QuarkusTransaction.requiringNew().run(() -> Workspace.open(me, LAB, 1, "default", 1));
    }

    private static long attempts() {
        long me = TestAccounts.id(TestAccounts.ANA);
        return QuarkusTransaction.requiringNew().call(() -> LabAttempt.count("accountId = ?1 and labId = ?2", me, LAB));
    }

    static long workspaceId(Response page) {
        return Long.parseLong(Jsoup.parse(page.asString()).select("[data-workspace]").attr("data-workspace"));
    }

    private static Document page(String lab) {
        return Jsoup.parse(given().when().get("/labs/" + lab).then().statusCode(200).extract().asString());
    }
}
