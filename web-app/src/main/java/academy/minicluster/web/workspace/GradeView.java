package academy.minicluster.web.workspace;

import academy.minicluster.web.authoring.SafeMarkdown;
import java.util.List;

/** A grade as the page shows it: score, each check with its explanation and trace, and the submission's errors. */
public record GradeView(String lab, int version, int score, int max, List<Check> checks, List<String> errors) {

    public GradeView {
        checks = List.copyOf(checks);
        errors = List.copyOf(errors);
    }

    public boolean fullMarks() {
        return score == max;
    }

    /**
     * This grade with only the errors that are new since {@code previous}, the same learner's attempt before it: the
     * grader replays the workspace's whole log, so every attempt would list again each error made since the
     * workspace was opened. The log only grows, so an earlier attempt's errors on the same log are the first ones of
     * this attempt's; when they are not (the learner reset the cluster in between), every error is new.
     */
    public GradeView newErrorsSince(List<String> previous) {
        return new GradeView(lab, version, score, max, checks, newErrors(errors, previous));
    }

    /** {@code errors} without the first ones when they are {@code previous} (see {@link #newErrorsSince}). */
    public static List<String> newErrors(List<String> errors, List<String> previous) {
        if (previous.isEmpty() || previous.size() > errors.size()
                || !errors.subList(0, previous.size()).equals(previous)) {
            return errors;
        }
        return errors.subList(previous.size(), errors.size());
    }

    /**
     * One check's outcome. {@code symptom} is what a probe or the API saw, {@code cause} which object, field and
     * value made it so; the page shows the cause only when {@code causeShown} (the lab's feedback setting, the
     * hints taken and the failed checks decide, see {@code LabWorkspaceResource}).
     */
    public record Check(String id, String title, String verdict, int points, int maxPoints, String symptom,
                        String cause, boolean causeShown, String command, List<HopView> trace) {

        public Check {
            trace = List.copyOf(trace);
        }

        public boolean passed() {
            return "PASS".equals(verdict);
        }

        /** What the page says under the check: the symptom, and the cause when it is shown. */
        public String explanation() {
            return causeShown ? symptom + cause : symptom;
        }

        /** Whether there is a cause the learner is not shown yet. */
        public boolean causeHidden() {
            return !causeShown && !cause.isEmpty();
        }

        /**
         * The explanation as HTML: authors and the grader write it as Markdown (backticks around names), rendered
         * as the author's preview renders it, escaped ({@link SafeMarkdown}).
         */
        public String explanationHtml() {
            return SafeMarkdown.render(explanation());
        }

        /** Where the probe's packet went and where it stopped, in one sentence (the trace's caption). */
        public String traceSummary() {
            StringBuilder s = new StringBuilder(trace.size() + " hops: ");
            for (int i = 0; i < trace.size(); i++) {
                s.append(i == 0 ? "" : " → ").append(trace.get(i).stage());
            }
            s.append(". ");
            trace.stream().filter(h -> !h.passed()).findFirst().ifPresentOrElse(
                    h -> s.append("Stopped at ").append(h.stage()).append(" (").append(h.verdict()).append(")")
                            .append(h.decider().isEmpty() ? "" : ", decided by " + h.decider()).append('.'),
                    () -> s.append("Every hop passed."));
            return s.toString();
        }
    }
}
