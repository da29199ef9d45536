package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Label selectors as the API machinery evaluates them: {@code matchLabels} and {@code matchExpressions} ANDed
 * (Deployments, NetworkPolicies), and the plain equality maps of Service selectors.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one matches everything ({@code podSelector: {}}). */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            default -> false;
        };
    }

    /**
     * A Service's (or ReplicationController's) selector: every key equal. A null or empty selector selects nothing
     * here, because a Service without a selector gets no managed endpoints.
     */
    public static boolean matchesEquality(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code app=web,tier=front}: how kubectl prints a selector map. */
    public static String format(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return "<none>";
        }
        StringBuilder s = new StringBuilder();
        new java.util.TreeMap<>(selector).forEach((k, v) -> s.append(s.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return s.toString();
    }
}
