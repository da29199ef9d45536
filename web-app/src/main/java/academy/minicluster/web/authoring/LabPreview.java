package academy.minicluster.web.authoring;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.lab.Lab;
import java.util.List;

/**
 * A lab as a learner meets it: title, summary, tasks and hints rendered, and the checks' titles and points (never
 * the solutions, never what a check looks at).
 */
public record LabPreview(String id, String title, String summary, String difficulty, int minutes, String tasksHtml,
                         List<String> hintsHtml, List<CheckLine> checks, int maxScore) {

    /** One check as the learner sees it before grading. */
    public record CheckLine(String title, int points) {
    }

    public static LabPreview of(Lab lab) {
        return new LabPreview(lab.id(), nonNull(lab.title()), nonNull(lab.summary()),
                lab.difficulty() == null ? "" : lab.difficulty().name().toLowerCase(java.util.Locale.ROOT),
                lab.minutes(), SafeMarkdown.render(lab.tasks()),
                lab.hints().stream().map(SafeMarkdown::render).toList(),
                lab.checks().stream().map((Check c) -> new CheckLine(c.title(), c.points())).toList(),
                lab.maxScore());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
