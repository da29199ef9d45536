package academy.minicluster.net.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what runs from the argv, as the container runtime and the images' programs would: the runtime looks the
 * program up in {@code $PATH} (failing with {@code StartError} when it is not there), entrypoint scripts pass control on
 * ({@code /docker-entrypoint.sh} of nginx, {@code /entrypoint.sh} of curlimages/curl), and each program parses its
 * own flags.
 */
final class Launcher {

    private static final Set<String> SHELLS = Set.of("sh", "ash", "bash", "zsh", "dash");

    /** agnhost subcommands that exist but that this model does not simulate: they run and listen on nothing. */
    private static final Set<String> OTHER_AGNHOST_COMMANDS = Set.of("audit-proxy", "crd-conversion-webhook",
            "dns-server-list", "dns-suggestion", "entrypoint-tester", "etc-hosts", "fake-gitserver",
            "fake-registry-server", "grpc-health-checking", "guestbook", "inclusterclient", "liveness",
            "logs-generator", "mounttest", "net", "nettest", "no-snat-test", "no-snat-test-proxy",
            "port-forward-tester", "resource-consumer-controller", "tcp-reset", "test-webserver", "webhook");

    private final Set<String> executables;
    private final Map<String, String> environment;
    private final boolean stdin;
    private final String hostname;
    private final List<String> printed = new ArrayList<>();

    Launcher(Set<String> executables, Map<String, String> environment, boolean stdin, String hostname) {
        this.executables = executables;
        this.environment = environment;
        this.stdin = stdin;
        this.hostname = hostname;
    }

