package academy.minicluster.web.gradebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * An attempt's stored grade (attempt.result), read for the instructor: every check's verdict, points and
 * explanation, the probe command and its trace hop by hop, and the errors met while applying the submission.
 *
 * <p>attempt.result is the labs library's GradeResult serialized by Jackson (score, max, checks[id, title, verdict,
 * points, maxPoints, explanation, command, trace[stage, decision, decidedBy[kind, namespace, name], verdict]],
 * errors). It is read as a tree, field by field, so a grade stored by an older or newer version still shows what it
 * has rather than failing the page.
 */
public record AttemptResult(int score, int max, List<CheckLine> checks, List<String> errors, boolean readable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check's outcome. */
    public record CheckLine(String id, String title, String verdict, int points, int maxPoints, String explanation,
                            String command, List<HopLine> trace) {
        public boolean passed() {
            return "PASS".equals(verdict);
        }
    }

    /** One hop of a probe's trace. */
    public record HopLine(String stage, String decision, String decidedBy, String verdict) {
    }

    /** Reads {@code json}; what cannot be read gives an empty result with {@link #readable()} false. */
    public static AttemptResult parse(String json, int score, int max) {
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new AttemptResult(score, max, List.of(), List.of(), false);
        }
        List<CheckLine> checks = new ArrayList<>();
        for (JsonNode c : root.path("checks")) {
            List<HopLine> hops = new ArrayList<>();
            for (JsonNode h : c.path("trace")) {
                List<String> refs = new ArrayList<>();
                for (JsonNode r : h.path("decidedBy")) {
                    refs.add(r.isTextual() ? r.asText() : ref(r));
                }
                hops.add(new HopLine(h.path("stage").asText(""), h.path("decision").asText(""),
                        String.join(", ", refs), h.path("verdict").asText("")));
            }
            checks.add(new CheckLine(c.path("id").asText(""), c.path("title").asText(""),
                    c.path("verdict").asText(""), c.path("points").asInt(0), c.path("maxPoints").asInt(0),
                    c.path("explanation").asText(""), c.path("command").asText(""), hops));
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            errors.add(e.asText(""));
        }
        return new AttemptResult(root.path("score").asInt(score), root.path("max").asInt(max), checks, errors, true);
    }

    /** "Service default/web", as kubectl names an object. */
    private static String ref(JsonNode r) {
        String ns = r.path("namespace").asText("");
        return r.path("kind").asText("") + " " + (ns.isEmpty() ? "" : ns + "/") + r.path("name").asText("");
    }
}
