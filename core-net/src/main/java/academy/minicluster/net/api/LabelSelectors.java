package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Label selectors as Kubernetes evaluates them ({@code metav1.LabelSelectorAsSelector}): every {@code matchLabels}
 * entry AND every {@code matchExpressions} requirement must hold. NetworkPolicies, Deployments and ReplicaSets select
 * with a {@link LabelSelector}; Services with a plain equality map ({@link #matchesEquality}).
 *
 * <p>A {@code null} selector matches nothing and an empty one ({@code {}}) matches everything, as in
 * {@code LabelSelectorAsSelector}: callers for whom an absent field means "all" (a NetworkPolicy's
 * {@code spec.podSelector}) say so themselves.
 */
public final class LabelSelectors {

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");
    private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private LabelSelectors() {
    }

    /** Whether {@code selector} selects an object carrying {@code labels}; null selects nothing, {} everything. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code selector} is {@code {}}: present with no requirement, so it selects everything. */
    public static boolean isEmpty(LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /**
     * A Service's {@code spec.selector}: every entry must be among the labels. A Service without a selector (null or
     * empty map) selects no pods: its endpoints are managed by hand, so this answers {@code false}.
     */
    public static boolean matchesEquality(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> wanted : selector.entrySet()) {
            if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code key in (a,b), !key}: the selector in the text form {@code kubectl get -l} and {@code kubectl describe}
     * use; {@code <none>} for a null selector, empty text for {@code {}}.
     */
    public static String describe(LabelSelector selector) {
        if (selector == null) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String op = r.getOperator() == null ? "" : r.getOperator();
                String values = r.getValues() == null ? "" : String.join(",", r.getValues().stream().sorted().toList());
                switch (op) {
                    case "In" -> parts.add(r.getKey() + " in (" + values + ")");
                    case "NotIn" -> parts.add(r.getKey() + " notin (" + values + ")");
                    case "Exists" -> parts.add(r.getKey());
                    case "DoesNotExist" -> parts.add("!" + r.getKey());
                    default -> parts.add(r.getKey() + " " + op + " (" + values + ")");
                }
            }
        }
        return String.join(",", parts);
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String key = requirement.getKey();
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        return switch (operator) {
            case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            // The API server rejects any other operator; an object that slipped through selects nothing.
            default -> false;
        };
    }

    /**
     * Validates a selector as kube-apiserver does ({@code metav1validation.ValidateLabelSelector}): label keys and
     * values of {@code matchLabels}, operators and values of {@code matchExpressions}.
     *
     * @param path the selector's field path, e.g. {@code spec.podSelector}
     */
    public static List<FieldError> validate(LabelSelector selector, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            return errors;
        }
        if (selector.getMatchLabels() != null) {
            String labelsPath = path + ".matchLabels";
            for (Map.Entry<String, String> label : new TreeMap<>(selector.getMatchLabels()).entrySet()) {
                for (String message : qualifiedNameErrors(label.getKey())) {
                    errors.add(FieldError.invalid(labelsPath, label.getKey(), message));
                }
                for (String message : labelValueErrors(label.getValue())) {
                    errors.add(FieldError.invalid(labelsPath + "[" + label.getKey() + "]", label.getValue(), message));
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
                errors.addAll(validate(selector.getMatchExpressions().get(i), path + ".matchExpressions[" + i + "]"));
            }
        }
        return errors;
    }

    private static List<FieldError> validate(LabelSelectorRequirement requirement, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errors.add(FieldError.required(path + ".values",
                            "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errors.add(FieldError.forbidden(path + ".values",
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errors.add(FieldError.invalid(path + ".operator", operator, "not a valid selector operator"));
        }
        String key = requirement.getKey() == null ? "" : requirement.getKey();
        for (String message : qualifiedNameErrors(key)) {
            errors.add(FieldError.invalid(path + ".key", key, message));
        }
        for (int i = 0; i < values.size(); i++) {
            for (String message : labelValueErrors(values.get(i))) {
                errors.add(FieldError.invalid(path + ".values[" + i + "]", values.get(i), message));
            }
        }
        return errors;
    }

    /** apimachinery {@code validation.IsQualifiedName}: a label key, {@code [prefix/]name}. */
    static List<String> qualifiedNameErrors(String value) {
        List<String> errors = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                if (prefix.length() > 253) {
                    errors.add("prefix part must be no more than 253 characters");
                }
                if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                    errors.add("prefix part " + regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
                }
            }
        } else {
            errors.add("a qualified name " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT,
                    "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errors.add("name part must be no more than 63 characters");
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errors.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** apimachinery {@code validation.IsValidLabelValue}. */
    static List<String> labelValueErrors(String value) {
        List<String> errors = new ArrayList<>();
        String text = value == null ? "" : value;
        if (text.length() > 63) {
            errors.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(text).matches()) {
            errors.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /** apimachinery {@code validation.RegexError}, double spaces included. */
    private static String regexError(String message, String format, String... examples) {
        StringBuilder s = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                s.append(" or ");
            }
            s.append('\'').append(examples[i]).append("', ");
        }
        return s.append("regex used for validation is '").append(format).append("')").toString();
    }
}
