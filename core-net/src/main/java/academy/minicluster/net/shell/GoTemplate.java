package academy.minicluster.net.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kubectl's {@code -o go-template=...} ({@code k8s.io/cli-runtime/pkg/printers/template.go}): Go's
 * {@code text/template} executed over the object as {@code json.Unmarshal} gives it to the engine, a
 * {@code map[string]interface{}} whose numbers are all {@code float64}. That is why {@code {{.spec.replicas}}} prints
 * {@code 3} but {@code {{eq .spec.replicas 3}}} fails with "incompatible types for comparison", and why a missing
 * key prints {@code <no value>}, all as on a real cluster.
 *
 * <p>The language: text and actions, {@code {{- -}}} trimming, comments, fields and chained fields, {@code $} and
 * variables ({@code :=}, {@code =}), pipelines with {@code |}, parenthesised pipelines, string (interpreted and raw),
 * number, {@code true}/{@code false}/{@code nil} literals, {@code if}/{@code else if}/{@code else}, {@code range}
 * (one or two variables, {@code else}), {@code with}, and the builtins {@code and or not len index print printf
 * println eq ne lt le gt ge html js urlquery} plus kubectl's {@code exists} and {@code base64decode}. Not modelled:
 * {@code define}/{@code template}/{@code block}, {@code break}/{@code continue}, method calls.
 *
 * <p>Bounded: a template runs once per value of the data it ranges over; nothing recurses on its own output.
 */
final class GoTemplate {

    /** A template Go refuses to parse, or an error while executing it, in Go's words. */
    static final class TemplateException extends Exception {
        final boolean parse;

        TemplateException(String message, boolean parse) {
            super(message, null, false, false);
            this.parse = parse;
        }
    }

    /** A value of the engine: {@code Map} (sorted keys), {@code List}, {@code String}, {@code Double} (data), {@code Long} (literal), {@code Boolean}, or {@link #NO_VALUE}. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final String source;
    private final List<Node> nodes;

    private GoTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    static GoTemplate parse(String source) throws TemplateException {
        Parser parser = new Parser(source);
        List<Node> nodes = parser.list(Level.TOP);
        return new GoTemplate(source, nodes);
    }

    /** Executes over {@code data} (an object or a List, as kubectl passes it). */
    String execute(JsonNode data) throws TemplateException {
        Object root = fromJson(data);
        StringBuilder out = new StringBuilder();
        Scope scope = new Scope(null);
        scope.vars.put("$", root);
        run(nodes, root, scope, out);
        return out.toString();
    }

    /** What kubectl prints about the data when execution fails: {@code %+v} of the engine's map. */
    static String goValue(JsonNode data) {
        return format(fromJson(data));
    }

    // ----- the parse tree

    private sealed interface Node permits Text, Action, If, Range, With {
    }

    private record Text(String text) implements Node {
    }

    private record Action(Pipeline pipeline, int line) implements Node {
    }

    private record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {
    }

