package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "work never lost": the editor's draft kept per learner and lab on the server (a reload, a reset, another
 * browser open it again), the last result shown again when the page is opened, and each attempt listing only the
 * errors made since the one before it.
 */
@QuarkusTest
@TestSecurity(user = WorkNeverLostTest.LEARNER, roles = "learner")
class WorkNeverLostTest {

    static final String LEARNER = "ws-keep";
    static final String OTHER = "ws-keep-other";
    static final String LAB = "first-clusterip-service";

    @Inject
    Workspaces workspaces;

    @BeforeEach
    void accounts() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        Forms.ensureAccount(OTHER, Role.LEARNER);
    }

    @Test
    void theDraftIsKeptAcrossAReloadAndAResetAndRefusedWhenTooLong() {
        Response page = given().when().get("/labs/" + LAB);
        long workspace = workspaceId(page);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        String draft = "apiVersion: v1\nkind: Service\nmetadata:\n  name: not-applied-yet\n";

        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token()).formParam("yaml", draft)
                .when().post("/workspaces/" + workspace + "/draft").then().statusCode(204);
        assertThat(editorText(get("/labs/" + LAB))).isEqualTo(draft);

        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token()).redirects().follow(false)
                .when().post("/labs/" + LAB + "/reset").then().statusCode(303);
        Document afterReset = get("/labs/" + LAB);
        assertThat(workspaceId(afterReset)).isNotEqualTo(workspace);
        assertThat(editorText(afterReset)).as("a reset keeps the draft").isEqualTo(draft);

        String tooLong = "#".repeat(Workspaces.MAX_ENTRY + 1);
        // Past the form field limit (quarkus.http.limits.max-form-attribute-size, the same as Workspaces.MAX_ENTRY).
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("yaml", tooLong).when().post("/workspaces/" + workspaceId(afterReset) + "/draft")
                .then().statusCode(413);
        String nul = given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("yaml", "a: \0\n").when().post("/workspaces/" + workspaceId(afterReset) + "/draft")
                .then().statusCode(400).extract().asString();
        assertThat(nul).isEqualTo("error: error parsing STDIN: error converting YAML to JSON: yaml: control"
                + " characters are not allowed\n");
        assertThat(editorText(get("/labs/" + LAB))).isEqualTo(draft);
    }

    @Test
    @TestSecurity(user = OTHER, roles = "learner")
    void anotherLearnersWorkspaceTakesNoDraft() {
        long ents = QuarkusTransaction.requiringNew().call(() -> Workspace.open(TestAccounts.id(LEARNER), LAB, 1,
                "default", 1).id);
        Response page = given().when().get("/labs/" + LAB);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token()).formParam("yaml", "x: 1\n")
                .when().post("/workspaces/" + ents + "/draft").then().statusCode(404);
    }

    @Test
    void theLastResultIsShownAgainWhenThePageIsOpened() {
        long me = TestAccounts.id(LEARNER);
        LabAttempt attempt = workspaces.grade(me, workspaces.lab(LAB), Submission.EMPTY);

        Document page = get("/labs/" + LAB);
        assertThat(page.select("#results .grade").attr("data-attempt")).isEqualTo(String.valueOf(attempt.id));
        assertThat(page.select("#results .score").text())
                .isEqualTo("Score " + attempt.score + "/" + attempt.maxScore);
        assertThat(page.select("#tab-results .tab-score").text()).isEqualTo(attempt.score + "/" + attempt.maxScore);
    }

    @Test
    void anAttemptListsOnlyTheErrorsMadeSinceTheOneBefore() {
        GradeView first = view(List.of("console.sh: `kubectl get nope`: error: the server doesn't have a resource"
                + " type \"nope\""));
        GradeView second = view(List.of(first.errors().get(0), "editor-1.yaml: error: missing kind"));
        assertThat(second.newErrorsSince(first.errors()).errors()).containsExactly("editor-1.yaml: error: missing kind");
        assertThat(second.newErrorsSince(second.errors()).errors()).isEmpty();
        // After a reset the log starts again: the earlier attempt's errors are not this one's first, all are new.
        GradeView afterReset = view(List.of("editor-1.yaml: error: missing kind"));
        assertThat(afterReset.newErrorsSince(first.errors()).errors()).isEqualTo(afterReset.errors());
        assertThat(first.newErrorsSince(List.of()).errors()).isEqualTo(first.errors());
    }

    private static GradeView view(List<String> errors) {
        return new GradeView(LAB, 1, 0, 1, List.of(), errors);
    }

    private static Document get(String path) {
        return Jsoup.parse(given().when().get(path).then().statusCode(200).extract().asString());
    }

    private static String editorText(Document page) {
        return page.select("textarea[name=yaml]").first().wholeText();
    }

    private static long workspaceId(Response page) {
        return workspaceId(Jsoup.parse(page.asString()));
    }

    private static long workspaceId(Document page) {
        return Long.parseLong(page.select("[data-workspace]").attr("data-workspace"));
    }
}
