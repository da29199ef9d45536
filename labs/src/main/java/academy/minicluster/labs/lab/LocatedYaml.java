package academy.minicluster.labs.lab;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, with the line where each value starts, keyed by the value's field
 * path ({@code checks[2].endpoints.service}), so every error can say where it is.
 */
final class LocatedYaml {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** The line of the value at {@code path}, or of its nearest enclosing value. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    static LocatedYaml parse(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new LocatedYaml(JsonNodeFactory.instance.nullNode(), lines);
            }
            JsonNode root = read(p, "", lines);
            return new LocatedYaml(root, lines);
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        lines.put(path, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    JsonNode value = read(p, child, lines);
                    // A block scalar (`tasks: |`) starts on the key's line for the reader: report the key's line.
                    lines.put(child, keyLine);
                    if (o.has(name)) {
                        lines.put(child + "#duplicate", keyLine);
                    }
                    o.set(name, value);
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, path + "[" + i + "]", lines));
                    i++;
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            default -> {
                return f.nullNode();
            }
        }
    }

    /** Field paths of keys written twice in one mapping. */
    java.util.List<String> duplicates() {
        return lines.keySet().stream().filter(k -> k.endsWith("#duplicate")).sorted()
                .map(k -> k.substring(0, k.length() - "#duplicate".length())).toList();
    }
}
