package academy.minicluster.net.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags as the images' Go programs parse them, so a mistyped flag fails as it does on a real node.
 * <ul>
 *   <li>{@link Style#GO_FLAG}: Go's {@code flag} package (http-echo, whoami): {@code -name value}, {@code -name=value},
 *       two dashes allowed; a boolean takes no separate value ({@code -tcp}, {@code -tcp=false}); parsing stops at
 *       the first argument that is not a flag; an unknown flag is {@code flag provided but not defined: -x}.</li>
 *   <li>{@link Style#PFLAG}: spf13/pflag under cobra (agnhost): {@code --name value}, {@code --name=value}; a single
 *       dash is a shorthand, which these commands do not define; positional arguments may be interspersed; an unknown
 *       flag is {@code unknown flag: --x}.</li>
 * </ul>
 */
final class Flags {

    enum Style { GO_FLAG, PFLAG }

    /** The parsed values (defaults not included), the positional arguments, and an error in the program's words. */
    record Parsed(Map<String, String> values, List<String> positional, String error) {

        boolean ok() {
            return error == null;
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        boolean bool(String name, boolean fallback) {
            String v = values.get(name);
            return v == null ? fallback : v.equals("true") || v.equals("1") || v.equals("t") || v.equals("T")
                    || v.equals("TRUE") || v.equals("True");
        }
    }

    private Flags() {
    }

    static Parsed parse(List<String> args, Set<String> valueFlags, Set<String> boolFlags, Style style) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            boolean isFlag = arg.startsWith("-") && arg.length() > 1;
            if (!isFlag) {
                if (style == Style.GO_FLAG) {
                    positional.addAll(args.subList(i, args.size()));
                    break;
                }
                positional.add(arg);
                continue;
            }
            String body;
            if (arg.startsWith("--")) {
                body = arg.substring(2);
            } else if (style == Style.GO_FLAG) {
                body = arg.substring(1);
            } else {
                return new Parsed(values, positional,
                        "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg);
            }
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String shown = (style == Style.GO_FLAG ? "-" : "--") + name;
            if (boolFlags.contains(name)) {
                String value = eq < 0 ? "true" : body.substring(eq + 1);
                if (!Set.of("true", "false", "1", "0", "t", "f", "T", "F", "TRUE", "FALSE", "True", "False")
                        .contains(value)) {
                    return new Parsed(values, positional, style == Style.GO_FLAG
                            ? "invalid boolean value \"" + value + "\" for " + shown + ": parse error"
                            : "invalid argument \"" + value + "\" for \"" + shown + "\" flag: strconv.ParseBool: "
                            + "parsing \"" + value + "\": invalid syntax");
                }
                values.put(name, value.equals("1") || value.equalsIgnoreCase("t") || value.equalsIgnoreCase("true")
                        ? "true" : "false");
            } else if (valueFlags.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    return new Parsed(values, positional, style == Style.GO_FLAG
                            ? "flag needs an argument: " + shown
                            : "flag needs an argument: " + shown);
                }
                values.put(name, value);
            } else {
                return new Parsed(values, positional, style == Style.GO_FLAG
                        ? "flag provided but not defined: " + shown
                        : "unknown flag: " + shown);
            }
        }
        return new Parsed(values, positional, null);
    }

    /** Go's {@code flag.Int}/pflag's {@code IntVar} value, or null when it is not an integer. */
    static Integer integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
