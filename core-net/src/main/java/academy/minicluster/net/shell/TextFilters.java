package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The text tools learners pipe kubectl's and curl's output through on their workstation ({@code kubectl get pods |
 * grep web}, {@code curl -s ... | head -n 3}, {@code kubectl get pods -o name | wc -l}): GNU grep, head, tail, wc,
 * sort, uniq and cat, reading standard input only, with their exit codes and their usage errors.
 */
final class TextFilters {

    static final Set<String> NAMES = Set.of("grep", "egrep", "fgrep", "head", "tail", "wc", "sort", "uniq", "cat");

    /** What a filter wrote and how it exited. */
    record Output(int exitCode, String stdout, String stderr) {
    }

    private TextFilters() {
    }

    /** Runs {@code words} (a filter named in {@link #NAMES}) over {@code input}; empty for any other program. */
    static Optional<Output> run(List<String> words, String input) {
        return run(words, input, file -> Optional.empty());
    }

    /**
     * Runs {@code words} over {@code input}, or over the files it names, read through {@code files} (the
     * workstation's file table, a container's {@code /etc/resolv.conf}); empty for a program not in {@link #NAMES}.
     */
    static Optional<Output> run(List<String> words, String input, Function<String, Optional<String>> files) {
        String program = words.get(0);
        List<String> args = words.subList(1, words.size());
        List<String> lines = lines(input);
        return Optional.ofNullable(switch (program) {
            case "grep", "egrep", "fgrep" -> grep(program, args, input, files);
            case "head" -> withFiles("head", args, input, files, (a, in) -> headOrTail("head", a, lines(in)));
            case "tail" -> withFiles("tail", args, input, files, (a, in) -> headOrTail("tail", a, lines(in)));
            case "wc" -> withFiles("wc", args, input, files, (a, in) -> wc(a, in, lines(in)));
            case "sort" -> withFiles("sort", args, input, files, (a, in) -> sort(a, lines(in)));
            case "uniq" -> uniq(args, lines);
            case "cat" -> cat(args, input, files);
            default -> null;
        });
    }

