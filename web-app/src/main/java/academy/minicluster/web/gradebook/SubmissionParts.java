package academy.minicluster.web.gradebook;

import academy.minicluster.web.display.Highlight;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * An attempt's submission (attempt.submission) as an instructor reads it: the manifests applied as highlighted YAML,
 * the commands run each after a prompt, the answers to the lab's questions; in the order the learner did them.
 *
 * <p>The workspace stores a JSON array of parts ({@code kind} manifests, commands or answer; {@code source};
 * {@code text}: see workspace.GradeJson#submission). A submission that is not such an array (sent through the API
 * as text, or stored by an older version) is shown as it is, as text.
 */
public final class SubmissionParts {

    /** What a part is, and so how it is shown. */
    public enum Kind { MANIFESTS, COMMANDS, ANSWER, TEXT }

    /**
     * One part.
     *
     * @param source where it came from (the editor, a file name, the question's id)
     * @param html   its text as HTML, highlighted for manifests and commands, escaped otherwise
     */
    public record Part(Kind kind, String source, String html) {
        /** The CSS class: manifests, commands, answer, text. */
        public String css() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        public String label() {
            return switch (kind) {
                case MANIFESTS -> "Applied from the editor";
                case COMMANDS -> "Commands";
                case ANSWER -> "Answer to " + source;
                case TEXT -> "Submitted text";
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionParts() {
    }

    public static List<Part> of(String submission) {
        JsonNode root;
        try {
            root = JSON.readTree(submission);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isArray()) {
            return List.of(new Part(Kind.TEXT, "", Highlight.escape(submission == null ? "" : submission)));
        }
        List<Part> parts = new ArrayList<>();
        for (JsonNode n : root) {
            String text = n.path("text").asText("");
            String source = n.path("source").asText("");
            switch (n.path("kind").asText("")) {
                case "manifests" -> parts.add(new Part(Kind.MANIFESTS, source, Highlight.yaml(text)));
                case "commands" -> parts.add(new Part(Kind.COMMANDS, source, String.join("\n",
                        text.lines().filter(l -> !l.isBlank()).map(Highlight::command).toList())));
                case "answer" -> parts.add(new Part(Kind.ANSWER, source, Highlight.escape(text)));
                default -> parts.add(new Part(Kind.TEXT, source, Highlight.escape(text)));
            }
        }
        return parts;
    }
}
