package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * kubectl, against the mini-cluster: the verbs a learner types, with kubectl's flags, output and error wording.
 * This class only dispatches: each verb is its own class ({@link GetCommand}, {@link ApplyCommand},
 * {@link ExecCommand}, ...), made once with the shell and holding nothing from one command to the next; API verbs
 * go to the API server, {@code exec}, {@code logs} and {@code debug node} to the {@link Terminal}.
 */
final class Kubectl {

    private static final Set<String> COMMON = Set.of("namespace", "all-namespaces", "selector", "output", "filename",
            "show-labels", "all", "watch", "kubeconfig", "context", "request-timeout", "validate", "field-manager",
            "dry-run");

    // One instance of each verb, made with the shell; none keeps anything from one command to the next.
    private final KubectlContext context;
    private final GetCommand get;
    private final DescribeCommand describe;
    private final ApplyCommand apply;
    private final CreateCommand create;
    private final DeleteCommand delete;
    private final RunCommand run;
    private final ExposeCommand expose;
    private final ScaleCommand scale;
    private final LabelCommand label;
    private final ExecCommand exec;
    private final LogsCommand logs;
    private final DebugCommand debug;
    private final ApiResourcesCommand apiResources;
    private final EditCommand edit;

    /**
     * @param attach takes the interactive shell a command attached the terminal to ({@code exec -it POD -- sh},
     *               {@code run -it --rm}): the {@link Shell} runs the next lines in it
     */
    Kubectl(Cluster cluster, Terminal terminal, Map<String, String> files, Consumer<PodSession> attach) {
        this.context = new KubectlContext(cluster, files, terminal);
        this.get = new GetCommand(context);
        this.describe = new DescribeCommand(context);
        this.apply = new ApplyCommand(context);
        this.create = new CreateCommand(context);
        this.delete = new DeleteCommand(context);
        this.run = new RunCommand(context, attach);
        this.expose = new ExposeCommand(context);
        this.scale = new ScaleCommand(context);
        this.label = new LabelCommand(context);
        this.exec = new ExecCommand(context, attach);
        this.logs = new LogsCommand(context);
        this.debug = new DebugCommand(context);
        this.apiResources = new ApiResourcesCommand(context);
        this.edit = new EditCommand(context);
    }


    /** The YAML {@code kubectl edit ARGS} opens, for the web workspace's editor; empty when it names no object. */
    java.util.Optional<String> editBuffer(List<String> args) {
        return edit.buffer(args);
    }

    /** Runs {@code kubectl args...}; {@code stdin} feeds {@code -f -}. */
    ShellResult run(String line, List<String> args, String stdin) {
        if (args.isEmpty()) {
            return ShellResult.ok(line, "kubectl controls the Kubernetes cluster manager.\n\n"
                    + "Basic Commands: create expose run set explain get edit delete\n"
                    + "Deploy Commands: rollout scale\n"
                    + "Cluster Management Commands: cordon uncordon taint\n"
                    + "Troubleshooting: describe logs exec port-forward debug\n"
                    + "Advanced Commands: apply patch replace wait\n"
                    + "Settings Commands: label annotate\n");
        }
        args = globalFlagsAfterVerb(args);
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            if (args.isEmpty()) {
                return fail(line, "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.");
            }
            String flag = args.get(0);
            return fail(line, (flag.startsWith("--") ? "error: unknown flag: " + flag.split("=", 2)[0]
                    : "error: unknown shorthand flag: '" + flag.charAt(1) + "' in " + flag)
                    + "\nSee 'kubectl --help' for usage.");
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (verb) {
                case "get" -> get.run(line, flags(rest, "wide", "no-headers", "output-watch-events", "sort-by",
                        "ignore-not-found", "field-selector", "chunk-size", "show-kind", "server-print", "template"));
                case "describe" -> describe.run(line, flags(rest));
                case "apply" -> apply.run(line, flags(rest, "server-side", "force-conflicts", "prune"), stdin, "apply");
                case "create" -> create.run(line, rest, stdin);
                case "replace" -> apply.run(line, flags(rest, "force", "save-config"), stdin, "replace");
                case "delete" -> delete.run(line, flags(rest, "grace-period", "force", "now", "wait",
                        "ignore-not-found", "cascade", "timeout"), stdin);
                case "run" -> run.run(line, flags(rest, "image", "port", "labels", "restart", "command", "rm", "stdin",
                        "tty", "env", "expose", "image-pull-policy", "overrides"));
                case "expose" -> expose.run(line, flags(rest, "port", "target-port", "type", "name", "protocol",
                        "external-ip", "cluster-ip", "labels", "session-affinity", "load-balancer-ip"));
                case "scale" -> scale.run(line, flags(rest, "replicas", "current-replicas", "timeout"));
                case "label" -> label.run(line, flags(rest, "overwrite", "list"), false);
                case "annotate" -> label.run(line, flags(rest, "overwrite", "list"), true);
                case "exec" -> exec.run(line, flags(rest, "container", "stdin", "tty", "quiet"));
                case "logs" -> logs.run(line, flags(rest, "container", "tail", "follow", "previous", "timestamps",
                        "since", "prefix", "all-containers", "max-log-requests"));
                case "debug" -> debug.run(line, flags(rest, "image", "stdin", "tty", "profile", "target", "container",
                        "quiet", "attach", "arguments-only", "image-pull-policy"));
                case "api-resources" -> apiResources.run(line);
                case "cluster-info" -> ShellResult.ok(line, "Kubernetes control plane is running at https://127.0.0.1:6443\n"
                        + "CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n"
                        + "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
                case "version" -> ShellResult.ok(line, "Client Version: v1.33.1\nKustomize Version: v5.6.0\n"
                        + "Server Version: v1.33.1\n");
                case "config" -> ShellResult.ok(line, "kind-kind\n");
                case "patch" -> new PatchCommand(context).run(line, rest);
                case "set" -> new SetCommand(context).run(line, rest);
                case "rollout" -> new RolloutCommand(context).run(line, rest);
                case "wait" -> new WaitCommand(context).run(line, rest);
                case "edit" -> edit.run(line, rest, stdin);
                case "port-forward" -> new PortForwardCommand(context).run(line, rest);
                case "explain" -> new ExplainCommand().run(line, rest, context);
                case "taint" -> new NodeCommand(context).taint(line, rest);
                case "cordon" -> new NodeCommand(context).cordon(line, rest, true);
                case "uncordon" -> new NodeCommand(context).cordon(line, rest, false);
                default -> COMMANDS.contains(verb)
                        ? fail(line, "error: the mini-cluster does not simulate \"kubectl " + verb + "\"")
                        : fail(line, "error: unknown command \"" + verb + "\" for \"kubectl\"" + suggest(verb));
            };
        } catch (Flags.UnknownFlag e) {
            return fail(line, e.getMessage() + "\nSee 'kubectl " + verb + " --help' for usage.");
        } catch (UsageError e) {
            return fail(line, e.getMessage());
        } catch (ApiException e) {
            return fail(line, serverError(e, null));
        }
    }

