package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX shell grammar (XCU 2.10) for what learners paste: lists ({@code ;}, {@code &}, newlines), and-or lists
 * ({@code &&}, {@code ||}), pipelines (with {@code !}), simple commands with assignments and redirections, and the
 * compound commands {@code { ...; }}, {@code ( ... )}, {@code if}, {@code while}, {@code until} and {@code for}.
 * Words are kept as written (quotes included): {@link ShInterpreter} expands them when the command runs, as sh does.
 * Not parsed: {@code case}, function definitions, here-documents inside a script (the console's own here-documents
 * are read by {@link Shell#runScript}).
 */
final class ShSyntax {

    // Compiled once: the parser asks these of every command's first word (String.matches would compile each time).
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");

    /** Deepest nesting of compound commands and substitutions: past it a script is refused, never a stack overflow. */
    static final int MAX_DEPTH = 100;

    private ShSyntax() {
    }

    // ---- the tree ----

    sealed interface Command permits Simple, Group, If, Loop, For {
    }

    /** {@code NAME=value... word... redirection...}. */
    record Simple(List<String> assignments, List<String> words, List<Redirect> redirects) implements Command {
    }

    /** {@code { list; }} ({@code subshell} false) or {@code ( list )}: variables set in a subshell stay there. */
    record Group(Script body, boolean subshell, List<Redirect> redirects) implements Command {
    }

    /** {@code if c1; then b1; elif c2; then b2; else e; fi}: {@code conditions.size() == bodies.size()}. */
    record If(List<Script> conditions, List<Script> bodies, Script otherwise, List<Redirect> redirects)
            implements Command {
    }

    /** {@code while cond; do body; done}, or {@code until} ({@code until} true). */
    record Loop(Script condition, Script body, boolean until, List<Redirect> redirects) implements Command {
    }

    /** {@code for name in words; do body; done}; {@code words} null without {@code in} (the positional parameters). */
    record For(String name, List<String> words, Script body, List<Redirect> redirects) implements Command {
    }

    /** {@code >file}, {@code >>file}, {@code <file}, {@code 2>&1}: {@code fd} is the descriptor redirected. */
    record Redirect(int fd, Operator operator, String target) {
    }

    enum Operator { OUT, APPEND, IN, DUP_OUT, BOTH }

    /** {@code a | b}, negated by {@code !}. */
    record Pipeline(boolean negated, List<Command> commands) {
    }

    /** {@code p1 && p2 || p3}: {@code operators.get(i)} joins pipeline i and i+1 ({@code true} for &&). */
    record AndOr(List<Pipeline> pipelines, List<Boolean> operators) {
    }

    /** Commands run one after the other. */
    record Script(List<AndOr> items) {
    }

    // ---- errors ----

    /** What is wrong with a script: an unexpected token, or the end before a construct was closed. */
    static final class ParseError extends Exception {
        /** The token the shell did not expect ({@code "done"}), or null at the end of the script. */
        final String token;
        /** What the shell was waiting for at the end of the script ({@code "done"}), or null. */
        final String expecting;
        /** An unterminated quote, whose closing character is this. */
        final char quote;

        ParseError(String token, String expecting, char quote) {
            super(token != null ? "unexpected " + token : "unexpected end of file", null, false, false);
            this.token = token;
            this.expecting = expecting;
            this.quote = quote;
        }

        /** Whether more lines could complete the script (an open loop, quote or {@code &&} at the end). */
        boolean incomplete() {
            return token == null;
        }
    }

    // ---- tokens ----

    private enum Kind { WORD, NEWLINE, SEMI, AMP, AND, OR, PIPE, LPAREN, RPAREN, REDIRECT, END }

    private record Token(Kind kind, String text, Redirect redirect) {
    }

    static Script parse(String script) throws ParseError {
        return new Parser(tokens(script)).script();
    }

    private static List<Token> tokens(String s) throws ParseError {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2; // a line continued
            } else if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "newline", null));
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    throw new ParseError(";;", null, (char) 0);
                }
                out.add(new Token(Kind.SEMI, ";", null));
                i++;
            } else if (c == '&') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '&') {
                    out.add(new Token(Kind.AND, "&&", null));
                    i += 2;
                } else if (i + 1 < s.length() && s.charAt(i + 1) == '>') {
                    i = redirect(s, i, 1, out);
                } else {
                    out.add(new Token(Kind.AMP, "&", null));
                    i++;
                }
            } else if (c == '|') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '|') {
                    out.add(new Token(Kind.OR, "||", null));
                    i += 2;
                } else {
                    out.add(new Token(Kind.PIPE, "|", null));
                    i++;
                }
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", null));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", null));
                i++;
            } else if (c == '<' || c == '>') {
                i = redirect(s, i, c == '<' ? 0 : 1, out);
            } else {
                int start = i;
                i = wordEnd(s, i, 0);
                String word = s.substring(start, i);
                if (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>') && word.length() == 1
                        && word.charAt(0) >= '0' && word.charAt(0) <= '9') {
                    i = redirect(s, i, word.charAt(0) - '0', out);
                } else {
                    out.add(new Token(Kind.WORD, word, null));
                }
            }
        }
        out.add(new Token(Kind.END, "end of file", null));
        return out;
    }

    /** Reads a redirection operator at {@code i} and its target word; returns where it ends. */
    private static int redirect(String s, int i, int fd, List<Token> out) throws ParseError {
        Operator op;
        if (s.startsWith("&>", i)) {
            op = Operator.BOTH;
            i += 2;
        } else if (s.startsWith(">>", i)) {
            op = Operator.APPEND;
            i += 2;
        } else if (s.startsWith(">&", i)) {
            op = Operator.DUP_OUT;
            i += 2;
        } else if (s.startsWith("<<", i)) {
            throw new ParseError("<<", null, (char) 0);
        } else if (s.charAt(i) == '<') {
            op = Operator.IN;
            i++;
        } else {
            op = Operator.OUT;
            i++;
            if (i < s.length() && s.charAt(i) == '|') {
                i++; // >| (noclobber override) is > here
            }
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        i = wordEnd(s, i, 0);
        if (start == i) {
            throw new ParseError(i < s.length() ? String.valueOf(s.charAt(i)) : "newline", null, (char) 0);
        }
        out.add(new Token(Kind.REDIRECT, s.substring(start, i), new Redirect(fd, op, s.substring(start, i))));
        return i;
    }

    /**
     * The end of the word starting at {@code i}: quotes, backslashes, {@code $(...)}, {@code ${...}} and backquotes
     * are skipped whole. {@code depth} counts the substitutions nested so far.
     */
    static int wordEnd(String s, int i, int depth) throws ParseError {
        if (depth > MAX_DEPTH) {
            throw new ParseError("(", null, (char) 0);
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (endsWord(c)) {
                return i;
            }
            // An ordinary character is the whole unit (most of every command line): no call for it.
            i = c == '\\' || c == '\'' || c == '"' || c == '`' || c == '$' ? skipUnit(s, i, depth) : i + 1;
        }
        return i;
    }

    /** A blank or an operator's first character: where an unquoted word ends (XCU 2.3). */
    private static boolean endsWord(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>' -> true;
            default -> false;
        };
    }

    /** Skips one character, quoted string or substitution at {@code i}. */
    private static int skipUnit(String s, int i, int depth) throws ParseError {
        char c = s.charAt(i);
        if (c == '\\') {
            return Math.min(s.length(), i + 2);
        }
        if (c == '\'') {
            int end = s.indexOf('\'', i + 1);
            if (end < 0) {
                throw new ParseError(null, null, '\'');
            }
            return end + 1;
        }
        if (c == '"') {
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i += 2;
                } else if (s.charAt(i) == '$' || s.charAt(i) == '`') {
                    i = skipUnit(s, i, depth);
                } else {
                    i++;
                }
            }
            if (i >= s.length()) {
                throw new ParseError(null, null, '"');
            }
            return i + 1;
        }
        if (c == '`') {
            i++;
            while (i < s.length() && s.charAt(i) != '`') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= s.length()) {
                throw new ParseError(null, null, '`');
            }
            return i + 1;
        }
        if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
            return closeParen(s, i + 2, depth + 1);
        }
        if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
            i += 2;
            while (i < s.length() && s.charAt(i) != '}') {
                i = skipUnit(s, i, depth + 1);
            }
            if (i >= s.length()) {
                throw new ParseError(null, "}", (char) 0);
            }
            return i + 1;
        }
        return i + 1;
    }

    /** The index after the {@code )} closing a {@code $(} whose body starts at {@code i}. */
    static int closeParen(String s, int i, int depth) throws ParseError {
        if (depth > MAX_DEPTH) {
            throw new ParseError("(", null, (char) 0);
        }
        int open = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '(') {
                open++;
                i++;
            } else if (c == ')') {
                if (--open == 0) {
                    return i + 1;
                }
                i++;
            } else if (c == '#' && (i == 0 || " \t\n".indexOf(s.charAt(i - 1)) >= 0)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                i = skipUnit(s, i, depth);
            }
        }
        throw new ParseError(null, ")", (char) 0);
    }

    // ---- the parser ----

    private static final class Parser {
        private final List<Token> tokens;
        private int at;
        private int depth;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Script script() throws ParseError {
            Script s = list(List.of());
            Token t = peek();
            if (t.kind != Kind.END) {
                throw unexpected(t, null);
            }
            return s;
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token next() {
            return tokens.get(at++);
        }

        private boolean isWord(String keyword) {
            Token t = peek();
            return t.kind == Kind.WORD && t.text.equals(keyword);
        }

        private ParseError unexpected(Token t, String expecting) {
            return t.kind == Kind.END ? new ParseError(null, expecting, (char) 0) : new ParseError(t.text, expecting, (char) 0);
        }

        private void newlines() {
            while (peek().kind == Kind.NEWLINE) {
                at++;
            }
        }

        /** A list up to one of {@code terminators} (reserved words) or a {@code )} or the end. */
        private Script list(List<String> terminators) throws ParseError {
            if (++depth > MAX_DEPTH) {
                throw new ParseError("(", null, (char) 0);
            }
            List<AndOr> items = new ArrayList<>();
            while (true) {
                newlines();
                Token t = peek();
                if (t.kind == Kind.END || t.kind == Kind.RPAREN
                        || (t.kind == Kind.WORD && terminators.contains(t.text))) {
                    break;
                }
                items.add(andOr(terminators));
                Token sep = peek();
                if (sep.kind == Kind.SEMI || sep.kind == Kind.AMP || sep.kind == Kind.NEWLINE) {
                    at++;
                } else if (!(sep.kind == Kind.END || sep.kind == Kind.RPAREN
                        || (sep.kind == Kind.WORD && terminators.contains(sep.text)))) {
                    throw unexpected(sep, null);
                }
            }
            depth--;
            return new Script(List.copyOf(items));
        }

        private AndOr andOr(List<String> terminators) throws ParseError {
            Pipeline first = pipeline(terminators);
            if (peek().kind != Kind.AND && peek().kind != Kind.OR) {
                return new AndOr(List.of(first), List.of()); // most lines: no copies for a lone pipeline
            }
            List<Pipeline> pipelines = new ArrayList<>();
            List<Boolean> ops = new ArrayList<>();
            pipelines.add(first);
            while (peek().kind == Kind.AND || peek().kind == Kind.OR) {
                ops.add(next().kind == Kind.AND);
                newlines();
                pipelines.add(pipeline(terminators));
            }
            return new AndOr(List.copyOf(pipelines), List.copyOf(ops));
        }

        private Pipeline pipeline(List<String> terminators) throws ParseError {
            boolean negated = false;
            if (isWord("!")) {
                at++;
                negated = true;
            }
            Command first = command(terminators);
            if (peek().kind != Kind.PIPE) {
                return new Pipeline(negated, List.of(first));
            }
            List<Command> commands = new ArrayList<>();
            commands.add(first);
            while (peek().kind == Kind.PIPE) {
                at++;
                newlines();
                commands.add(command(terminators));
            }
            return new Pipeline(negated, List.copyOf(commands));
        }

        private Command command(List<String> terminators) throws ParseError {
            Token t = peek();
            if (t.kind == Kind.LPAREN) {
                at++;
                Script body = list(List.of());
                expect(Kind.RPAREN, ")");
                return new Group(body, true, redirects());
            }
            if (t.kind == Kind.WORD) {
                switch (t.text) {
                    case "{" -> {
                        at++;
                        Script body = list(List.of("}"));
                        keyword("}");
                        return new Group(body, false, redirects());
                    }
                    case "if" -> {
                        return ifCommand();
                    }
                    case "while", "until" -> {
                        at++;
                        Script condition = list(List.of("do"));
                        keyword("do");
                        Script body = list(List.of("done"));
                        keyword("done");
                        return new Loop(condition, body, t.text.equals("until"), redirects());
                    }
                    case "for" -> {
                        return forCommand();
                    }
                    case "then", "else", "elif", "fi", "do", "done", "}", "in", "case", "esac" -> {
                        throw new ParseError(t.text, null, (char) 0);
                    }
                    default -> {
                    }
                }
            }
            return simple();
        }

        private If ifCommand() throws ParseError {
            at++;
            List<Script> conditions = new ArrayList<>();
            List<Script> bodies = new ArrayList<>();
            Script otherwise = null;
            conditions.add(list(List.of("then")));
            keyword("then");
            bodies.add(list(List.of("elif", "else", "fi")));
            while (true) {
                if (isWord("elif")) {
                    at++;
                    conditions.add(list(List.of("then")));
                    keyword("then");
                    bodies.add(list(List.of("elif", "else", "fi")));
                } else if (isWord("else")) {
                    at++;
                    otherwise = list(List.of("fi"));
                    keyword("fi");
                    break;
                } else {
                    keyword("fi");
                    break;
                }
            }
            return new If(List.copyOf(conditions), List.copyOf(bodies), otherwise, redirects());
        }

        private For forCommand() throws ParseError {
            at++;
            Token name = next();
            if (name.kind != Kind.WORD || !NAME.matcher(name.text).matches()) {
                throw unexpected(name, null);
            }
            List<String> words = null;
            newlines();
            if (isWord("in")) {
                at++;
                words = new ArrayList<>();
                while (peek().kind == Kind.WORD) {
                    words.add(next().text);
                }
                Token sep = peek();
                if (sep.kind == Kind.SEMI || sep.kind == Kind.NEWLINE) {
                    at++;
                } else {
                    throw unexpected(sep, "do");
                }
            } else if (peek().kind == Kind.SEMI) {
                at++;
            }
            newlines();
            keyword("do");
            Script body = list(List.of("done"));
            keyword("done");
            return new For(name.text, words == null ? null : List.copyOf(words), body, redirects());
        }

        private void keyword(String word) throws ParseError {
            Token t = peek();
            if (!(t.kind == Kind.WORD && t.text.equals(word))) {
                throw unexpected(t, word);
            }
            at++;
        }

        private void expect(Kind kind, String text) throws ParseError {
            Token t = peek();
            if (t.kind != kind) {
                throw unexpected(t, text);
            }
            at++;
        }

        private List<Redirect> redirects() {
            if (peek().kind != Kind.REDIRECT) {
                return List.of();
            }
            List<Redirect> out = new ArrayList<>();
            while (peek().kind == Kind.REDIRECT) {
                out.add(next().redirect);
            }
            return List.copyOf(out);
        }

        private Simple simple() throws ParseError {
            // Assignments and redirections are rare: their lists are made when one appears.
            List<String> assignments = List.of();
            List<String> words = new ArrayList<>();
            List<Redirect> redirects = List.of();
            while (true) {
                Token t = peek();
                if (t.kind == Kind.REDIRECT) {
                    if (redirects.isEmpty()) {
                        redirects = new ArrayList<>();
                    }
                    redirects.add(next().redirect);
                } else if (t.kind == Kind.WORD) {
                    at++;
                    if (words.isEmpty() && t.text.indexOf('=') > 0 && ASSIGNMENT.matcher(t.text).lookingAt()) {
                        if (assignments.isEmpty()) {
                            assignments = new ArrayList<>();
                        }
                        assignments.add(t.text);
                    } else {
                        words.add(t.text);
                    }
                } else if (t.kind == Kind.LPAREN && !words.isEmpty()) {
                    throw new ParseError("(", null, (char) 0); // name() { ...: functions are not parsed
                } else {
                    break;
                }
            }
            if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
                throw unexpected(peek(), null);
            }
            return new Simple(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects));
        }
    }
}