    private record Range(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {
    }

    private record With(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {
    }

    /** {@code $a, $b := cmd | cmd}; {@code assign} when it is {@code =} rather than {@code :=}. */
    private record Pipeline(List<String> declarations, boolean assign, List<List<Operand>> commands, String text,
                            int line) {
    }

    private sealed interface Operand permits Field, Variable, Literal, Identifier, Nested {
    }

    /** {@code .a.b} (empty chain: {@code .}). */
    private record Field(List<String> chain) implements Operand {
    }

    /** {@code $x.a.b}. */
    private record Variable(String name, List<String> chain) implements Operand {
    }

    private record Literal(Object value) implements Operand {
    }

    /** A function name. */
    private record Identifier(String name) implements Operand {
    }

    /** {@code (pipeline).a.b}. */
    private record Nested(Pipeline pipeline, List<String> chain) implements Operand {
    }

    /** Where a list of nodes is parsed: the whole template, or the body of an if, range or with. */
    private enum Level { TOP, BLOCK }

    // ----- parsing

    private static final class Parser {
        private final String src;
        private int pos;
        private int line = 1;
        /** The keyword that ended the last {@link #list}: {@code end}, {@code else}, or null at the end of input. */
        private String stop;
        private String stopRest;

        Parser(String src) {
            this.src = src;
        }

        private TemplateException error(String message) {
            return new TemplateException("template: output:" + line + ": " + message, true);
        }

        List<Node> list(Level level) throws TemplateException {
            List<Node> nodes = new ArrayList<>();
            while (true) {
                int open = src.indexOf("{{", pos);
                if (open < 0) {
                    addText(nodes, src.substring(pos));
                    pos = src.length();
                    if (level == Level.BLOCK) {
                        throw error("unexpected EOF");
                    }
                    stop = null;
                    return nodes;
                }
                String text = src.substring(pos, open);
                int start = open + 2;
                boolean trimLeft = start + 1 < src.length() && src.charAt(start) == '-'
                        && Character.isWhitespace(src.charAt(start + 1));
                if (trimLeft) {
                    text = text.stripTrailing();
                    start += 2;
                }
                addText(nodes, text);
                line += count(src, pos, open);
                int close = findClose(start);
                if (close < 0) {
                    throw error("unclosed action");
                }
                int end = close + 2;
                String body = src.substring(start, close);
                if (body.endsWith(" -") || body.endsWith("\t-") || body.endsWith("\n-")) {
                    body = body.substring(0, body.length() - 2);
                    while (end < src.length() && Character.isWhitespace(src.charAt(end))) {
                        end++;
                    }
                }
                int actionLine = line;
                line += count(src, open, close);
                pos = end;
                String trimmed = body.strip();
                if (trimmed.startsWith("/*")) {
                    if (!trimmed.endsWith("*/")) {
                        throw error("unclosed comment");
                    }
                    continue;
                }
                String keyword = keyword(trimmed);
                String rest = trimmed.substring(keyword.length()).strip();
                switch (keyword) {
                    case "end", "else" -> {
                        if (level == Level.TOP) {
                            throw error("unexpected {{" + keyword + "}}");
                        }
                        stop = keyword;
                        stopRest = rest;
                        return nodes;
                    }
                    case "if", "with", "range" -> nodes.add(control(keyword, rest, actionLine));
                    case "define", "template", "block", "break", "continue" ->
                            throw error("minicluster: {{" + keyword + "}} is not supported in go-template output");
                    default -> {
                        if (trimmed.isEmpty()) {
                            throw error("missing value for command");
                        }
                        nodes.add(new Action(pipeline(trimmed, actionLine), actionLine));
                    }
                }
            }
        }

        private Node control(String keyword, String rest, int actionLine) throws TemplateException {
            if (rest.isEmpty()) {
                throw error("missing value for " + keyword);
            }
            Pipeline pipeline = pipeline(rest, actionLine);
            List<Node> body = list(Level.BLOCK);
            List<Node> otherwise = List.of();
            if ("else".equals(stop)) {
                if (keyword.equals("if") && stopRest.startsWith("if ")) {
                    // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing the one {{end}}.
                    otherwise = List.of(control("if", stopRest.substring(3).strip(), line));
                    return new If(pipeline, body, otherwise);
                }
                if (keyword.equals("with") && stopRest.startsWith("with ")) {
                    otherwise = List.of(control("with", stopRest.substring(5).strip(), line));
                    return new With(pipeline, body, otherwise);
                }
                if (!stopRest.isEmpty()) {
                    throw error("unexpected \"" + stopRest + "\" in else");
                }
                otherwise = list(Level.BLOCK);
                if (!"end".equals(stop)) {
                    throw error("expected end; found {{else}}");
                }
            }
            return switch (keyword) {
                case "if" -> new If(pipeline, body, otherwise);
                case "with" -> new With(pipeline, body, otherwise);
                default -> new Range(pipeline, body, otherwise);
            };
        }

        private static String keyword(String action) {
            for (String k : List.of("if", "else", "end", "range", "with", "define", "template", "block", "break",
                    "continue")) {
                if (action.equals(k) || action.startsWith(k + " ") || action.startsWith(k + "\t")
                        || action.startsWith(k + "\n")) {
                    return k;
                }
            }
            return "";
        }

        private int findClose(int from) {
            // "}}" inside a quoted string does not end the action.
            char quote = 0;
            for (int i = from; i + 1 < src.length(); i++) {
                char c = src.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '`' || c == '\'') {
                    quote = c;
                } else if (c == '}' && src.charAt(i + 1) == '}') {
                    return i;
                }
            }
            return -1;
        }

        private static void addText(List<Node> nodes, String text) {
            if (!text.isEmpty()) {
                nodes.add(new Text(text));
            }
        }

        private static int count(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (s.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        // A pipeline's own little lexer: words, strings, parentheses, '|', ':=' and '='.
        private Pipeline pipeline(String text, int actionLine) throws TemplateException {
            List<String> tokens = tokens(text);
            int i = 0;
            List<String> declarations = new ArrayList<>();
            boolean assign = false;
            int j = 0;
            while (j < tokens.size() && tokens.get(j).startsWith("$")) {
                j++;
                if (j < tokens.size() && tokens.get(j).equals(",")) {
                    j++;
                    continue;
                }
                break;
            }
            if (j < tokens.size() && (tokens.get(j).equals(":=") || tokens.get(j).equals("="))) {
                for (int k = 0; k < j; k++) {
                    if (!tokens.get(k).equals(",")) {
                        declarations.add(tokens.get(k));
                    }
                }
                assign = tokens.get(j).equals("=");
                i = j + 1;
            }
            List<List<Operand>> commands = new ArrayList<>();
            List<Operand> command = new ArrayList<>();
            int[] cursor = {i};
            while (cursor[0] < tokens.size()) {
                String t = tokens.get(cursor[0]);
                if (t.equals("|")) {
                    if (command.isEmpty()) {
                        throw error("missing command");
                    }
                    commands.add(command);
                    command = new ArrayList<>();
                    cursor[0]++;
                    continue;
                }
                command.add(operand(tokens, cursor, actionLine));
            }
            if (command.isEmpty()) {
                throw error("missing value for command");
            }
            commands.add(command);
            return new Pipeline(declarations, assign, commands, text, actionLine);
        }

        private Operand operand(List<String> tokens, int[] cursor, int actionLine) throws TemplateException {
            String t = tokens.get(cursor[0]++);
            if (t.equals("(")) {
                int depth = 1;
                int start = cursor[0];
                while (cursor[0] < tokens.size() && depth > 0) {
                    String u = tokens.get(cursor[0]++);
                    depth += u.equals("(") ? 1 : u.equals(")") ? -1 : 0;
                }
                if (depth != 0) {
                    throw error("unclosed left paren");
                }
                Pipeline inner = pipeline(String.join(" ", tokens.subList(start, cursor[0] - 1)), actionLine);
                List<String> chain = List.of();
                if (cursor[0] < tokens.size() && tokens.get(cursor[0]).startsWith(".")
                        && tokens.get(cursor[0]).length() > 1) {
                    chain = chain(tokens.get(cursor[0]++));
                }
                return new Nested(inner, chain);
            }
            if (t.equals(")")) {
                throw error("unexpected right paren");
            }
            if (t.startsWith("\"")) {
                return new Literal(unquote(t));
            }
            if (t.startsWith("`")) {
                return new Literal(t.substring(1, t.length() - 1));
            }
            if (t.startsWith("'")) {
                String ch = unquote("\"" + t.substring(1, t.length() - 1) + "\"");
                return new Literal((long) ch.codePointAt(0));
            }
            if (t.equals(".")) {
                return new Field(List.of());
            }
            if (t.startsWith(".")) {
                return new Field(chain(t));
            }
            if (t.startsWith("$")) {
                int dot = t.indexOf('.');
                return dot < 0 ? new Variable(t, List.of()) : new Variable(t.substring(0, dot), chain(t.substring(dot)));
            }
            if (t.equals("true") || t.equals("false")) {
                return new Literal(Boolean.valueOf(t));
            }
            if (t.equals("nil")) {
                return new Literal(null);
            }
            if (Character.isDigit(t.charAt(0)) || (t.length() > 1 && (t.charAt(0) == '-' || t.charAt(0) == '+'))) {
                try {
                    return new Literal(t.contains(".") || t.contains("e") ? (Object) Double.valueOf(t)
                            : (Object) Long.decode(t));
                } catch (NumberFormatException e) {
                    throw error("bad number syntax: \"" + t + "\"");
                }
            }
            if (FUNCTIONS.contains(t)) {
                return new Identifier(t);
            }
            throw error("function \"" + t + "\" not defined");
        }

        private List<String> chain(String t) throws TemplateException {
            List<String> chain = new ArrayList<>();
            for (String part : t.substring(1).split("\\.", -1)) {
                if (part.isEmpty()) {
                    throw error("unexpected . after term \"" + t + "\"");
                }
                chain.add(part);
            }
            return chain;
        }

        private List<String> tokens(String text) throws TemplateException {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '`' || c == '\'') {
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != c) {
                        j += c != '`' && text.charAt(j) == '\\' ? 2 : 1;
                    }
                    if (j >= text.length()) {
                        throw error(c == '`' ? "unterminated raw quoted string" : "unterminated quoted string");
                    }
                    tokens.add(text.substring(i, j + 1));
                    i = j + 1;
                } else if (c == '(' || c == ')' || c == '|' || c == ',') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == ':' && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                    tokens.add(":=");
                    i += 2;
                } else if (c == '=') {
                    tokens.add("=");
                    i++;
                } else {
                    int j = i;
                    while (j < text.length() && !Character.isWhitespace(text.charAt(j))
                            && "()|,=\"`'".indexOf(text.charAt(j)) < 0
                            && !(text.charAt(j) == ':' && j + 1 < text.length() && text.charAt(j + 1) == '=')) {
                        j++;
                    }
                    String word = text.substring(i, j);
                    for (char w : word.toCharArray()) {
                        if (!Character.isLetterOrDigit(w) && "._$-+".indexOf(w) < 0) {
                            throw error("unexpected \"" + w + "\" in operand");
                        }
                    }
                    tokens.add(word);
                    i = j;
                }
            }
            return tokens;
        }

