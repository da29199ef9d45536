package academy.minicluster.labs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.Fixtures;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LinterTest {

    /** The build's guarantee: every built-in lab is gradeable. */
    @TestFactory
    Stream<DynamicTest> everyBuiltInLabPassesTheLinter() throws Exception {
        List<Lab> labs = BuiltInLabs.all();
        List<LintReport> reports = Linter.lintAll(labs);
        return reports.stream().map(r -> DynamicTest.dynamicTest(r.lab(),
                () -> assertThat(r.findings()).as(r.lab()).isEmpty()));
    }

    private static final String SOLUTION_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              selector:
                app: web
              ports:
                - port: 80
            """;

    private static String labWith(String solution, String checks) {
        return "id: linted\nversion: 1\ntitle: Linted\nsummary: s\ndifficulty: beginner\nminutes: 5\n"
                + "lesson: services-and-clusterip\nstart:\n  manifests: |\n" + Fixtures.indent(Fixtures.WEB_AND_CLIENT, 4)
                + "tasks: Make Service api.\nhints:\n  - h\nsolutions:\n  - id: s\n    manifests: |\n"
                + Fixtures.indent(solution, 6) + "checks:\n" + Fixtures.indent(checks, 2);
    }

    @Test
    void aGoodLabHasNoFindings() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE,
                "- {id: eps, title: t, endpoints: {service: api, ready: 2}}"), "good.yaml");

        assertThat(r.findings()).isEmpty();
        assertThat(r.submissions()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSolutionThatDoesNotScoreFullMarksIsReportedWithTheExplanation() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE,
                "- {id: eps, title: t, endpoints: {service: api, ready: 3}}"), "bad.yaml");

        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("solution-full-marks");
            assertThat(f.message()).contains("Service default/api has 2 ready endpoints").contains("expected 3");
        });
    }

    @Test
    void aStartThatAlreadyScoresFullMarksIsReported() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE,
                "- {id: eps, title: t, endpoints: {service: web, ready: 2}}"), "easy.yaml");

        assertThat(r.findings()).extracting(Finding::rule).contains("start-not-full", "check-can-fail");
    }

    @Test
    void aCheckNoNearMissCanFailIsReported() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE, """
                - {id: eps, title: t, endpoints: {service: api, ready: 2}}
                - {id: always, title: t, exists: {kind: Pod, name: client}}
                """), "weak.yaml");

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("check-can-fail");
            assertThat(f.where()).isEqualTo("checks[always]");
        });
    }

    @Test
    void parseErrorsBecomeFindingsWithTheirLine() {
        LintReport r = Linter.lint("id: x\ntitel: typo\n", "typo.yaml");

        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("parse");
            assertThat(f.where()).isEqualTo("typo.yaml:2 titel");
        });
    }

    @Test
    void nearMissesChangeLabelsPortsAndPaths() {
        List<Mutations.Mutation> m = Mutations.ofManifests(SOLUTION_SERVICE);

        assertThat(m).extracting(Mutations.Mutation::description)
                .containsExactly("Service api: spec.selector.app web -> webx", "Service api: spec.ports.0.port 80 -> 81");
    }
}
