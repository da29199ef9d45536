package academy.minicluster.net.shell;

import academy.minicluster.net.api.Budget;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Observation;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a POSIX shell script ({@link ShSyntax}) as sh runs it: word expansion at run time ({@code $VAR},
 * {@code ${VAR:-default}}, {@code $(...)}, backquotes, {@code $((...))}, {@code $?}, quotes, field splitting of
 * unquoted expansions; no pathname expansion, there are no files to match), exit statuses, {@code &&}/{@code ||},
 * pipelines, redirections ({@code >}, {@code >>}, {@code <}, {@code 2>&1}, {@code >/dev/null}), loops, and the
 * builtins scripts use ({@code : true false echo printf test [ export unset exit break continue read cd pwd set
 * seq}). Everything else runs through the {@link Host}: kubectl and the tools on the workstation, the image's
 * tools in a container.
 *
 * <p>Every loop iteration counts as a command against the session's {@link Budget} (and checks its CPU time), and
 * output held for the terminal counts against its output limit as it grows, so {@code while true; do :; done}
 * ends with the budget's error, never hangs; a value (a variable, a substitution's output) larger than
 * {@link #MAX_VALUE_CHARS} is the shell running out of memory.
 */
final class ShInterpreter {

    /** The most characters one value may hold: a variable, a command substitution's output, a pipe's contents. */
    static final int MAX_VALUE_CHARS = 1 << 20;

    /** Where the commands a script names run, and its files. */
    interface Host {
        ShDialect dialect();

        /** Whether the command is on this host's {@code $PATH} (for the utilities the shell runs itself). */
        boolean has(String command);

        /** Runs a command that is not a builtin, with {@code stdin} and the exported {@code environment}. */
        ShellResult run(List<String> argv, String stdin, Map<String, String> environment);

        /** A file's contents, for {@code <} and the text tools; empty when there is no such file. */
        Optional<String> readFile(String path);

        /** Writes a file for {@code >}/{@code >>}: null when written, else why not ({@code Permission denied}). */
        String writeFile(String path, String content, boolean append);
    }

    /** The script stopped by its session's budget, with what it had printed until then. */
    static final class Stopped extends RuntimeException {
        final ShellResult partial;
        final BudgetExceeded cause;

        Stopped(ShellResult partial, BudgetExceeded cause) {
            super(cause.getMessage(), null, false, false);
            this.partial = partial;
            this.cause = cause;
        }
    }

    private static final class Exit extends RuntimeException {
        Exit() {
            super(null, null, false, false);
        }
    }

    private static final class OutOfMemory extends RuntimeException {
        OutOfMemory() {
            super(null, null, false, false);
        }
    }

    /** What a command reads (shared by the commands of a loop body, so {@code read} advances through it). */
    private static final class Input {
        final String text;
        /** No standard input was given (the terminal's): a command that needs one, such as kubectl edit, says so. */
        final boolean none;
        int at;

        Input(String text) {
            this.none = text == null;
            this.text = text == null ? "" : text;
        }

        /** What is left to read; null when there is no standard input at all. */
        String rest() {
            return none ? null : text.substring(Math.min(at, text.length()));
        }
    }

    /** Where a command writes. */
    private static final class Io {
        final StringBuilder out;
        final StringBuilder err;
        final Input in;
        /** Output the terminal shows (counted against the output budget), or captured by a pipe or substitution. */
        final boolean terminal;

        Io(Input in, boolean terminal) {
            this(in, new StringBuilder(), new StringBuilder(), terminal);
        }

        Io(Input in, StringBuilder out, StringBuilder err, boolean terminal) {
            this.in = in;
            this.out = out;
            this.err = err;
            this.terminal = terminal;
        }
    }

    private final Host host;
    private final Budget budget;
    private final Map<String, String> variables;
    private final Set<String> exported;
    private final List<Hop> trace = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private int status;
    private int breaking;
    private int continuing;
    private int loops;
    private boolean errexit;
    /** Whether the running simple command's expansion ran a command substitution. */
    private boolean substituted;
    private int conditions;

    /**
     * @param variables the shell's variables, written back as the script sets them (the workstation's session keeps
     *                  them from one command line to the next); {@code exported} names those in the environment
     */
    ShInterpreter(Host host, Budget budget, Map<String, String> variables, Set<String> exported) {
        this.host = host;
        this.budget = budget;
        this.variables = variables;
        this.exported = exported;
    }

    /** A fresh shell whose environment is {@code environment} (a container's), all exported. */
    static ShInterpreter withEnvironment(Host host, Budget budget, Map<String, String> environment) {
        Map<String, String> vars = new LinkedHashMap<>(environment);
        return new ShInterpreter(host, budget, vars, new LinkedHashSet<>(environment.keySet()));
    }

    /**
     * Runs {@code script} with {@code stdin}; the result names {@code line}. A syntax error is the dialect's message
     * and exit code 2; a script the budget stops throws {@link Stopped}.
     */
    ShellResult run(String script, String stdin, String line) {
        ShSyntax.Script parsed;
        try {
            parsed = ShSyntax.parse(script);
        } catch (ShSyntax.ParseError e) {
            status = 2;
            return ShellResult.error(line, 2, syntaxMessage(e));
        }
        Io io = new Io(new Input(stdin), true);
        try {
            runScript(parsed, io);
        } catch (Exit e) {
            // exit: status already set
        } catch (OutOfMemory e) {
            io.err.append(host.dialect().outOfMemory());
            status = 2;
        } catch (BudgetExceeded e) {
            throw new Stopped(result(line, io), e);
        } catch (Stopped e) {
            // A script inside this one (kubectl exec ... -- sh -c) was stopped: what both printed is kept.
            io.out.append(e.partial.stdout());
            io.err.append(e.partial.stderr());
            trace.addAll(e.partial.trace());
            throw new Stopped(result(line, io), e.cause);
        }
        return result(line, io);
    }

    /** Whether {@code script} is cut short (an open loop, quote, or a trailing {@code &&}): more lines would finish it. */
    static boolean incomplete(String script) {
        try {
            ShSyntax.parse(script);
            return false;
        } catch (ShSyntax.ParseError e) {
            return e.incomplete();
        }
    }

    private String syntaxMessage(ShSyntax.ParseError e) {
        ShDialect d = host.dialect();
        if (e.quote != 0) {
            return d.unterminatedQuote(e.quote);
        }
        return e.token == null ? d.unexpectedEnd(e.expecting) : d.unexpectedToken(e.token);
    }

    private ShellResult result(String line, Io io) {
        return new ShellResult(line, status, io.out.toString(), io.err.toString(), List.copyOf(trace),
                List.copyOf(observations));
    }

    int status() {
        return status;
    }

    // ---- running ----

    private void runScript(ShSyntax.Script script, Io io) {
        for (ShSyntax.AndOr item : script.items()) {
            if (breaking > 0 || continuing > 0) {
                return;
            }
            runAndOr(item, io);
            if (errexit && conditions == 0 && status != 0 && !(item.pipelines().size() > 1)) {
                throw new Exit();
            }
        }
    }

    private void runAndOr(ShSyntax.AndOr item, Io io) {
        List<ShSyntax.Pipeline> pipelines = item.pipelines();
        conditions += pipelines.size() > 1 ? 1 : 0;
        try {
            runPipeline(pipelines.get(0), io);
            for (int i = 1; i < pipelines.size(); i++) {
                boolean and = item.operators().get(i - 1);
                if ((status == 0) == and) {
                    if (i == pipelines.size() - 1) {
                        conditions--;
                        try {
                            runPipeline(pipelines.get(i), io);
                        } finally {
                            conditions++;
                        }
                    } else {
                        runPipeline(pipelines.get(i), io);
                    }
                }
            }
        } finally {
            conditions -= pipelines.size() > 1 ? 1 : 0;
        }
    }

    private void runPipeline(ShSyntax.Pipeline pipeline, Io io) {
        if (pipeline.negated()) {
            conditions++;
        }
        try {
            List<ShSyntax.Command> commands = pipeline.commands();
            Input in = io.in;
            for (int i = 0; i < commands.size(); i++) {
                boolean last = i == commands.size() - 1;
                // The last command writes where the pipeline writes (what a loop printed stays if the budget stops
                // it); the others into the pipe; every command's errors reach the pipeline's standard error.
                Io step = last ? new Io(in, io.out, io.err, io.terminal)
                        : new Io(in, new StringBuilder(), io.err, false);
                runCommand(commands.get(i), step);
                if (!last) {
                    in = new Input(step.out.toString());
                }
            }
        } finally {
            if (pipeline.negated()) {
                conditions--;
                status = status == 0 ? 1 : 0;
            }
        }
    }

    /** Appends to an output, within the output budget (the terminal's) or the memory a value may use. */
    private void append(Io io, StringBuilder to, CharSequence text) {
        to.append(text);
        checkSize(io, to);
    }

    private void checkSize(Io io, StringBuilder to) {
        if (io.terminal) {
            budget.checkOutput(io.out.length() + io.err.length());
        } else if (to.length() > MAX_VALUE_CHARS) {
            throw new OutOfMemory();
        }
    }

    private void runCommand(ShSyntax.Command command, Io io) {
        budget.checkpoint();
        if (command instanceof ShSyntax.Simple simple) {
            withRedirects(simple.redirects(), io, to -> simple(simple, to));
        } else if (command instanceof ShSyntax.Group group) {
            withRedirects(group.redirects(), io, to -> group(group, to));
        } else if (command instanceof ShSyntax.If branch) {
            withRedirects(branch.redirects(), io, to -> ifCommand(branch, to));
        } else if (command instanceof ShSyntax.Loop loop) {
            withRedirects(loop.redirects(), io, to -> loop(loop, to));
        } else if (command instanceof ShSyntax.For each) {
            withRedirects(each.redirects(), io, to -> forLoop(each, to));
        }
    }

    /**
     * Runs {@code script} in a subshell ({@code ( ... )}, {@code $( ... )}): what it sets, exports and how it leaves
     * loops stay inside; {@code exit} leaves the subshell only.
     */
    private void subshell(ShSyntax.Script script, Io io) {
        Map<String, String> saved = new LinkedHashMap<>(variables);
        Set<String> savedExported = new LinkedHashSet<>(exported);
        int savedLoops = loops;
        loops = 0;
        try {
            runScript(script, io);
        } catch (Exit e) {
            // exit leaves the subshell only
        } finally {
            variables.clear();
            variables.putAll(saved);
            exported.clear();
            exported.addAll(savedExported);
            loops = savedLoops;
            breaking = 0;
            continuing = 0;
        }
    }

    private void group(ShSyntax.Group group, Io to) {
        if (!group.subshell()) {
            runScript(group.body(), to);
            return;
        }
        subshell(group.body(), to);
    }

    private void ifCommand(ShSyntax.If branch, Io to) {
        for (int i = 0; i < branch.conditions().size(); i++) {
            condition(branch.conditions().get(i), to);
            if (breaking > 0 || continuing > 0) {
                return;
            }
            if (status == 0) {
                runScript(branch.bodies().get(i), to);
                return;
            }
        }
        status = 0;
        if (branch.otherwise() != null) {
            runScript(branch.otherwise(), to);
        }
    }

    private void condition(ShSyntax.Script script, Io io) {
        conditions++;
        try {
            runScript(script, io);
        } finally {
            conditions--;
        }
    }

    private void loop(ShSyntax.Loop loop, Io io) {
        int last = 0;
        loops++;
        try {
            while (true) {
                budget.iteration();
                condition(loop.condition(), io);
                if (endIteration()) {
                    break;
                }
                if ((status == 0) == loop.until()) {
                    break;
                }
                runScript(loop.body(), io);
                last = status;
                if (endIteration()) {
                    break;
                }
            }
        } finally {
            loops--;
        }
        status = last;
    }

    /** After a loop's step: true to leave the loop ({@code break}); a {@code continue} for this loop is spent. */
    private boolean endIteration() {
        if (breaking > 0) {
            breaking--;
            return true;
        }
        if (continuing > 0) {
            continuing--;
            return continuing > 0; // continue 2 continues the loop outside
        }
        return false;
    }

    private void forLoop(ShSyntax.For each, Io io) {
        List<String> values = new ArrayList<>();
        if (each.words() != null) {
            for (String word : each.words()) {
                values.addAll(expand(word, io));
            }
        }
        status = 0;
        loops++;
        try {
            for (String value : values) {
                budget.iteration();
                assign(each.name(), value);
                runScript(each.body(), io);
                if (endIteration()) {
                    break;
                }
            }
        } finally {
            loops--;
        }
    }

    private void assign(String name, String value) {
        if (value.length() > MAX_VALUE_CHARS) {
            throw new OutOfMemory();
        }
        variables.put(name, value);
    }

    /** Runs {@code body} with the command's redirections applied to what it reads and writes. */
    private void withRedirects(List<ShSyntax.Redirect> redirects, Io io, java.util.function.Consumer<Io> body) {
        if (redirects.isEmpty()) {
            body.accept(io);
            return;
        }
        // Where descriptors 1 and 2 go: "&1" (the command's own standard output), "&2", a file, or /dev/null.
        String[] to = {null, "&1", "&2"};
        Input in = io.in;
        for (ShSyntax.Redirect r : redirects) {
            String target = expandOne(r.target(), io);
            ShSyntax.Operator op = r.operator();
            if (op == ShSyntax.Operator.IN) {
                Optional<String> text = target.equals("/dev/null") ? Optional.of("") : host.readFile(target);
                if (text.isEmpty()) {
                    io.err.append(host.dialect().cannotOpen(target));
                    status = redirectFailure();
                    return;
                }
                in = new Input(text.get());
                continue;
            }
            if (r.fd() > 2 || r.fd() == 0) {
                continue;
            }
            if (op == ShSyntax.Operator.DUP_OUT && target.matches("[12]")) {
                to[r.fd()] = to[Integer.parseInt(target)];
                continue;
            }
            if (op == ShSyntax.Operator.DUP_OUT && target.equals("-")) {
                to[r.fd()] = "/dev/null";
                continue;
            }
            boolean both = op == ShSyntax.Operator.BOTH || op == ShSyntax.Operator.DUP_OUT;
            if (!target.equals("/dev/null")) {
                String why = host.writeFile(target, "", op == ShSyntax.Operator.APPEND);
                if (why != null) {
                    io.err.append(host.dialect().cannotCreate(target, why));
                    status = redirectFailure();
                    return;
                }
            }
            if (both) {
                to[1] = target;
                to[2] = target;
            } else {
                to[r.fd()] = target;
            }
        }
        Io inner = new Io(in, false);
        body.accept(inner);
        route(inner.out, to[1], io);
        route(inner.err, to[2], io);
    }

    private int redirectFailure() {
        return host.dialect() == ShDialect.BASH_INTERACTIVE || host.dialect() == ShDialect.BASH_C ? 1 : 2;
    }

    private void route(CharSequence text, String destination, Io io) {
        if (text.length() == 0 || destination.equals("/dev/null")) {
            return;
        }
        switch (destination) {
            case "&1" -> append(io, io.out, text);
            case "&2" -> append(io, io.err, text);
            default -> host.writeFile(destination, text.toString(), true);
        }
    }

    private String expandOne(String word, Io io) {
        return String.join(" ", expand(word, io));
    }

    // ---- simple commands ----

    private void simple(ShSyntax.Simple command, Io io) {
        substituted = false;
        List<String> argv = new ArrayList<>();
        Map<String, String> assignments = command.assignments().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (String a : command.assignments()) {
            int eq = a.indexOf('=');
            assignments.put(a.substring(0, eq), expandValue(a.substring(eq + 1), io));
        }
        for (String word : command.words()) {
            argv.addAll(expand(word, io));
        }
        if (argv.isEmpty()) {
            assignments.forEach(this::assign);
            // An assignment's status is its last command substitution's, else 0.
            status = substituted ? status : 0;
            return;
        }
        String name = argv.get(0);
        if (isSpecialBuiltin(name)) {
            assignments.forEach(this::assign); // assignments before a special builtin stay (POSIX 2.14)
        }
        status = builtin(argv, io, new CommandEnvironment(assignments));
    }

    /**
     * The environment a command gets: the exported variables and the command's own assignments, sorted by name.
     * Made when the command first reads it (env, a container's shell): kubectl and curl never do, and they are
     * most commands. Read while the command runs, when the shell's variables cannot change.
     */
    private final class CommandEnvironment extends AbstractMap<String, String> {
        private final Map<String, String> assignments;
        private Map<String, String> made;

        CommandEnvironment(Map<String, String> assignments) {
            this.assignments = assignments;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            if (made == null) {
                Map<String, String> environment = new TreeMap<>();
                for (String key : exported) {
                    if (variables.containsKey(key)) {
                        environment.put(key, variables.get(key));
                    }
                }
                environment.putAll(assignments);
                made = Collections.unmodifiableMap(environment);
            }
            return made.entrySet();
        }
    }

    /** POSIX's special builtins (2.14): assignments before them stay in the shell. */
    private static final Set<String> SPECIAL_BUILTINS = Set.of(":", "export", "unset", "exit", "break", "continue",
            "set", "readonly", "eval", ".", "shift", "return", "trap", "exec", "times");

    private static boolean isSpecialBuiltin(String name) {
        return SPECIAL_BUILTINS.contains(name);
    }

    /** Runs a builtin or the host's command, and answers its exit status. */
    private int builtin(List<String> argv, Io io, Map<String, String> environment) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        switch (name) {
            case ":", "true" -> {
                return 0;
            }
            case "false" -> {
                return 1;
            }
            case "echo" -> {
                return echo(args, io);
            }
            case "printf" -> {
                return printf(args, io);
            }
            case "test" -> {
                return test(args, io, "test");
            }
            case "[" -> {
                if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                    io.err.append(host.dialect().prefix()).append("[: missing ]\n");
                    return 2;
                }
                return test(args.subList(0, args.size() - 1), io, "[");
            }
            case "export", "readonly" -> {
                for (String a : args) {
                    if (a.startsWith("-")) {
                        continue;
                    }
                    int eq = a.indexOf('=');
                    String key = eq < 0 ? a : a.substring(0, eq);
                    if (!ShSyntax.NAME.matcher(key).matches()) {
                        io.err.append(host.dialect().prefix()).append(name).append(": `").append(a)
                                .append("': not a valid identifier\n");
                        return 1;
                    }
                    if (eq >= 0) {
                        assign(key, a.substring(eq + 1));
                    }
                    exported.add(key);
                }
                return 0;
            }
            case "unset" -> {
                for (String a : args) {
                    if (!a.startsWith("-")) {
                        variables.remove(a);
                        exported.remove(a);
                    }
                }
                return 0;
            }
            case "exit" -> {
                status = args.isEmpty() ? status : number(args.get(0)) & 0xff;
                throw new Exit();
            }
            case "break", "continue" -> {
                int n = args.isEmpty() ? 1 : Math.max(1, number(args.get(0)));
                if (loops == 0) {
                    return 0; // POSIX leaves it unspecified; dash and ash ignore it
                }
                if (name.equals("break")) {
                    breaking = Math.min(n, loops);
                } else {
                    continuing = Math.min(n, loops);
                }
                return 0;
            }
            case "read" -> {
                return read(args, io);
            }
            case "cd" -> {
                String dir = args.isEmpty() ? variables.getOrDefault("HOME", "/") : args.get(0);
                variables.put("PWD", dir.startsWith("/") ? dir : variables.getOrDefault("PWD", "/") + "/" + dir);
                return 0;
            }
            case "pwd" -> {
                io.out.append(variables.getOrDefault("PWD", "/")).append('\n');
                return 0;
            }
            case "set" -> {
                for (String a : args) {
                    if (a.equals("-e")) {
                        errexit = true;
                    } else if (a.equals("+e")) {
                        errexit = false;
                    }
                }
                return 0;
            }
            case "seq" -> {
                if (host.has("seq")) {
                    return seq(args, io);
                }
            }
            default -> {
            }
        }
        budget.checkpoint();
        ShellResult r = host.run(argv, io.in.rest(), environment);
        io.in.at = io.in.text.length(); // a command reads what is left of its standard input
        trace.addAll(r.trace());
        observations.addAll(r.observations());
        append(io, io.out, r.stdout());
        append(io, io.err, r.stderr());
        return r.exitCode();
    }

    private int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private int echo(List<String> args, Io io) {
        boolean newline = true;
        boolean escapes = host.dialect() == ShDialect.DASH;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+") && host.dialect() != ShDialect.DASH
                || i < args.size() && host.dialect() == ShDialect.DASH && args.get(i).equals("-n")) {
            for (char c : args.get(i).substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false;
                }
            }
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            int cut = text.indexOf("\\c");
            if (cut >= 0) {
                text = text.substring(0, cut);
                newline = false;
            }
            text = unescape(text);
        }
        append(io, io.out, newline ? text + "\n" : text);
        return 0;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char n = text.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                case 'a' -> out.append('\007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\013');
                case 'e' -> out.append('\033');
                case '0' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 3 && i + 1 < text.length() && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '7') {
                        v = v * 8 + text.charAt(++i) - '0';
                        k++;
                    }
                    out.append((char) v);
                }
                default -> out.append('\\').append(n);
            }
        }
        return out.toString();
    }

    /** printf FORMAT [ARG...]: %s %d %i %x %o %c %%, escapes, the format reused while arguments remain. */
    private int printf(List<String> args, Io io) {
        if (args.isEmpty()) {
            io.err.append("printf: usage: printf format [arguments]\n");
            return 2;
        }
        String format = args.get(0);
        List<String> values = args.subList(1, args.size());
        StringBuilder out = new StringBuilder();
        int used = 0;
        int status = 0;
        do {
            int before = used;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '\\' && i + 1 < format.length()) {
                    out.append(unescape(format.substring(i, i + 2)));
                    i++;
                } else if (c == '%' && i + 1 < format.length()) {
                    int j = i + 1;
                    while (j < format.length() && "-+ 0#123456789.".indexOf(format.charAt(j)) >= 0) {
                        j++;
                    }
                    if (j >= format.length()) {
                        out.append(format, i, j);
                        break;
                    }
                    char conv = format.charAt(j);
                    String flags = format.substring(i + 1, j);
                    if (conv == '%') {
                        out.append('%');
                    } else {
                        String value = used < values.size() ? values.get(used) : "";
                        used++;
                        switch (conv) {
                            case 'd', 'i', 'x', 'X', 'o', 'u' -> {
                                long n;
                                try {
                                    n = value.isEmpty() ? 0 : Long.parseLong(value.trim());
                                } catch (NumberFormatException e) {
                                    io.err.append(host.dialect().prefix()).append("printf: ").append(value)
                                            .append(": invalid number\n");
                                    status = 1;
                                    n = 0;
                                }
                                char javaConv = conv == 'i' || conv == 'u' ? 'd' : conv;
                                out.append(String.format("%" + flags + javaConv, n));
                            }
                            case 'c' -> out.append(value.isEmpty() ? "" : value.substring(0, 1));
                            case 'b' -> out.append(unescape(value));
                            default -> out.append(flags.isEmpty() ? value : String.format("%" + flags + "s", value));
                        }
                    }
                    i = j;
                } else {
                    out.append(c);
                }
            }
            if (used == before) {
                break;
            }
        } while (used < values.size());
        append(io, io.out, out);
        return status;
    }

    private int read(List<String> args, Io io) {
        List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
        String rest = io.in.rest();
        if (rest == null || rest.isEmpty()) {
            return 1;
        }
        int nl = rest.indexOf('\n');
        String line = nl < 0 ? rest : rest.substring(0, nl);
        io.in.at += nl < 0 ? rest.length() : nl + 1;
        if (!args.contains("-r")) {
            line = line.replaceAll("\\\\(.)", "$1");
        }
        if (names.isEmpty()) {
            assign("REPLY", line);
            return nl < 0 ? 1 : 0;
        }
        String remaining = line.strip();
        for (int i = 0; i < names.size(); i++) {
            if (i == names.size() - 1) {
                assign(names.get(i), remaining);
            } else {
                String[] parts = remaining.split("[ \t]+", 2);
                assign(names.get(i), parts[0]);
                remaining = parts.length > 1 ? parts[1] : "";
            }
        }
        return nl < 0 ? 1 : 0;
    }

    /** seq [FIRST [INCREMENT]] LAST, integers, as coreutils and busybox print them. */
    private int seq(List<String> args, Io io) {
        List<Long> n = new ArrayList<>();
        for (String a : args) {
            try {
                n.add(Long.parseLong(a));
            } catch (NumberFormatException e) {
                io.err.append("seq: invalid floating point argument: '").append(a).append("'\n");
                return 1;
            }
        }
        if (n.isEmpty() || n.size() > 3) {
            io.err.append(n.isEmpty() ? "seq: missing operand\n" : "seq: extra operand '" + args.get(3) + "'\n");
            return 1;
        }
        long first = n.size() > 1 ? n.get(0) : 1;
        long step = n.size() == 3 ? n.get(1) : 1;
        long last = n.get(n.size() - 1);
        if (step == 0) {
            io.err.append("seq: invalid Zero increment value: '0'\n");
            return 1;
        }
        for (long v = first; step > 0 ? v <= last : v >= last; v += step) {
            append(io, io.out, v + "\n");
        }
        return 0;
    }

    /** test / [: the unary and binary primaries scripts use. */
    private int test(List<String> args, Io io, String name) {
        try {
            return new TestExpression(args).evaluate() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            io.err.append(host.dialect().prefix()).append(name).append(": ").append(e.getMessage()).append('\n');
            return 2;
        }
    }

    private final class TestExpression {
        private final List<String> args;
        private int at;

        TestExpression(List<String> args) {
            this.args = args;
        }

        boolean evaluate() {
            if (args.isEmpty()) {
                return false;
            }
            boolean v = or();
            if (at < args.size()) {
                throw new IllegalArgumentException(args.get(at) + ": unexpected operator");
            }
            return v;
        }

        private boolean or() {
            boolean v = and();
            while (at < args.size() && args.get(at).equals("-o")) {
                at++;
                v |= and();
            }
            return v;
        }

        private boolean and() {
            boolean v = not();
            while (at < args.size() && args.get(at).equals("-a")) {
                at++;
                v &= not();
            }
            return v;
        }

        private boolean not() {
            if (at < args.size() && args.get(at).equals("!") && at + 1 < args.size()) {
                at++;
                return !not();
            }
            return primary();
        }

        private boolean primary() {
            if (at >= args.size()) {
                throw new IllegalArgumentException("argument expected");
            }
            String a = args.get(at);
            if (a.equals("(")) {
                at++;
                boolean v = or();
                if (at >= args.size() || !args.get(at).equals(")")) {
                    throw new IllegalArgumentException("closing paren expected");
                }
                at++;
                return v;
            }
            if (at + 2 < args.size() && isBinary(args.get(at + 1))) {
                String op = args.get(at + 1);
                String b = args.get(at + 2);
                at += 3;
                return binary(a, op, b);
            }
            if (a.length() == 2 && a.charAt(0) == '-' && "znefdrwxsLhp".indexOf(a.charAt(1)) >= 0
                    && at + 1 < args.size()) {
                String operand = args.get(at + 1);
                at += 2;
                return switch (a.charAt(1)) {
                    case 'z' -> operand.isEmpty();
                    case 'n' -> !operand.isEmpty();
                    case 'e', 'f', 'r', 's' -> host.readFile(operand).isPresent();
                    default -> false;
                };
            }
            at++;
            return !a.isEmpty();
        }

        private boolean isBinary(String op) {
            return Set.of("=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">").contains(op);
        }

        private boolean binary(String a, String op, String b) {
            return switch (op) {
                case "=", "==" -> a.equals(b);
                case "!=" -> !a.equals(b);
                case "<" -> a.compareTo(b) < 0;
                case ">" -> a.compareTo(b) > 0;
                default -> {
                    long x = integer(a);
                    long y = integer(b);
                    yield switch (op) {
                        case "-eq" -> x == y;
                        case "-ne" -> x != y;
                        case "-lt" -> x < y;
                        case "-le" -> x <= y;
                        case "-gt" -> x > y;
                        default -> x >= y;
                    };
                }
            };
        }

        private long integer(String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        host.dialect() == ShDialect.DASH ? "Illegal number: " + s
                                : host.dialect() == ShDialect.ASH ? "bad number"
                                : s + ": integer expression expected");
            }
        }
    }

    // ---- expansion ----

    /** A piece of an expanded word: text, and whether field splitting may cut it (an unquoted expansion). */
    private record Piece(String text, boolean splittable) {
    }

    /** The fields a word expands to. */
    List<String> expand(String word, Io io) {
        if (isLiteral(word)) {
            return List.of(word); // nothing to expand or split: the word is its one field
        }
        if (word.startsWith("~") && (word.length() == 1 || word.charAt(1) == '/')) {
            word = "'" + variables.getOrDefault("HOME", "/root") + "'" + word.substring(1);
        }
        List<Piece> pieces = new ArrayList<>();
        boolean quoted = pieces(word, io, pieces, false);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean have = quoted;
        for (Piece p : pieces) {
            if (!p.splittable()) {
                field.append(p.text());
                have = have || !p.text().isEmpty();
                continue;
            }
            String t = p.text();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n') {
                    if (have || field.length() > 0) {
                        fields.add(field.toString());
                        field.setLength(0);
                        have = false;
                    }
                } else {
                    field.append(c);
                    have = true;
                }
            }
        }
        if (have || field.length() > 0) {
            fields.add(field.toString());
        }
        return fields;
    }

    /**
     * Whether {@code word} expands to itself: no quote, backslash, {@code $}, backquote or leading {@code ~}, and
     * nothing that field splitting would cut (a parsed word has no unquoted blank). Pathname expansion is not done.
     */
    private static boolean isLiteral(String word) {
        if (word.isEmpty() || word.charAt(0) == '~') {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            switch (word.charAt(i)) {
                case '\\', '\'', '"', '`', '$', ' ', '\t', '\n' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** A word expanded without field splitting (an assignment's value, a {@code case} word). */
    private String expandValue(String word, Io io) {
        List<Piece> pieces = new ArrayList<>();
        pieces(word, io, pieces, false);
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p.text()));
        return out.toString();
    }

    /** Expands {@code word} into {@code out}; answers whether it had quotes (so {@code ""} is one empty field). */
    private boolean pieces(String word, Io io, List<Piece> out, boolean inDoubleQuotes) {
        boolean quoted = false;
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '\\') {
                if (i + 1 < word.length()) {
                    char n = word.charAt(i + 1);
                    if (!inDoubleQuotes || "$`\"\\\n".indexOf(n) >= 0) {
                        if (n != '\n') {
                            literal.append(n);
                        }
                    } else {
                        literal.append(c).append(n);
                    }
                    quoted = true;
                    i += 2;
                } else {
                    literal.append(c);
                    i++;
                }
            } else if (c == '\'' && !inDoubleQuotes) {
                int end = word.indexOf('\'', i + 1);
                literal.append(word, i + 1, end);
                quoted = true;
                i = end + 1;
            } else if (c == '"' && !inDoubleQuotes) {
                int end = doubleQuoteEnd(word, i + 1);
                flush(literal, out);
                pieces(word.substring(i + 1, end), io, out, true);
                quoted = true;
                i = end + 1;
            } else if (c == '`') {
                int end = i + 1;
                while (end < word.length() && word.charAt(end) != '`') {
                    end += word.charAt(end) == '\\' ? 2 : 1;
                }
                String body = word.substring(i + 1, Math.min(end, word.length())).replaceAll("\\\\([$`\\\\])", "$1");
                flush(literal, out);
                out.add(new Piece(substitute(body, io), !inDoubleQuotes));
                i = end + 1;
            } else if (c == '$' && i + 1 < word.length()) {
                flush(literal, out);
                i = dollar(word, i, io, out, inDoubleQuotes);
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, out);
        return quoted;
    }

    private static void flush(StringBuilder literal, List<Piece> out) {
        if (literal.length() > 0) {
            out.add(new Piece(literal.toString(), false));
            literal.setLength(0);
        }
    }

    private static int doubleQuoteEnd(String word, int i) {
        while (i < word.length() && word.charAt(i) != '"') {
            char c = word.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '$' && i + 1 < word.length() && word.charAt(i + 1) == '(') {
                try {
                    i = ShSyntax.closeParen(word, i + 2, 0);
                } catch (ShSyntax.ParseError e) {
                    return word.length();
                }
            } else if (c == '$' && i + 1 < word.length() && word.charAt(i + 1) == '{') {
                int end = word.indexOf('}', i);
                i = end < 0 ? word.length() : end + 1;
            } else if (c == '`') {
                int end = word.indexOf('`', i + 1);
                i = end < 0 ? word.length() : end + 1;
            } else {
                i++;
            }
        }
        return Math.min(i, word.length());
    }

    /** Expands the {@code $...} at {@code i}; answers where the word goes on. */
    private int dollar(String word, int i, Io io, List<Piece> out, boolean quoted) {
        char n = word.charAt(i + 1);
        if (n == '(' && i + 2 < word.length() && word.charAt(i + 2) == '(') {
            int end = arithmeticEnd(word, i + 3);
            if (end > 0) {
                String value = arithmetic(word.substring(i + 3, end - 2), io);
                out.add(new Piece(value, !quoted));
                return end;
            }
        }
        if (n == '(') {
            int end;
            try {
                end = ShSyntax.closeParen(word, i + 2, 0);
            } catch (ShSyntax.ParseError e) {
                end = word.length() + 1;
            }
            out.add(new Piece(substitute(word.substring(i + 2, end - 1), io), !quoted));
            return end;
        }
        if (n == '{') {
            int end = braceEnd(word, i + 2);
            out.add(new Piece(parameter(word.substring(i + 2, end), io), !quoted));
            return end + 1;
        }
        if (Character.isLetter(n) || n == '_') {
            int end = i + 1;
            while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
                end++;
            }
            out.add(new Piece(variable(word.substring(i + 1, end)), !quoted));
            return end;
        }
        if ("?$#!0123456789@*-".indexOf(n) >= 0) {
            out.add(new Piece(variable(String.valueOf(n)), !quoted));
            return i + 2;
        }
        out.add(new Piece("$", false));
        return i + 1;
    }

    private static int braceEnd(String word, int i) {
        int depth = 1;
        for (; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return word.length();
    }

    /** The index after the {@code ))} closing {@code $((} whose body starts at {@code i}; -1 when there is none. */
    private static int arithmeticEnd(String word, int i) {
        int depth = 0;
        for (; i + 1 < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return word.charAt(i + 1) == ')' ? i + 2 : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    private String variable(String name) {
        return switch (name) {
            case "?" -> Integer.toString(status);
            case "$" -> "1";
            case "#" -> "0";
            case "0" -> host.dialect() == ShDialect.BASH_INTERACTIVE ? "bash" : "sh";
            case "-" -> errexit ? "e" : "";
            default -> variables.getOrDefault(name, "");
        };
    }

    /** {@code ${NAME}}, {@code ${#NAME}}, {@code ${NAME:-word}}, {@code -}, {@code =}, {@code +}, {@code ?}. */
    private String parameter(String body, Io io) {
        if (body.startsWith("#") && body.length() > 1) {
            return Integer.toString(variable(body.substring(1)).length());
        }
        int end = 0;
        while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_')) {
            end++;
        }
        if (end == 0 && !body.isEmpty() && "?$#0-".indexOf(body.charAt(0)) >= 0) {
            end = 1;
        }
        String name = body.substring(0, end);
        String op = body.substring(end);
        boolean set = variables.containsKey(name) || "?$#0-".contains(name) && !name.isEmpty();
        String value = variable(name);
        if (op.isEmpty()) {
            return value;
        }
        boolean colon = op.startsWith(":");
        String rest = colon ? op.substring(1) : op;
        if (rest.isEmpty()) {
            return value;
        }
        boolean useDefault = colon ? value.isEmpty() : !set;
        String argument = rest.substring(1);
        return switch (rest.charAt(0)) {
            case '-' -> useDefault ? expandValue(argument, io) : value;
            case '=' -> {
                if (useDefault) {
                    String v = expandValue(argument, io);
                    assign(name, v);
                    yield v;
                }
                yield value;
            }
            case '+' -> useDefault ? "" : expandValue(argument, io);
            case '?' -> {
                if (useDefault) {
                    io.err.append(host.dialect().prefix()).append(name).append(": ")
                            .append(argument.isEmpty() ? "parameter not set" : expandValue(argument, io)).append('\n');
                    status = host.dialect() == ShDialect.BASH_INTERACTIVE ? 1 : 2;
                    throw new Exit();
                }
                yield value;
            }
            case '#', '%' -> trim(value, rest, io);
            default -> value;
        };
    }

    /** {@code ${NAME#prefix}}, {@code ##}, {@code %suffix}, {@code %%}: the pattern's {@code *} and {@code ?}. */
    private String trim(String value, String op, Io io) {
        boolean longest = op.length() > 1 && op.charAt(1) == op.charAt(0);
        String pattern = expandValue(op.substring(longest ? 2 : 1), io);
        com.google.re2j.Pattern regex = com.google.re2j.Pattern.compile(globToRegex(pattern));
        if (op.charAt(0) == '#') {
            for (int k = longest ? value.length() : 0; longest ? k >= 0 : k <= value.length(); k += longest ? -1 : 1) {
                if (regex.matches(value.substring(0, k))) {
                    return value.substring(k);
                }
            }
        } else {
            for (int k = longest ? 0 : value.length(); longest ? k <= value.length() : k >= 0; k += longest ? 1 : -1) {
                if (regex.matches(value.substring(k))) {
                    return value.substring(0, k);
                }
            }
        }
        return value;
    }

    private static String globToRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> r.append(".*");
                case '?' -> r.append('.');
                default -> r.append(com.google.re2j.Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    /** {@code $(body)}: runs in a subshell; its standard output, trailing newlines removed. */
    private String substitute(String body, Io io) {
        ShSyntax.Script script;
        try {
            script = ShSyntax.parse(body);
        } catch (ShSyntax.ParseError e) {
            io.err.append(syntaxMessage(e));
            status = 2;
            return "";
        }
        Io captured = new Io(io.in, false);
        subshell(script, captured);
        substituted = true;
        append(io, io.err, captured.err);
        String out = captured.out.toString();
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }

    // ---- arithmetic ----

    private String arithmetic(String expression, Io io) {
        String text = expandValue(expression, io);
        try {
            return Long.toString(new Arithmetic(text).evaluate());
        } catch (ArithmeticException | IllegalArgumentException e) {
            io.err.append(host.dialect().prefix()).append("arithmetic syntax error\n");
            status = 2;
            throw new Exit();
        }
    }

    /** $((...)): integers, + - * / % ( ), comparisons, && ||, ! and unary minus; variables by name. */
    private final class Arithmetic {
        private final String s;
        private int at;

        Arithmetic(String s) {
            this.s = s;
        }

        long evaluate() {
            long v = orExpr();
            skip();
            if (at != s.length()) {
                throw new IllegalArgumentException(s);
            }
            return v;
        }

        private void skip() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private boolean eat(String op) {
            skip();
            if (s.startsWith(op, at)) {
                at += op.length();
                return true;
            }
            return false;
        }

        private long orExpr() {
            long v = andExpr();
            while (eat("||")) {
                long r = andExpr();
                v = v != 0 || r != 0 ? 1 : 0;
            }
            return v;
        }

        private long andExpr() {
            long v = comparison();
            while (eat("&&")) {
                long r = comparison();
                v = v != 0 && r != 0 ? 1 : 0;
            }
            return v;
        }

        private long comparison() {
            long v = sum();
            while (true) {
                if (eat("==")) {
                    v = v == sum() ? 1 : 0;
                } else if (eat("!=")) {
                    v = v != sum() ? 1 : 0;
                } else if (eat("<=")) {
                    v = v <= sum() ? 1 : 0;
                } else if (eat(">=")) {
                    v = v >= sum() ? 1 : 0;
                } else if (eat("<")) {
                    v = v < sum() ? 1 : 0;
                } else if (eat(">")) {
                    v = v > sum() ? 1 : 0;
                } else {
                    return v;
                }
            }
        }

        private long sum() {
            long v = product();
            while (true) {
                if (eat("+")) {
                    v += product();
                } else if (eat("-")) {
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        private long product() {
            long v = unary();
            while (true) {
                if (eat("*")) {
                    v *= unary();
                } else if (eat("/")) {
                    v /= unary();
                } else if (eat("%")) {
                    v %= unary();
                } else {
                    return v;
                }
            }
        }

        private long unary() {
            if (eat("-")) {
                return -unary();
            }
            if (eat("+")) {
                return unary();
            }
            if (eat("!")) {
                return unary() == 0 ? 1 : 0;
            }
            if (eat("(")) {
                long v = orExpr();
                if (!eat(")")) {
                    throw new IllegalArgumentException(s);
                }
                return v;
            }
            skip();
            int start = at;
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                at++;
            }
            String token = s.substring(start, at);
            if (token.isEmpty()) {
                throw new IllegalArgumentException(s);
            }
            if (Character.isDigit(token.charAt(0))) {
                return Long.parseLong(token);
            }
            String value = variables.getOrDefault(token, "").trim();
            return value.isEmpty() ? 0 : Long.parseLong(value);
        }
    }
}
