package academy.minicluster.web.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator gets from a running server: the platform's series at {@code /q/metrics} after real gradings and
 * playground commands, one log line per grading carrying the request id, and a readiness check that shutdown turns
 * DOWN.
 */
@QuarkusTest
class OperationsTest {

    static final String LEARNER = "ops-lea";
    static final String LAB = "fix-wrong-targetport";

    private final List<ExtLogRecord> gradingLines = new CopyOnWriteArrayList<>();
    private final List<ExtLogRecord> requestLines = new CopyOnWriteArrayList<>();
    private final Handler capture = capturing(gradingLines);
    private final Handler captureRequests = capturing(requestLines);

    private static Handler capturing(List<ExtLogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord ext = (ExtLogRecord) record;
                ext.copyMdc();
                into.add(ext);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @BeforeEach
    void setUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(LEARNER).isEmpty()) {
                Account.register(LEARNER, "not-used-" + LEARNER, Role.LEARNER);
            }
        });
        java.util.logging.Logger.getLogger(Telemetry.GRADING_LOGGER).addHandler(capture);
        java.util.logging.Logger.getLogger("academy.request").addHandler(captureRequests);
    }

    @AfterEach
    void tearDown() {
        java.util.logging.Logger.getLogger(Telemetry.GRADING_LOGGER).removeHandler(capture);
        java.util.logging.Logger.getLogger("academy.request").removeHandler(captureRequests);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void metricsCountGradingsOutcomesReplaysCacheHitsAndThePool() {
        submit(Map.of("transcript", "kubectl get pods\n")).then().statusCode(201);
        submit(Map.of()).then().statusCode(400);
        long playground = given().contentType(ContentType.JSON).body(Map.of("profile", "default"))
                .when().post("/api/v1/playgrounds").then().statusCode(201).extract().jsonPath().getLong("id");
        for (String command : List.of("kubectl create deployment web --image=nginx", "kubectl get deployments")) {
            given().contentType(ContentType.JSON).body(Map.of("command", command))
                    .when().post("/api/v1/playgrounds/" + playground + "/commands").then().statusCode(200);
        }

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "minicluster_grading_seconds_count", "lab=\"" + LAB + "\"")).isPositive();
        assertThat(value(metrics, "minicluster_grading_seconds_bucket", "lab=\"" + LAB + "\"", "le=\"0.25\"")).isPositive();
        assertThat(value(metrics, "minicluster_attempts_total", "lab=\"" + LAB + "\"", "outcome=\"partial\"")).isPositive();
        assertThat(value(metrics, "minicluster_attempts_total", "lab=\"" + LAB + "\"", "outcome=\"rejected\"")).isPositive();
        assertThat(value(metrics, "minicluster_workspace_replay_seconds_count")).isPositive();
        assertThat(value(metrics, "minicluster_workspace_cache_misses_total")).isPositive();
        assertThat(value(metrics, "minicluster_workspace_cache_hits_total")).isPositive();
        assertThat(value(metrics, "minicluster_workspace_cache_size")).isPositive();
        // Bounded by memory (40% of the heap), not by a count of 200: that cap held any class to 200 clusters.
        assertThat(value(metrics, "minicluster_workspace_cache_capacity")).isGreaterThan(200);
        assertThat(metrics).contains("minicluster_workspace_restore_seconds_count",
                "minicluster_workspace_snapshot_saves_total");
        assertThat(value(metrics, "agroal_max_used_count")).isPositive();
        assertThat(metrics).contains("agroal_active_count{", "agroal_available_count{", "agroal_awaiting_count{");
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void eachGradingIsOneLogLineWithTheRequestIdLabScoreAndDuration() {
        long account = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(LEARNER).orElseThrow().id);

        long attempt = submit(Map.of("transcript", "kubectl get pods\n"), "ops-grading-0001")
                .then().statusCode(201).extract().jsonPath().getLong("attempt");

        assertThat(gradingLines).hasSize(1);
        ExtLogRecord line = gradingLines.get(0);
        assertThat(line.getFormattedMessage())
                .matches("graded lab " + LAB + " v1 for account " + account + ": 1/7 \\(partial\\) in [0-9]+\\.[0-9]ms, "
                        + "attempt " + attempt + ", request ops-grading-0001");
        assertThat(line.getMdc("requestId")).isEqualTo("ops-grading-0001");
        assertThat(line.getMdc("labId")).isEqualTo(LAB);
        assertThat(line.getMdc("labVersion")).isEqualTo("1");
        assertThat(line.getMdc("account")).isEqualTo(String.valueOf(account));
        assertThat(line.getMdc("score")).isEqualTo("1");
        assertThat(line.getMdc("max")).isEqualTo("7");
        assertThat(line.getMdc("outcome")).isEqualTo("partial");
        assertThat(line.getMdc("durationMs")).matches("[0-9]+\\.[0-9]");
        assertThat(line.getMdc("instance")).isNotBlank();
    }

    @Test
    void eachRequestIsOneLogLineNamingItsRequestId() throws InterruptedException {
        given().header("X-Request-Id", "ops-request-0002").when().get("/q/health/live").then().statusCode(200);

        for (int i = 0; i < 50 && ours(requestLines, "ops-request-0002").isEmpty(); i++) {
            Thread.sleep(100); // written when the response has ended, maybe just after the client has read it
        }
        assertThat(ours(requestLines, "ops-request-0002")).hasSize(1);
        ExtLogRecord line = ours(requestLines, "ops-request-0002").get(0);
        assertThat(line.getFormattedMessage()).matches("GET /q/health/live 200 [0-9]+\\.[0-9]ms, request ops-request-0002");
        assertThat(line.getMdc("requestId")).isEqualTo("ops-request-0002");
        assertThat(line.getMdc("status")).isEqualTo("200");
        assertThat(line.getMdc("path")).isEqualTo("/q/health/live");
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aRejectedSubmissionIsNotLoggedAsAGrading() {
        submit(Map.of()).then().statusCode(400);

        assertThat(gradingLines).isEmpty();
    }

    @Test
    void readinessHasTheGracefulShutdownCheckUpWhileRunning() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Graceful Shutdown' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private static List<ExtLogRecord> ours(List<ExtLogRecord> lines, String requestId) {
        return lines.stream().filter(l -> requestId.equals(l.getMdc("requestId"))).toList();
    }

    private static io.restassured.response.Response submit(Map<String, String> body) {
        return submit(body, null);
    }

    private static io.restassured.response.Response submit(Map<String, String> body, String requestId) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return request.when().post("/api/v1/labs/" + LAB + "/attempts");
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    @Test
    void everyBuiltInLabHasItsSeriesBeforeItIsGraded() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        // value() fails on a missing series: a server that graded nothing must still answer for each lab, at zero.
        for (String lab : BuiltInLabs.ids()) {
            assertThat(value(metrics, "minicluster_grading_seconds_count", "lab=\"" + lab + "\"")).isNotNegative();
            for (String outcome : List.of("full", "partial", "zero", "rejected")) {
                assertThat(value(metrics, "minicluster_attempts_total", "lab=\"" + lab + "\"", "outcome=\"" + outcome + "\""))
                        .isNotNegative();
            }
        }
    }

    static double value(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(exposition);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String got = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String l : labels) {
                all &= got.contains(l);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(m.group(2));
            }
        }
        assertThat(found).as("a sample of %s with %s in /q/metrics", name, List.of(labels)).isTrue();
        return sum;
    }
}
