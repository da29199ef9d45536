package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API v1 for attempts and playgrounds: grading and storing, and only ever your own. */
@QuarkusTest
class WorkspaceApiTest {

    static final String LAB = LabWorkspaceResourceTest.LAB;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure();
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void submittingManifestsGradesThemAndStoresTheAttempt() {
        long before = attempts(TestAccounts.ANA);

        JsonPath grade = given().contentType(ContentType.JSON)
                .body(Map.of("manifests", LabWorkspaceResourceTest.FIXED_SERVICE))
                .when().post("/api/v1/labs/" + LAB + "/attempts")
                .then().statusCode(201).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(grade.getInt("score")).isEqualTo(7);
        assertThat(grade.getInt("max")).isEqualTo(7);
        assertThat(grade.getString("lab")).isEqualTo(LAB);
        assertThat(grade.getList("checks.verdict", String.class)).containsOnly("PASS");
        assertThat(attempts(TestAccounts.ANA)).isEqualTo(before + 1);
        LabAttempt stored = QuarkusTransaction.requiringNew().call(
                () -> LabAttempt.<LabAttempt>findById(grade.getLong("attempt")));
        assertThat(stored.labVersion).isEqualTo(1);
        assertThat(stored.score).isEqualTo(7);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aTranscriptIsGradedWithPartialCreditAndExplanations() {
        JsonPath grade = given().contentType(ContentType.JSON)
                .body(Map.of("transcript", "kubectl get pods\n"))
                .when().post("/api/v1/labs/" + LAB + "/attempts")
                .then().statusCode(201).extract().jsonPath();

        assertThat(grade.getInt("score")).isEqualTo(1);
        assertThat(grade.getList("checks.findAll { it.verdict == 'FAIL' }.explanation", String.class))
                .isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anEmptySubmissionIs400WithTheReason() {
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/labs/" + LAB + "/attempts")
                .then().statusCode(400).body("message", is("a submission needs \"manifests\", \"transcript\" or "
                        + "\"answers\""));
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anAnswerToAQuestionTheLabDoesNotAskIs400() {
        given().contentType(ContentType.JSON).body(Map.of("transcript", "kubectl get pods",
                        "answers", Map.of("node", "worker")))
                .when().post("/api/v1/labs/" + LAB + "/attempts")
                .then().statusCode(400).body("message", is("\"answers\": lab " + LAB + " has no question \"node\""));
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anUnknownLabIs404() {
        given().contentType(ContentType.JSON).body(Map.of("transcript", "kubectl get pods"))
                .when().post("/api/v1/labs/no-such-lab/attempts").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aLearnerReadsTheirOwnAttempt() {
        long id = given().contentType(ContentType.JSON).body(Map.of("transcript", "kubectl get pods"))
                .when().post("/api/v1/labs/" + LAB + "/attempts").then().statusCode(201)
                .extract().jsonPath().getLong("attempt");

        given().when().get("/api/v1/attempts/" + id)
                .then().statusCode(200).body("attempt", is((int) id)).body("score", is(1));
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aLearnerCannotReadAnotherLearnersAttempt() {
        long anas = QuarkusTransaction.requiringNew().call(() -> LabAttempt.record(TestAccounts.id(TestAccounts.ANA),
                LAB, 1, "[]", 0, 7, "{\"score\":0,\"max\":7,\"checks\":[],\"errors\":[]}").id);

        given().when().get("/api/v1/attempts/" + anas).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = TestAccounts.INA, roles = "instructor")
    void instructorsMayUseTheApiForTheirOwnWork() {
        given().contentType(ContentType.JSON).body(Map.of("transcript", "kubectl get pods"))
                .when().post("/api/v1/labs/" + LAB + "/attempts").then().statusCode(201);
    }

    @Test
    @TestSecurity(user = TestAccounts.ADA, roles = "admin")
    void adminsMayOpenPlaygroundsThroughTheApi() {
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/playgrounds")
                .then().statusCode(201).body("profile", is("default"));
    }

    @Test
    void anonymousCallersAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("transcript", "kubectl get pods"))
                .when().post("/api/v1/labs/" + LAB + "/attempts").then().statusCode(anyOf(is(401), is(302)));
        // Form login answers an anonymous GET with a redirect to /login: do not follow it.
        given().redirects().follow(false).when().get("/api/v1/attempts/1").then().statusCode(anyOf(is(401), is(302)));
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/playgrounds")
                .then().statusCode(anyOf(is(401), is(302)));
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aPlaygroundRunsCommandsAndAnswersTheSimulationJson() {
        long id = given().contentType(ContentType.JSON).body(Map.of("profile", "single-worker"))
                .when().post("/api/v1/playgrounds").then().statusCode(201).body("profile", is("single-worker"))
                .extract().jsonPath().getLong("id");

        JsonPath r = given().contentType(ContentType.JSON).body(Map.of("command", "kubectl get nodes"))
                .when().post("/api/v1/playgrounds/" + id + "/commands")
                .then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("command")).isEqualTo("kubectl get nodes");
        assertThat(r.getInt("exitCode")).isZero();
        assertThat(r.getString("stdout")).contains("NAME", "STATUS", "worker");
        assertThat(r.getString("stderr")).isEmpty();
        assertThat(r.getList("trace")).isEmpty();
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aPlaygroundAppliesManifestsFromStdin() {
        long id = given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/playgrounds")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        given().contentType(ContentType.JSON).body(Map.of("command", "kubectl apply -f -", "stdin", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: web
                        spec:
                          containers:
                            - name: web
                              image: nginx
                        """))
                .when().post("/api/v1/playgrounds/" + id + "/commands")
                .then().statusCode(200).body("stdout", is("pod/web created\n")).body("exitCode", is(0));
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void anUnknownProfileIs400NamingTheKnownOnes() {
        given().contentType(ContentType.JSON).body(Map.of("profile", "huge")).when().post("/api/v1/playgrounds")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("single-worker"));
    }

    @Test
    @TestSecurity(user = TestAccounts.BEN, roles = "learner")
    void aLearnerCannotRunCommandsInAnotherLearnersPlayground() {
        long anas = QuarkusTransaction.requiringNew().call(() -> Workspace.open(TestAccounts.id(TestAccounts.ANA),
                null, null, "default", 1).id);

        given().contentType(ContentType.JSON).body(Map.of("command", "kubectl get pods"))
                .when().post("/api/v1/playgrounds/" + anas + "/commands").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void theApiIsDescribedInOpenApi() {
        String spec = given().when().get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(spec).contains("/api/v1/labs/{labId}/attempts", "/api/v1/attempts/{attemptId}",
                "/api/v1/playgrounds", "/api/v1/playgrounds/{workspaceId}/commands");
    }

    private static long attempts(String user) {
        long me = TestAccounts.id(user);
        return QuarkusTransaction.requiringNew().call(() -> LabAttempt.count("accountId", me));
    }
}
