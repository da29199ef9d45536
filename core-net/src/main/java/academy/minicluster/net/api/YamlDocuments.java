package academy.minicluster.net.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * How kubectl reads a YAML stream ({@code k8s.io/apimachinery/pkg/util/yaml.YAMLReader}): it cuts the text into
 * documents at lines that start with {@code ---} and converts each document to JSON on its own (go-yaml), so line
 * numbers in its errors count from the start of the document. This class does the cutting and words SnakeYAML's
 * errors the way go-yaml words the same mistakes.
 */
final class YamlDocuments {

    /** One document of the stream: its text and the 1-based line of the whole source where it starts. */
    record Chunk(String text, int startLine) {
    }

    /** A separator line with something other than a comment after {@code ---}. */
    record BadSeparator(String line, int lineNumber) {
    }

    private YamlDocuments() {
    }

    /** The documents of the stream, or the first invalid separator line. */
    static Object split(String text, List<Chunk> out) {
        StringBuilder current = new StringBuilder();
        int currentStart = 1;
        int lineNumber = 0;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            int next = end < 0 ? text.length() : end + 1;
            String line = text.substring(pos, next);
            lineNumber++;
            if (line.startsWith("---")) {
                String rest = line.substring(3).strip();
                if (!rest.isEmpty() && rest.charAt(0) != '#') {
                    return new BadSeparator(line.stripTrailing(), lineNumber);
                }
                out.add(new Chunk(current.toString(), currentStart));
                current.setLength(0);
                currentStart = lineNumber + 1;
            } else {
                current.append(line);
            }
            pos = next;
        }
        out.add(new Chunk(current.toString(), currentStart));
        return null;
    }

    /** A 0-based line in the document of a SnakeYAML error, or -1 when it has none. */
    static int documentLine(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            return mark == null ? -1 : mark.getLine();
        }
        return -1;
    }

    /**
     * go-yaml's text for a syntax error: {@code yaml: line 7: mapping values are not allowed in this context}.
     * go-yaml numbers scanner errors from 1 and parser errors from 0 (so parser errors name the line before the
     * problem); both quirks are kept, because that is the number a learner will see from kubectl.
     */
    static String goYamlMessage(YAMLException e) {
        if (!(e instanceof MarkedYAMLException marked)) {
            return "yaml: " + firstLine(e.getMessage());
        }
        String problem = marked.getProblem() == null ? "" : marked.getProblem();
        String context = marked.getContext() == null ? "" : marked.getContext();
        boolean scanner = e instanceof ScannerException;
        String text = goYamlProblem(problem, context);
        int line;
        Mark problemMark = marked.getProblemMark();
        Mark contextMark = marked.getContextMark();
        if (problemMark != null && problemMark.getLine() != 0) {
            line = scanner ? problemMark.getLine() + 1 : problemMark.getLine();
        } else if (problemMark != null && scanner) {
            line = 1;
        } else if (contextMark != null && contextMark.getLine() != 0) {
            line = contextMark.getLine();
        } else {
            line = 0;
        }
        return line == 0 ? "yaml: " + text : "yaml: line " + line + ": " + text;
    }

    private static String goYamlProblem(String problem, String context) {
        String p = problem.toLowerCase(Locale.ROOT);
        String c = context.toLowerCase(Locale.ROOT);
        if (p.startsWith("mapping values are not allowed")) {
            return "mapping values are not allowed in this context";
        }
        if (p.contains("that cannot start any token")) {
            return "found character that cannot start any token";
        }
        if (p.startsWith("could not find expected ':'")) {
            return "could not find expected ':'";
        }
        if (p.contains("found unexpected end of stream")) {
            return "found unexpected end of stream";
        }
        if (p.contains("found unknown escape character")) {
            return "found unknown escape character";
        }
        if (c.contains("block mapping") && p.startsWith("expected <block end>")) {
            return "did not find expected key";
        }
        if (c.contains("block collection") && p.startsWith("expected <block end>")) {
            return "did not find expected '-' indicator";
        }
        if (c.contains("flow sequence")) {
            return "did not find expected ',' or ']'";
        }
        if (c.contains("flow mapping")) {
            return "did not find expected ',' or '}'";
        }
        if (p.startsWith("expected the node content") || p.contains("expected the node content")) {
            return "did not find expected node content";
        }
        if (p.startsWith("expected '<document start>'")) {
            return "did not find expected <document start>";
        }
        if (p.startsWith("found undefined alias")) {
            return "unknown anchor '" + problem.substring("found undefined alias".length()).strip()
                    + "' referenced";
        }
        if (p.contains("expected alphabetic or numeric character")) {
            return "did not find expected alphabetic or numeric character";
        }
        return firstLine(problem.isEmpty() ? context : problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
