package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The text tools learners pipe kubectl's and curl's output through on their workstation ({@code kubectl get pods |
 * grep web}, {@code curl -s ... | head -n 3}, {@code kubectl get pods -o name | wc -l}): GNU grep, head, tail, wc,
 * sort, uniq and cat, reading standard input only, with their exit codes and their usage errors.
 */
final class TextFilters {

    static final Set<String> NAMES = Set.of("grep", "head", "tail", "wc", "sort", "uniq", "cat");

    /** What a filter wrote and how it exited. */
    record Output(int exitCode, String stdout, String stderr) {
    }

    private TextFilters() {
    }

    /** Runs {@code words} (a filter named in {@link #NAMES}) over {@code input}; empty for any other program. */
    static Optional<Output> run(List<String> words, String input) {
        String program = words.get(0);
        List<String> args = words.subList(1, words.size());
        List<String> lines = lines(input);
        return Optional.ofNullable(switch (program) {
            case "grep" -> grep(args, lines);
            case "head" -> headOrTail("head", args, lines);
            case "tail" -> headOrTail("tail", args, lines);
            case "wc" -> wc(args, input, lines);
            case "sort" -> sort(args, lines);
            case "uniq" -> uniq(args, lines);
            case "cat" -> args.isEmpty() || args.equals(List.of("-")) ? new Output(0, input, "")
                    : new Output(1, "", "cat: " + args.get(0) + ": No such file or directory\n");
            default -> null;
        });
    }

    private static List<String> lines(String input) {
        if (input.isEmpty()) {
            return List.of();
        }
        String body = input.endsWith("\n") ? input.substring(0, input.length() - 1) : input;
        return Arrays.asList(body.split("\n", -1));
    }

