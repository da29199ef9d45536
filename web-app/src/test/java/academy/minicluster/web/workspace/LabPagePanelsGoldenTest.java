package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lab page's editor and console on a fixed workspace, byte for byte as the page rendered them before the page
 * read only what it shows of the log and rendered the transcript without Qute (golden/lab-page-panels.html, taken
 * from that version): the same data gives the same bytes.
 */
@QuarkusTest
@TestSecurity(user = TestAccounts.BEN, roles = "learner")
class LabPagePanelsGoldenTest {

    @Inject
    Workspaces workspaces;

    long workspace;

    @BeforeEach
    void fixedWorkspace() {
        TestAccounts.ensure();
        long me = TestAccounts.id(TestAccounts.BEN);
        workspace = QuarkusTransaction.requiringNew().call(() ->
                Workspace.open(me, LabWorkspaceResourceTest.LAB, 1, "default", 1)).id;
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get svc api -o wide"));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.command("kubectl get pods -l 'app in (api)' -o jsonpath=\"{.items[*].metadata.name}\""));
        workspaces.run(w, LogEntry.command("kubectl get nosuchkind <none> & echo 'é'"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE.replace("5678", "\"5678\"")));
        workspaces.run(w, LogEntry.command("kubectl describe svc api"));
    }

    @Test
    void theEditorAndConsoleAreTheBytesTheyWere() throws IOException {
        String html = given().get("/labs/" + LabWorkspaceResourceTest.LAB).then().statusCode(200).extract()
                .asString();
        String panels = html.substring(html.indexOf("<section class=\"pane ws-editor\""),
                html.indexOf("</section>", html.indexOf("id=\"console-history\"")) + "</section>".length())
                .replace("/workspaces/" + workspace + "/", "/workspaces/ID/")
                .replaceAll("name=\"csrf-token\" value=\"[^\"]*\"", "name=\"csrf-token\" value=\"\"");
        try (InputStream golden = getClass().getResourceAsStream("/golden/lab-page-panels.html")) {
            assertThat(panels).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
