package academy.minicluster.net.shell;

import academy.minicluster.net.api.GoValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation that client-side {@code kubectl apply}
 * (and {@code kubectl create --save-config}) writes: kubectl's {@code GetModifiedConfiguration} encodes the object
 * as read from the file — with the namespace kubectl sends it to, and with its annotations minus this one
 * ({@code {}} when it has none) — as compact JSON with every object's keys sorted (Go's {@code encoding/json} of an
 * unstructured map, HTML characters escaped), followed by a newline.
 *
 * <p>It is built from the document's tree as the decoder read it, never by serializing the typed object again, and
 * without copying the tree: only the {@code metadata} level is rearranged on the way out.
 */
final class LastAppliedConfiguration {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";


    private LastAppliedConfiguration() {
    }

    /**
     * The annotation's value for {@code document}.
     *
     * @param namespace the namespace kubectl sends a namespaced object to, or null for a cluster-scoped one
     */
    static String of(JsonNode document, String namespace) {
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        boolean first = true;
        for (String name : sortedNames(document)) {
            first = comma(out, first);
            GoValue.jsonString(name, out);
            out.append(':');
            JsonNode v = document.get(name);
            if (name.equals("metadata") && v.isObject()) {
                metadata(v, namespace, out);
            } else {
                value(v, out);
            }
        }
        return out.append("}\n").toString();
    }

    /** {@code metadata} with {@code annotations} (this one left out, {@code {}} if none) and the namespace set. */
    private static void metadata(JsonNode metadata, String namespace, StringBuilder out) {
        TreeMap<String, Object> fields = new TreeMap<>(sorted(metadata));
        fields.put("annotations", metadata.get("annotations"));
        if (namespace != null) {
            fields.put("namespace", namespace);
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            first = comma(out, first);
            GoValue.jsonString(e.getKey(), out);
            out.append(':');
            if (e.getKey().equals("annotations")) {
                annotations((JsonNode) e.getValue(), out);
            } else if (e.getValue() instanceof String s) {
                GoValue.jsonString(s, out);
            } else {
                value((JsonNode) e.getValue(), out);
            }
        }
        out.append('}');
    }

    private static void annotations(JsonNode annotations, StringBuilder out) {
        out.append('{');
        if (annotations != null && annotations.isObject()) {
            boolean first = true;
            for (String name : sortedNames(annotations)) {
                if (name.equals(ANNOTATION)) {
                    continue;
                }
                first = comma(out, first);
                GoValue.jsonString(name, out);
                out.append(':');
                value(annotations.get(name), out);
            }
        }
        out.append('}');
    }

    private static void value(JsonNode v, StringBuilder out) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.append("null");
        } else if (v.isObject()) {
            out.append('{');
            boolean first = true;
            for (String name : sortedNames(v)) {
                first = comma(out, first);
                GoValue.jsonString(name, out);
                out.append(':');
                value(v.get(name), out);
            }
            out.append('}');
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(v.get(i), out);
            }
            out.append(']');
        } else if (v.isTextual()) {
            GoValue.jsonString(v.textValue(), out);
        } else if (v.isBoolean()) {
            out.append(v.booleanValue());
        } else if (v.isFloatingPointNumber()) {
            out.append(goFloat(v.doubleValue()));
        } else if (v.isNumber()) {
            out.append(v.bigIntegerValue());
        } else {
            GoValue.jsonString(v.asText(), out);
        }
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    /** Go's {@code json.Marshal} of a map: keys in sorted order. */
    private static String[] sortedNames(JsonNode object) {
        String[] names = new String[object.size()];
        int i = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names[i++] = it.next();
        }
        java.util.Arrays.sort(names);
        return names;
    }

    private static TreeMap<String, JsonNode> sorted(JsonNode object) {
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), e.getValue());
        }
        return fields;
    }

    /** A float64 as {@code encoding/json} writes it: integral values without a fraction, large ones as {@code 1e+21}. */
    static String goFloat(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String s = Double.toString(d).replace("E", "e");
            int e = s.indexOf('e');
            String mantissa = new BigDecimal(s.substring(0, e)).stripTrailingZeros().toPlainString();
            String exponent = s.substring(e + 1);
            boolean negative = exponent.startsWith("-");
            String digits = negative ? exponent.substring(1) : exponent;
            // strconv's two-digit exponent, which encoding/json shortens for negative ones (e-07 -> e-7).
            return mantissa + "e" + (negative ? "-" + digits : "+" + (digits.length() < 2 ? "0" + digits : digits));
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
