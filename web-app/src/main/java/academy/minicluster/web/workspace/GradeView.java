package academy.minicluster.web.workspace;

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

        /** The trace drawn left to right, failing hop marked (an SVG fragment, escaped). */
        public String traceSvg() {
            return TraceDrawing.svg(id, command, trace);
        }
    }
}
