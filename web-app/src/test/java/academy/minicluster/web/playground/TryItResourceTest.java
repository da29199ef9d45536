package academy.minicluster.web.playground;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.content.LessonSnippets;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.Workspaces;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Try it in the playground": a lesson's manifests and commands, opened in the learner's playground. */
@QuarkusTest
class TryItResourceTest {

    static final String LESSON = "services-and-clusterip";
    static final String LEARNER = "tryit-lea";

    @Inject
    CourseCatalog catalog;

    @Inject
    Workspaces workspaces;

    @BeforeEach
    void account() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
    }

    @Test
    void everyManifestAndCommandBlockOfALessonLinksToThePlaygroundAndOutputOnlyBlocksDoNot() {
        Document lesson = Jsoup.parse(given().get("/course/lessons/" + LESSON).then().statusCode(200)
                .extract().asString());
        int snippets = catalog.lesson(LESSON).orElseThrow().snippets().size();

        assertThat(snippets).isPositive();
        assertThat(lesson.select(".lesson-body .try-it a")).hasSize(snippets);
        assertThat(lesson.select(".lesson-body .try-it a").first().attr("href"))
                .isEqualTo("/playground?lesson=" + LESSON + "&snippet=1");
        Element afterText = lesson.select(".lesson-body pre:has(code.language-text)").first();
        if (afterText != null && afterText.nextElementSibling() != null) {
            assertThat(afterText.nextElementSibling().hasClass("try-it")).isFalse();
        }
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aManifestSnippetOpensThePlaygroundWithItInTheEditorAndNothingApplied() {
        LessonSnippets.Snippet manifest = first(true);

        Document page = playground("?lesson=" + LESSON + "&snippet=" + manifest.number());

        assertThat(page.select("textarea[name=yaml]").first().wholeText()).isEqualTo(manifest.text());
        assertThat(page.select(".snippet h2").text()).isEqualTo("Trying an example from Services and ClusterIP");
        assertThat(page.select(".snippet a").attr("href")).isEqualTo("/course/lessons/" + LESSON);
        assertThat(page.select("#console-input").attr("value")).isEmpty();
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aCommandSnippetPutsItsFirstCommandInTheConsoleAndListsTheRest() {
        LessonSnippets.Snippet commands = first(false);

        Document page = playground("?lesson=" + LESSON + "&snippet=" + commands.number());

        assertThat(page.select("#console-input").attr("value")).isEqualTo(commands.commands().get(0));
        assertThat(page.select(".snippet-commands code").eachText()).isEqualTo(commands.commands());
        assertThat(page.select(".snippet-commands button").first().attr("aria-label"))
                .isEqualTo("Put in the console: " + commands.commands().get(0));
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anUnknownSnippetOpensThePlaygroundAsItWasWithAMessage() {
        Document page = playground("?lesson=" + LESSON + "&snippet=999");

        assertThat(page.select(".notice[role=alert]").text()).contains("no such example");
        assertThat(page.select(".snippet")).isEmpty();
        assertThat(playground("?lesson=no-such-lesson&snippet=1").select(".notice").text()).contains("no such example");
        assertThat(playground("?lesson=" + LESSON + "&snippet=x").select(".notice").text()).contains("no such example");
    }

    @Test
    void anonymousReadersFollowingTryItAreAskedToSignIn() {
        int status = given().redirects().follow(false).get("/playground?lesson=" + LESSON + "&snippet=1")
                .statusCode();

        assertThat(status).isIn(302, 303, 401);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anExampleThatAssumesTheLessonsSetupOffersItAndRunsOnceSetUp() {
        // "curl the Service from the client pod": the client pod is the earlier lesson's, in this lesson's setup.
        LessonSnippets.Snippet curl = catalog.lesson(LESSON).orElseThrow().snippets().stream()
                .filter(s -> s.commands().stream().anyMatch(c -> c.startsWith("kubectl exec client")))
                .findFirst().orElseThrow();
        String query = "?lesson=" + LESSON + "&snippet=" + curl.number();
        QuarkusTransaction.requiringNew().run(() -> {
            long me = Account.findByUsername(LEARNER).orElseThrow().id;
            workspaces.openPlayground(me, "default", 1);
        });

        Document before = playground(query);
        assertThat(before.select(".snippet-setup button").text()).isEqualTo("Set up the example on my cluster");
        assertThat(before.select(".snippet-setup .setup-step").eachText()).hasSize(curl.setup().size());

        Response r = academy.minicluster.web.cohorts.Forms.post("/playground" + query, "/playground/setup",
                Map.of("lesson", LESSON, "snippet", String.valueOf(curl.number())));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/playground" + query);

        Document after = playground(query);
        assertThat(after.select(".snippet-setup")).isEmpty();
        assertThat(after.select(".snippet-setup-done").text()).startsWith("What this example assumes is on your");
        assertThat(after.select("#console-log").text()).contains("pod/client created");
        long me = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(LEARNER).orElseThrow().id);
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.currentPlayground(me).orElseThrow());
        for (String command : curl.commands()) {
            ShellResult result = workspaces.run(w, LogEntry.command(command));
            assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
        }
        // Setting up again runs nothing twice.
        int entries = workspaces.log(w).size();
        academy.minicluster.web.cohorts.Forms.post("/playground" + query, "/playground/setup",
                Map.of("lesson", LESSON, "snippet", String.valueOf(curl.number())));
        assertThat(workspaces.log(w)).hasSize(entries);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aFreshPlaygroundWithTheExampleSetUpAnswersTheAddressesTheLessonShows() {
        // The lesson shows its pods' and Service's addresses as a fresh playground with the example set up has them
        // (content's LessonOutputsTest): here, through the platform's own playground, they are the same.
        LessonSnippets.Snippet shown = catalog.lesson(LESSON).orElseThrow().snippets().stream()
                .filter(s -> s.commands().contains("kubectl get pods -o wide")).findFirst().orElseThrow();
        long me = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(LEARNER).orElseThrow().id);
        QuarkusTransaction.requiringNew().run(() -> workspaces.openPlayground(me, "default", Cluster.DEFAULT_SEED));
        academy.minicluster.web.cohorts.Forms.post("/playground?lesson=" + LESSON + "&snippet=" + shown.number(),
                "/playground/setup", Map.of("lesson", LESSON, "snippet", String.valueOf(shown.number())));
        Workspace w = QuarkusTransaction.requiringNew().call(() -> Workspace.currentPlayground(me).orElseThrow());

        for (int i = 0; i < shown.commands().size(); i++) {
            ShellResult result = workspaces.run(w, LogEntry.command(shown.commands().get(i)));
            assertThat(addresses(result.stdout())).as(shown.commands().get(i))
                    .isNotEmpty().isEqualTo(addresses(shown.shown().get(i)));
        }
    }

    /** The IPv4 addresses and generated pod names of an output, in order. */
    private static List<String> addresses(String output) {
        return Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b|\\bhello-[a-z0-9]+-[a-z0-9]{5}\\b").matcher(output)
                .results().map(MatchResult::group).toList();
    }

    private LessonSnippets.Snippet first(boolean manifest) {
        return catalog.lesson(LESSON).orElseThrow().snippets().stream().filter(s -> s.manifest() == manifest)
                .findFirst().orElseThrow();
    }

    private static Document playground(String query) {
        return Jsoup.parse(given().get("/playground" + query).then().statusCode(200).extract().asString());
    }
}
