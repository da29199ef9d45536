package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kubectl command line after the verb: flags (with kubectl's short forms) and positional arguments, with
 * everything after {@code --} kept apart as the command to run in a container.
 */
final class Flags {

    /** Flags that take a value; all others are booleans. */
    private static final Set<String> WITH_VALUE = Set.of("namespace", "selector", "output", "filename", "image",
            "port", "replicas", "target-port", "type", "name", "container", "protocol", "restart", "labels",
            "dry-run", "cert", "key", "tail", "from-literal", "external-ip", "cluster-ip", "node-port", "env",
            "field-selector", "sort-by", "profile", "target", "session-affinity", "load-balancer-ip", "class",
            "rule", "default-backend", "annotation", "timeout", "grace-period", "current-replicas",
            "override-type", "overrides", "image-pull-policy", "for", "kubeconfig", "context", "validate",
            "field-manager", "request-timeout", "since", "since-time", "limit-bytes", "tcp", "clusterip",
            "external-name", "from-file", "patch", "patch-file", "to-revision", "revision", "limits", "requests",
            "containers", "address", "api-version", "subresource", "resource-version", "pod-running-timeout");

    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("n", "namespace"),
            Map.entry("l", "selector"), Map.entry("o", "output"), Map.entry("f", "filename"),
            Map.entry("A", "all-namespaces"), Map.entry("c", "container"), Map.entry("i", "stdin"),
            Map.entry("t", "tty"), Map.entry("p", "previous"), Map.entry("w", "watch"), Map.entry("q", "quiet"));

    final Map<String, List<String>> values = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();
    final List<String> command = new ArrayList<>();

    /** Thrown for a flag kubectl does not know, worded as kubectl words it. */
    static final class UnknownFlag extends Exception {
        UnknownFlag(String message) {
            super(message, null, false, false);
        }
    }

    static Flags parse(List<String> args, Set<String> known) throws UnknownFlag {
        return parse(args, known, Map.of());
    }

    /**
     * @param shorthands a command's own short forms, over the common ones: {@code -p} is {@code --patch} for
     *                   {@code kubectl patch}, {@code -c} is {@code --containers} for {@code kubectl set env}
     */
    static Flags parse(List<String> args, Set<String> known, Map<String, String> shorthands) throws UnknownFlag {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                flags.command.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!known.contains(name)) {
                    throw new UnknownFlag("error: unknown flag: --" + name);
                }
                if (WITH_VALUE.contains(name) && value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UnknownFlag("error: flag needs an argument: --" + name);
                    }
                    value = args.get(++i);
                }
                flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
            } else if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                String body = a.substring(1);
                // Combined short booleans such as -it; a value flag may carry its value attached (-ojson, -nfoo).
                for (int k = 0; k < body.length(); k++) {
                    String shortName = String.valueOf(body.charAt(k));
                    String name = shorthands.getOrDefault(shortName, SHORT.get(shortName));
                    if (name == null || !known.contains(name)) {
                        throw new UnknownFlag("error: unknown shorthand flag: '" + shortName + "' in " + a);
                    }
                    if (WITH_VALUE.contains(name)) {
                        String value = body.substring(k + 1);
                        if (value.startsWith("=")) {
                            value = value.substring(1);
                        }
                        if (value.isEmpty()) {
                            if (i + 1 >= args.size()) {
                                throw new UnknownFlag("error: flag needs an argument: '" + shortName + "' in " + a);
                            }
                            value = args.get(++i);
                        }
                        flags.values.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
                        break;
                    }
                    flags.values.computeIfAbsent(name, x -> new ArrayList<>()).add("true");
                }
            } else {
                flags.positional.add(a);
            }
        }
        return flags;
    }

    private static boolean isNumber(String s) {
        return s.length() > 1 && s.substring(1).chars().allMatch(Character::isDigit);
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        String v = get(name);
        return v != null && !v.equals("false");
    }
}