    /** {@code cat [FILE...]}: {@code -} or no operand is standard input. */
    private static Output cat(List<String> args, String input, Function<String, Optional<String>> files) {
        if (args.isEmpty()) {
            return new Output(0, input, "");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (String a : args) {
            if (a.equals("-")) {
                out.append(input);
                continue;
            }
            Optional<String> text = files.apply(a);
            if (text.isEmpty()) {
                err.append("cat: ").append(a).append(": No such file or directory\n");
                exit = 1;
            } else {
                out.append(text.get());
            }
        }
        return new Output(exit, out.toString(), err.toString());
    }

    /**
     * A filter given file operands reads them (concatenated) instead of standard input: operands are the words that
     * are not options and not an option's value ({@code -n 3}).
     */
    private static Output withFiles(String program, List<String> args, String input,
                                    Function<String, Optional<String>> files,
                                    java.util.function.BiFunction<List<String>, String, Output> filter) {
        List<String> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean takesValue = (a.equals("-n") || a.equals("-k") || a.equals("-t") || a.equals("-c"))
                    && !program.equals("wc");
            if (a.startsWith("-") && a.length() > 1 || (program.equals("tail") && a.startsWith("+"))) {
                options.add(a);
                if (takesValue && i + 1 < args.size()) {
                    options.add(args.get(++i));
                }
            } else {
                operands.add(a);
            }
        }
        if (operands.isEmpty()) {
            return filter.apply(options, input);
        }
        StringBuilder text = new StringBuilder();
        for (String file : operands) {
            Optional<String> content = file.equals("-") ? Optional.of(input) : files.apply(file);
            if (content.isEmpty()) {
                String message = switch (program) {
                    case "head", "tail" -> program + ": cannot open '" + file + "' for reading: No such file or directory";
                    case "sort" -> "sort: cannot read: " + file + ": No such file or directory";
                    default -> program + ": " + file + ": No such file or directory";
                };
                return new Output(program.equals("sort") ? 2 : 1, "", message + "\n");
            }
            text.append(content.get());
        }
        return filter.apply(options, text.toString());
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

    /**
     * GNU grep: {@code -E -F -G -i -v -c -w -x -q -n -o -l -L -h -H -s -m N -e P -A N -B N -C N -NUM --color}, with
     * context groups separated by {@code --} as GNU grep prints them, and {@code FILE:} prefixes for several files.
     */
    private static Output grep(String program, List<String> args, String input,
                               Function<String, Optional<String>> files) {
        boolean ignoreCase = false;
        boolean invert = false;
        boolean count = false;
        boolean word = false;
        boolean fixed = program.equals("fgrep");
        boolean quiet = false;
        boolean extended = program.equals("egrep");
        boolean lineNumbers = false;
        boolean onlyMatching = false;
        boolean wholeLine = false;
        boolean filesWithMatches = false;
        boolean filesWithout = false;
        boolean noMessages = false;
        Boolean withNames = null;
        long maxCount = Long.MAX_VALUE;
        int after = 0;
        int before = 0;
        List<String> patterns = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnd = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnd || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnd = true;
                continue;
            }
            if (a.startsWith("--")) {
                String name = a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2);
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                switch (name) {
                    case "color", "colour" -> {
                    }
                    case "ignore-case" -> ignoreCase = true;
                    case "invert-match" -> invert = true;
                    case "count" -> count = true;
                    case "word-regexp" -> word = true;
                    case "line-regexp" -> wholeLine = true;
                    case "fixed-strings" -> fixed = true;
                    case "extended-regexp" -> extended = true;
                    case "quiet", "silent" -> quiet = true;
                    case "line-number" -> lineNumbers = true;
                    case "only-matching" -> onlyMatching = true;
                    case "files-with-matches" -> filesWithMatches = true;
                    case "files-without-match" -> filesWithout = true;
                    case "no-filename" -> withNames = false;
                    case "with-filename" -> withNames = true;
                    case "no-messages" -> noMessages = true;
                    case "after-context", "before-context", "context", "max-count", "regexp" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                return new Output(2, "", "grep: option '--" + name + "' requires an argument\n"
                                        + USAGE);
                            }
                            value = args.get(++i);
                        }
                        if (name.equals("regexp")) {
                            patterns.add(value);
                            continue;
                        }
                        Optional<Integer> n = contextLength(value);
                        if (n.isEmpty()) {
                            return new Output(2, "", name.equals("max-count")
                                    ? "grep: invalid max count\n" : "grep: " + value + ": invalid context length argument\n");
                        }
                        switch (name) {
                            case "after-context" -> after = n.get();
                            case "before-context" -> before = n.get();
                            case "context" -> {
                                after = n.get();
                                before = n.get();
                            }
                            default -> maxCount = n.get();
                        }
                    }
                    default -> {
                        return new Output(2, "", "grep: unrecognized option '" + a + "'\n" + USAGE);
                    }
                }
                continue;
            }
            String flags = a.substring(1);
            for (int k = 0; k < flags.length(); k++) {
                char f = flags.charAt(k);
                if (Character.isDigit(f)) {
                    int end = k;
                    while (end < flags.length() && Character.isDigit(flags.charAt(end))) {
                        end++;
                    }
                    int n = Integer.parseInt(flags.substring(k, Math.min(end, k + 9)));
                    after = n;
                    before = n;
                    k = end - 1;
                    continue;
                }
                if ("eABCm".indexOf(f) >= 0) {
                    String value = k + 1 < flags.length() ? flags.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (value == null) {
                        return new Output(2, "", "grep: option requires an argument -- '" + f + "'\n" + USAGE);
                    }
                    if (f == 'e') {
                        patterns.add(value);
                    } else {
                        Optional<Integer> n = contextLength(value);
                        if (n.isEmpty()) {
                            return new Output(2, "", f == 'm' ? "grep: invalid max count\n"
                                    : "grep: " + value + ": invalid context length argument\n");
                        }
                        switch (f) {
                            case 'A' -> after = n.get();
                            case 'B' -> before = n.get();
                            case 'C' -> {
                                after = n.get();
                                before = n.get();
                            }
                            default -> maxCount = n.get();
                        }
                    }
                    break;
                }
                switch (f) {
                    case 'i', 'y' -> ignoreCase = true;
                    case 'v' -> invert = true;
                    case 'c' -> count = true;
                    case 'w' -> word = true;
                    case 'x' -> wholeLine = true;
                    case 'F' -> fixed = true;
                    case 'G' -> {
                        extended = false;
                        fixed = false;
                    }
                    case 'q' -> quiet = true;
                    case 'E' -> extended = true;
                    case 'n' -> lineNumbers = true;
                    case 'o' -> onlyMatching = true;
                    case 'l' -> filesWithMatches = true;
                    case 'L' -> filesWithout = true;
                    case 'h' -> withNames = false;
                    case 'H' -> withNames = true;
                    case 's' -> noMessages = true;
                    case 'a', 'I', 'U' -> {
                    }
                    default -> {
                        return new Output(2, "", "grep: invalid option -- '" + f + "'\n" + USAGE);
                    }
                }
            }
        }
        if (patterns.isEmpty()) {
            if (operands.isEmpty()) {
                return new Output(2, "", USAGE);
            }
            patterns.add(operands.remove(0));
        }
        List<String> alternatives = new ArrayList<>();
        for (String p : patterns) {
            alternatives.addAll(Arrays.asList(p.split("\n", -1)));
        }
        StringBuilder regexBuilder = new StringBuilder();
        for (String p : alternatives) {
            String regex = fixed ? Pattern.quote(p) : extended ? p : fromBasic(p);
            Optional<String> bad = fixed ? Optional.empty() : badPattern(regex);
            if (bad.isPresent()) {
                return new Output(2, "", "grep: " + bad.get() + "\n");
            }
            regexBuilder.append(regexBuilder.length() == 0 ? "" : "|").append("(?:").append(regex).append(')');
        }
        String regex = regexBuilder.toString();
        if (word) {
            regex = "(?:^|[^\\w])(" + regex + ")(?:[^\\w]|$)";
        }
        if (wholeLine) {
            regex = "^(?:" + regex + ")$";
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return new Output(2, "", "grep: " + gnuMessage(e) + "\n");
        }
        if (operands.isEmpty()) {
            operands.add("-");
        }
        boolean names = withNames != null ? withNames : operands.size() > 1;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        boolean anySelected = false;
        boolean trouble = false;
        for (String file : operands) {
            Optional<String> text = file.equals("-") ? Optional.of(input) : files.apply(file);
            if (text.isEmpty()) {
                if (!noMessages) {
                    err.append("grep: ").append(file).append(": No such file or directory\n");
                }
                trouble = true;
                continue;
            }
            String label = file.equals("-") ? "(standard input)" : file;
            List<String> lines = lines(text.get());
            List<Integer> selected = new ArrayList<>();
            for (int n = 0; n < lines.size() && selected.size() < maxCount; n++) {
                if (compiled.matcher(lines.get(n)).find() != invert) {
                    selected.add(n);
                }
            }
            anySelected |= !selected.isEmpty();
            if (quiet) {
                if (anySelected) {
                    return new Output(0, "", "");
                }
                continue;
            }
            if (filesWithMatches || filesWithout) {
                if (selected.isEmpty() == filesWithout) {
                    out.append(label).append('\n');
                }
                continue;
            }
            if (count) {
                out.append(names ? label + ":" : "").append(selected.size()).append('\n');
                continue;
            }
            String prefix = names ? label : null;
            printSelected(out, lines, selected, compiled, prefix, lineNumbers, onlyMatching && !invert, before,
                    after, word);
        }
        int exit = trouble && !(quiet && anySelected) ? 2 : anySelected ? 0 : 1;
        if (filesWithout) {
            exit = trouble ? 2 : out.length() > 0 ? 0 : 1;
        }
        return new Output(exit, out.toString(), err.toString());
    }

    private static final String USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
            + "Try 'grep --help' for more information.\n";

    private static Optional<Integer> contextLength(String value) {
        return value.matches("\\d{1,9}") ? Optional.of(Integer.parseInt(value)) : Optional.empty();
    }

    /**
     * Prints the selected lines with their context as GNU grep does: {@code NAME:} / {@code N:} before selected
     * lines, {@code NAME-} / {@code N-} before context lines, {@code --} between groups that do not touch.
     */
    private static void printSelected(StringBuilder out, List<String> lines, List<Integer> selected, Pattern pattern,
                                      String name, boolean numbers, boolean onlyMatching, int before, int after,
                                      boolean word) {
        int lastPrinted = -1;
        boolean printedAny = false;
        java.util.Set<Integer> chosen = new java.util.HashSet<>(selected);
        for (int n : selected) {
            int from = Math.max(lastPrinted + 1, n - before);
            if (printedAny && (before > 0 || after > 0) && from > lastPrinted + 1) {
                out.append("--\n");
            }
            for (int k = from; k < n; k++) {
                line(out, name, numbers, k, '-', lines.get(k));
            }
            if (onlyMatching) {
                var m = pattern.matcher(lines.get(n));
                while (m.find()) {
                    String text = word ? m.group(1) : m.group();
                    if (!text.isEmpty()) {
                        line(out, name, numbers, n, ':', text);
                    }
                }
            } else {
                line(out, name, numbers, n, ':', lines.get(n));
            }
            lastPrinted = n;
            printedAny = true;
            int k = n + 1;
            while (k < lines.size() && k <= n + after && !chosen.contains(k)) {
                line(out, name, numbers, k, '-', lines.get(k));
                lastPrinted = k;
                k++;
            }
        }
    }

    private static void line(StringBuilder out, String name, boolean numbers, int index, char separator, String text) {
        if (name != null) {
            out.append(name).append(separator);
        }
        if (numbers) {
            out.append(index + 1).append(separator);
        }
        out.append(text).append('\n');
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
