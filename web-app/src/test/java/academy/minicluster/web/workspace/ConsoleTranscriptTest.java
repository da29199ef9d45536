package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Inject
    MeterRegistry registry;

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
    void aLongLogsPageShowsTheBoundedHistoryTheLastYamlAppliedAndTheLastEntriesAnswers() {
        // 870 entries (a workspace holds up to 1,000): YAML applied at entries 5 and 500, commands otherwise, each
        // stored with its output. The page reads only what it shows.
        int length = 870;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int seq = 1; seq <= length; seq++) {
                boolean manifests = seq == 5 || seq == 500;
                String text = manifests ? "# applied at " + seq + "\n" : "kubectl get nodes # " + seq;
                WorkspaceEntry.append(workspace, seq, manifests ? WorkspaceEntry.MANIFESTS : WorkspaceEntry.COMMAND,
                        text, new ConsoleEntry(manifests ? "kubectl apply -f -" : text, "answer " + seq + "\n", "",
                                java.util.List.of(), 0).toJson());
            }
        });

        Document page = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(page.select("textarea#yaml-editor").text()).isEqualTo("# applied at 500");
        java.util.List<String> history = page.select("#console-history li").eachText();
        assertThat(history).hasSize(WorkspaceViews.HISTORY_SHOWN);
        // The last 500 commands: entries 370 to 870 but 500, the YAML applied.
        assertThat(history.get(0)).isEqualTo("kubectl get nodes # 370");
        assertThat(history).doesNotContain("kubectl get nodes # 369").contains("kubectl get nodes # 499",
                "kubectl get nodes # 501");
        assertThat(history.get(history.size() - 1)).isEqualTo("kubectl get nodes # " + length);
        assertThat(page.select("#console-log .console-entry")).hasSize(WorkspaceViews.TRANSCRIPT_SHOWN);
        assertThat(page.select("#console-log .console-entry pre").first().wholeText())
                .isEqualTo("$ kubectl get nodes # 771\nanswer 771\n");
        assertThat(page.select("#console-log .console-entry pre").last().wholeText())
                .isEqualTo("$ kubectl get nodes # 870\nanswer 870\n");
        assertThat(page.select("#console-log .console-earlier").text())
                .isEqualTo("… 770 earlier entries of your log not shown");
    }

    @Test
    void aShortLogsHistoryIsEveryCommandAndTheEditorItsLastYaml() {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get svc api"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));
        workspaces.run(w, LogEntry.command("kubectl get pods -l 'app=api' # <&>"));

        Document page = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(page.select("#console-history li").eachText())
                .containsExactly("kubectl get svc api", "kubectl get pods -l 'app=api' # <&>");
        assertThat(page.select("textarea#yaml-editor").first().wholeText())
                .isEqualTo(LabWorkspaceResourceTest.FIXED_SERVICE);
    }

    @Test
    void reopeningThePageShowsTheTranscriptFromWhatWasStoredWithoutAReplay() {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get svc api"));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        long replaysBefore = replays();

        Document first = page("/labs/" + LabWorkspaceResourceTest.LAB);
        Document second = page("/labs/" + LabWorkspaceResourceTest.LAB);

        assertThat(replays()).isEqualTo(replaysBefore);
        assertThat(second.select("#console-log .console-entry kbd").eachText())
                .containsExactly("kubectl get svc api", "kubectl exec client -- curl -sS http://api/");
        assertThat(second.select("#console-log").outerHtml()).isEqualTo(first.select("#console-log").outerHtml());
    }

    @Test
    void theTranscriptFromStoredOutputsIsByteForByteTheOneAReplayGives() {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get pods -o wide"));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.command("kubectl get nosuchkind"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        String path = "/labs/" + LabWorkspaceResourceTest.LAB;
        String fromStored = html(path);
        QuarkusTransaction.requiringNew().run(() ->
                WorkspaceEntry.update("output = null where workspaceId = ?1", workspace));
        long replaysBefore = replays();

        String fromReplay = html(path);

        assertThat(replays()).isEqualTo(replaysBefore + 1);
        assertThat(fromStored).contains("Trace (", "<span class=\"stderr\">", "service/api configured")
                .isEqualTo(fromReplay);
    }

    /**
     * The lab page's editor and console on a fixed workspace, byte for byte as the page rendered them before it read
     * only what it shows of the log and built the transcript without Qute (golden/lab-page-panels.html, taken from
     * that version): the same data gives the same bytes.
     */
    @Test
    void theEditorAndConsoleOfAFixedWorkspaceAreTheBytesTheyWere() throws java.io.IOException {
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(workspace));
        workspaces.run(w, LogEntry.command("kubectl get svc api -o wide"));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.command(
                "kubectl get pods -l 'app in (api)' -o jsonpath=\"{.items[*].metadata.name}\""));
        workspaces.run(w, LogEntry.command("kubectl get nosuchkind <none> & echo 'é'"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE));
        workspaces.run(w, LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        workspaces.run(w, LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE.replace("5678", "\"5678\"")));
        workspaces.run(w, LogEntry.command("kubectl describe svc api"));

        String html = html("/labs/" + LabWorkspaceResourceTest.LAB);
        String panels = html.substring(html.indexOf("<section class=\"pane ws-editor\""),
                html.indexOf("</section>", html.indexOf("id=\"console-history\"")) + "</section>".length())
                .replace("/workspaces/" + workspace + "/", "/workspaces/ID/");

        try (java.io.InputStream golden = getClass().getResourceAsStream("/golden/lab-page-panels.html")) {
            assertThat(panels).isEqualTo(new String(golden.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEmptyLogShowsAnEmptyConsole() {
        assertThat(page("/labs/" + LabWorkspaceResourceTest.LAB).select("#console-log .console-entry")).isEmpty();
    }

    private long replays() {
        return (long) registry.get("minicluster.workspace.replay").timer().count();
    }

    /** The page's HTML with its CSRF token (new at each request here) blanked. */
    private static String html(String path) {
        return given().get(path).then().statusCode(200).extract().asString()
                .replaceAll("name=\"csrf-token\" value=\"[^\"]*\"", "name=\"csrf-token\" value=\"\"")
                // The Content-Security-Policy nonce is new on every response, by design.
                .replaceAll("name=\"csp-nonce\" content=\"[^\"]*\"", "name=\"csp-nonce\" content=\"\"");
    }

    @Test
    void theLabPageNamesItsCharset() {
        // Sent as UTF-8 bytes (WorkspaceViews.html): without the charset a browser may guess another encoding.
        String type = given().get("/labs/" + LabWorkspaceResourceTest.LAB).then().statusCode(200).extract()
                .header("Content-Type");
        assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    }

    private static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
