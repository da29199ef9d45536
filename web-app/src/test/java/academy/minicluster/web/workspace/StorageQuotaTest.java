package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.net.shell.Utf8;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-learner storage quota, through the routes a learner uses: what an entry stores is counted as PostgreSQL
 * counts it, a full workspace and a full account are refused with a message (413; JSON on the API, text for the
 * console) and nothing is run, and the admin sees each account's usage. The defaults (32 MiB, 1,000 entries) are
 * reached by writing the counts and rows directly, not by sending 32 MiB.
 */
@QuarkusTest
class StorageQuotaTest {

    @BeforeEach
    void accounts() {
        TestAccounts.ensure();
    }

    @Test
    void theQuotaSaysWhichLimitAndWhatToDo() {
        StorageQuota quota = new StorageQuota(1024 * 1024, 3);

        quota.check(1000, 2, 100);
        assertThatThrownBy(() -> quota.check(0, 3, 1))
                .isInstanceOf(StorageQuotaExceeded.class)
                .hasMessage("workspace storage quota exceeded: this workspace holds 3 entries, the most one "
                        + "workspace may hold is 3 (minicluster.workspace.max-entries). Reset the lab or open a new "
                        + "playground to go on; nothing was run.");
        assertThatThrownBy(() -> quota.check(1024 * 1024 - 10, 0, 11))
                .isInstanceOf(StorageQuotaExceeded.class)
                .hasMessage("workspace storage quota exceeded: your workspaces store 1.0 MiB, this entry 0.0 MiB, "
                        + "and a learner may store 1.0 MiB (minicluster.workspace.max-bytes-per-learner). Ask an "
                        + "administrator to make room; nothing was run.");
    }

    @Test
    void utf8LengthIsPostgresOctetLength() {
        String text = "kubectl get pods # héllo ✓ 🚀";
        long postgres = QuarkusTransaction.requiringNew().call(() -> ((Number) Workspace.getEntityManager()
                .createNativeQuery("SELECT octet_length(CAST(?1 AS text))").setParameter(1, text)
                .getSingleResult()).longValue());
        assertThat(Utf8.length(text)).isEqualTo(postgres);
    }

    @Test
    @TestSecurity(user = TestAccounts.ENT, roles = "learner")
    void entriesAreCountedAndAFullWorkspaceRefusesTheNextUnrun() {
        long id = openPlayground();
        given().contentType(ContentType.JSON).body(Map.of("command", "kubectl get nodes"))
                .when().post("/api/v1/playgrounds/" + id + "/commands").then().statusCode(200);

        Object[] counted = QuarkusTransaction.requiringNew().call(() -> (Object[]) Workspace.getEntityManager()
                .createNativeQuery("""
                        SELECT w.stored_bytes, w.entry_count,
                               (SELECT sum(octet_length(text) + coalesce(octet_length(output), 0))
                                FROM workspace_entry WHERE workspace_id = w.id)
                        FROM workspace w WHERE w.id = ?1""").setParameter(1, id).getSingleResult());
        assertThat(((Number) counted[0]).longValue()).isPositive().isEqualTo(((Number) counted[2]).longValue());
        assertThat(((Number) counted[1]).intValue()).isEqualTo(1);

        // Fill the log to 1,000 entries (the default limit) without running them.
        QuarkusTransaction.requiringNew().run(() -> Workspace.getEntityManager().createNativeQuery("""
                INSERT INTO workspace_entry (workspace_id, seq, kind, text)
                SELECT ?1, g, 'command', 'kubectl get pods' FROM generate_series(2, 1000) g""")
                .setParameter(1, id).executeUpdate());

        JsonPath refused = given().contentType(ContentType.JSON).body(Map.of("command", "kubectl get nodes"))
                .when().post("/api/v1/playgrounds/" + id + "/commands")
                .then().statusCode(413).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(refused.getInt("status")).isEqualTo(413);
        assertThat(refused.getString("error")).isEqualTo("Content Too Large");
        assertThat(refused.getString("message")).startsWith("workspace storage quota exceeded: this workspace "
                + "holds 1000 entries, the most one workspace may hold is 1000");
        assertThat(entries(id)).isEqualTo(1000);
    }

    @Test
    @TestSecurity(user = TestAccounts.QUO, roles = "learner")
    void aLearnerOverTheBytesQuotaIsRefusedInTheConsoleWithTheMessage() {
        long full = openPlayground();
        QuarkusTransaction.requiringNew().run(() -> Workspace.update("storedBytes = ?1 where id = ?2",
                32L * 1024 * 1024, full));
        Response page = given().when().get("/playground");
        long current = LabWorkspaceResourceTest.workspaceId(page);
        TestAccounts.Csrf csrf = TestAccounts.Csrf.of(page);
        int before = entries(current);

        Response refused = given().cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .formParam("csrf-token", csrf.token()).formParam("command", "kubectl get pods")
                .when().post("/workspaces/" + current + "/console");

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("text/plain");
        assertThat(refused.asString()).startsWith("workspace storage quota exceeded: your workspaces store ")
                .contains("a learner may store 32.0 MiB (minicluster.workspace.max-bytes-per-learner)");
        assertThat(entries(current)).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = TestAccounts.ADA, roles = "admin")
    void theAdminSeesEachAccountsUsageLargestFirst() {
        QuarkusTransaction.requiringNew().run(() -> {
            Workspace w = Workspace.open(TestAccounts.id(TestAccounts.BIG), null, null, "default", 1);
            w.storedBytes = 5L * 1024 * 1024 * 1024; // more than any other test stores
            w.entryCount = 7;
        });

        Document page = Jsoup.parse(given().when().get("/admin/storage").then().statusCode(200).extract().asString());

        assertThat(page.select("h1").text()).isEqualTo("Workspace storage");
        assertThat(page.select("tbody tr").first().attr("data-account")).isEqualTo(TestAccounts.BIG);
        long previous = Long.MAX_VALUE;
        for (var row : page.select("tbody tr")) {
            long bytes = Long.parseLong(row.select(".bytes").text());
            assertThat(bytes).isLessThanOrEqualTo(previous);
            previous = bytes;
        }
        assertThat(page.select("tbody tr[data-account=" + TestAccounts.BIG + "] .share").text()).isEqualTo("100%");
        assertThat(page.select("tbody tr[data-account=" + TestAccounts.BIG + "] .entries").text()).isNotEmpty();
    }

    @Test
    @TestSecurity(user = TestAccounts.ANA, roles = "learner")
    void learnersMayNotSeeTheStoragePage() {
        given().when().get("/admin/storage").then().statusCode(403);
    }

    private static long openPlayground() {
        return given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/playgrounds")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static int entries(long workspace) {
        return QuarkusTransaction.requiringNew().call(() -> (int) WorkspaceEntry.count("workspaceId", workspace));
    }
}
