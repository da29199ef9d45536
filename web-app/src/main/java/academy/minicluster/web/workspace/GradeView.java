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

    /** One check's outcome. */
    public record Check(String id, String title, String verdict, int points, int maxPoints, String explanation,
                        String command, List<HopView> trace) {

        public Check {
            trace = List.copyOf(trace);
        }

        public boolean passed() {
            return "PASS".equals(verdict);
        }

        /** The trace drawn left to right, failing hop marked (an SVG fragment, escaped). */
        public String traceSvg() {
            return TraceDrawing.svg(id, command, trace);
        }
    }
}
