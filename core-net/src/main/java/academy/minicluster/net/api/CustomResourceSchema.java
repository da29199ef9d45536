package academy.minicluster.net.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The structural schema of a custom resource, as kube-apiserver's apiextensions-apiserver uses it: defaulting
 * ({@code default}, applied where the parent object exists and the field is absent) and OpenAPI validation
 * ({@code required}, {@code enum}, {@code maxItems}, {@code minItems}, {@code maxLength}, {@code minLength},
 * {@code pattern}, {@code minimum}, {@code maximum}), worded as {@code ConvertToFieldErrors} words them. The CEL rules
 * ({@code x-kubernetes-validations}) are not interpreted here: the kind's own validation implements them by hand.
 *
 * <p>The schemas are those of the Gateway API standard-channel CRDs, read once from
 * {@code gateway-api-schemas.json} (descriptions removed). Patterns are CRD authors' (not users'), matched by RE2/J.
 */
public final class CustomResourceSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMAS = load();

    private final JsonNode spec;
    private final JsonNode status;

    private CustomResourceSchema(JsonNode spec, JsonNode status) {
        this.spec = spec;
        this.status = status;
    }

    /** The schema of a Gateway API kind ({@code HTTPRoute}, {@code Gateway}, ...), or empty for a built-in kind. */
    public static Optional<CustomResourceSchema> of(String kind) {
        JsonNode node = SCHEMAS.get(kind);
        return node == null ? Optional.empty() : Optional.of(new CustomResourceSchema(node.get("spec"), node.get("status")));
    }

    private static JsonNode load() {
        try (InputStream in = CustomResourceSchema.class.getResourceAsStream("gateway-api-schemas.json")) {
            return JSON.readTree(Objects.requireNonNull(in, "gateway-api-schemas.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies the schema's defaults to {@code object} in place (its spec, and its status when it has none yet), as
     * the API server does when it decodes a custom resource: what {@code kubectl get -o yaml} then shows.
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> void applyDefaults(T object) {
        ObjectNode tree = JSON.valueToTree(object);
        boolean changed = false;
        if (tree.get("spec") instanceof ObjectNode specNode) {
            changed |= defaults(specNode, spec);
        }
        if (status != null && status.has("default") && (!(tree.get("status") instanceof ObjectNode s) || s.isEmpty())) {
            tree.set("status", status.get("default").deepCopy());
            changed = true;
        }
        if (!changed) {
            return;
        }
        try {
            T defaulted = (T) JSON.treeToValue(tree, object.getClass());
            for (String property : List.of("Spec", "Status")) {
                var getter = object.getClass().getMethod("get" + property);
                var setter = object.getClass().getMethod("set" + property, getter.getReturnType());
                setter.invoke(object, getter.invoke(defaulted));
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot default a " + object.getKind(), e);
        }
    }

    private static boolean defaults(JsonNode value, JsonNode schema) {
        if (schema == null || value == null) {
            return false;
        }
        boolean changed = false;
        if (value instanceof ObjectNode object && schema.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.get("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> p = properties.next();
                JsonNode present = object.get(p.getKey());
                if ((present == null || present.isNull()) && p.getValue().has("default")) {
                    object.set(p.getKey(), p.getValue().get("default").deepCopy());
                    changed = true;
                }
                changed |= defaults(object.get(p.getKey()), p.getValue());
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            for (JsonNode element : array) {
                changed |= defaults(element, schema.get("items"));
            }
        }
        return changed;
    }

    /** The OpenAPI validation errors of {@code object}'s spec, in document order. */
    public List<FieldError> validate(HasMetadata object) {
        JsonNode tree = JSON.valueToTree(object);
        List<FieldError> errors = new ArrayList<>();
        if (tree.has("spec") && !tree.get("spec").isNull()) {
            validate(tree.get("spec"), spec, "spec", errors);
        } else {
            errors.add(FieldError.required("spec", ""));   // every Gateway API CRD requires spec
        }
        return errors;
    }

    private static void validate(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (schema == null || value == null || value.isNull()) {
            return;
        }
        if (schema.has("enum")) {
            List<String> supported = new ArrayList<>();
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                supported.add(e.asText());
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(FieldError.notSupported(path, scalar(value), supported));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                errors.add(new FieldError(path, FieldError.Type.TOO_LONG, null,
                        "may not be more than " + schema.get("maxLength").asInt() + " bytes"));
            }
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                errors.add(FieldError.invalid(path, text, path + " in body should be at least "
                        + schema.get("minLength").asInt() + " chars long"));
            }
            if (schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(text).find()) {
                errors.add(FieldError.invalid(path, text, path + " in body should match '"
                        + schema.get("pattern").asText() + "'"));
            }
        }
        if (value.isNumber()) {
            long number = value.asLong();
            if (schema.has("minimum") && number < schema.get("minimum").asLong()) {
                errors.add(FieldError.invalid(path, number, path + " in body should be greater than or equal to "
                        + schema.get("minimum").asLong()));
            }
            if (schema.has("maximum") && number > schema.get("maximum").asLong()) {
                errors.add(FieldError.invalid(path, number, path + " in body should be less than or equal to "
                        + schema.get("maximum").asLong()));
            }
        }
        if (value instanceof ArrayNode array) {
            if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
                errors.add(new FieldError(path, FieldError.Type.TOO_MANY, array.size(),
                        "must have at most " + schema.get("maxItems").asInt() + " items"));
                return;  // kube-apiserver skips the items of a list that is too long
            }
            if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
                errors.add(new FieldError(path, FieldError.Type.INVALID, new GoValue("[]interface {}{}"),
                        path + " in body should have at least " + schema.get("minItems").asInt() + " items"));
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode items = schema.get("items");
                if (array.get(i).isNull() && items != null && items.has("type")) {
                    // Not nullable: a null element is a type error, reported as the OpenAPI validator words it.
                    String element = path + "[" + i + "]";
                    errors.add(FieldError.invalid(element, "null", element + " in body must be of type "
                            + items.get("type").asText() + ": \"null\""));
                    continue;
                }
                validate(array.get(i), items, path + "[" + i + "]", errors);
            }
        }
        if (value instanceof ObjectNode object) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    JsonNode present = object.get(r.asText());
                    if (present == null || present.isNull()) {
                        errors.add(FieldError.required(path + "." + r.asText(), ""));
                    }
                }
            }
            if (schema.has("properties")) {
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    validate(f.getValue(), schema.get("properties").get(f.getKey()), path + "." + f.getKey(), errors);
                }
            } else if (schema.has("additionalProperties")) {
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    validate(f.getValue(), schema.get("additionalProperties"), path + "." + f.getKey(), errors);
                }
            }
        }
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        return value.isNumber() ? (Object) value.asLong() : new GoValue(value.toString());
    }

    private static final Map<String, Pattern> PATTERNS = new java.util.HashMap<>();

    /** A CRD pattern, compiled once. Synchronized: the cache is shared by every cluster. */
    private static synchronized Pattern pattern(String pattern) {
        return PATTERNS.computeIfAbsent(pattern, p -> Pattern.compile(p.replace("\\x60", "`")));
    }
}
