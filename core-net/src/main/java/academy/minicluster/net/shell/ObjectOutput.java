package academy.minicluster.net.shell;

import academy.minicluster.net.api.GoValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code -o yaml} and {@code -o json}: objects as kubectl prints them. kubectl turns the object into a plain map (keys
 * sorted) and marshals it with Go: JSON indented by four spaces with {@code <>&} escaped, YAML in go-yaml's block
 * style (lists not indented under their key, strings that would read as another type double-quoted). Go leaves out
 * nil slices and maps, which fabric8 serializes as {@code []} and {@code {}}: those are dropped, while the empty
 * structs Go always writes ({@code resources: {}}, {@code loadBalancer: {}}, ...) stay. Lists are {@code kind: List}.
 */
final class ObjectOutput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Map-typed fields, which Go leaves out when empty and fabric8 writes as {@code {}}. Every other empty object is
     * a struct Go writes ({@code resources: {}}, {@code namespaceSelector: {}}, ...) and is kept.
     */
    private static final Set<String> MAPS = Set.of("labels", "annotations", "selector", "matchLabels", "nodeSelector",
            "data", "stringData", "binaryData", "capacity", "allocatable", "limits", "requests");

    private ObjectOutput() {
    }

    static JsonNode tree(List<? extends HasMetadata> objects, boolean single) {
        if (single) {
            return object(objects.get(0));
        }
        ObjectNode list = JSON.createObjectNode();
        list.put("apiVersion", "v1");
        ArrayNode items = list.putArray("items");
        for (HasMetadata o : objects) {
            items.add(object(o));
        }
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    /**
     * One object as the API server returns it: what Go always writes and fabric8 leaves null is added back
     * ({@code status.loadBalancer: {}} of Services and Ingresses, a pod template's {@code creationTimestamp: null},
     * each container's {@code resources: {}}).
     */
    private static JsonNode object(HasMetadata o) {
        return object(o, JSON.valueToTree(o));
    }

    /**
     * {@link #tree} of one object from {@code node}, its tree as Jackson serializes it (fields that are null left out),
     * which this changes: for a caller that needs that tree too ({@link ClientSideApply}) and serializes once.
     */
    static JsonNode object(HasMetadata o, JsonNode node) {
        if (node instanceof ObjectNode root) {
            if (o.getKind().equals("Service") || o.getKind().equals("Ingress")) {
                JsonNode status = root.get("status");
                ObjectNode st = status instanceof ObjectNode s ? s : root.putObject("status");
                if (!st.has("loadBalancer")) {
                    st.putObject("loadBalancer");
                }
            }
            JsonNode template = root.path("spec").path("template");
            if (template instanceof ObjectNode t) {
                JsonNode meta = t.get("metadata");
                ObjectNode m = meta instanceof ObjectNode x ? x : t.putObject("metadata");
                if (!m.has("creationTimestamp")) {
                    m.putNull("creationTimestamp");
                }
                containers(t.path("spec"));
            }
            containers(root.path("spec"));
        }
        return tidy(node);
    }

    /**
     * An object kubectl built and did not send ({@code --dry-run=client}): Go's zero values where fabric8 has null
     * ({@code creationTimestamp: null}, {@code status: {}}, a Deployment's {@code strategy: {}}, a Namespace's
     * {@code spec: {}}).
     */
    static JsonNode unsaved(HasMetadata o) {
        JsonNode node = object(o);
        if (node instanceof ObjectNode root) {
            ObjectNode meta = root.get("metadata") instanceof ObjectNode m ? m : root.putObject("metadata");
            if (!meta.has("creationTimestamp")) {
                meta.putNull("creationTimestamp");
            }
            if (!List.of("Secret", "ConfigMap").contains(o.getKind())) {
                if (o.getKind().equals("Namespace") && !root.has("spec")) {
                    root.putObject("spec");
                }
                if (root.get("spec") instanceof ObjectNode spec && o.getKind().equals("Deployment")
                        && !spec.has("strategy")) {
                    spec.putObject("strategy");
                }
                if (!root.has("status")) {
                    root.putObject("status");
                }
            }
            return tidy(root);
        }
        return node;
    }

    private static void containers(JsonNode podSpec) {
        for (String field : List.of("containers", "initContainers")) {
            for (JsonNode c : podSpec.path(field)) {
                if (c instanceof ObjectNode container && !container.has("resources")) {
                    container.putObject("resources");
                }
            }
        }
    }

    /** Keys sorted, empty lists and map-typed fields dropped, recursively. */
    private static JsonNode tidy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
                JsonNode value = tidy(e.getValue());
                boolean empty = (value.isArray() || value.isObject()) && value.isEmpty();
                if (empty && (value.isArray() || MAPS.contains(e.getKey()))) {
                    continue;
                }
                sorted.set(e.getKey(), value);
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            node.forEach(n -> array.add(tidy(n)));
            return array;
        }
        return node;
    }

    // ---- JSON (encoding/json MarshalIndent with four spaces) ----------------------------------------------------

    /** {@code json.Marshal}: no indentation, no newline. */
    static String compactJson(JsonNode tree) {
        return tree.toString();
    }

    static String json(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        writeJson(tree, 0, out);
        return out.append('\n').toString();
    }

    private static void writeJson(JsonNode node, int depth, StringBuilder out) {
        String indent = "    ".repeat(depth + 1);
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                out.append(indent);
                GoValue.jsonString(e.getKey(), out);
                out.append(": ");
                writeJson(e.getValue(), depth + 1, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append("    ".repeat(depth)).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(indent);
                writeJson(node.get(i), depth + 1, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append("    ".repeat(depth)).append(']');
        } else if (node.isTextual()) {
            GoValue.jsonString(node.asText(), out);
        } else {
            out.append(node.toString());
        }
    }

    // ---- YAML (go-yaml block style) ------------------------------------------------------------------------------

    static String yaml(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        if (tree.isObject() && !tree.isEmpty()) {
            writeMapping(tree, 0, out);
        } else {
            out.append(scalarOrEmpty(tree)).append('\n');
        }
        return out.toString();
    }

    private static void writeMapping(JsonNode node, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        boolean first = true;
        while (it.hasNext()) {
            var e = it.next();
            // The first key continues the line its caller started ("- " or the indentation); the others get their own.
            out.append(first ? "" : pad);
            first = false;
            out.append(yamlString(e.getKey())).append(':');
            writeValue(e.getValue(), indent, out);
        }
    }

    /** Writes what follows {@code key:} for a value whose key sits at {@code indent}. */
    private static void writeValue(JsonNode v, int indent, StringBuilder out) {
        if (v.isObject() && !v.isEmpty()) {
            out.append('\n').append(" ".repeat(indent + 2));
            writeMapping(v, indent + 2, out);
        } else if (v.isArray() && !v.isEmpty()) {
            out.append('\n');
            writeSequence(v, indent, out);
        } else if (v.isTextual() && v.asText().contains("\n")) {
            out.append(' ').append(literal(v.asText(), indent + 2));
        } else {
            out.append(' ').append(scalarOrEmpty(v)).append('\n');
        }
    }

    private static void writeSequence(JsonNode array, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        for (JsonNode item : array) {
            out.append(pad).append("- ");
            if (item.isObject() && !item.isEmpty()) {
                writeMapping(item, indent + 2, out);
            } else if (item.isArray() && !item.isEmpty()) {
                // A list in a list: go-yaml starts the inner list on the dash's line.
                StringBuilder inner = new StringBuilder();
                writeSequence(item, indent + 2, inner);
                out.append(inner.substring(indent + 2));
            } else if (item.isTextual() && item.asText().contains("\n")) {
                out.append(literal(item.asText(), indent + 2));
            } else {
                out.append(scalarOrEmpty(item)).append('\n');
            }
        }
    }

    private static String literal(String text, int indent) {
        StringBuilder s = new StringBuilder(text.endsWith("\n") ? "|\n" : "|-\n");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            s.append(line.isEmpty() ? "" : " ".repeat(indent) + line).append('\n');
        }
        return s.toString();
    }

    private static String scalarOrEmpty(JsonNode v) {
        if (v.isObject()) {
            return "{}";
        }
        if (v.isArray()) {
            return "[]";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return yamlString(v.asText());
        }
        return v.asText();
    }

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?\\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?");
    private static final Set<String> RESERVED = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null",
            "Null", "NULL", "<<");

    /** go-yaml's choice: plain if it reads back as this string, double-quoted if it would read as another type. */
    static String yamlString(String s) {
        if (s.isEmpty() || RESERVED.contains(s) || INT.matcher(s).matches() || FLOAT.matcher(s).matches()
                || TIMESTAMP.matcher(s).matches()) {
            return doubleQuoted(s);
        }
        if (!plainSafe(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        return s;
    }

    private static boolean plainSafe(String s) {
        char c = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0 && !((c == '-' || c == '?' || c == ':') && s.length() > 1
                && s.charAt(1) != ' ')) {
            return false;
        }
        if (Character.isWhitespace(c) || Character.isWhitespace(s.charAt(s.length() - 1)) || s.endsWith(":")) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.contains("\t")) {
            return false;
        }
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 || ch == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} in double quotes with {@code " \ newline tab} escaped: YAML's double-quoted style, Go's {@code %q}. */
    static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
