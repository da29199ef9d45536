package academy.minicluster.web.authoring;

import static academy.minicluster.web.cohorts.InstructorFixtures.ADMIN;
import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static academy.minicluster.web.cohorts.InstructorFixtures.LEARNER;
import static academy.minicluster.web.cohorts.InstructorFixtures.OTHER_INSTRUCTOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.cohorts.Forms;
import academy.minicluster.web.cohorts.InstructorFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthoringResourceTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    /** The starter template's id line, as a created lab has it, broken: "servcie" is not a field of endpoints. */
    private static final String TYPO = "      servcie: hello";

    @Inject
    InstructorFixtures fixtures;

    @BeforeEach
    void accounts() {
        fixtures.everyone();
    }

    // --- anonymous and learners never reach authoring ---

    @Test
    void anonymousVisitorIsNotShownAuthoringPages() {
        for (String path : new String[] {"/author/labs", "/author/labs/new", "/author/labs/x/edit",
                "/author/labs/x/preview", "/author/labs/x/versions/1"}) {
            int status = given().redirects().follow(false).get(path).statusCode();
            assertThat(status).as(path).isIn(401, 302);
        }
    }

    @Test
    void anonymousPostsToAuthoringAreRefused() {
        for (String path : new String[] {"/author/labs", "/author/labs/x", "/author/labs/x/lint",
                "/author/labs/x/publish"}) {
            int status = given().redirects().follow(false).formParam("yaml", "id: x").post(path).statusCode();
            assertThat(status).as(path).isIn(400, 401, 302, 403);
        }
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void learnerGetsForbiddenOnEveryAuthoringPage() {
        for (String path : new String[] {"/author/labs", "/author/labs/new", "/author/labs/x/edit",
                "/author/labs/fix-wrong-selector/preview", "/author/labs/x/versions/1"}) {
            assertThat(given().redirects().follow(false).get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void learnerGetsForbiddenOnEveryAuthoringPostEvenWithAValidCsrfToken() {
        for (String path : new String[] {"/author/labs", "/author/labs/x", "/author/labs/x/lint",
                "/author/labs/x/publish"}) {
            Response r = Forms.post("/join", path, Map.of("id", "sneaky", "yaml", "id: x"));
            assertThat(r.statusCode()).as(path).isEqualTo(403);
        }
    }

    // --- the list ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void instructorSeesBuiltInLabsAsReadOnlyWithDuplicateLinks() {
        Document page = html("/author/labs");

        assertThat(page.select("table.builtin-labs tr[data-lab=fix-wrong-selector]")).hasSize(1);
        assertThat(page.select("table.builtin-labs a").eachAttr("href"))
                .contains("/author/labs/new?from=fix-wrong-selector")
                .noneMatch(href -> href.endsWith("/edit"));
        // Each row's links are named for what they open, not "Preview" ten times over.
        assertThat(page.select("table.builtin-labs tr[data-lab=fix-wrong-selector] a").eachText())
                .containsExactly("Preview fix-wrong-selector", "Duplicate as… a copy of fix-wrong-selector");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void instructorSeesOwnDraftsButNotAnotherInstructorsDrafts() {
        String mine = create(newId());
        String theirs = newId();
        fixtures.account(OTHER_INSTRUCTOR, academy.minicluster.web.accounts.Role.INSTRUCTOR);
        createDraftAs(theirs, OTHER_INSTRUCTOR);

        Document page = html("/author/labs");

        assertThat(page.select("table.authored-labs tr[data-lab=" + mine + "]")).hasSize(1);
        assertThat(page.select("table.authored-labs tr[data-lab=" + theirs + "]")).isEmpty();
    }

    @Test
    @TestSecurity(user = ADMIN, roles = "admin")
    void adminSeesAndEditsEveryAuthorsLabs() {
        String theirs = newId();
        createDraftAs(theirs, OTHER_INSTRUCTOR);

        assertThat(html("/author/labs").select("table.authored-labs tr[data-lab=" + theirs + "]")).hasSize(1);
        assertThat(given().get("/author/labs/" + theirs + "/edit").statusCode()).isEqualTo(200);
    }

    // --- creating ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void creatingFromTheStarterTemplateOpensTheEditorWithTheNewIdAndACleanLint() {
        String id = newId();
        Response created = Forms.post("/author/labs/new", "/author/labs", Map.of("id", id, "from", "starter"));

        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.header("Location")).endsWith("/author/labs/" + id + "/edit");
        Document editor = html("/author/labs/" + id + "/edit");
        assertThat(editor.select("textarea[data-editor=yaml][name=yaml]").text()).contains("id: " + id);
        assertThat(editor.select("#findings .lint-clean").text()).isEqualTo("No findings: this lab can be published.");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aBuiltInLabIdIsRefusedWithTheAdviceToDuplicate() {
        Response r = Forms.post("/author/labs/new", "/author/labs", Map.of("id", "fix-wrong-selector", "from", "starter"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#create-error").text())
                .isEqualTo("\"fix-wrong-selector\" is a built-in lab, and built-in labs are read-only: "
                        + "duplicate it under a new id instead.");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anIdTakenByAnotherAuthorIsRefused() {
        String theirs = newId();
        createDraftAs(theirs, OTHER_INSTRUCTOR);

        Response r = Forms.post("/author/labs/new", "/author/labs", Map.of("id", theirs, "from", "starter"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#create-error").text())
                .isEqualTo("Lab id \"" + theirs + "\" is taken by another author: choose another id.");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anInvalidIdIsRefusedWithTheRule() {
        Response r = Forms.post("/author/labs/new", "/author/labs", Map.of("id", "Bad Id!", "from", "starter"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#create-error").text()).startsWith("Lab id \"Bad Id!\" is invalid");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void duplicatingABuiltInLabCopiesItUnderTheNewId() {
        String id = newId();
        Forms.post("/author/labs/new", "/author/labs", Map.of("id", id, "from", "fix-wrong-selector"));

        String yaml = html("/author/labs/" + id + "/edit").select("textarea[name=yaml]").text();
        assertThat(yaml).startsWith("id: " + id).contains("checks:");
    }

    // --- editing and linting ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void lintingAParseErrorNamesItsLineAndField() {
        String id = create(newId());
        String broken = starter(id).replace("      service: hello", TYPO);

        Response r = Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/lint", Map.of("yaml", broken));

        assertThat(r.statusCode()).isEqualTo(200);
        Document fragment = Jsoup.parse(r.asString());
        assertThat(fragment.select("#findings li.finding[data-rule=parse]")).isNotEmpty();
        String finding = fragment.select("#findings li.finding").first().text();
        int line = lineOf(broken, TYPO);
        assertThat(finding).startsWith("line " + line + ", checks[1].endpoints.servcie:").contains("servcie");
        assertThat(fragment.select("#preview").attr("hx-swap-oob")).isEqualTo("true");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void lintingSavesTheDraftAsTyped() {
        String id = create(newId());
        String edited = starter(id).replace("Reach three echo pods through a Service", "Edited while typing");

        Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/lint", Map.of("yaml", edited));

        assertThat(html("/author/labs/" + id + "/edit").select("textarea[name=yaml]").text()).contains("Edited while typing");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aYamlIdOtherThanTheLabsIdIsAFinding() {
        String id = create(newId());
        String noSolutionNeeded = starter(id).replace("      name: hello\n      path: spec.ports[*].port\n      equals: 80",
                "      name: hello\n      path: spec.ports[*].port\n      equals: 80");
        // The YAML's id must be the lab's id: a draft cannot publish over another lab.
        String otherId = noSolutionNeeded.replace("id: " + id, "id: " + id + "-other");

        Document fragment = Jsoup.parse(Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/lint",
                Map.of("yaml", otherId)).asString());

        assertThat(fragment.select("li.finding[data-rule=lab-id]").text())
                .startsWith("id: id is \"" + id + "-other\" but this is the lab \"" + id + "\"");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anotherInstructorsLabCannotBeEditedLintedOrPublished() {
        String theirs = newId();
        createDraftAs(theirs, OTHER_INSTRUCTOR);

        assertThat(given().get("/author/labs/" + theirs + "/edit").statusCode()).isEqualTo(404);
        assertThat(Forms.post("/author/labs/new", "/author/labs/" + theirs + "/lint", Map.of("yaml", "id: x")).statusCode())
                .isEqualTo(404);
        assertThat(Forms.post("/author/labs/new", "/author/labs/" + theirs + "/publish", Map.of("yaml", "id: x")).statusCode())
                .isEqualTo(404);
        assertThat(Forms.post("/author/labs/new", "/author/labs/" + theirs, Map.of("yaml", "id: x")).statusCode())
                .isEqualTo(404);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void aBuiltInLabCannotBeEditedOnlyPreviewed() {
        assertThat(given().get("/author/labs/fix-wrong-selector/edit").statusCode()).isEqualTo(404);
        assertThat(given().get("/author/labs/fix-wrong-selector/preview").statusCode()).isEqualTo(200);
    }

    // --- preview ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void previewShowsTasksHintsAndCheckTitlesRenderedButNeverTheSolutions() {
        String id = create(newId());

        Document page = html("/author/labs/" + id + "/preview");

        assertThat(page.select("h1").text()).isEqualTo("Reach three echo pods through a Service");
        assertThat(page.select(".tasks strong").eachText()).contains("5678");
        assertThat(page.select("ol.hints li")).hasSize(2);
        assertThat(page.select("ul.checks li").eachText()).containsExactly(
                "Service hello offers port 80 (1 point)", "Service hello has three ready endpoints on port 5678 (3 points)");
        assertThat(page.text()).doesNotContain("service-yaml");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void rawHtmlInAnAuthorsTasksIsShownAsTextNotRun() {
        String id = create(newId());
        String yaml = starter(id).replace("tasks: |\n", "tasks: |\n  <script>alert(1)</script>\n\n");
        Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id, Map.of("yaml", yaml));

        Document page = html("/author/labs/" + id + "/preview");

        assertThat(page.select(".tasks script")).isEmpty();
        assertThat(page.select(".tasks").text()).contains("<script>alert(1)</script>");
    }

    // --- publishing ---

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void publishingWithLintFindingsIsRefusedAndCreatesNoVersion() {
        String id = create(newId());
        String broken = starter(id).replace("      service: hello", TYPO);

        Response r = Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/publish", Map.of("yaml", broken));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(r.asString()).select("#publish-error").text())
                .startsWith("Not published: the linter found");
        assertThat(given().get("/author/labs/" + id + "/versions/1").statusCode()).isEqualTo(404);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void publishingACleanLabCreatesVersionOne() {
        String id = create(newId());

        Response r = Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/publish", Map.of("yaml", starter(id)));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/author/labs/" + id + "/edit?published=1");
        assertThat(html("/author/labs/" + id + "/versions/1").select("pre.published-yaml").text()).contains("id: " + id);
        assertThat(html("/author/labs").select("tr[data-lab=" + id + "]").text()).contains("published, version 1");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void editingTheDraftAfterPublishingLeavesThePublishedVersionUnchanged() {
        String id = create(newId());
        Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/publish", Map.of("yaml", starter(id)));
        String edited = starter(id).replace("Reach three echo pods through a Service", "A changed title");

        Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id, Map.of("yaml", edited));

        String published = html("/author/labs/" + id + "/versions/1").select("pre.published-yaml").text();
        assertThat(published).contains("Reach three echo pods through a Service").doesNotContain("A changed title");
        assertThat(html("/author/labs/" + id + "/edit").select("textarea[name=yaml]").text()).contains("A changed title");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void publishingAgainCreatesTheNextVersionAndKeepsTheFirst() {
        String id = create(newId());
        Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/publish", Map.of("yaml", starter(id)));
        String edited = starter(id).replace("Reach three echo pods through a Service", "Second edition");

        Response r = Forms.post("/author/labs/" + id + "/edit", "/author/labs/" + id + "/publish", Map.of("yaml", edited));

        assertThat(r.header("Location")).endsWith("?published=2");
        assertThat(html("/author/labs/" + id + "/versions/2").select("pre.published-yaml").text()).contains("Second edition");
        assertThat(html("/author/labs/" + id + "/versions/1").select("pre.published-yaml").text()).doesNotContain("Second edition");
        assertThat(html("/author/labs/" + id + "/edit").select("ul.versions li")).hasSize(2);
    }

    @Test
    @TestSecurity(user = OTHER_INSTRUCTOR, roles = "instructor")
    void anotherInstructorCannotReadYourPublishedVersions() {
        String id = newId();
        createDraftAs(id, INSTRUCTOR);
        publishAs(id, INSTRUCTOR);

        assertThat(given().get("/author/labs/" + id + "/versions/1").statusCode()).isEqualTo(404);
    }

    // --- helpers ---

    @Inject
    AuthoringTestData data;

    private static String newId() {
        return "lab-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
    }

    private static String create(String id) {
        Response r = Forms.post("/author/labs/new", "/author/labs", Map.of("id", id, "from", "starter"));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(303);
        return id;
    }

    private void createDraftAs(String id, String author) {
        data.draft(id, AuthoringResource.withId(data.starter(), id), author);
    }

    private void publishAs(String id, String author) {
        data.publish(id, author);
    }

    private String starter(String id) {
        return AuthoringResource.withId(data.starter(), id);
    }

    private static int lineOf(String text, String line) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(line)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + line);
    }

    private static Document html(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
