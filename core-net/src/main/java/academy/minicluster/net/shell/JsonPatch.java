package academy.minicluster.net.shell;

import academy.minicluster.net.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patch as kube-apiserver applies it (evanphx/json-patch): {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy}, {@code test}, with its error wording. A patch that is not a list of
 * operations is a BadRequest; an operation that does not apply is kube-apiserver's 422, which kubectl prints as
 * {@code The request is invalid: ...}.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static JsonNode apply(JsonNode document, JsonNode patch) {
        if (!(patch instanceof ArrayNode operations)) {
            throw PatchCommand.badRequest("json: cannot unmarshal " + (patch == null || patch.isNull() ? "null"
                    : patch.isObject() ? "object" : patch.isTextual() ? "string" : patch.isNumber() ? "number"
                    : "bool") + " into Go value of type jsonpatch.Patch");
        }
        JsonNode doc = document.deepCopy();
        for (JsonNode op : operations) {
            if (!op.isObject()) {
                throw PatchCommand.badRequest("json: cannot unmarshal " + (op.isArray() ? "array" : "string")
                        + " into Go value of type jsonpatch.Operation");
            }
            String kind = op.path("op").asText("unknown");
            String path = op.path("path").asText(null);
            doc = switch (kind) {
                case "add" -> add(doc, path(op, kind), value(op, kind));
                case "remove" -> remove(doc, path(op, kind));
                case "replace" -> replace(doc, path(op, kind), value(op, kind));
                case "move" -> {
                    JsonNode moved = get(doc, from(op, kind), kind);
                    yield add(remove(doc, from(op, kind)), path(op, kind), moved);
                }
                case "copy" -> add(doc, path(op, kind), get(doc, from(op, kind), kind).deepCopy());
                case "test" -> {
                    JsonNode actual = get(doc, path(op, kind), kind);
                    if (!actual.equals(op.get("value"))) {
                        throw invalid("testing value " + path + " failed: test failed");
                    }
                    yield doc;
                }
                default -> throw invalid("Unexpected kind: " + kind);
            };
        }
        return doc;
    }

    private static List<String> path(JsonNode op, String kind) {
        if (!op.has("path")) {
            throw invalid(kind + " operation failed to decode path: missing value");
        }
        return pointer(op.get("path").asText());
    }

    private static List<String> from(JsonNode op, String kind) {
        if (!op.has("from")) {
            throw invalid(kind + " operation failed to decode from: missing value");
        }
        return pointer(op.get("from").asText());
    }

    private static JsonNode value(JsonNode op, String kind) {
        if (!op.has("value")) {
            throw invalid(kind + " operation, missing value field: missing value");
        }
        return op.get("value");
    }

    private static List<String> pointer(String text) {
        List<String> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        for (String t : text.substring(text.startsWith("/") ? 1 : 0).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String text(List<String> path) {
        return path.isEmpty() ? "" : "/" + String.join("/", path);
    }

    private static JsonNode parent(JsonNode doc, List<String> path, String kind) {
        JsonNode node = doc;
        for (String token : path.subList(0, path.size() - 1)) {
            node = child(node, token);
            if (node == null) {
                throw invalid("jsonpatch " + kind + " operation does not apply: doc is missing path: \""
                        + text(path) + "\": missing value");
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node instanceof ObjectNode o) {
            return o.get(token);
        }
        if (node instanceof ArrayNode a) {
            Integer i = index(token);
            return i == null || i < 0 || i >= a.size() ? null : a.get(i);
        }
        return null;
    }

    private static Integer index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode get(JsonNode doc, List<String> path, String kind) {
        if (path.isEmpty()) {
            return doc;
        }
        JsonNode found = child(parent(doc, path, kind), path.get(path.size() - 1));
        if (found == null) {
            throw invalid("jsonpatch " + kind + " operation does not apply: doc is missing key: " + text(path)
                    + ": missing value");
        }
        return found;
    }

    private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, path, "add");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            Integer i = "-".equals(last) ? Integer.valueOf(a.size()) : index(last);
            if (i == null || i < 0 || i > a.size()) {
                throw invalid("Unable to access invalid index: " + last + ": invalid index referenced");
            }
            a.insert(i, value);
        } else {
            throw invalid("jsonpatch add operation does not apply: doc is missing path: \"" + text(path)
                    + "\": missing value");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, List<String> path) {
        JsonNode parent = parent(doc, path, "remove");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a && index(last) != null && index(last) >= 0 && index(last) < a.size()) {
            a.remove(index(last));
        } else {
            throw invalid("Unable to remove nonexistent key: " + last + ": missing value");
        }
        return doc;
    }

    private static JsonNode replace(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, path, "replace");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a && index(last) != null && index(last) >= 0 && index(last) < a.size()) {
            a.set(index(last), value);
        } else {
            throw invalid("jsonpatch replace operation does not apply: doc is missing key: " + text(path)
                    + ": missing value");
        }
        return doc;
    }

    /** kube-apiserver's 422 for a patch that does not apply, as kubectl prints it. */
    private static ApiException invalid(String cause) {
        return new ApiException(ApiException.Reason.Invalid, "The request is invalid: " + cause);
    }
}
