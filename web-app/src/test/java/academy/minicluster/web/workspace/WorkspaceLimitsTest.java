package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A workspace is held to the same limits as the simulation API and the CLI (issue 11), and a stored log that went
 * over them replays to the same stop: after a restart it costs no more than it did.
 */
@QuarkusTest
class WorkspaceLimitsTest {

    private static final ClusterLimits LIMITS = ClusterLimits.DEFAULTS;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void aPlaygroundCapsAMillionReplicasAtThePodLimit() {
        TestAccounts.ensure();
        long id = given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/playgrounds")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        given().contentType(ContentType.JSON).body(Map.of("command",
                        "kubectl create deployment big --image=traefik/whoami --replicas=1000000"))
                .when().post("/api/v1/playgrounds/" + id + "/commands").then().statusCode(200);
        String pods = given().contentType(ContentType.JSON).body(Map.of("command",
                        "kubectl get pods -A --no-headers | wc -l"))
                .when().post("/api/v1/playgrounds/" + id + "/commands").then().statusCode(200)
                .extract().jsonPath().getString("stdout");

        assertThat(pods).isEqualTo(LIMITS.maxPods() + "\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStoredLogOverTheCommandLimitReplaysToTheSameStop() {
        ClusterLimits small = new ClusterLimits(LIMITS.maxObjects(), LIMITS.maxPods(), 20, LIMITS.maxLogBytes(),
                LIMITS.cpuPerCommand(), LIMITS.cpuPerSession(), LIMITS.maxOutputBytes());
        List<LogEntry> log = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            log.add(new LogEntry(LogEntry.Kind.COMMAND, "kubectl get pods"));
        }

        Shell shell = WorkspaceReplay.start(null, "default", 1, small);
        List<ShellResult> replayed = WorkspaceReplay.replay(shell, log);

        assertThat(replayed).hasSize(log.size());
        assertThat(replayed.subList(0, 20)).allSatisfy(r -> assertThat(r.exitCode()).isZero());
        assertThat(replayed.subList(20, log.size())).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
            assertThat(r.stderr()).contains("(max-commands)");
        });
        assertThat(shell.cluster().budget().commands()).isEqualTo(20);
    }
}