        private String unquote(String quoted) throws TemplateException {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < quoted.length() - 1; i++) {
                char c = quoted.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = quoted.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case 'x', 'u' -> {
                        int len = e == 'x' ? 2 : 4;
                        try {
                            out.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 1 + len), 16));
                        } catch (RuntimeException ex) {
                            throw error("invalid syntax");
                        }
                        i += len;
                    }
                    default -> throw error("invalid syntax");
                }
            }
            return out.toString();
        }
    }

    private static final Set<String> FUNCTIONS = Set.of("and", "or", "not", "len", "index",
            "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "slice",
            "exists", "base64decode");

    // ----- execution

    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object get(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            return null;
        }

        boolean has(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return true;
                }
            }
            return false;
        }

        void set(String name, Object value) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    s.vars.put(name, value);
                    return;
                }
            }
        }
    }

    private void run(List<Node> list, Object dot, Scope scope, StringBuilder out) throws TemplateException {
        for (Node node : list) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Action a) {
                Object value = pipeline(a.pipeline(), dot, scope);
                if (a.pipeline().declarations().isEmpty()) {
                    out.append(format(value));
                }
            } else if (node instanceof If i) {
                Scope inner = new Scope(scope);
                run(truth(pipeline(i.condition(), dot, inner)) ? i.then() : i.otherwise(), dot, inner, out);
            } else if (node instanceof With w) {
                Scope inner = new Scope(scope);
                Object value = pipeline(w.pipeline(), dot, inner);
                if (truth(value)) {
                    run(w.body(), value, inner, out);
                } else {
                    run(w.otherwise(), dot, inner, out);
                }
            } else if (node instanceof Range r) {
                range(r, dot, scope, out);
            }
        }
    }

    private void range(Range r, Object dot, Scope scope, StringBuilder out) throws TemplateException {
        Pipeline p = r.pipeline();
        Scope outer = new Scope(scope);
        Object value = pipeline(new Pipeline(List.of(), false, p.commands(), p.text(), p.line()), dot, outer);
        List<Map.Entry<Object, Object>> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                items.add(Map.entry((Object) (long) i, list.get(i) == null ? NO_VALUE : list.get(i)));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> items.add(Map.entry(k, v == null ? NO_VALUE : v)));
        } else if (value != null && value != NO_VALUE) {
            throw execError(p, "range can't iterate over " + format(value));
        }
        if (items.isEmpty()) {
            run(r.otherwise(), dot, outer, out);
            return;
        }
        for (Map.Entry<Object, Object> item : items) {
            Scope inner = new Scope(outer);
            List<String> decl = p.declarations();
            if (decl.size() == 1) {
                inner.vars.put(decl.get(0), item.getValue());
            } else if (decl.size() == 2) {
                inner.vars.put(decl.get(0), item.getKey());
                inner.vars.put(decl.get(1), item.getValue());
            }
            run(r.body(), item.getValue(), inner, out);
        }
    }

    private Object pipeline(Pipeline p, Object dot, Scope scope) throws TemplateException {
        Object value = null;
        boolean piped = false;
        for (List<Operand> command : p.commands()) {
            value = command(p, command, dot, scope, piped ? value : null, piped);
            piped = true;
        }
        if (!p.declarations().isEmpty()) {
            String name = p.declarations().get(0);
            if (p.assign()) {
                if (!scope.has(name)) {
                    throw execError(p, "undefined variable: " + name);
                }
                scope.set(name, value);
            } else {
                scope.vars.put(name, value);
            }
        }
        return value;
    }

    private Object command(Pipeline p, List<Operand> command, Object dot, Scope scope, Object piped,
                           boolean hasPiped) throws TemplateException {
        Operand first = command.get(0);
        if (first instanceof Identifier function) {
            List<Object> args = new ArrayList<>();
            for (Operand o : command.subList(1, command.size())) {
                args.add(operand(p, o, dot, scope));
            }
            if (hasPiped) {
                args.add(piped);
            }
            return call(p, function.name(), args);
        }
        if (command.size() > 1 || hasPiped) {
            throw execError(p, "can't give argument to non-function " + describe(first));
        }
        return operand(p, first, dot, scope);
    }

    private Object operand(Pipeline p, Operand o, Object dot, Scope scope) throws TemplateException {
        if (o instanceof Literal l) {
            return l.value();
        }
        if (o instanceof Field f) {
            return fields(p, dot, f.chain());
        }
        if (o instanceof Variable v) {
            if (!scope.has(v.name())) {
                throw new TemplateException("template: output:" + p.line() + ": undefined variable \""
                        + v.name() + "\"", true);
            }
            return fields(p, scope.get(v.name()), v.chain());
        }
        if (o instanceof Nested n) {
            return fields(p, pipeline(n.pipeline(), dot, scope), n.chain());
        }
        return call(p, ((Identifier) o).name(), List.of());
    }

    private Object fields(Pipeline p, Object value, List<String> chain) throws TemplateException {
        Object current = value;
        for (String name : chain) {
            if (current instanceof Map<?, ?> map) {
                current = map.containsKey(name) ? map.get(name) : NO_VALUE;
                if (current == null) {
                    current = NO_VALUE;
                }
            } else if (current == null || current == NO_VALUE) {
                throw execError(p, "nil pointer evaluating interface {}." + name);
            } else {
                throw execError(p, "can't evaluate field " + name + " in type " + goType(current));
            }
        }
        return current;
    }

    private TemplateException execError(Pipeline p, String message) {
        return new TemplateException("template: output:" + p.line() + ":" + column(p) + ": executing \"output\" at <"
                + firstTerm(p) + ">: " + message, false);
    }

    private int column(Pipeline p) {
        // Go counts the byte offset of the node in its line; the pipeline text is found from its line's start.
        int lineStart = 0;
        for (int l = 1; l < p.line(); l++) {
            lineStart = source.indexOf('\n', lineStart) + 1;
        }
        int at = source.indexOf(p.text(), lineStart);
        return at < 0 ? 0 : at - lineStart;
    }

    private static String firstTerm(Pipeline p) {
        // Go names the node that failed: a field, or a whole function call with its arguments.
        List<Operand> command = p.commands().get(p.commands().size() - 1);
        if (!(command.get(0) instanceof Identifier)) {
            return describe(command.get(0));
        }
        List<String> words = new ArrayList<>();
        for (Operand o : command) {
            words.add(describe(o));
        }
        return String.join(" ", words);
    }

    private static String describe(Operand o) {
        if (o instanceof Field f) {
            return f.chain().isEmpty() ? "." : "." + String.join(".", f.chain());
        }
        if (o instanceof Variable v) {
            return v.chain().isEmpty() ? v.name() : v.name() + "." + String.join(".", v.chain());
        }
        if (o instanceof Literal l) {
            return l.value() instanceof String s ? "\"" + s + "\"" : String.valueOf(l.value());
        }
        if (o instanceof Identifier i) {
            return i.name();
        }
        return "(" + ((Nested) o).pipeline().text() + ")";
    }

    private Object call(Pipeline p, String name, List<Object> args) throws TemplateException {
        switch (name) {
            case "and", "or" -> {
                if (args.isEmpty()) {
                    throw execError(p, "wrong number of args for " + name + ": want at least 1 got 0");
                }
                for (Object a : args.subList(0, args.size() - 1)) {
                    if (truth(a) == name.equals("or")) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            case "not" -> {
                arity(p, name, args, 1);
                return !truth(args.get(0));
            }
            case "len" -> {
                arity(p, name, args, 1);
                Object a = args.get(0);
                if (a instanceof String s) {
                    return (long) s.getBytes(StandardCharsets.UTF_8).length;
                }
                if (a instanceof List<?> l) {
                    return (long) l.size();
                }
                if (a instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                throw execError(p, "error calling len: len of " + (a == null || a == NO_VALUE ? "nil pointer"
                        : "type " + goType(a)));
            }
            case "index" -> {
                if (args.isEmpty()) {
                    throw execError(p, "wrong number of args for index: want at least 1 got 0");
                }
                Object current = args.get(0);
                for (Object key : args.subList(1, args.size())) {
                    if (current instanceof Map<?, ?> m) {
                        if (!(key instanceof String)) {
                            throw execError(p, "error calling index: value has type " + goType(key)
                                    + "; should be string");
                        }
                        current = m.containsKey(key) && m.get(key) != null ? m.get(key) : NO_VALUE;
                    } else if (current instanceof List<?> l) {
                        if (!(key instanceof Long i)) {
                            throw execError(p, "error calling index: cannot index slice/array with type "
                                    + goType(key));
                        }
                        if (i < 0 || i >= l.size()) {
                            throw execError(p, "error calling index: index out of range: " + i);
                        }
                        current = l.get((int) (long) i);
                    } else if (current == null || current == NO_VALUE) {
                        throw execError(p, "error calling index: index of untyped nil");
                    } else {
                        throw execError(p, "error calling index: can't index item of type " + goType(current));
                    }
                }
                return current;
            }
            case "print" -> {
                return goPrint(args);
            }
            case "println" -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    s.append(i == 0 ? "" : " ").append(format(args.get(i)));
                }
                return s.append('\n').toString();
            }
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof String)) {
                    throw execError(p, "wrong number of args for printf: want at least 1 got 0");
                }
                return printf((String) args.get(0), args.subList(1, args.size()));
            }
            case "eq", "ne", "lt", "le", "gt", "ge" -> {
                if (name.equals("eq") && args.size() >= 2) {
                    for (Object b : args.subList(1, args.size())) {
                        if (compare(p, name, args.get(0), b) == 0) {
                            return true;
                        }
                    }
                    return false;
                }
                arity(p, name, args, 2);
                int c = compare(p, name, args.get(0), args.get(1));
                return switch (name) {
                    case "ne" -> c != 0;
                    case "lt" -> c < 0;
                    case "le" -> c <= 0;
                    case "gt" -> c > 0;
                    default -> c >= 0;
                };
            }
            case "html" -> {
                return goPrint(args).replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
                        .replace(">", "&gt;").replace("\"", "&#34;");
            }
            case "js" -> {
                return goPrint(args).replace("\\", "\\\\").replace("'", "\\'").replace("\"", "\\\"")
                        .replace("<", "\\u003C").replace(">", "\\u003E");
            }
            case "urlquery" -> {
                return java.net.URLEncoder.encode(goPrint(args), StandardCharsets.UTF_8);
            }
            case "exists" -> {
                // kubectl: exists(item, indices...) says whether the path of map keys and slice indices is there.
                Object current = args.isEmpty() ? null : args.get(0);
                for (Object key : args.subList(Math.min(1, args.size()), args.size())) {
                    if (current instanceof Map<?, ?> m && m.containsKey(key)) {
                        current = m.get(key);
                    } else if (current instanceof List<?> l && key instanceof Long i && i >= 0 && i < l.size()) {
                        current = l.get((int) (long) i);
                    } else {
                        return false;
                    }
                }
                return true;
            }
            case "base64decode" -> {
                arity(p, name, args, 1);
                try {
                    return new String(Base64.getDecoder().decode(format(args.get(0))), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw execError(p, "error calling base64decode: base64 decode failed: illegal base64 data");
                }
            }
            case "slice" -> {
                if (args.isEmpty()) {
                    throw execError(p, "wrong number of args for slice: want at least 1 got 0");
                }
                Object a = args.get(0);
                long from = args.size() > 1 && args.get(1) instanceof Long l ? l : 0;
                if (a instanceof String s) {
                    long to = args.size() > 2 && args.get(2) instanceof Long l ? l : s.length();
                    if (from < 0 || to > s.length() || from > to) {
                        throw execError(p, "error calling slice: index out of range: " + to);
                    }
                    return s.substring((int) from, (int) to);
                }
                if (a instanceof List<?> list) {
                    long to = args.size() > 2 && args.get(2) instanceof Long l ? l : list.size();
                    if (from < 0 || to > list.size() || from > to) {
                        throw execError(p, "error calling slice: index out of range: " + to);
                    }
                    return new ArrayList<>(list.subList((int) from, (int) to));
                }
                throw execError(p, "error calling slice: can't slice item of type " + goType(a));
            }
            default -> throw execError(p, "function \"" + name + "\" not defined");
        }
    }

    private void arity(Pipeline p, String name, List<Object> args, int want) throws TemplateException {
        if (args.size() != want) {
            throw execError(p, "wrong number of args for " + name + ": want " + want + " got " + args.size());
        }
    }

    /** text/template's comparison: the basic kinds must match; an int literal never equals a float64 from the data. */
    private int compare(Pipeline p, String name, Object a, Object b) throws TemplateException {
        if (a == NO_VALUE || b == NO_VALUE || a == null || b == null) {
            if (name.equals("eq") || name.equals("ne")) {
                if ((a == null || a == NO_VALUE) && (b == null || b == NO_VALUE)) {
                    return 0;
                }
                throw execError(p, "error calling " + name + ": incompatible types for comparison");
            }
            throw execError(p, "error calling " + name + ": invalid type for comparison");
        }
        if (a.getClass() != b.getClass()) {
            throw execError(p, "error calling " + name + ": incompatible types for comparison");
        }
        if (a instanceof String s) {
            return s.compareTo((String) b);
        }
        if (a instanceof Double d) {
            return Double.compare(d, (Double) b);
        }
        if (a instanceof Long l) {
            return Long.compare(l, (Long) b);
        }
        if (a instanceof Boolean x) {
            if (!name.equals("eq") && !name.equals("ne")) {
                throw execError(p, "error calling " + name + ": invalid type for comparison");
            }
            return x.equals(b) ? 0 : 1;
        }
        if (name.equals("eq") || name.equals("ne")) {
            throw execError(p, "error calling " + name + ": non-comparable type " + format(a) + ": "
                    + goType(a));
        }
        throw execError(p, "error calling " + name + ": invalid type for comparison");
    }

    private static boolean truth(Object value) {
        if (value == null || value == NO_VALUE) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Double d) {
            return d != 0;
        }
        if (value instanceof Long l) {
            return l != 0;
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static String goType(Object value) {
        if (value instanceof Map) {
            return "map[string]interface {}";
        }
        if (value instanceof List) {
            return "[]interface {}";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return "interface {}";
    }

    /** fmt.Sprint: a space between operands when neither is a string. */
    private static String goPrint(List<Object> args) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                s.append(' ');
            }
            s.append(format(args.get(i)));
        }
        return s.toString();
    }

    /** fmt's {@code %v}: maps as {@code map[k:v]} in key order, slices as {@code [a b]}, float64 as {@code %g}. */
    static String format(Object value) {
        if (value == NO_VALUE) {
            return "<no value>";
        }
        StringBuilder out = new StringBuilder();
        formatInto(value, out, true);
        return out.toString();
    }

    private static void formatInto(Object value, StringBuilder out, boolean top) {
        if (value == null || value == NO_VALUE) {
            out.append(top ? "<no value>" : "<nil>");
        } else if (value instanceof Map<?, ?> map) {
            out.append("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : " ").append(e.getKey()).append(':');
                formatInto(e.getValue(), out, false);
                first = false;
            }
            out.append(']');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ");
                formatInto(list.get(i), out, false);
            }
            out.append(']');
        } else if (value instanceof Double d) {
            out.append(goFloat(d));
        } else {
            out.append(value);
        }
    }

    /**
     * fmt's {@code %v} of a float64, {@code strconv.FormatFloat(f, 'g', -1, 64)}: the shortest digits, in exponent
     * form when the exponent is below -4 or at least 6 ({@code 1e+06}), as a replica count of a million prints.
     */
    static String goFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exp = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exp >= -4 && exp < 6) {
            return sign + exact.toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** fmt.Sprintf for the verbs templates use: %s %v %d %q %f %x %t %%, with flags {@code -} and width. */
    private static String printf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        Iterator<Object> it = args.iterator();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            int j = i + 1;
            boolean left = false;
            boolean zero = false;
            while (j < format.length() && "-+ #0".indexOf(format.charAt(j)) >= 0) {
                left |= format.charAt(j) == '-';
                zero |= format.charAt(j) == '0';
                j++;
            }
            int width = 0;
            while (j < format.length() && Character.isDigit(format.charAt(j))) {
                width = Math.min(width * 10 + (format.charAt(j) - '0'), 1000);
                j++;
            }
            int precision = -1;
            if (j < format.length() && format.charAt(j) == '.') {
                precision = 0;
                j++;
                while (j < format.length() && Character.isDigit(format.charAt(j))) {
                    precision = Math.min(precision * 10 + (format.charAt(j) - '0'), 100);
                    j++;
                }
            }
            if (j >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (!it.hasNext()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = it.next();
            String text = switch (verb) {
                case 'v', 's' -> format(arg);
                case 'd' -> arg instanceof Long l ? l.toString()
                        : "%!d(" + goType(arg) + "=" + format(arg) + ")";
                case 'f' -> arg instanceof Double d ? String.format(java.util.Locale.ROOT, "%." + (precision < 0 ? 6
                        : precision) + "f", d) : "%!f(" + goType(arg) + "=" + format(arg) + ")";
                case 'q' -> "\"" + format(arg).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        .replace("\t", "\\t") + "\"";
                case 't' -> arg instanceof Boolean ? arg.toString() : "%!t(" + goType(arg) + "=" + format(arg) + ")";
                case 'x' -> arg instanceof Long l ? Long.toHexString(l)
                        : hex(format(arg));
                default -> "%!" + verb + "(" + goType(arg) + "=" + format(arg) + ")";
            };
            if (precision >= 0 && (verb == 's' || verb == 'v') && text.length() > precision) {
                text = text.substring(0, precision);
            }
            if (text.length() < width) {
                String pad = (zero && !left ? "0" : " ").repeat(width - text.length());
                text = left ? text + pad : pad + text;
            }
            out.append(text);
        }
        if (it.hasNext()) {
            out.append("%!(EXTRA ");
            List<String> extra = new ArrayList<>();
            it.forEachRemaining(a -> extra.add(goType(a) + "=" + format(a)));
            out.append(String.join(", ", extra)).append(')');
        }
        return out.toString();
    }

    private static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    /** The engine's view of JSON: {@code json.Unmarshal} into {@code interface{}}; maps sorted as Go prints them. */
    private static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(fromJson(n)));
            return list;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