    private static String join(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static Output grep(List<String> args, List<String> lines) {
        boolean ignoreCase = false;
        boolean invert = false;
        boolean count = false;
        boolean word = false;
        boolean fixed = false;
        boolean quiet = false;
        boolean extended = false;
        String pattern = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (pattern == null && a.equals("-e") && i + 1 < args.size()) {
                pattern = args.get(++i);
            } else if (pattern == null && a.startsWith("-") && a.length() > 1) {
                for (char f : a.substring(1).toCharArray()) {
                    switch (f) {
                        case 'i' -> ignoreCase = true;
                        case 'v' -> invert = true;
                        case 'c' -> count = true;
                        case 'w' -> word = true;
                        case 'F' -> fixed = true;
                        case 'q' -> quiet = true;
                        case 'E' -> extended = true;
                        default -> {
                            return new Output(2, "", "grep: invalid option -- '" + f + "'\n"
                                    + "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
                                    + "Try 'grep --help' for more information.\n");
                        }
                    }
                }
            } else if (pattern == null) {
                pattern = a;
            } else {
                return new Output(2, "", "grep: " + a + ": No such file or directory\n");
            }
        }
        if (pattern == null) {
            return new Output(2, "", "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
                    + "Try 'grep --help' for more information.\n");
        }
        Pattern compiled;
        String regex = fixed ? Pattern.quote(pattern) : extended ? pattern : fromBasic(pattern);
        Optional<String> bad = fixed ? Optional.empty() : badPattern(regex);
        if (bad.isPresent()) {
            return new Output(2, "", "grep: " + bad.get() + "\n");
        }
        try {
            compiled = Pattern.compile(word ? "\\b(?:" + regex + ")\\b" : regex,
                    ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return new Output(2, "", "grep: " + gnuMessage(e) + "\n");
        }
        List<String> selected = new ArrayList<>();
        for (String line : lines) {
            if (compiled.matcher(line).find() != invert) {
                selected.add(line);
            }
        }
        int exit = selected.isEmpty() ? 1 : 0;
        if (quiet) {
            return new Output(exit, "", "");
        }
        return new Output(exit, count ? selected.size() + "\n" : join(selected), "");
    }

    /**
     * What GNU grep says of a pattern (in the extended syntax {@link #fromBasic} gives) before compiling it: its
     * messages for unbalanced brackets and parentheses, and a refusal of backreferences, which GNU grep runs by
     * backtracking and this grep does not: patterns from learners run in linear time (RE2/J), so that no pattern can
     * hold the server (a documented decision, core-net/README.md).
     */
    private static Optional<String> badPattern(String regex) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return Optional.of("Trailing backslash");
                }
                char next = regex.charAt(++i);
                if (next >= '1' && next <= '9') {
                    return Optional.of("back-references (\\" + next + ") are not supported: this grep matches in "
                            + "linear time (RE2)");
                }
            } else if (c == '[') {
                int end = classEnd(regex, i);
                if (end < 0) {
                    return Optional.of("Unmatched [, [^, [:, [., or [=");
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return Optional.of("Unmatched ) or \\)");
                }
                depth--;
            }
        }
        return depth > 0 ? Optional.of("Unmatched ( or \\(") : Optional.empty();
    }

    /** The index of the {@code ]} that closes the bracket expression opened at {@code open}, or -1. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '[' && i + 1 < regex.length() && ":.=".indexOf(regex.charAt(i + 1)) >= 0) {
                int end = regex.indexOf(regex.charAt(i + 1) + "]", i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /** RE2's objection to a pattern in GNU grep's words (regcomp's messages). */
    private static String gnuMessage(PatternSyntaxException e) {
        return switch (e.getDescription()) {
            case "missing closing )" -> "Unmatched ( or \\(";
            case "missing closing ]" -> "Unmatched [, [^, [:, [., or [=";
            case "trailing backslash at end of expression" -> "Trailing backslash";
            case "invalid character class range" -> "Invalid range end";
            case "invalid repeat count" -> "Invalid content of \\{\\}";
            case "missing argument to repetition operator", "invalid nested repetition operator" ->
                    "Invalid preceding regular expression";
            default -> "Invalid regular expression";
        };
    }

    /**
     * A POSIX basic regular expression (grep without -E) as Java reads one: in a BRE, {@code \| \( \) \{ \} \+ \?}
     * are the operators and the bare characters are literals, the other way round from Java and ERE.
     */
    private static String fromBasic(String basic) {
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < basic.length(); i++) {
            char c = basic.charAt(i);
            if (c == '\\' && i + 1 < basic.length()) {
                char next = basic.charAt(++i);
                if ("|(){}+?".indexOf(next) >= 0) {
                    java.append(next);
                } else {
                    java.append('\\').append(next);
                }
            } else if ("|(){}+?".indexOf(c) >= 0) {
                java.append('\\').append(c);
            } else {
                java.append(c);
            }
        }
        return java.toString();
    }

    private static Output headOrTail(String program, List<String> args, List<String> lines) {
        int n = 10;
        boolean fromStart = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value;
            if (a.equals("-n") && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith("-n")) {
                value = a.substring(2);
            } else if (a.matches("-\\d+")) {
                value = a.substring(1);
            } else {
                return new Output(1, "", program + ": cannot open '" + a + "' for reading: No such file or directory\n");
            }
            if (program.equals("tail") && value.startsWith("+")) {
                fromStart = true;
                value = value.substring(1);
            }
            if (!value.matches("\\d{1,9}")) {
                return new Output(1, "", program + ": invalid number of lines: '" + value + "'\n");
            }
            n = Integer.parseInt(value);
        }
        List<String> kept;
        if (program.equals("head")) {
            kept = lines.subList(0, Math.min(n, lines.size()));
        } else if (fromStart) {
            kept = lines.subList(Math.min(Math.max(n - 1, 0), lines.size()), lines.size());
        } else {
            kept = lines.subList(Math.max(0, lines.size() - n), lines.size());
        }
        return new Output(0, join(kept), "");
    }

    private static Output wc(List<String> args, String input, List<String> lines) {
        long newlines = input.chars().filter(c -> c == '\n').count();
        long words = lines.stream().flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(w -> !w.isEmpty())
                .count();
        long bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        List<Long> counts = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "-l" -> counts.add(newlines);
                case "-w" -> counts.add(words);
                case "-c" -> counts.add(bytes);
                default -> {
                    return new Output(1, "", "wc: " + a + ": No such file or directory\n");
                }
            }
        }
        if (counts.size() == 1) {
            return new Output(0, counts.get(0) + "\n", "");
        }
        if (counts.isEmpty()) {
            counts = List.of(newlines, words, bytes);
        }
        StringBuilder out = new StringBuilder();
        for (long c : counts) {
            out.append(String.format("%7d", c)).append(' ');
        }
        return new Output(0, out.toString().stripTrailing() + "\n", "");
    }

    private static Output sort(List<String> args, List<String> lines) {
        boolean reverse = args.contains("-r") || args.contains("-nr") || args.contains("-rn");
        boolean numeric = args.contains("-n") || args.contains("-nr") || args.contains("-rn");
        Comparator<String> order = numeric ? Comparator.comparingDouble(TextFilters::leadingNumber)
                .thenComparing(Comparator.naturalOrder()) : Comparator.naturalOrder();
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(reverse ? order.reversed() : order);
        return new Output(0, join(sorted), "");
    }

    private static double leadingNumber(String line) {
        var m = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Output uniq(List<String> args, List<String> lines) {
        boolean count = args.contains("-c");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); ) {
            int j = i;
            while (j < lines.size() && lines.get(j).equals(lines.get(i))) {
                j++;
            }
            out.append(count ? String.format("%7d %s", j - i, lines.get(i)) : lines.get(i)).append('\n');
            i = j;
        }
        return new Output(0, out.toString(), "");
    }
}
