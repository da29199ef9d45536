package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reload (or another server, or a restart) shows the console as the learner left it: the log's outputs. */
@QuarkusTest
@TestSecurity(user = TestAccounts.BEN, roles = "learner")
class ConsoleTranscriptTest {

    @Inject
    Workspaces workspaces;

    @Inject
    ClusterCache cache;

    long workspace;

    @BeforeEach
    void freshLabWorkspace() {
        TestAccounts.ensure();
        long me = TestAccounts.id(TestAccounts.BEN);
        workspace = QuarkusTransaction.requiringNew().call(() ->
                Workspace.open(me, LabWorkspaceResourceTest.LAB, 1, "default", 1)).id;
    }

    @Test
    void theLabPageShowsEachCommandOfTheLogWithWhatItAnsweredAfterTheClusterIsForgotten() {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get svc api"));
        workspaces.run(w, LogEntry.command("kubectl get pods --selector=nothing"));
        workspaces.run(w, LogEntry.command("kubectl get nosuchkind"));
        cache.evict(workspace);

        Document page = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(page.select("#console-log .console-entry kbd").eachText()).containsExactly(
                "kubectl get svc api", "kubectl get pods --selector=nothing", "kubectl get nosuchkind");
        assertThat(page.select("#console-log .console-entry").get(0).text()).contains("api", "ClusterIP", "80/TCP");
        assertThat(page.select("#console-log .console-entry").get(1).text())
                .contains("No resources found in default namespace.");
        assertThat(page.select("#console-log .console-entry .stderr").text())
                .contains("nosuchkind");
    }

    @Test
    void anApplyFromTheEditorIsShownAsTheKubectlApplyItWas() {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));

        Document page = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(page.select("#console-log .console-entry").text())
                .contains("kubectl apply -f -", "service/api configured");
    }

    @Test
    void aLongLogShowsItsLastHundredEntriesAndSaysHowManyCameBefore() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int seq = 1; seq <= WorkspaceViews.TRANSCRIPT_SHOWN + 2; seq++) {
                WorkspaceEntry.append(workspace, seq, WorkspaceEntry.COMMAND, "kubectl get nodes # " + seq);
            }
        });

        Document page = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(page.select("#console-log .console-entry")).hasSize(WorkspaceViews.TRANSCRIPT_SHOWN);
        assertThat(page.select("#console-log .console-entry kbd").first().text()).isEqualTo("kubectl get nodes # 3");
        assertThat(page.select("#console-log .console-earlier").text())
                .isEqualTo("… 2 earlier entries of your log not shown");
    }

    @Test
    void anEmptyLogShowsAnEmptyConsole() {
        assertThat(page("/labs/" + LabWorkspaceResourceTest.LAB).select("#console-log .console-entry")).isEmpty();
    }

    private static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