    /**
     * {@code kubectl -n NS get pods}: kubectl's global flags may come before the verb (cobra reads persistent flags
     * anywhere); they are moved after it, where every verb reads them. Those that take a value take the next word
     * unless written {@code --flag=value}.
     */
    static List<String> globalFlagsAfterVerb(List<String> args) {
        List<String> moved = new ArrayList<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--")) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : a.substring(1, Math.min(2, a.length()));
            boolean inline = a.contains("=") || (!a.startsWith("--") && a.length() > 2);
            moved.add(a);
            if (GLOBAL_FLAGS_WITH_VALUE.contains(name) && !inline) {
                if (i + 1 >= args.size()) {
                    return List.of();
                }
                moved.add(args.get(++i));
            } else if (!GLOBAL_FLAGS_WITH_VALUE.contains(name) && !GLOBAL_SWITCHES.contains(name)) {
                return args.subList(i, args.size());
            }
            i++;
        }
        if (moved.isEmpty() || i >= args.size()) {
            return i >= args.size() && !moved.isEmpty() ? List.of() : args;
        }
        List<String> out = new ArrayList<>();
        out.add(args.get(i));
        out.addAll(moved);
        out.addAll(args.subList(i + 1, args.size()));
        return out;
    }

    /** kubectl's global flags that take a value ({@code kubectl options}). */
    private static final Set<String> GLOBAL_FLAGS_WITH_VALUE = Set.of("n", "namespace", "context", "cluster", "user",
            "kubeconfig", "v", "s", "server", "request-timeout", "as", "token");
    private static final Set<String> GLOBAL_SWITCHES = Set.of("insecure-skip-tls-verify", "warnings-as-errors");

    /**
     * The warning kube-apiserver v1.33 sends with every read of v1 Endpoints (KEP-4974), which kubectl prints on
     * standard error.
     */
    static final String ENDPOINTS_DEPRECATED =
            "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

    /** Every command of kubectl v1.33, as cobra knows them for its suggestions. */
    static final List<String> COMMANDS = List.of("annotate", "api-resources", "api-versions", "apply",
            "attach", "auth", "autoscale", "certificate", "cluster-info", "completion", "config", "cordon", "cp",
            "create", "debug", "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose",
            "get", "help", "kustomize", "label", "logs", "options", "patch", "plugin", "port-forward", "proxy",
            "replace", "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait");

    /**
     * cobra's {@code findSuggestions}: commands within a Levenshtein distance of 2 (case-insensitive) or starting
     * with what was typed, as {@code \n\nDid you mean this?\n\tget\n}.
     */
    static String suggest(String typed) {
        List<String> matches = new ArrayList<>();
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        for (String c : COMMANDS) {
            // Never the verb itself: cobra suggests only for a command it does not know.
            if (!c.equals(lower) && (levenshtein(lower, c) <= 2 || c.startsWith(lower))) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n\nDid you mean this?\n");
        matches.forEach(m -> s.append('\t').append(m).append('\n'));
        return s.toString();
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static Flags flags(List<String> args, String... extra) throws Flags.UnknownFlag {
        Set<String> known = new java.util.HashSet<>(COMMON);
        known.addAll(List.of(extra));
        return Flags.parse(args, known);
    }

    /** A mistake in how a command was typed, worded as kubectl words it. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    private static ShellResult fail(String line, String message) {
        return ShellResult.error(line, 1, message.endsWith("\n") ? message : message + "\n");
    }

    static String serverError(ApiException e, String source) {
        return serverError(e, source, "creating");
    }

    /**
     * An API error as kubectl's {@code CheckErr} prints it: Invalid as {@code The Service "web" is invalid: ...} from
     * the Status details, others as {@code Error from server (Reason): error when creating "file": message}.
     */
    static String serverError(ApiException e, String source, String when) {
        if (e.reason() == ApiException.Reason.Invalid) {
            return e.getMessage();
        }
        return "Error from server (" + e.reason() + "): " + (source == null ? "" : "error when " + when + " \""
                + source + "\": ") + e.getMessage();
    }
}
