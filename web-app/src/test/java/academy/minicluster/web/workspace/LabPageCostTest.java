package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check, run by hand ({@code -Dtest=LabPageCostTest -DargLine=-Dmeasure=true}): the lab page's HTML for a workspace with a few commands,
 * written to target/ with the per-run parts (workspace id, CSRF token) blanked, and the CPU the server's threads
 * spend per GET of the page, beside a trivial GET.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "measure", matches = "true")
@TestSecurity(user = TestAccounts.BEN, roles = "learner")
class LabPageCostTest {

    @Inject
    Workspaces workspaces;

    @Test
    void measure() throws Exception {
        TestAccounts.ensure();
        long me = TestAccounts.id(TestAccounts.BEN);
        long id = QuarkusTransaction.requiringNew().call(() ->
                Workspace.open(me, LabWorkspaceResourceTest.LAB, 1, "default", 1)).id;
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(id));
        workspaces.run(w, LogEntry.command("kubectl get pods -o wide"));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.command("kubectl get nosuchkind"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.command("kubectl get svc,endpoints -o wide"));
        String path = "/labs/" + LabWorkspaceResourceTest.LAB;
        String html = given().get(path).then().statusCode(200).extract().asString();
        String normal = html.replace("/workspaces/" + id + "/", "/workspaces/ID/")
                .replaceAll("name=\"csrf-token\" value=\"[^\"]*\"", "name=\"csrf-token\" value=\"X\"");
        Files.writeString(Path.of("target/lab-page-" + System.getProperty("label", "now") + ".html"), normal);
        assertThat(html).contains("kubectl get nosuchkind");

        for (int round = 0; round < 3; round++) {
            report(path, 200);
            report("/q/health/live", 200);
        }
    }

    private static void report(String path, int n) {
        for (int i = 0; i < 50; i++) {
            given().get(path).then().statusCode(200);
        }
        long cpu0 = serverCpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            given().get(path).then().statusCode(200);
        }
        System.out.printf("GET %s: %.2f ms wall, %.2f ms server-thread CPU per request%n", path,
                (System.nanoTime() - t0) / 1e6 / n, (serverCpu() - cpu0) / 1e6 / n);
    }

    /** CPU time of the threads that serve requests: Vert.x' event loops and Quarkus' worker threads. */
    private static long serverCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("executor-thread")
                    || info.getThreadName().startsWith("vert.x-eventloop"))) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
