package academy.minicluster.net.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of kubectl's JSONPath templates learners use: text with {@code {...}} expressions; field paths with
 * {@code [n]}, {@code [*]}, {@code [?(@.field=="value")]}; {@code {range ...}}...{@code {end}}; string literals such as
 * {@code {"\n"}}. Several results of one expression print separated by spaces, as kubectl prints them.
 */
final class JsonPath {

    /** A template kubectl would refuse, with kubectl's wording. */
    static final class TemplateError extends Exception {
        TemplateError(String message) {
            super(message, null, false, false);
        }
    }

    private JsonPath() {
    }

    static String render(String template, JsonNode root) throws TemplateError {
        List<String> tokens = tokenize(template);
        StringBuilder out = new StringBuilder();
        render(tokens, 0, tokens.size(), root, out);
        return out.toString();
    }

    private static int render(List<String> tokens, int from, int to, JsonNode current, StringBuilder out)
            throws TemplateError {
        int i = from;
        while (i < to) {
            String t = tokens.get(i);
            if (!t.startsWith("{")) {
                out.append(t);
                i++;
                continue;
            }
            String expr = t.substring(1, t.length() - 1).trim();
            if (expr.startsWith("range ")) {
                int end = matchingEnd(tokens, i, to);
                List<JsonNode> items = evaluate(expr.substring(6).trim(), current);
                for (JsonNode item : items) {
                    render(tokens, i + 1, end, item, out);
                }
                i = end + 1;
            } else if (expr.equals("end")) {
                throw new TemplateError("error: error parsing jsonpath " + String.join("", tokens)
                        + ", not in range, nothing to end");
            } else if (expr.startsWith("\"") && expr.endsWith("\"") && expr.length() >= 2) {
                out.append(unescape(expr.substring(1, expr.length() - 1)));
                i++;
            } else {
                List<String> parts = new ArrayList<>();
                for (JsonNode n : evaluate(expr, current)) {
                    parts.add(n.isValueNode() ? n.asText() : n.toString());
                }
                out.append(String.join(" ", parts));
                i++;
            }
        }
        return i;
    }

    private static int matchingEnd(List<String> tokens, int start, int to) throws TemplateError {
        int depth = 0;
        for (int i = start; i < to; i++) {
            String t = tokens.get(i);
            if (t.startsWith("{") && t.substring(1).trim().startsWith("range ")) {
                depth++;
            } else if (t.startsWith("{") && t.substring(1, t.length() - 1).trim().equals("end")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new TemplateError("error: error parsing jsonpath " + String.join("", tokens) + ", unclosed range");
    }

    private static List<String> tokenize(String template) throws TemplateError {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                tokens.add(template.substring(i));
                break;
            }
            if (open > i) {
                tokens.add(template.substring(i, open));
            }
            int close = findClose(template, open);
            if (close < 0) {
                throw new TemplateError("error: error parsing jsonpath " + template + ", unclosed action");
            }
            tokens.add(template.substring(open, close + 1));
            i = close + 1;
        }
        return tokens;
    }

    private static int findClose(String s, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"");
    }

    /** Evaluates a path such as {@code .items[*].metadata.name} from {@code node}. */
    static List<JsonNode> evaluate(String path, JsonNode node) throws TemplateError {
        String p = path.startsWith("$") ? path.substring(1) : path;
        List<JsonNode> current = new ArrayList<>(List.of(node));
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int j = i + 1;
                // A backslash escapes the next character, as in {.metadata.labels.app\.kubernetes\.io/name}.
                StringBuilder name = new StringBuilder();
                while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
                    if (p.charAt(j) == '\\' && j + 1 < p.length()) {
                        j++;
                    }
                    name.append(p.charAt(j));
                    j++;
                }
                String field = name.toString();
                if (!field.isEmpty()) {
                    List<JsonNode> next = new ArrayList<>();
                    for (JsonNode n : current) {
                        if (field.equals("*")) {
                            n.elements().forEachRemaining(next::add);
                        } else if (n.has(field)) {
                            next.add(n.get(field));
                        }
                    }
                    current = next;
                }
                i = j;
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw new TemplateError("error: error parsing jsonpath {" + path + "}, unterminated array");
                }
                String index = p.substring(i + 1, close).trim();
                List<JsonNode> next = new ArrayList<>();
                if (index.length() >= 2 && (index.charAt(0) == '\'' || index.charAt(0) == '"')
                        && index.charAt(index.length() - 1) == index.charAt(0)) {
                    // ['kubectl.kubernetes.io/last-applied-configuration']: a field whose name holds dots.
                    String field = index.substring(1, index.length() - 1);
                    for (JsonNode n : current) {
                        if (n.isObject() && n.has(field)) {
                            next.add(n.get(field));
                        }
                    }
                    current = next;
                    i = close + 1;
                    continue;
                }
                for (JsonNode n : current) {
                    if (!n.isArray()) {
                        continue;
                    }
                    if (index.equals("*") || index.equals(":")) {
                        n.elements().forEachRemaining(next::add);
                    } else if (index.startsWith("?(@.") && index.endsWith(")")) {
                        String filter = index.substring(4, index.length() - 1);
                        int eq = filter.indexOf("==");
                        String field = filter.substring(0, eq).trim();
                        String value = filter.substring(eq + 2).trim().replaceAll("^[\"']|[\"']$", "");
                        for (JsonNode item : n) {
                            List<JsonNode> found = evaluate("." + field, item);
                            if (!found.isEmpty() && found.get(0).asText().equals(value)) {
                                next.add(item);
                            }
                        }
                    } else {
                        try {
                            int k = Integer.parseInt(index);
                            int at = k < 0 ? n.size() + k : k;
                            if (at >= 0 && at < n.size()) {
                                next.add(n.get(at));
                            } else {
                                throw new TemplateError("error: error executing jsonpath \"{" + path
                                        + "}\": array index out of bounds: index " + k + ", length " + n.size());
                            }
                        } catch (NumberFormatException e) {
                            throw new TemplateError("error: error parsing jsonpath {" + path + "}, invalid array index "
                                    + index);
                        }
                    }
                }
                current = next;
                i = close + 1;
            } else {
                throw new TemplateError("error: error parsing jsonpath {" + path + "}, unrecognized character in action: "
                        + "U+" + String.format("%04X", (int) c) + " '" + c + "'");
            }
        }
        return current;
    }
}