    Process launch(List<String> argv) {
        if (argv.isEmpty()) {
            return new ExitedProcess(new ContainerState.Terminated(128, "StartError",
                    "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                            + "runc create failed: unable to start container process: no command specified: unknown"),
                    List.of());
        }
        Process process = run(argv);
        if (printed.isEmpty()) {
            return process;
        }
        // Lines a shell script echoed before its last command come first in the log.
        List<String> lines = new ArrayList<>(printed);
        if (process instanceof IdleProcess idle) {
            lines.addAll(idle.log());
            return new IdleProcess(lines);
        }
        if (process instanceof ExitedProcess exited) {
            lines.addAll(exited.log());
            return new ExitedProcess(exited.terminated(), lines);
        }
        return process;
    }

    private Process run(List<String> argv) {
        String program = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        if (!Executables.contains(executables, program)) {
            return ExitedProcess.notFound(program);
        }
        String base = program.substring(program.lastIndexOf('/') + 1);
        return switch (base) {
            case "docker-entrypoint.sh" -> {
                if (rest.isEmpty()) {
                    yield ExitedProcess.exited(0);
                }
                if (rest.get(0).equals("nginx") || rest.get(0).equals("nginx-debug")) {
                    yield nginx(rest.subList(1, rest.size()), true);
                }
                yield run(rest);
            }
            case "entrypoint.sh" -> {
                // curlimages/curl: "if the first argument is a flag or not a command, run curl with the arguments".
                if (rest.isEmpty()) {
                    yield run(List.of("curl"));
                }
                String first = rest.get(0);
                if (first.startsWith("-") || !Executables.contains(executables, first)) {
                    List<String> curl = new ArrayList<>();
                    curl.add("curl");
                    curl.addAll(rest);
                    yield run(curl);
                }
                yield run(rest);
            }
            case "dumb-init" -> rest.isEmpty() ? ExitedProcess.exited(1)
                    : run(rest.get(0).equals("--") ? rest.subList(1, rest.size()) : rest);
            case "nginx", "nginx-debug" -> nginx(rest, false);
            case "http-echo" -> httpEcho(rest);
            case "agnhost", "agnhost-2" -> agnhost(rest);
            case "whoami" -> whoami(rest);
            case "serve_hostname" -> standaloneServeHostname(rest);
            case "hello-app" -> HelloAppProcess.fromEnvironment(environment);
            case "run.sh" -> new EchoserverProcess();
            // main() runs the gRPC echo server instead of the HTTP one when GRPC_ECHO_SERVER is set.
            case "echo-basic" -> environment.getOrDefault("GRPC_ECHO_SERVER", "").isEmpty()
                    ? EchoBasicProcess.of(environment) : GrpcEchoProcess.of(environment);
            case "pause" -> IdleProcess.silent();
            case "sleep" -> rest.isEmpty() ? ExitedProcess.exited(1, "sleep: missing operand")
                    : IdleProcess.silent();
            case "tail" -> rest.contains("-f") || rest.contains("-F") ? IdleProcess.silent()
                    : ExitedProcess.exited(0);
            case "true" -> ExitedProcess.exited(0);
            case "false" -> ExitedProcess.exited(1);
            case "echo" -> ExitedProcess.exited(0, String.join(" ", rest));
            case "hostname" -> ExitedProcess.exited(0, hostname);
            case "cat" -> rest.isEmpty() && stdin ? IdleProcess.silent() : ExitedProcess.exited(0);
            case "ping" -> rest.contains("-c") ? ExitedProcess.exited(0) : IdleProcess.silent();
            case "curl" -> rest.isEmpty()
                    ? ExitedProcess.exited(2, "curl: try 'curl --help' or 'curl --manual' for more information")
                    : ExitedProcess.exited(0);
            default -> SHELLS.contains(base) ? shell(rest) : ExitedProcess.exited(0);
        };
    }

    /**
     * A shell: without {@code -c} it reads stdin, so it exits at once unless the container keeps stdin open
     * ({@code stdin: true}, as {@code kubectl run -it} sets). With {@code -c}, the script's commands run in turn:
     * {@code echo} lines are printed, a loop ({@code while}, {@code until}) keeps it running, and the last command
     * decides the rest ({@code exec} included). Shell variables ({@code $NAME}, {@code ${NAME}}) are expanded from
     * the environment.
     */
    private Process shell(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("-c") || args.size() < 2) {
            return stdin ? IdleProcess.silent() : ExitedProcess.exited(0);
        }
        String script = shellExpand(args.get(1));
        if (script.contains("while ") || script.contains("until ") || script.contains("while:")) {
            collectEchoes(script);
            return IdleProcess.silent();
        }
        List<String> commands = splitCommands(script);
        if (commands.isEmpty()) {
            return ExitedProcess.exited(0);
        }
        collectEchoes(String.join("\n", commands.subList(0, commands.size() - 1)));
        List<String> last = words(commands.get(commands.size() - 1));
        if (!last.isEmpty() && last.get(0).equals("exec")) {
            last = last.subList(1, last.size());
        }
        return last.isEmpty() ? ExitedProcess.exited(0) : run(last);
    }

    private void collectEchoes(String script) {
        for (String command : splitCommands(script)) {
            List<String> words = words(command);
            if (!words.isEmpty() && words.get(0).equals("echo")) {
                printed.add(String.join(" ", words.subList(1, words.size())));
            }
        }
    }

