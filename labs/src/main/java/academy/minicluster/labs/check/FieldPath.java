package academy.minicluster.labs.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field path into an object, in the style of kubectl's JSONPath: {@code spec.ports[0].targetPort},
 * {@code spec.ports[*].port}, {@code spec.ports[?(@.name=="http")].targetPort},
 * {@code metadata.labels['app.kubernetes.io/name']}. A leading {@code .} or surrounding {@code {}} are allowed.
 */
public final class FieldPath {

    private sealed interface Step permits Field, Index, All, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record All() implements Step {
    }

    private record Filter(String field, String value) implements Step {
    }

    private final String text;
    private final List<Step> steps;

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static FieldPath parse(String text) {
        String t = text.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.startsWith(".")) {
            t = t.substring(1);
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                int end = t.indexOf(']', i);
                if (t.startsWith("[?(", i)) {
                    end = t.indexOf(")]", i);
                    if (end < 0) {
                        throw bad(text);
                    }
                    String expr = t.substring(i + 3, end);
                    int eq = expr.indexOf("==");
                    if (!expr.startsWith("@.") || eq < 0) {
                        throw bad(text);
                    }
                    String value = expr.substring(eq + 2).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    steps.add(new Filter(expr.substring(2, eq).strip(), value));
                    i = end + 2;
                    continue;
                }
                if (end < 0) {
                    throw bad(text);
                }
                String inside = t.substring(i + 1, end).strip();
                if (inside.equals("*")) {
                    steps.add(new All());
                } else if (inside.matches("\\d+")) {
                    steps.add(new Index(Integer.parseInt(inside)));
                } else if (inside.length() >= 2 && (inside.startsWith("'") || inside.startsWith("\""))) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else {
                    throw bad(text);
                }
                i = end + 1;
                continue;
            }
            int j = i;
            while (j < t.length() && t.charAt(j) != '.' && t.charAt(j) != '[') {
                j++;
            }
            String name = t.substring(i, j);
            if (!name.matches("[A-Za-z0-9_-]+|\\*")) {
                throw bad(text);
            }
            steps.add(name.equals("*") ? new All() : new Field(name));
            i = j;
        }
        if (steps.isEmpty()) {
            throw bad(text);
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not a field path: \"" + text
                + "\" (e.g. spec.ports[0].targetPort, spec.ports[?(@.name==\"http\")].port)");
    }

    /** The values the path selects, in document order; empty when it selects nothing. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step s : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if (s instanceof Field f) {
                    if (n.has(f.name())) {
                        next.add(n.get(f.name()));
                    }
                } else if (s instanceof Index x) {
                    if (n.isArray() && x.index() < n.size()) {
                        next.add(n.get(x.index()));
                    }
                } else if (s instanceof All) {
                    n.elements().forEachRemaining(next::add);
                } else if (s instanceof Filter f && n.isArray()) {
                    for (JsonNode e : n) {
                        if (e.has(f.field()) && e.get(f.field()).asText().equals(f.value())) {
                            next.add(e);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
