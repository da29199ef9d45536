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

    /** Endpoints and what a client gets on the Service's port: together they pin the Service down. */
    private static final String GOOD_CHECKS = """
            - {id: eps, title: t, endpoints: {service: api, ready: 2}}
            - id: reach
              title: t
              reach: {from: {pod: client}, run: "curl -sS --connect-timeout 1 http://api/", expect: {servedBy: {deployment: web}}}
            """;

    @Test
    void aGoodLabHasNoFindings() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE, GOOD_CHECKS), "good.yaml");

        assertThat(r.findings()).isEmpty();
        assertThat(r.submissions()).isGreaterThanOrEqualTo(2);
        assertThat(r.relevant()).isPositive();
        assertThat(r.killed()).isEqualTo(r.relevant());
        assertThat(r.mutationScore()).isEqualTo(r.killed() + "/" + r.relevant());
    }

    @Test
    void aSurvivingMutantFailsLintNamingTheMutationAndWhatChanged() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE,
                "- {id: eps, title: t, endpoints: {service: api, ready: 2}}"), "weak.yaml");

        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("surviving-mutant");
            assertThat(f.where()).isEqualTo("solutions[s]");
            assertThat(f.message()).isEqualTo("mutant `change a port of Service api (spec.ports[0].port 80 -> 81)`"
                    + " changes what the cluster answers (from default/client to Service api:80 the mutant times out;"
                    + " the reference's gets HTTP 200 via Service default/api) but still scores 1/1");
        });
        assertThat(r.killed()).isLessThan(r.relevant());
    }

    @Test
    void aWrongAnswerWithFullMarksAndAnAlternativeWithoutAreReported() {
        String lab = labWith(SOLUTION_SERVICE, GOOD_CHECKS).replace("checks:\n", """
                wrongAnswers:
                  - id: same-as-the-reference
                    description: Not wrong at all.
                    manifests: |
                """ + Fixtures.indent(SOLUTION_SERVICE, 6) + """
                  - id: really-wrong
                    commands: kubectl get pods
                alternativeAnswers:
                  - id: expose
                    commands: kubectl expose deployment web --name=api --port=80
                  - id: not-an-answer
                    commands: kubectl get pods
                checks:
                """);

        LintReport r = Linter.lint(lab, "answers.yaml");

        assertThat(r.findings()).extracting(Finding::rule, Finding::where).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("wrong-answer-full-marks", "wrongAnswers[same-as-the-reference]"),
                org.assertj.core.groups.Tuple.tuple("alternative-full-marks", "alternativeAnswers[not-an-answer]"),
                org.assertj.core.groups.Tuple.tuple("alternative-full-marks", "alternativeAnswers[not-an-answer]"));
    }

    @Test
    void aStartScoringMoreThanAThirdIsReported() {
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE, GOOD_CHECKS
                + "- {id: web, title: t, points: 3, endpoints: {service: web, ready: 2}}\n"), "generous.yaml");

        assertThat(r.findings()).extracting(Finding::rule).contains("start-scores-low");
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
        LintReport r = Linter.lint(labWith(SOLUTION_SERVICE, GOOD_CHECKS
                + "- {id: always, title: t, exists: {kind: Pod, name: client}}\n"), "weak.yaml");

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
}