    /** The script's commands, split at {@code ;}, {@code &&}, {@code ||} and newlines outside quotes. */
    static List<String> splitCommands(String script) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
                continue;
            }
            boolean pair = i + 1 < script.length() && (c == '&' || c == '|') && script.charAt(i + 1) == c;
            if (c == ';' || c == '\n' || pair) {
                addCommand(commands, current);
                if (pair) {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            current.append(c);
        }
        addCommand(commands, current);
        return commands;
    }

    private static void addCommand(List<String> commands, StringBuilder current) {
        String trimmed = current.toString().strip();
        if (!trimmed.isEmpty()) {
            commands.add(trimmed);
        }
        current.setLength(0);
    }

    /** Whitespace-separated words, with single and double quotes grouping and removed. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private String shellExpand(String script) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '$' && i + 1 < script.length()) {
                int start = i + 1;
                int end;
                String name;
                if (script.charAt(start) == '{') {
                    end = script.indexOf('}', start);
                    if (end < 0) {
                        out.append(c);
                        continue;
                    }
                    name = script.substring(start + 1, end);
                    i = end;
                } else {
                    end = start;
                    while (end < script.length()
                            && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
                        end++;
                    }
                    if (end == start) {
                        out.append(c);
                        continue;
                    }
                    name = script.substring(start, end);
                    i = end - 1;
                }
                out.append(environment.getOrDefault(name, ""));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** nginx stays in the foreground only with {@code daemon off;}; otherwise it forks and the container ends. */
    private Process nginx(List<String> args, boolean viaEntrypoint) {
        if (args.contains("-v")) {
            return ExitedProcess.exited(0, "nginx version: " + NginxProcess.VERSION);
        }
        if (args.contains("-t")) {
            return ExitedProcess.exited(0, "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok",
                    "nginx: configuration file /etc/nginx/nginx.conf test is successful");
        }
        boolean foreground = false;
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-g") && args.get(i + 1).replace(" ", "").contains("daemonoff;")) {
                foreground = true;
            }
        }
        return foreground ? new NginxProcess(viaEntrypoint) : ExitedProcess.exited(0);
    }

    private Process httpEcho(List<String> args) {
        Flags.Parsed flags = Flags.parse(args, Set.of("listen", "text", "status-code"), Set.of("version"),
                Flags.Style.GO_FLAG);
        if (!flags.ok()) {
            return ExitedProcess.exited(2, flags.error(), "Usage of /http-echo:");
        }
        if (flags.bool("version", false)) {
            return ExitedProcess.exited(0, "http-echo v" + HttpEchoProcess.VERSION);
        }
        Integer status = Flags.integer(flags.get("status-code", "200"));
        if (status == null) {
            return ExitedProcess.exited(2, "invalid value \"" + flags.get("status-code", "") + "\" for flag "
                    + "-status-code: parse error", "Usage of /http-echo:");
        }
        String text = flags.get("text", "");
        if (text.isEmpty()) {
            text = environment.getOrDefault("ECHO_TEXT", "");
        }
        if (text.isEmpty()) {
            return ExitedProcess.exited(127, "Missing -text option or ECHO_TEXT env var!");
        }
        if (!flags.positional().isEmpty()) {
            return ExitedProcess.exited(127, "Too many arguments!");
        }
        String listen = flags.get("listen", ":5678");
        int colon = listen.lastIndexOf(':');
        Integer port = colon < 0 ? null : Flags.integer(listen.substring(colon + 1));
        if (colon < 0 || port == null || port < 1 || port > 65535) {
            String reason = colon < 0 ? "address " + listen + ": missing port in address"
                    : "lookup tcp/" + listen.substring(colon + 1) + ": unknown port";
            return ExitedProcess.exited(1, "[INFO] server is listening on " + listen,
                    "[ERR] server exited with: listen tcp: " + reason);
        }
        return new HttpEchoProcess(port, listen, text, status);
    }

    private Process whoami(List<String> args) {
        Flags.Parsed flags = Flags.parse(args, Set.of("cert", "key", "cacert", "port", "name", "allowed-origins"),
                Set.of("verbose"), Flags.Style.GO_FLAG);
        if (!flags.ok()) {
            return ExitedProcess.exited(2, flags.error(), "Usage of /whoami:");
        }
        String envPort = environment.getOrDefault("WHOAMI_PORT_NUMBER", "");
        String portText = flags.get("port", envPort.isEmpty() ? "80" : envPort);
        Integer port = Flags.integer(portText);
        if (port == null || port < 1 || port > 65535) {
            return ExitedProcess.exited(1, "Starting up on port " + portText,
                    "listen tcp: lookup tcp/" + portText + ": unknown port");
        }
        return new WhoamiProcess(port, flags.get("name", environment.getOrDefault("WHOAMI_NAME", "")),
                flags.bool("verbose", false));
    }

    /** {@code registry.k8s.io/serve_hostname}: Go's {@code flag} package, {@code log.Fatalf} on the mode clash. */
    private Process standaloneServeHostname(List<String> args) {
        Flags.Parsed flags = Flags.parse(args, Set.of("port"), Set.of("tcp", "udp", "http"), Flags.Style.GO_FLAG);
        if (!flags.ok()) {
            return ExitedProcess.exited(2, flags.error(), "Usage of /serve_hostname:");
        }
        Integer port = Flags.integer(flags.get("port", "9376"));
        if (port == null) {
            return ExitedProcess.exited(2, "invalid value \"" + flags.get("port", "") + "\" for flag -port: parse error",
                    "Usage of /serve_hostname:");
        }
        boolean tcp = flags.bool("tcp", false);
        boolean udp = flags.bool("udp", false);
        boolean http = flags.bool("http", true);
        if (http && (tcp || udp)) {
            return ExitedProcess.exited(1, "Can't server TCP/UDP mode and HTTP mode at the same time");
        }
        return new ServeHostnameProcess(port, http, tcp, udp, false, ServeHostnameProcess.Build.STANDALONE_IMAGE);
    }

    private Process agnhost(List<String> args) {
        if (args.isEmpty()) {
            return new IdleProcess(List.of("Paused"));
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "pause":
                return new IdleProcess(List.of("Paused"));
            case "connect":
                // A client: it connects once and exits; its output belongs to the probe tools, not to this model.
                return ExitedProcess.exited(0);
            case "netexec": {
                Flags.Parsed flags = Flags.parse(rest, Set.of("http-port", "udp-port", "sctp-port", "tls-cert-file",
                        "tls-private-key-file", "http-override", "udp-listen-addresses", "delay-shutdown"),
                        Set.of(), Flags.Style.PFLAG);
                Process error = cobraError(flags, List.of("http-port", "udp-port", "sctp-port", "delay-shutdown"));
                if (error != null) {
                    return error;
                }
                return new NetexecProcess(Integer.parseInt(flags.get("http-port", "8080")),
                        Integer.parseInt(flags.get("udp-port", "8081")),
                        Integer.parseInt(flags.get("sctp-port", "-1")));
            }
            case "serve-hostname": {
                Flags.Parsed flags = Flags.parse(rest, Set.of("port"), Set.of("tcp", "udp", "http", "close"),
                        Flags.Style.PFLAG);
                Process error = cobraError(flags, List.of("port"));
                if (error != null) {
                    return error;
                }
                boolean tcp = flags.bool("tcp", false);
                boolean udp = flags.bool("udp", false);
                boolean http = flags.bool("http", true);
                if (http && (tcp || udp)) {
                    return ExitedProcess.exited(1, "Can't server TCP/UDP mode and HTTP mode at the same time");
                }
                return new ServeHostnameProcess(Integer.parseInt(flags.get("port", "9376")), http, tcp, udp,
                        flags.bool("close", false), ServeHostnameProcess.Build.AGNHOST);
            }
            case "porter": {
                Flags.Parsed flags = Flags.parse(rest, Set.of(), Set.of("json-response"), Flags.Style.PFLAG);
                Process error = cobraError(flags, List.of());
                if (error != null) {
                    return error;
                }
                return PorterProcess.fromEnvironment(environment);
            }
            default:
                if (OTHER_AGNHOST_COMMANDS.contains(sub)) {
                    return new IdleProcess(List.of("minicluster: agnhost " + sub
                            + " is not simulated; the container runs and listens on nothing"));
                }
                return ExitedProcess.exited(1, "Error: unknown command \"" + sub + "\" for \"agnhost\"",
                        "Run 'agnhost --help' for usage.");
        }
    }

    /** cobra's way of failing: {@code Error: ...} then the usage, exit status 1. */
    private static Process cobraError(Flags.Parsed flags, List<String> intFlags) {
        String error = flags.error();
        if (error == null) {
            for (String name : intFlags) {
                String value = flags.values().get(name);
                if (value != null && Flags.integer(value) == null) {
                    error = "invalid argument \"" + value + "\" for \"--" + name + "\" flag: strconv.ParseInt: "
                            + "parsing \"" + value + "\": invalid syntax";
                    break;
                }
            }
        }
        if (error == null && !flags.positional().isEmpty()) {
            error = "accepts at most 0 arg(s), received " + flags.positional().size();
        }
        return error == null ? null : ExitedProcess.exited(1, "Error: " + error);
    }
}
