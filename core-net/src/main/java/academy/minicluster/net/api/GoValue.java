package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A bad value as kube-apiserver prints it in a field error: {@code field.Error} falls back to Go's {@code %#v} for
 * anything that is not a string, number or bool, so a learner sees {@code []string{"10.96.0.5"}} or
 * {@code map[string]string{"app":"x"}}. Passed as the {@code value} of a {@link FieldError}, whose rendering uses
 * {@link #toString()}. Also how Go's {@code encoding/json} writes a string ({@link #jsonString}), for what kubectl,
 * kube-apiserver and Go servers print as JSON.
 */
public record GoValue(String text) {

    public GoValue {
        Objects.requireNonNull(text, "text");
    }

    /** {@code []string{"a", "b"}}, or {@code []string(nil)} for nothing. */
    public static GoValue stringSlice(List<String> values) {
        if (values == null || values.isEmpty()) {
            return new GoValue("[]string(nil)");
        }
        return new GoValue(values.stream().map(GoValue::quote).collect(Collectors.joining(", ", "[]string{", "}")));
    }

    /** {@code map[string]string{"a":"1", "b":"2"}} with keys sorted as fmt sorts them, or {@code (nil)} when empty. */
    public static GoValue stringMap(Map<String, String> values) {
        return new GoValue(mapLiteral(values));
    }

    /** {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}, as printed for immutable selectors. */
    public static GoValue labelSelector(LabelSelector selector) {
        if (selector == null) {
            return new GoValue("null");
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        String exprs;
        if (expressions == null || expressions.isEmpty()) {
            exprs = "[]v1.LabelSelectorRequirement(nil)";
        } else {
            exprs = expressions.stream()
                    .map(e -> "v1.LabelSelectorRequirement{Key:" + quote(e.getKey()) + ", Operator:"
                            + quote(e.getOperator()) + ", Values:" + stringSlice(e.getValues()).text() + "}")
                    .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
        }
        return new GoValue("v1.LabelSelector{MatchLabels:" + mapLiteral(selector.getMatchLabels())
                + ", MatchExpressions:" + exprs + "}");
    }

    /**
     * The key kube-apiserver reports for a duplicate Service port: a {@code core.ServicePort} with only protocol and
     * port set, printed whole.
     */
    public static GoValue servicePortKey(String protocol, int port) {
        return new GoValue("core.ServicePort{Name:\"\", Protocol:" + quote(protocol)
                + ", AppProtocol:(*string)(nil), Port:" + port
                + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
    }

    private static String mapLiteral(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return "map[string]string(nil)";
        }
        return new TreeMap<>(values).entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    /** Go's {@code %q} for the strings a manifest holds. */
    public static String quote(String value) {
        if (value == null) {
            return "\"\"";
        }
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '\r' -> s.append("\\r");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A JSON string as {@code encoding/json} writes it: {@code < > &} and U+2028/U+2029 as {@code \}{@code uXXXX},
     * control characters as {@code \n \r \t \b \f} or {@code \}{@code u00XX}, unpaired surrogates as U+FFFD.
     */
    public static void jsonString(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && plain(s.charAt(plain))) {
            plain++;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, out);
                default -> {
                    if (c < 0x20) {
                        unicode(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Characters written as they are: printable ASCII but {@code " \\ < > &}. */
    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
    }

    private static void unicode(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    /** {@link #jsonString(String, StringBuilder)} as a String. */
    public static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        jsonString(s, out);
        return out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
