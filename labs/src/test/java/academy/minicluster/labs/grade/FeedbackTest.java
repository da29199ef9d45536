package academy.minicluster.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Feedback;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabKind;
import academy.minicluster.labs.lab.LabParser;
import org.junit.jupiter.api.Test;

/**
 * Feedback that teaches without giving the answer away: a failed check's symptom (what was seen) is kept apart
 * from its cause (which object, field and value), and a lab says when a learner is shown the cause.
 */
class FeedbackTest {

    private static Lab builtIn(String id) {
        try {
            return BuiltInLabs.load(id).orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String LAB = """
            id: f
            title: F
            summary: s
            difficulty: beginner
            minutes: 5
            lesson: l
            tasks: t
            hints: [h]
            solutions:
              - {id: s, commands: kubectl get pods}
            checks:
              - {id: c, title: t, exists: {kind: Pod, name: x}}
            """;

    @Test
    void theCauseIsShownAfterTheHintsOrTheFailedChecksTheLabSets() {
        Feedback f = new Feedback(1, 3);

        assertThat(f.revealsCause(0, 0)).isFalse();
        assertThat(f.revealsCause(0, 2)).isFalse();
        assertThat(f.revealsCause(1, 0)).isTrue();
        assertThat(f.revealsCause(0, 3)).isTrue();
        assertThat(Feedback.SYMPTOMS_ONLY.revealsCause(100, 1000)).isFalse();
    }

    @Test
    void aLabSetsItsFeedbackAndTroubleshootingLabsDefaultToSymptomsOnly() throws Exception {
        assertThat(LabParser.parse(LAB, "f.yaml").feedback()).isEqualTo(Feedback.GUIDED);
        assertThat(LabParser.parse(LAB + "kind: troubleshooting\n", "f.yaml").feedback())
                .isEqualTo(Feedback.SYMPTOMS_ONLY);
        assertThat(LabParser.parse(LAB + "kind: troubleshooting\nfeedback: {revealCauseAfter: {hints: 2}}\n",
                "f.yaml").feedback()).isEqualTo(new Feedback(2, Feedback.NEVER));
        assertThat(LabParser.parse(LAB + "feedback: {revealCauseAfter: {hints: 0, failedChecks: 5}}\n", "f.yaml")
                .feedback()).isEqualTo(new Feedback(0, 5));
        assertThat(LabParser.parse(LAB + "feedback: {revealCauseAfter: never}\n", "f.yaml").feedback())
                .isEqualTo(Feedback.SYMPTOMS_ONLY);
        assertThat(builtIn("troubleshoot-the-shop").kind()).isEqualTo(LabKind.troubleshooting);
    }

    @Test
    void aBadFeedbackSettingIsAnErrorAtItsField() {
        assertThatThrownBy(() -> LabParser.parse(LAB + "feedback: {revealCauseAfter: {hint: 1}}\n", "f.yaml"))
                .isInstanceOf(LabFormatException.class)
                .hasMessageContaining("feedback.revealCauseAfter.hint: unknown field \"hint\" (known: hints, "
                        + "failedChecks)");
        assertThatThrownBy(() -> LabParser.parse(LAB + "kind: mystery\n", "f.yaml"))
                .hasMessageContaining("\"mystery\" is not one of guided, troubleshooting");
    }

    @Test
    void theStartOfATroubleshootingLabShowsSymptomsNotTheFault() {
        GradeResult r = Grader.grade(builtIn("troubleshoot-the-shop"), Submission.EMPTY);

        for (CheckResult c : r.checks()) {
            // The fault: the Service selects app=api-server, the pods are labelled app=api, targetPort 80.
            assertThat(c.symptom()).as(c.id()).doesNotContain("api-server").doesNotContain("app=api")
                    .doesNotContain("targetPort");
            assertThat(c.title()).as(c.id()).doesNotContain("selects").doesNotContain("8080");
        }
        CheckResult endpoints = r.check("endpoints-exist");
        assertThat(endpoints.symptom()).isEqualTo("Service shop/api has 0 ready endpoints, expected 2");
        assertThat(endpoints.cause()).contains("selects app=api-server");
        // The instructor's view: the whole explanation.
        assertThat(endpoints.explanation()).isEqualTo(endpoints.symptom() + endpoints.cause());
        CheckResult probe = r.check("frontend-reaches-api");
        assertThat(probe.symptom()).startsWith("`curl -sS --connect-timeout 3 http://api/hostname` from pod "
                + "shop/frontend failed: exit 7");
        assertThat(probe.cause()).startsWith("; stopped at SERVICE:").contains("app=api-server");
        assertThat(probe.trace()).isNotEmpty();
    }

    @Test
    void aPolicyMatrixSaysWhichCellsAreWrongAndOnlyItsCauseNamesThePolicy() {
        String allowAll = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{}]
                """;
        GradeResult r = Grader.grade(builtIn("default-deny-then-allow"), Submission.manifests(allowAll));

        CheckResult m = r.check("metrics-closed");
        assertThat(m.symptom()).contains("frontend -> api").contains("is allowed, must be blocked")
                .doesNotContain("NetworkPolicy");
        assertThat(m.cause()).startsWith("; decided by frontend -> api").contains("NetworkPolicy shop/open");
    }
}
