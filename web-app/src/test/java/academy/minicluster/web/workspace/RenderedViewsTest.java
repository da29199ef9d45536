package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Feedback;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabKind;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.web.topology.Topology;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The views kept once rendered (the cluster map per drawing, a grade per what it shows) are byte for byte what
 * rendering them afresh gives, and a change to what they show is a new render. Runs in Quarkus for the Qute templates.
 */
@QuarkusTest
class RenderedViewsTest {

    @Test
    void aKeptMapIsTheFreshRenderAndAChangedMapIsRenderedAgain() throws Exception {
        Lab lab = BuiltInLabs.load(LabWorkspaceResourceTest.LAB).orElseThrow();
        var shell = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
        WorkspaceViews.Drawn before = WorkspaceViews.drawn(shell.cluster());
        for (boolean oob : List.of(false, true)) {
            String kept = WorkspaceViews.topology(7, before, oob);

            assertThat(kept).isEqualTo(WorkspaceViews.topology(7, Topology.of(shell.cluster()), oob));
            assertThat(WorkspaceViews.topology(7, before, oob)).isSameAs(kept);
            assertThat(WorkspaceViews.topology(8, before, oob))
                    .isEqualTo(WorkspaceViews.topology(8, Topology.of(shell.cluster()), oob))
                    .contains("/workspaces/8/topology").doesNotContain("/workspaces/7/");
        }
        assertThat(WorkspaceViews.topology(7, before, true)).isNotEqualTo(WorkspaceViews.topology(7, before, false));

        WorkspaceReplay.replay(shell, List.of(LogEntry.command("kubectl delete pod client")));
        WorkspaceViews.Drawn after = WorkspaceViews.drawn(shell.cluster());

        assertThat(after).isNotSameAs(before);
        for (boolean oob : List.of(false, true)) {
            assertThat(WorkspaceViews.topology(7, after, oob))
                    .isEqualTo(WorkspaceViews.topology(7, Topology.of(shell.cluster()), oob))
                    .isNotEqualTo(WorkspaceViews.topology(7, before, oob));
        }
    }

    @Test
    void aKeptGradeIsTheFreshRenderWithCausesShownOrHiddenAndTheErrorsBefore() throws Exception {
        Lab lab = BuiltInLabs.load(LabWorkspaceResourceTest.LAB).orElseThrow();
        var result = Grader.grade(lab, Submission.EMPTY, ClusterLimits.DEFAULTS);
        ObjectNode doc = GradeJson.of(lab, result);
        doc.putArray("errors").add("error: one <b>").add("error: two");
        LabAttempt attempt = new LabAttempt();
        attempt.id = 4242L;
        attempt.labId = lab.id();
        attempt.labVersion = 3;
        attempt.createdAt = Instant.parse("2026-12-08T03:00:00.123456Z");
        attempt.result = GradeJson.write(doc);
        // A lab asking for one hint before the causes: none taken hides them, one taken shows them.
        var feedback = new Feedback(1, 99);
        List<String> oneError = List.of("error: one <b>");

        String hidden = WorkspaceViews.grade(attempt, lab, feedback, new WorkspaceViews.Seen(0, 1, List.of()));
        String shown = WorkspaceViews.grade(attempt, lab, feedback, new WorkspaceViews.Seen(1, 1, List.of()));
        String shownSinceOne = WorkspaceViews.grade(attempt, lab, feedback, new WorkspaceViews.Seen(1, 1, oneError));

        assertThat(hidden).isEqualTo(fresh(attempt, lab, false, List.of())).contains("cause-hidden");
        assertThat(shown).isEqualTo(fresh(attempt, lab, true, List.of())).doesNotContain("cause-hidden");
        assertThat(shownSinceOne).isEqualTo(fresh(attempt, lab, true, oneError))
                .doesNotContain("error: one").contains("error: two");
        assertThat(shown).contains("error: one &lt;b&gt;").contains("data-attempt=\"4242\"")
                .contains("2026-12-08T03:00:00.123456Z");
        assertThat(WorkspaceViews.grade(attempt, lab, feedback, new WorkspaceViews.Seen(0, 1, List.of())))
                .isSameAs(hidden);

        // The same id with another result (a database emptied and filled again) is another view.
        LabAttempt again = new LabAttempt();
        again.id = attempt.id;
        again.labId = attempt.labId;
        again.labVersion = attempt.labVersion;
        again.createdAt = attempt.createdAt;
        again.result = GradeJson.write(GradeJson.of(lab, result));
        assertThat(WorkspaceViews.grade(again, lab, feedback, new WorkspaceViews.Seen(0, 1, List.of())))
                .isEqualTo(fresh(again, lab, false, List.of())).doesNotContain("error: two");
    }

    /** The grade's view as it was rendered before views were kept: parsed and rendered now. */
    private static String fresh(LabAttempt attempt, Lab lab, boolean causes, List<String> errorsBefore) {
        return WorkspaceViews.Templates.grade(GradeJson.view(attempt.result, causes).newErrorsSince(errorsBefore),
                attempt, attempt.labId, lab.kind() == LabKind.troubleshooting).render();
    }
}
