package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.profile.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mini-cluster is warmed at start, in the background: every profile, and a lab graded once. */
@QuarkusTest
class ClusterWarmUpTest {

    @Inject
    ClusterWarmUp warmUp;

    @Test
    void everyProfileIsWarmedInTheBackgroundAndTheServerAnswersMeanwhile() throws Exception {
        // The server is up and answering whether or not the warm-up has finished.
        given().get("/q/health/live").then().statusCode(200);

        ClusterWarmUp.Report report = warmUp.done().get(5, TimeUnit.MINUTES);

        assertThat(warmUp.isWarm()).isTrue();
        assertThat(report.profiles()).containsExactlyElementsOf(
                ClusterProfile.all().stream().map(ClusterProfile::name).toList());
    }

    @Test
    void theWarmUpsCommandsAllRunOnAFreshPlayground() {
        var shell = WorkspaceReplay.start(null, ClusterProfile.DEFAULT.name(), 1);
        for (String command : ClusterWarmUp.COMMANDS) {
            if (command.startsWith("curl ")) {
                continue;
            }
            var result = shell.execute(command);
            assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
        }
    }
}
