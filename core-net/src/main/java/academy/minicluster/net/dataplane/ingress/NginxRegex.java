package academy.minicluster.net.dataplane.ingress;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * An Ingress path read as a regular expression, as ingress-nginx writes it into nginx.conf in regex mode
 * ({@code location ~* "^<path>"} and {@code rewrite "(?i)<path>" <target> break;}).
 *
 * <p>nginx compiles those with PCRE; the mini-cluster matches them with RE2/J, whose time is linear in the request
 * path whatever the expression: a path such as {@code /((a+)+)+b} cannot hold a core (PCRE and java.util.regex
 * backtrack for hours on {@code /aaa...a!}). The syntax is checked at admission ({@link #problem}): what PCRE
 * refuses is refused with nginx's {@code pcre_compile()} message, and the PCRE features RE2 cannot run in linear time
 * (backreferences, lookahead and lookbehind, atomic groups, possessive quantifiers, recursion, conditionals) are
 * refused with a message that says so. That is this model's one departure from ingress-nginx, a documented decision
 * (core-net/README.md): an expression that could pin the server is not run.
 */
public final class NginxRegex {

    /** Why a path cannot be a location's expression. */
    public sealed interface Problem {
        /** What the refusal says about {@code expression} (the path as nginx.conf holds it, {@code ^} included). */
        String describe(String expression);
    }

    /**
     * PCRE refuses the expression: nginx {@code -t} fails with {@code pcre_compile() failed: <error> in "<re>"},
     * followed by {@code at "<rest>"} when PCRE stopped before the end.
     */
    public record PcreError(String error, int offset) implements Problem {
        @Override
        public String describe(String expression) {
            String s = "pcre_compile() failed: " + error + " in \"" + expression + "\"";
            return offset >= expression.length() ? s : s + " at \"" + expression.substring(offset) + "\"";
        }
    }

    /** PCRE accepts it, but it needs backtracking (or a syntax RE2 lacks): the mini-cluster does not run it. */
    public record NotLinear(String feature) implements Problem {
        @Override
        public String describe(String expression) {
            return "the path \"" + expression + "\" uses " + feature + ", which this cluster's ingress-nginx does not "
                    + "run: paths are matched by RE2 in linear time (no backreferences, lookaround, atomic groups or "
                    + "possessive quantifiers), so that no request can hold the controller";
        }
    }

    private NginxRegex() {
    }

    /** {@code location ~* "^<path>"}: nginx matches the expression at the start of the path, case-insensitively. */
    public static String locationExpression(String path) {
        return "^" + path;
    }

    /** Why {@code expression} (PCRE syntax) cannot be compiled and run; empty when it can. */
    public static Optional<Problem> problem(String expression) {
        Optional<Problem> pcre = pcreProblem(expression);
        if (pcre.isPresent()) {
            return pcre;
        }
        try {
            Pattern.compile(expression);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(new NotLinear("a construct RE2 does not accept (" + e.getDescription()
                    + (e.getPattern().isEmpty() ? "" : ": " + e.getPattern()) + ")"));
        }
    }

    /** The expression compiled for matching, case-insensitively as {@code ~*} and {@code (?i)}; empty if it has a problem. */
    public static Optional<Pattern> compile(String expression) {
        if (problem(expression).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
    }

    /**
     * The PCRE (8.x, as ingress-nginx's image links it) compile errors a learner's path can plausibly hit, with
     * PCRE's messages and offsets, and the PCRE constructs RE2 has no linear-time match for.
     */
    private static Optional<Problem> pcreProblem(String re) {
        int depth = 0;
        boolean canRepeat = false;
        int n = re.length();
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return Optional.of(new PcreError("\\ at end of pattern", n));
                    }
                    char e = re.charAt(++i);
                    if (e >= '1' && e <= '9') {
                        return Optional.of(new NotLinear("a backreference (\\" + e + ")"));
                    }
                    if (e == 'g' || e == 'k') {
                        return Optional.of(new NotLinear("a backreference (\\" + e + ")"));
                    }
                    canRepeat = true;
                }
                case '[' -> {
                    int end = classEnd(re, i);
                    if (end < 0) {
                        return Optional.of(new PcreError("missing terminating ] for character class", n));
                    }
                    Optional<Problem> range = rangeProblem(re, i, end);
                    if (range.isPresent()) {
                        return range;
                    }
                    i = end;
                    canRepeat = true;
                }
                case '(' -> {
                    if (re.startsWith("(?=", i) || re.startsWith("(?!", i)) {
                        return Optional.of(new NotLinear("a lookahead assertion (" + re.substring(i, i + 3) + ")"));
                    }
                    if (re.startsWith("(?<=", i) || re.startsWith("(?<!", i)) {
                        return Optional.of(new NotLinear("a lookbehind assertion (" + re.substring(i, i + 4) + ")"));
                    }
                    if (re.startsWith("(?>", i)) {
                        return Optional.of(new NotLinear("an atomic group ((?>)"));
                    }
                    if (re.startsWith("(?(", i)) {
                        return Optional.of(new NotLinear("a conditional group ((?()"));
                    }
                    if (re.startsWith("(?R", i) || (i + 2 < n && re.charAt(i + 1) == '?'
                            && (Character.isDigit(re.charAt(i + 2)) || re.charAt(i + 2) == '+'
                            || re.charAt(i + 2) == '&'))) {
                        return Optional.of(new NotLinear("a recursive subpattern call"));
                    }
                    if (re.startsWith("(*", i)) {
                        return Optional.of(new NotLinear("a backtracking control verb ((*...))"));
                    }
                    if (i + 1 < n && re.charAt(i + 1) == '?') {
                        // (?:...), (?<name>...), (?P<name>...), (?'name'...), (?i) and (?i:...)
                        int j = i + 2;
                        if (j < n && (re.charAt(j) == '<' || re.charAt(j) == 'P' || re.charAt(j) == '\'')) {
                            int close = re.indexOf(re.charAt(j) == '\'' ? '\'' : '>', j + 1);
                            if (close < 0) {
                                return Optional.of(new PcreError("syntax error in subpattern name (missing "
                                        + "terminator)", n));
                            }
                            i = close;
                        } else {
                            while (j < n && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
                                j++;
                            }
                            if (j < n && re.charAt(j) == ')') {
                                i = j;  // (?i): an option setting, no group
                                canRepeat = false;
                                continue;
                            }
                            if (j >= n || re.charAt(j) != ':') {
                                return Optional.of(new PcreError("unrecognized character after (? or (?-", j));
                            }
                            i = j;
                        }
                    }
                    depth++;
                    canRepeat = false;
                }
                case ')' -> {
                    if (depth == 0) {
                        return Optional.of(new PcreError("unmatched parentheses", i + 1));
                    }
                    depth--;
                    canRepeat = true;
                }
                case '|' -> canRepeat = false;
                case '*', '+', '?' -> {
                    if (!canRepeat) {
                        return Optional.of(new PcreError("nothing to repeat", i));
                    }
                    if (i + 1 < n && re.charAt(i + 1) == '+') {
                        return Optional.of(new NotLinear("a possessive quantifier (" + c + "+)"));
                    }
                    if (i + 1 < n && re.charAt(i + 1) == '?') {
                        i++;  // lazy: RE2 runs it
                    }
                    canRepeat = false;
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    String body = close < 0 ? "" : re.substring(i + 1, close);
                    if (close < 0 || !body.matches("\\d+(,\\d*)?")) {
                        canRepeat = true;  // not a quantifier: PCRE reads a literal '{'
                        continue;
                    }
                    if (!canRepeat) {
                        return Optional.of(new PcreError("nothing to repeat", i));
                    }
                    String[] bounds = body.split(",", -1);
                    long min = parse(bounds[0]);
                    long max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : parse(bounds[1]);
                    if (min > 65535 || max > 65535) {
                        return Optional.of(new PcreError("number too big in {} quantifier", close));
                    }
                    if (max >= 0 && max < min) {
                        return Optional.of(new PcreError("numbers out of order in {} quantifier", close));
                    }
                    if (close + 1 < n && re.charAt(close + 1) == '+') {
                        return Optional.of(new NotLinear("a possessive quantifier ({...}+)"));
                    }
                    i = close;
                    canRepeat = false;
                }
                case '^', '$' -> canRepeat = false;
                default -> canRepeat = true;
            }
        }
        if (depth > 0) {
            return Optional.of(new PcreError("missing )", n));
        }
        return Optional.empty();
    }

    private static long parse(String digits) {
        return digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** The index of the {@code ]} closing the class opened at {@code open}; -1 if none. */
    private static int classEnd(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;  // a leading ']' is a literal
        }
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                int end = re.indexOf(":]", i + 2);
                if (end >= 0) {
                    i = end + 1;
                }
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /** {@code [z-a]}: PCRE's "range out of order in character class", at the range's end. */
    private static Optional<Problem> rangeProblem(String re, int open, int close) {
        for (int i = open + 1; i + 2 < close; i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (re.charAt(i + 1) == '-' && re.charAt(i + 2) != '\\' && re.charAt(i + 2) != '['
                    && re.charAt(i + 2) < c && c != '[') {
                return Optional.of(new PcreError("range out of order in character class", i + 2));
            }
        }
        return Optional.empty();
    }
}
