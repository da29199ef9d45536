package academy.minicluster.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label selector as kubectl's {@code -l} takes it: {@code app=web,tier!=db,env,!legacy}.
 * Set-based forms ({@code in}, {@code notin}) are not needed by labs and are refused.
 */
public final class Selectors {

    /** One requirement: key with an operator and a value. */
    public record Requirement(String key, String op, String value) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case "=" -> Objects.equals(v, value);
                case "!=" -> !Objects.equals(v, value);
                case "exists" -> v != null;
                default -> v == null;
            };
        }
    }

    /** A parsed selector. */
    public record Selector(List<Requirement> requirements) {
        public boolean matches(Map<String, String> labels) {
            Map<String, String> l = labels == null ? Map.of() : labels;
            return requirements.stream().allMatch(r -> r.matches(l));
        }
    }

    private Selectors() {
    }

    public static Selector parse(String text) {
        List<Requirement> reqs = new ArrayList<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty selector matches everything: write labels, e.g. app=web");
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.contains(" in ") || p.contains(" notin ") || p.contains("(")) {
                throw new IllegalArgumentException("set-based selectors are not supported here: " + p);
            }
            int ne = p.indexOf("!=");
            int eq = p.indexOf('=');
            if (ne > 0) {
                reqs.add(new Requirement(p.substring(0, ne).strip(), "!=", p.substring(ne + 2).strip()));
            } else if (eq > 0) {
                String v = p.substring(eq + 1);
                if (v.startsWith("=")) {
                    v = v.substring(1);
                }
                reqs.add(new Requirement(p.substring(0, eq).strip(), "=", v.strip()));
            } else if (p.startsWith("!") && p.length() > 1) {
                reqs.add(new Requirement(p.substring(1).strip(), "absent", null));
            } else if (!p.isEmpty() && p.matches("[A-Za-z0-9./_-]+")) {
                reqs.add(new Requirement(p, "exists", null));
            } else {
                throw new IllegalArgumentException("not a label selector: \"" + text + "\" (e.g. app=web,tier!=db)");
            }
        }
        return new Selector(List.copyOf(reqs));
    }
}
