package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.DecodeError;
import academy.minicluster.net.api.DecodeResult;
import academy.minicluster.net.api.Decoded;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kubectl, against the mini-cluster: the verbs a learner types, with kubectl's flags, output and error wording.
 * API verbs go to the {@link ApiServer}; {@code exec}, {@code logs} and {@code debug node} go to the {@link Terminal}.
 */
final class Kubectl {

    private static final Set<String> COMMON = Set.of("namespace", "all-namespaces", "selector", "output", "filename",
            "show-labels", "all", "watch", "kubeconfig", "context", "request-timeout", "validate", "field-manager",
            "dry-run");

    private final Cluster cluster;
    private final Terminal terminal;
    private final Map<String, String> files;
    private final ManifestDecoder decoder = new ManifestDecoder();
    private final ResourcePrinter printer;
    private final Describer describer;
    private final KubectlContext context;
    private final EditCommand edit;

    Kubectl(Cluster cluster, Terminal terminal, Map<String, String> files) {
        this.cluster = cluster;
        this.terminal = terminal;
        this.files = files;
        this.printer = new ResourcePrinter(cluster.clock());
        this.describer = new Describer(cluster);
        this.context = new KubectlContext(cluster, files, terminal);
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
                case "get" -> get(line, flags(rest, "wide", "no-headers", "output-watch-events", "sort-by",
                        "ignore-not-found", "field-selector", "chunk-size", "show-kind", "server-print", "template"));
                case "describe" -> describe(line, flags(rest));
                case "apply" -> applyFiles(line, flags(rest, "server-side", "force-conflicts", "prune"), stdin, "apply");
                case "create" -> create(line, rest, stdin);
                case "replace" -> applyFiles(line, flags(rest, "force", "save-config"), stdin, "replace");
                case "delete" -> delete(line, flags(rest, "grace-period", "force", "now", "wait", "ignore-not-found",
                        "cascade", "timeout"), stdin);
                case "run" -> run(line, flags(rest, "image", "port", "labels", "restart", "command", "rm", "stdin",
                        "tty", "env", "expose", "image-pull-policy", "overrides"));
                case "expose" -> expose(line, flags(rest, "port", "target-port", "type", "name", "protocol",
                        "external-ip", "cluster-ip", "labels", "session-affinity", "load-balancer-ip"));
                case "scale" -> scale(line, flags(rest, "replicas", "current-replicas", "timeout"));
                case "label" -> metadata(line, flags(rest, "overwrite", "list"), false);
                case "annotate" -> metadata(line, flags(rest, "overwrite", "list"), true);
                case "exec" -> exec(line, flags(rest, "container", "stdin", "tty", "quiet"));
                case "logs" -> logs(line, flags(rest, "container", "tail", "follow", "previous", "timestamps",
                        "since", "prefix", "all-containers", "max-log-requests"));
                case "debug" -> debug(line, flags(rest, "image", "stdin", "tty", "profile", "target", "container",
                        "quiet", "attach", "arguments-only", "image-pull-policy"));
                case "api-resources" -> apiResources(line);
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

    private static int levenshtein(String a, String b) {
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

    private Flags flags(List<String> args, String... extra) throws Flags.UnknownFlag {
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

    private String namespace(Flags f) {
        return f.get("namespace", "default");
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

    // ---- get ----------------------------------------------------------------------------------------------------

    private record Target(Kinds.Resource resource, String name) {
    }

    private List<Target> targets(Flags f) {
        return targets(f, false);
    }

    /**
     * The objects a command names. {@code all} is expanded for {@code get} only: the mini-cluster would not recreate
     * the {@code kubernetes} Service that {@code kubectl delete all --all} removes, as kube-apiserver does.
     */
    private List<Target> targets(Flags f, boolean allCategory) {
        List<Target> targets = new ArrayList<>();
        List<String> pos = f.positional;
        if (pos.isEmpty()) {
            throw new UsageError("error: You must specify the type of resource to get. Use \"kubectl api-resources\" "
                    + "for a complete list of supported resources.");
        }
        if (pos.get(0).contains("/")) {
            for (String p : pos) {
                int slash = p.indexOf('/');
                if (slash < 0) {
                    throw new UsageError("error: there is no need to specify a resource type as a separate argument "
                            + "when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                            + "instead of 'kubectl get resource resource/<resource_name>'");
                }
                targets.add(new Target(resource(p.substring(0, slash)), p.substring(slash + 1)));
            }
            return targets;
        }
        // SplitResourceArgument: each type once, in the order typed; "all" stands for its category's kinds.
        List<Kinds.Resource> resources = new ArrayList<>();
        for (String type : pos.get(0).split(",")) {
            for (Kinds.Resource r : type.equals("all") && allCategory ? ALL_TYPES.stream().map(Kubectl::resource).toList()
                    : List.of(resource(type))) {
                if (!resources.contains(r)) {
                    resources.add(r);
                }
            }
        }
        for (Kinds.Resource r : resources) {
            if (pos.size() == 1) {
                targets.add(new Target(r, null));
            } else {
                for (String name : pos.subList(1, pos.size())) {
                    targets.add(new Target(r, name));
                }
            }
        }
        return targets;
    }

    /**
     * cli-runtime's {@code MultipleTypesRequested}: {@code all}, a comma list of several types, or
     * {@code TYPE/NAME} arguments of several types. kubectl then names every row with its type
     * ({@code service/web}), even when only one of the types has objects.
     */
    private static boolean multipleTypesRequested(List<String> positional) {
        if (positional.isEmpty()) {
            return false;
        }
        if (positional.get(0).contains("/")) {
            return positional.stream().map(p -> p.substring(0, Math.max(0, p.indexOf('/')))).distinct().count() > 1;
        }
        List<String> types = List.of(positional.get(0).split(","));
        return types.contains("all") || types.stream().distinct().count() > 1;
    }

    private static Kinds.Resource resource(String type) {
        return Kinds.byName(type).orElseThrow(() ->
                new UsageError("error: the server doesn't have a resource type \"" + type + "\""));
    }

    /** What {@code kubectl get all} lists, in kubectl's order (the kinds the mini-cluster serves). */
    private static final List<String> ALL_TYPES = List.of("pods", "services", "deployments", "replicasets");

    private ShellResult get(String line, Flags f) {
        String output = goTemplateOutput(f);
        checkOutput(output);
        boolean all = f.has("all-namespaces");
        String namespace = namespace(f);
        List<Target> targets = targets(f, true);
        LabelSelector selector = f.get("selector") == null ? null : parseSelector(f.get("selector"));
        StringBuilder err = new StringBuilder();
        // Objects per kind, in the order the kinds were asked for.
        Map<String, List<HasMetadata>> groups = new LinkedHashMap<>();
        for (Target t : targets) {
            String ns = t.resource().namespaced() ? namespace : "";
            List<HasMetadata> objects = groups.computeIfAbsent(t.resource().kind(), k -> new ArrayList<>());
            if (t.name() != null) {
                var o = cluster.store().get(t.resource().kind(), ns, t.name());
                if (o.isEmpty()) {
                    if (!f.has("ignore-not-found")) {
                        err.append("Error from server (NotFound): ").append(ApiServer.notFound(t.resource().kind(),
                                t.name()).getMessage()).append('\n');
                    }
                    continue;
                }
                objects.add(o.get());
            } else if (t.resource().kind().equals("Event")) {
                for (var e : cluster.events().all()) {
                    if (all || namespace.equals(e.getMetadata().getNamespace())) {
                        objects.add(e);
                    }
                }
            } else {
                List<HasMetadata> candidates = all || !t.resource().namespaced()
                        ? cluster.store().listAny(t.resource().kind())
                        : cluster.store().list(HasMetadata.class, t.resource().kind(), ns);
                for (HasMetadata o : candidates) {
                    if (selector == null || LabelSelectors.matches(selector, o.getMetadata().getLabels())) {
                        objects.add(o);
                    }
                }
            }
        }
        groups.values().removeIf(List::isEmpty);
        if (f.get("sort-by") != null) {
            groups.replaceAll((k, v) -> sortBy(v, f.get("sort-by")));
        }
        if (f.has("ignore-not-found") && groups.isEmpty() && err.length() == 0) {
            // --ignore-not-found: nothing at all, not even "No resources found".
            return ShellResult.ok(line, "");
        }
        List<HasMetadata> found = groups.values().stream().flatMap(List::stream).toList();
        int exit = err.length() == 0 ? 0 : 1;
        if (targets.stream().anyMatch(t -> t.resource().kind().equals("Endpoints"))) {
            err.insert(0, ENDPOINTS_DEPRECATED);
        }
        // One object asked for by name is printed as itself; anything else as a List.
        boolean single = targets.size() == 1 && targets.get(0).name() != null;
        if (output.equals("json") || output.equals("yaml")) {
            if (found.isEmpty() && exit != 0 && single) {
                return new ShellResult(line, exit, "", err.toString(), List.of());
            }
            return new ShellResult(line, exit, renderStructured(found, single && found.size() == 1, output),
                    err.toString(), List.of());
        }
        if (output.startsWith("jsonpath")) {
            String template = output.contains("=") ? output.substring(output.indexOf('=') + 1) : "";
            if (found.isEmpty() && exit != 0 && single) {
                return new ShellResult(line, exit, "", err.toString(), List.of());
            }
            try {
                String text = JsonPath.render(template, ObjectOutput.tree(found, single && found.size() == 1));
                return new ShellResult(line, exit, text, err.toString(), List.of());
            } catch (JsonPath.TemplateError e) {
                throw new UsageError(e.getMessage());
            }
        }
        if (output.startsWith("go-template=")) {
            if (found.isEmpty() && exit != 0 && single) {
                return new ShellResult(line, exit, "", err.toString(), List.of());
            }
            return goTemplate(line, output.substring("go-template=".length()),
                    ObjectOutput.tree(found, single && found.size() == 1), exit, err);
        }
        boolean human = output.isEmpty() || output.equals("wide");
        if (found.isEmpty()) {
            if (exit == 0 && human) {
                boolean namespaced = !all && targets.stream().allMatch(t -> t.resource().namespaced());
                return new ShellResult(line, 0, "", namespaced ? "No resources found in " + namespace + " namespace.\n"
                        : "No resources found\n", List.of());
            }
            if (output.startsWith("custom-columns=") && exit == 0) {
                return ShellResult.ok(line, renderGroup(List.of(), output, all, f, false));
            }
            return new ShellResult(line, exit, "", err.toString(), List.of());
        }
        // Several kinds asked for or found (or --show-kind): kubectl names each row with its type (pod/web,
        // service/web).
        boolean withKind = groups.size() > 1 || multipleTypesRequested(f.positional) || f.has("show-kind");
        StringBuilder out = new StringBuilder();
        for (List<HasMetadata> group : groups.values()) {
            // A blank line between tables, unless there are no headers to separate.
            if (out.length() > 0 && human && !f.has("no-headers")) {
                out.append('\n');
            }
            out.append(renderGroup(group, output, all, f, withKind));
        }
        return new ShellResult(line, exit, out.toString(), err.toString(), List.of());
    }

    /** {@code --sort-by=.metadata.name}: objects ordered by the value at the path (numbers as numbers). */
    private static List<HasMetadata> sortBy(List<HasMetadata> objects, String path) {
        String expr = path.startsWith("{") ? path.substring(1, path.length() - 1) : path;
        List<Map.Entry<HasMetadata, com.fasterxml.jackson.databind.JsonNode>> keyed = new ArrayList<>();
        for (HasMetadata o : objects) {
            try {
                var values = JsonPath.evaluate(expr, ObjectOutput.tree(List.of(o), true));
                keyed.add(Map.entry(o, values.isEmpty() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                        : values.get(0)));
            } catch (JsonPath.TemplateError e) {
                throw new UsageError(e.getMessage());
            }
        }
        keyed.sort((a, b) -> {
            var x = a.getValue();
            var y = b.getValue();
            if (x.isNumber() && y.isNumber()) {
                return Double.compare(x.asDouble(), y.asDouble());
            }
            return x.asText().compareTo(y.asText());
        });
        return new ArrayList<>(keyed.stream().map(Map.Entry::getKey).toList());
    }

    /**
     * {@code -o go-template=T}, {@code -o template=T}, or {@code -o go-template --template=T} (and the same with
     * {@code template}) all mean {@code go-template=T}; {@code --template} with any other output is kubectl's
     * error.
     */
    private static String goTemplateOutput(Flags f) {
        String output = f.get("output", "");
        String template = f.get("template");
        if (output.startsWith("template=")) {
            output = "go-template=" + output.substring("template=".length());
        }
        if (template != null && (output.equals("go-template") || output.equals("template"))) {
            return "go-template=" + template;
        }
        if (output.equals("go-template") || output.equals("template")) {
            throw new UsageError("error: template format specified but no template given");
        }
        return output;
    }

    /**
     * kubectl's go-template printer: a parse error is refused before anything is printed; an execution error
     * prints kubectl's debugging help on stdout and fails ({@code cli-runtime/pkg/printers/template.go}).
     */
    private static ShellResult goTemplate(String line, String template, com.fasterxml.jackson.databind.JsonNode data,
                                          int exit, StringBuilder err) {
        GoTemplate parsed;
        try {
            parsed = GoTemplate.parse(template);
        } catch (GoTemplate.TemplateException e) {
            throw new UsageError("error: error parsing template " + template + ", " + e.getMessage());
        }
        try {
            return new ShellResult(line, exit, parsed.execute(data), err.toString(), List.of());
        } catch (GoTemplate.TemplateException e) {
            String out = "Error executing template: " + e.getMessage()
                    + ". Printing more information for debugging the template:\n"
                    + "\ttemplate was:\n\t\t" + template + "\n"
                    + "\traw data was:\n\t\t" + ObjectOutput.compactJson(data) + "\n"
                    + "\tobject given to template engine was:\n\t\t" + GoTemplate.goValue(data) + "\n\n";
            return new ShellResult(line, 1, out, err + "error: error executing template " + goQuote(template) + ": "
                    + e.getMessage() + "\n", List.of());
        }
    }

    /** Go's {@code %q}. */
    private static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void checkOutput(String output) {
        if (output.isEmpty() || output.equals("wide") || output.equals("yaml") || output.equals("json")
                || output.equals("name") || output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=")
                || output.startsWith("custom-columns=") || output.startsWith("go-template=")) {
            return;
        }
        if (output.equals("jsonpath") || output.equals("custom-columns")) {
            throw new UsageError("error: " + output + " format specified but no " + (output.equals("jsonpath")
                    ? "jsonpath template" : "custom-columns") + " given");
        }
        throw new UsageError("error: unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
                + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml");
    }

    private String renderGroup(List<HasMetadata> objects, String output, boolean all, Flags f, boolean withKind) {
        String kind = objects.isEmpty() ? "" : objects.get(0).getKind();
        if (output.equals("name")) {
            StringBuilder s = new StringBuilder();
            String type = Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase());
            for (HasMetadata o : objects) {
                s.append(type).append('/').append(o.getMetadata().getName()).append('\n');
            }
            return s.toString();
        }
        if (output.startsWith("custom-columns=")) {
            String[] specs = output.substring("custom-columns=".length()).split(",");
            String[] headers = new String[specs.length];
            for (int i = 0; i < specs.length; i++) {
                if (!specs[i].contains(":")) {
                    throw new UsageError("error: unexpected custom-columns spec: " + specs[i]
                            + ", expected <header>:<json-path-expr>");
                }
                headers[i] = specs[i].split(":", 2)[0];
            }
            Table t = new Table(headers);
            for (HasMetadata o : objects) {
                String[] cells = new String[specs.length];
                for (int i = 0; i < specs.length; i++) {
                    String[] kv = specs[i].split(":", 2);
                    try {
                        var nodes = JsonPath.evaluate(kv.length > 1 ? kv[1] : "", ObjectOutput.tree(List.of(o), true));
                        // customcolumn.go: fmt.Sprintf("%v") of each value, joined with commas.
                        cells[i] = nodes.isEmpty() ? "<none>" : nodes.stream().map(GoTemplate::goValue)
                                .reduce((a, b) -> a + "," + b).orElse("<none>");
                    } catch (JsonPath.TemplateError e) {
                        throw new UsageError(e.getMessage());
                    }
                }
                t.row(cells);
            }
            return t.toString();
        }
        if (kind.equals("Event")) {
            List<io.fabric8.kubernetes.api.model.Event> events = new ArrayList<>();
            objects.forEach(o -> events.add((io.fabric8.kubernetes.api.model.Event) o));
            return printer.printEvents(events, all, !f.has("no-headers"));
        }
        String type = withKind ? Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase())
                : null;
        return printer.print(kind, objects, output.equals("wide"), all && Kinds.isNamespaced(kind),
                f.has("show-labels"), type, !f.has("no-headers"));
    }

    private static String renderStructured(List<HasMetadata> objects, boolean single, String output) {
        var tree = ObjectOutput.tree(objects, single);
        return output.equals("json") ? ObjectOutput.json(tree) : ObjectOutput.yaml(tree);
    }

    /** {@code app=web,tier!=db,env in (a,b)}: kubectl's label selector syntax. */
    static LabelSelector parseSelector(String text) {
        LabelSelectorBuilder b = new LabelSelectorBuilder();
        for (String part : splitSelector(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains(" in ") || p.contains(" notin ")) {
                boolean in = p.contains(" in ");
                String[] kv = p.split(in ? " in " : " notin ", 2);
                String values = kv[1].trim().replaceAll("^\\(|\\)$", "");
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(kv[0].trim())
                        .withOperator(in ? "In" : "NotIn").withValues(List.of(values.split("\\s*,\\s*"))).build());
            } else if (p.contains("!=")) {
                String[] kv = p.split("!=", 2);
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(kv[0]).withOperator("NotIn")
                        .withValues(kv[1]).build());
            } else if (p.contains("=")) {
                String[] kv = p.split("==?", 2);
                b.addToMatchLabels(kv[0], kv[1]);
            } else if (p.startsWith("!")) {
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(p.substring(1))
                        .withOperator("DoesNotExist").build());
            } else {
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(p).withOperator("Exists").build());
            }
        }
        return b.build();
    }

    private static List<String> splitSelector(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    // ---- describe -----------------------------------------------------------------------------------------------

    private ShellResult describe(String line, Flags f) {
        List<Target> targets = targets(f);
        String namespace = namespace(f);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        if (targets.stream().anyMatch(t -> t.resource().kind().equals("Endpoints"))) {
            err.append(ENDPOINTS_DEPRECATED);
        }
        for (Target t : targets) {
            String ns = t.resource().namespaced() ? namespace : "";
            List<HasMetadata> objects = new ArrayList<>();
            if (t.name() == null) {
                LabelSelector selector = f.get("selector") == null ? null : parseSelector(f.get("selector"));
                for (HasMetadata o : t.resource().namespaced() && !f.has("all-namespaces")
                        ? cluster.store().list(HasMetadata.class, t.resource().kind(), ns)
                        : cluster.store().listAny(t.resource().kind())) {
                    if (selector == null || LabelSelectors.matches(selector, o.getMetadata().getLabels())) {
                        objects.add(o);
                    }
                }
                if (objects.isEmpty() && targets.size() == 1) {
                    return new ShellResult(line, 0, "", t.resource().namespaced() && !f.has("all-namespaces")
                            ? "No resources found in " + namespace + " namespace.\n" : "No resources found\n", List.of());
                }
            } else {
                var o = cluster.store().get(t.resource().kind(), ns, t.name());
                if (o.isEmpty()) {
                    // kubectl describe also matches by name prefix, as learners rely on for generated pod names.
                    for (HasMetadata c : cluster.store().list(HasMetadata.class, t.resource().kind(), ns)) {
                        if (c.getMetadata().getName().startsWith(t.name())) {
                            objects.add(c);
                        }
                    }
                    if (objects.isEmpty()) {
                        err.append("Error from server (NotFound): ")
                                .append(ApiServer.notFound(t.resource().kind(), t.name()).getMessage()).append('\n');
                    }
                } else {
                    objects.add(o.get());
                }
            }
            for (HasMetadata o : objects) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(describer.describe(o));
            }
        }
        return new ShellResult(line, err.length() == 0 ? 0 : 1, out.toString(), err.toString(), List.of());
    }

    // ---- apply / create / replace / delete ------------------------------------------------------------------------

    private ShellResult applyFiles(String line, Flags f, String stdin, String mode) {
        List<String> sources = f.all("filename");
        if (sources.isEmpty()) {
            throw new UsageError("error: must specify one of -f and -k");
        }
        for (String source : sources) {
            if (!source.equals("-") && !files.containsKey(source)) {
                // kubectl reads every file before it sends anything: a missing one stops the whole command.
                throw new UsageError("error: the path \"" + source + "\" does not exist");
            }
        }
        StringBuilder out = new StringBuilder();
        // Each error as kubectl prints it alone, and as it prints it among several (utilerrors.Aggregate).
        List<String[]> errors = new ArrayList<>();
        // kubectl's warnings (an object apply found without its last-applied record) go to stderr, not counted as errors.
        StringBuilder warnings = new StringBuilder();
        for (String source : sources) {
            String text;
            String name;
            if (source.equals("-")) {
                text = Objects.requireNonNullElse(stdin, "");
                name = "STDIN";
            } else {
                text = files.get(source);
                name = source;
            }
            DecodeResult decoded = decoder.decode(text, name);
            // kubectl finds its own errors (syntax, unknown kinds) while it reads the files, before it sends anything;
            // the server's (strict decoding) come back in document order with the other writes.
            for (DecodeError e : decoded.errors()) {
                if (!e.fromServer()) {
                    errors.add(new String[] {e.printed(), e.message()});
                }
            }
            if (decoded.objects().isEmpty() && decoded.errors().isEmpty()) {
                errors.add(new String[] {"error: no objects passed to " + mode, "no objects passed to " + mode});
            }
            List<Object> inOrder = new ArrayList<>(decoded.objects());
            decoded.errors().stream().filter(DecodeError::fromServer).forEach(inOrder::add);
            inOrder.sort(java.util.Comparator.comparingInt(x -> x instanceof Decoded d ? d.document()
                    : ((DecodeError) x).document()));
            for (Object next : inOrder) {
                cluster.budget().checkpoint();
                if (next instanceof DecodeError e) {
                    errors.add(new String[] {e.printed(), e.message()});
                    continue;
                }
                Decoded d = (Decoded) next;
                HasMetadata object = d.object();
                if (f.get("namespace") != null && Kinds.isNamespaced(object.getKind())) {
                    String declared = object.getMetadata().getNamespace();
                    if (declared != null && !declared.equals(f.get("namespace"))) {
                        String m = "the namespace from the provided object \"" + declared
                                + "\" does not match the namespace \"" + f.get("namespace") + "\". You must pass '--namespace="
                                + declared + "' to perform this operation.";
                        errors.add(new String[] {"error: " + m, m});
                        continue;
                    }
                    object.getMetadata().setNamespace(f.get("namespace"));
                }
                String type = Kinds.byKind(object.getKind()).map(Kinds.Resource::qualifiedSingular)
                        .orElse(object.getKind().toLowerCase());
                if (f.get("dry-run") != null && !f.get("dry-run").equals("none")) {
                    out.append(type).append('/').append(object.getMetadata().getName()).append(" created (")
                            .append(f.get("dry-run").equals("true") ? "client" : f.get("dry-run")).append(" dry run)\n");
                    continue;
                }
                String objectNamespace = Kinds.isNamespaced(object.getKind())
                        ? Objects.requireNonNullElse(object.getMetadata().getNamespace(), namespace(f)) : "";
                if (mode.equals("apply") && Objects.requireNonNullElse(object.getMetadata().getName(), "").isEmpty()) {
                    // apply reads the live object first (info.Get()); the REST client refuses an empty name before
                    // any request, and kubectl adds the resource and the file (AddSourceToErr).
                    String m = "error when retrieving current configuration of:\n" + resourceInfo(object, objectNamespace)
                            + "\nfrom server for: \"" + name + "\": resource name may not be empty";
                    errors.add(new String[] {"error: " + m, m});
                    continue;
                }
                HasMetadata live = cluster.store().get(object.getKind(), objectNamespace,
                        Objects.requireNonNullElse(object.getMetadata().getName(), "")).orElse(null);
                boolean existed = live != null;
                String record = null;
                boolean recorded = object.getMetadata().getAnnotations() != null
                        && object.getMetadata().getAnnotations().containsKey(LastAppliedConfiguration.ANNOTATION);
                if (d.tree() != null && (mode.equals("apply") || f.has("save-config")
                        || (mode.equals("replace") && recorded))) {
                    // Client-side apply records what it applied, for its next three-way merge; create does not,
                    // unless --save-config; replace brings a record the file carries up to date (CreateOrUpdateAnnotation).
                    Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                            object.getMetadata().getAnnotations(), Map.of()));
                    annotations.remove(LastAppliedConfiguration.ANNOTATION);
                    record = LastAppliedConfiguration.of(d.tree(),
                            Kinds.isNamespaced(object.getKind()) ? objectNamespace : null);
                    annotations.put(LastAppliedConfiguration.ANNOTATION, record);
                    object.getMetadata().setAnnotations(annotations);
                }
                ClientSideApply.Patched patched = null;
                if (mode.equals("apply") && live != null && record != null) {
                    // kubectl's patcher: a three-way strategic merge patch against the live object, so what other
                    // commands changed (scale, label) and the file never named survives the apply.
                    try {
                        patched = ClientSideApply.patch(live, record);
                    } catch (ThreeWayMerge.PatchError e) {
                        String m = "error when creating patch with:\noriginal:\n" + Objects.requireNonNullElse(
                                live.getMetadata().getAnnotations(), Map.<String, String>of())
                                .getOrDefault(LastAppliedConfiguration.ANNOTATION, "") + "\nmodified:\n" + record
                                + "\ncurrent:\n" + ObjectOutput.tree(List.of(live), true) + "\nfor: \"" + name
                                + "\": " + e.getMessage();
                        errors.add(new String[] {"error: " + m, m});
                        continue;
                    }
                    if (patched.missingRecord()) {
                        warnings.append(ClientSideApply.missingRecordWarning(Kinds.byKind(object.getKind())
                                .map(Kinds.Resource::plural).orElse(object.getKind().toLowerCase()),
                                object.getMetadata().getName()));
                    }
                }
                try {
                    String outcome = switch (mode) {
                        case "create" -> {
                            cluster.api().create(object);
                            yield "created";
                        }
                        case "replace" -> cluster.api().replace(object).name();
                        default -> {
                            if (patched == null) {
                                yield cluster.api().apply(object).name();
                            }
                            if (patched.unchanged()) {
                                yield "unchanged";
                            }
                            cluster.api().apply(patched.object());
                            yield "configured";
                        }
                    };
                    out.append(type).append('/').append(object.getMetadata().getName()).append(' ').append(outcome)
                            .append('\n');
                } catch (ApiException e) {
                    String when = mode.equals("replace") ? "replacing" : existed && mode.equals("apply")
                            ? "applying patch" : "creating";
                    errors.add(new String[] {serverError(e, name, when), "Error from server (" + e.reason() + "): error when "
                            + when + " \"" + name + "\": " + e.statusMessage()});
                }
            }
        }
        StringBuilder err = new StringBuilder(warnings);
        for (String[] e : errors) {
            err.append(errors.size() == 1 ? e[0] : e[1]).append('\n');
        }
        return new ShellResult(line, errors.isEmpty() ? 0 : 1, out.toString(), err.toString(), List.of());
    }

    private ShellResult create(String line, List<String> rest, String stdin) throws Flags.UnknownFlag {
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            return applyFiles(line, flags(rest, "save-config", "edit"), stdin, "create");
        }
        String what = rest.get(0);
        Flags f = flags(rest.subList(1, rest.size()), "image", "replicas", "port", "cert", "key", "from-literal",
                "save-config", "tcp", "node-port", "class", "rule", "default-backend", "annotation", "clusterip",
                "external-name", "from-file", "type");
        String namespace = namespace(f);
        switch (what) {
            case "namespace", "ns" -> {
                String name = single(f, "namespace");
                return created(line, f, new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(),
                        "created");
            }
            case "serviceaccount", "sa" -> {
                String name = single(f, "serviceaccount");
                return created(line, f, new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
                        .withName(name).withNamespace(namespace).endMetadata().build(), "created");
            }
            case "deployment", "deploy" -> {
                String name = single(f, "deployment");
                List<String> images = f.all("image");
                if (images.isEmpty()) {
                    throw new UsageError("error: required flag(s) \"image\" not set");
                }
                Map<String, String> labels = Map.of("app", name);
                var spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder();
                for (String image : images) {
                    var c = new io.fabric8.kubernetes.api.model.ContainerBuilder()
                            .withName(sanitizeAndUniquify(containerName(image), cluster.random()))
                            .withImage(image);
                    if (f.get("port") != null) {
                        c.addNewPort().withContainerPort(Integer.parseInt(f.get("port"))).endPort();
                    }
                    if (!f.command.isEmpty()) {
                        c.withCommand(f.command);
                    }
                    spec.addToContainers(c.build());
                }
                try {
                    return created(line, f, new DeploymentBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).withLabels(labels).endMetadata().withNewSpec()
                            .withReplicas(Integer.parseInt(f.get("replicas", "1"))).withNewSelector()
                            .withMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata().withLabels(labels)
                            .endMetadata().withSpec(spec.build()).endTemplate().endSpec().build(), "created");
                } catch (ApiException e) {
                    throw new UsageError("error: failed to create deployment: " + e.statusMessage());
                }
            }
            case "secret" -> {
                if (f.positional.size() < 2) {
                    throw new UsageError("error: exactly one NAME is required, got 0");
                }
                String type = f.positional.get(0);
                String name = f.positional.get(1);
                if (type.equals("tls")) {
                    String cert = files.get(f.get("cert", ""));
                    String key = files.get(f.get("key", ""));
                    if (cert == null || key == null) {
                        throw new UsageError("error: open " + (cert == null ? f.get("cert", "") : f.get("key", ""))
                                + ": no such file or directory");
                    }
                    return created(line, f, new SecretBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).endMetadata().withType("kubernetes.io/tls")
                            .addToData("tls.crt", base64(cert)).addToData("tls.key", base64(key)).build(), "created");
                } else if (type.equals("generic")) {
                    Map<String, String> data = new LinkedHashMap<>();
                    for (String literal : f.all("from-literal")) {
                        String[] kv = literal.split("=", 2);
                        data.put(kv[0], base64(kv.length > 1 ? kv[1] : ""));
                    }
                    return created(line, f, new SecretBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).endMetadata().withType("Opaque").withData(data).build(), "created");
                } else {
                    throw new UsageError("error: unknown secret type \"" + type + "\"");
                }
            }
            case "service", "svc" -> {
                return createService(line, f, namespace);
            }
            case "ingress", "ing" -> {
                return createIngress(line, f, namespace);
            }
            default -> throw new UsageError("error: unknown command \"" + what + "\" for \"kubectl create\""
                    + suggestCreate(what));
        }
    }

    /**
     * Creates what an imperative command built, or with {@code --dry-run=client|server} only shows it; prints
     * {@code deployment.apps/web created}, {@code ... created (dry run)}, or the object in the {@code -o} format.
     * A client dry run shows the object as kubectl built it: no server fields, Go's zero values
     * ({@code creationTimestamp: null}, {@code status: {}}), a namespace only when {@code -n} was given.
     */
    private ShellResult created(String line, Flags f, HasMetadata object, String verb) {
        String dryRun = f.get("dry-run", "none");
        if (!List.of("none", "client", "server").contains(dryRun)) {
            throw new UsageError("error: Invalid dry-run value (" + dryRun
                    + "). Must be \"none\", \"server\", or \"client\".");
        }
        String output = f.get("output", "");
        if (!output.isEmpty() && !List.of("yaml", "json", "name").contains(output)) {
            checkOutput(output);
        }
        HasMetadata shown = object;
        if (dryRun.equals("none")) {
            cluster.api().create(object);
            shown = cluster.store().get(object.getKind(), Kinds.isNamespaced(object.getKind())
                    ? object.getMetadata().getNamespace() : "", object.getMetadata().getName()).orElse(object);
        } else if (f.get("namespace") == null) {
            object.getMetadata().setNamespace(null);
        }
        String type = Kinds.byKind(object.getKind()).map(Kinds.Resource::qualifiedSingular)
                .orElse(object.getKind().toLowerCase());
        String ref = type + "/" + object.getMetadata().getName();
        return switch (output) {
            case "yaml" -> ShellResult.ok(line, ObjectOutput.yaml(dryRun.equals("none")
                    ? ObjectOutput.tree(List.of(shown), true) : ObjectOutput.unsaved(shown)));
            case "json" -> ShellResult.ok(line, ObjectOutput.json(dryRun.equals("none")
                    ? ObjectOutput.tree(List.of(shown), true) : ObjectOutput.unsaved(shown)));
            case "name" -> ShellResult.ok(line, ref + "\n");
            default -> ShellResult.ok(line, ref + " " + verb + switch (dryRun) {
                case "client" -> " (dry run)";
                case "server" -> " (server dry run)";
                default -> "";
            } + "\n");
        };
    }

    private static String suggestCreate(String what) {
        List<String> matches = new ArrayList<>();
        for (String c : List.of("clusterrole", "clusterrolebinding", "configmap", "cronjob", "deployment", "ingress",
                "job", "namespace", "poddisruptionbudget", "priorityclass", "quota", "role", "rolebinding", "secret",
                "service", "serviceaccount", "token")) {
            if (levenshtein(what.toLowerCase(java.util.Locale.ROOT), c) <= 2 || c.startsWith(what)) {
                matches.add(c);
            }
        }
        StringBuilder s = new StringBuilder();
        if (!matches.isEmpty()) {
            s.append("\n\nDid you mean this?\n");
            matches.forEach(m -> s.append('\t').append(m).append('\n'));
        }
        return s.toString();
    }

    /**
     * {@code kubectl create service clusterip|nodeport|loadbalancer NAME --tcp=PORT[:TARGET]}: selector and label
     * {@code app=NAME}, one port per {@code --tcp}, named {@code 80-8080}.
     */
    private ShellResult createService(String line, Flags f, String namespace) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: unknown command \"\" for \"kubectl create service\"");
        }
        String kind = f.positional.get(0);
        String type = switch (kind) {
            case "clusterip" -> "ClusterIP";
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            case "externalname" -> "ExternalName";
            default -> throw new UsageError("error: unknown command \"" + kind + "\" for \"kubectl create service\"");
        };
        if (f.positional.size() != 2) {
            throw new UsageError("error: exactly one NAME is required, got " + (f.positional.size() - 1)
                    + "\nSee 'kubectl create service " + kind + " -h' for help and examples");
        }
        String name = f.positional.get(1);
        List<String> tcp = f.all("tcp");
        if (tcp.isEmpty() && !type.equals("ExternalName") && !"None".equals(f.get("clusterip"))) {
            throw new UsageError("error: at least one tcp port specifier must be provided");
        }
        Map<String, String> labels = new LinkedHashMap<>(Map.of("app", name));
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().withType(type).endSpec();
        if (!type.equals("ExternalName")) {
            b.editSpec().withSelector(new LinkedHashMap<>(labels)).endSpec();
        } else {
            b.editSpec().withExternalName(f.get("external-name")).endSpec();
        }
        if (f.get("clusterip") != null) {
            b.editSpec().withClusterIP(f.get("clusterip")).endSpec();
        }
        for (String spec : tcp) {
            for (String one : spec.split(",")) {
                String[] pt = one.split(":", 2);
                int port;
                IntOrString target;
                try {
                    port = Integer.parseInt(pt[0]);
                    target = pt.length > 1 ? pt[1].chars().allMatch(Character::isDigit)
                            ? new IntOrString(Integer.parseInt(pt[1])) : new IntOrString(pt[1]) : new IntOrString(port);
                } catch (NumberFormatException e) {
                    throw new UsageError("error: strconv.Atoi: parsing \"" + pt[0] + "\": invalid syntax");
                }
                var sp = new ServicePortBuilder().withName(one.replace(':', '-')).withPort(port).withProtocol("TCP")
                        .withTargetPort(target);
                if (type.equals("NodePort") && f.get("node-port") != null) {
                    sp.withNodePort(Integer.parseInt(f.get("node-port")));
                }
                b.editSpec().addToPorts(sp.build()).endSpec();
            }
        }
        return created(line, f, b.build(), "created");
    }

    private static final java.util.regex.Pattern INGRESS_RULE = java.util.regex.Pattern.compile(
            "^(?<host>[\\w*\\-.]*)(?<path>/.*)=(?<service>[\\w\\-]+):(?<port>[\\w\\-]+)(,tls(=(?<secret>.+))?)?$");

    /**
     * {@code kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]}: a path ending in {@code *} is a
     * Prefix path (without the star), any other an Exact one; rules of the same host share one rule.
     */
    private ShellResult createIngress(String line, Flags f, String namespace) {
        if (f.positional.size() != 1) {
            throw new UsageError("error: exactly one NAME is required, got " + f.positional.size()
                    + "\nSee 'kubectl create ingress -h' for help and examples");
        }
        String name = f.positional.get(0);
        if (f.all("rule").isEmpty() && f.get("default-backend") == null) {
            throw new UsageError("error: not enough information provided: every ingress has to either specify a "
                    + "default-backend (which catches all traffic) or a list of rules (which catch specific paths)");
        }
        var spec = new io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder();
        if (f.get("class") != null) {
            spec.withIngressClassName(f.get("class"));
        }
        if (f.get("default-backend") != null) {
            String[] sp = f.get("default-backend").split(":", 2);
            spec.withDefaultBackend(ingressBackend(sp[0], sp.length > 1 ? sp[1] : ""));
        }
        Map<String, io.fabric8.kubernetes.api.model.networking.v1.IngressRule> rules = new LinkedHashMap<>();
        Map<String, List<String>> tlsBySecret = new LinkedHashMap<>();
        for (String rule : f.all("rule")) {
            var m = INGRESS_RULE.matcher(rule);
            if (!m.matches()) {
                throw new UsageError("error: rule " + rule + " is invalid and should be in format host/path=svcname:svcport"
                        + "[,tls[=secret]]");
            }
            String host = m.group("host");
            String path = m.group("path");
            String pathType = "Exact";
            if (path.endsWith("*")) {
                pathType = "Prefix";
                path = path.substring(0, path.length() - 1);
            }
            var httpPath = new io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder().withPath(path)
                    .withPathType(pathType).withBackend(ingressBackend(m.group("service"), m.group("port"))).build();
            var r = rules.computeIfAbsent(host, h -> {
                var nr = new io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder().withNewHttp().endHttp()
                        .build();
                if (!h.isEmpty()) {
                    nr.setHost(h);
                }
                nr.getHttp().setPaths(new ArrayList<>());
                return nr;
            });
            r.getHttp().getPaths().add(httpPath);
            if (rule.contains(",tls")) {
                String secret = m.group("secret") == null ? "" : m.group("secret");
                List<String> hosts = tlsBySecret.computeIfAbsent(secret, x -> new ArrayList<>());
                if (!host.isEmpty() && !hosts.contains(host)) {
                    hosts.add(host);
                }
            }
        }
        spec.withRules(new ArrayList<>(rules.values()));
        tlsBySecret.forEach((secret, hosts) -> {
            var tls = new io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder();
            if (!hosts.isEmpty()) {
                tls.withHosts(hosts);
            }
            if (!secret.isEmpty()) {
                tls.withSecretName(secret);
            }
            spec.addToTls(tls.build());
        });
        Map<String, String> annotations = new LinkedHashMap<>();
        for (String a : f.all("annotation")) {
            String[] kv = a.split("=", 2);
            annotations.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        var ingress = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).endMetadata().withSpec(spec.build()).build();
        if (!annotations.isEmpty()) {
            ingress.getMetadata().setAnnotations(annotations);
        }
        return created(line, f, ingress, "created");
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.IngressBackend ingressBackend(String service,
                                                                                              String port) {
        var b = new io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackendBuilder().withName(service);
        if (!port.isEmpty() && port.chars().allMatch(Character::isDigit)) {
            b.withNewPort().withNumber(Integer.parseInt(port)).endPort();
        } else {
            b.withNewPort().withName(port).endPort();
        }
        return new io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder().withService(b.build()).build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** kubectl names a container after its image: {@code nginx:1.27} -> {@code nginx}. */
    static String containerName(String image) {
        String base = image.substring(image.lastIndexOf('/') + 1);
        int at = base.indexOf('@');
        if (at >= 0) {
            base = base.substring(0, at);
        }
        int colon = base.indexOf(':');
        return colon >= 0 ? base.substring(0, colon) : base;
    }

    /**
     * kubectl create deployment's container name (create_deployment.go, {@code sanitizeAndUniquify}): a name with
     * {@code _} or {@code .} (not valid in a DNS label) has them turned into {@code -} and five random characters
     * appended, so {@code registry.k8s.io/serve_hostname} runs in a container {@code serve-hostname-xxxxx}.
     */
    static String sanitizeAndUniquify(String name, java.util.Random random) {
        if (name.indexOf('_') < 0 && name.indexOf('.') < 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name.replace('_', '-').replace('.', '-')).append('-');
        String alphabet = "bcdfghjklmnpqrstvwxz2456789"; // utilrand.String's alphabet
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String single(Flags f, String what) {
        if (f.positional.size() != 1) {
            throw new UsageError("error: exactly one NAME is required, got " + f.positional.size());
        }
        return f.positional.get(0);
    }

    private ShellResult delete(String line, Flags f, String stdin) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        boolean force = f.has("force");
        if (force && f.get("grace-period") != null && !f.get("grace-period").equals("0")
                && !f.get("grace-period").equals("-1")) {
            throw new UsageError("error: --force and --grace-period greater than 0 cannot be specified together");
        }
        deleted = force ? "force deleted" : "deleted";
        if (force) {
            err.append("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                    + "terminated. The resource may continue to run on the cluster indefinitely.\n");
        }
        int warnings = err.length();
        String namespace = namespace(f);
        if (!f.all("filename").isEmpty()) {
            for (String source : f.all("filename")) {
                String text = source.equals("-") ? stdin : files.get(source);
                if (text == null) {
                    err.append("error: the path \"").append(source).append("\" does not exist\n");
                    continue;
                }
                DecodeResult decoded = decoder.decode(text, source.equals("-") ? "STDIN" : source);
                decoded.errors().forEach(e -> err.append(e.printed()).append('\n'));
                for (Decoded d : decoded.objects()) {
                    HasMetadata o = d.object();
                    String ns = o.getMetadata().getNamespace() == null ? namespace : o.getMetadata().getNamespace();
                    deleteOne(o.getKind(), ns, o.getMetadata().getName(), out, err, f.has("ignore-not-found"));
                }
            }
        } else {
            if (f.positional.isEmpty()) {
                throw new UsageError("error: You must provide one or more resources by argument or filename.\n"
                        + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                        + "   '<resource> <name>'\n   '<resource>'");
            }
            List<Target> targets = targets(f);
            for (Target t : targets) {
                String ns = t.resource().namespaced() ? namespace : "";
                if (t.name() != null) {
                    deleteOne(t.resource().kind(), ns, t.name(), out, err, f.has("ignore-not-found"));
                } else if (f.has("all") || f.get("selector") != null) {
                    LabelSelector selector = f.get("selector") == null ? new LabelSelector()
                            : parseSelector(f.get("selector"));
                    List<HasMetadata> matching = new ArrayList<>();
                    for (HasMetadata o : t.resource().namespaced()
                            ? cluster.store().list(HasMetadata.class, t.resource().kind(), ns)
                            : cluster.store().listAny(t.resource().kind())) {
                        if (LabelSelectors.matches(selector, o.getMetadata().getLabels())) {
                            matching.add(o);
                        }
                    }
                    if (matching.isEmpty()) {
                        out.append("No resources found\n");
                    }
                    for (HasMetadata o : matching) {
                        deleteOne(t.resource().kind(), ns, o.getMetadata().getName(), out, err, false);
                    }
                } else {
                    throw new UsageError("error: resource(s) were provided, but no name was specified");
                }
            }
        }
        return new ShellResult(line, err.length() > warnings ? 1 : 0, out.toString(), err.toString(), List.of());
    }

    /** {@code deleted}, or {@code force deleted} under {@code --force}. */
    private String deleted = "deleted";

    private void deleteOne(String kind, String namespace, String name, StringBuilder out, StringBuilder err,
                           boolean ignoreNotFound) {
        try {
            cluster.api().delete(kind, namespace, name);
            String type = Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase());
            out.append(type).append(" \"").append(name).append("\" ").append(deleted).append('\n');
        } catch (ApiException e) {
            if (!(ignoreNotFound && e.reason() == ApiException.Reason.NotFound)) {
                err.append("Error from server (").append(e.reason()).append("): ").append(e.getMessage()).append('\n');
            }
        }
    }

    // ---- run / expose / scale / label -------------------------------------------------------------------------------

    private ShellResult run(String line, Flags f) {
        String name = f.positional.isEmpty() ? null : f.positional.get(0);
        if (name == null) {
            throw new UsageError("error: NAME is required for run");
        }
        String image = f.get("image");
        if (image == null) {
            throw new UsageError("error: required flag(s) \"image\" not set");
        }
        String namespace = namespace(f);
        Map<String, String> labels = new LinkedHashMap<>();
        if (f.get("labels") != null) {
            for (String kv : f.get("labels").split(",")) {
                String[] p = kv.split("=", 2);
                labels.put(p[0], p.length > 1 ? p[1] : "");
            }
        } else {
            labels.put("run", name);
        }
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name).withImage(image);
        List<String> extraArgs = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        extraArgs.addAll(f.command);
        if (!extraArgs.isEmpty()) {
            if (f.has("command")) {
                container.withCommand(extraArgs);
            } else {
                container.withArgs(extraArgs);
            }
        }
        if (f.get("port") != null) {
            container.addNewPort().withContainerPort(Integer.parseInt(f.get("port"))).endPort();
        }
        for (String env : f.all("env")) {
            String[] kv = env.split("=", 2);
            container.addNewEnv().withName(kv[0]).withValue(kv.length > 1 ? kv[1] : "").endEnv();
        }
        // run.go's generator: -i keeps the container's stdin open (once, for the attached session), -t gives a TTY.
        if (f.has("stdin")) {
            container.withStdin(true).withStdinOnce(true);
        }
        if (f.has("tty")) {
            container.withTty(true);
        }
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().withNewSpec().withContainers(container.build())
                .withRestartPolicy(f.get("restart", "Always")).withDnsPolicy("ClusterFirst").endSpec().build();
        boolean interactive = f.has("stdin") || f.has("tty");
        if (interactive && f.has("rm")) {
            // kubectl run --rm -it: the container runs its command attached, then the pod is deleted.
            pod.getSpec().setRestartPolicy("Never");
            cluster.api().create(pod);
            Pod stored = cluster.store().get(Pod.class, "Pod", namespace, name).orElseThrow();
            List<String> argv = extraArgs;
            String shell = interactiveShell(f.has("command") || !argv.isEmpty() ? withEntrypoint(image, argv)
                    : defaultArgv(stored, name));
            if (f.has("stdin") && shell != null && runningWith(stored, name, shell)) {
                // kubectl run -it --rm NAME --image=busybox [-- sh]: attached to the shell; the pod goes when it exits.
                startedSession = new PodSession(namespace, name, name, shell, PodSession.AfterExit.DELETE_POD);
                return new ShellResult(line, 0, "", "If you don't see a command prompt, try pressing enter.\n",
                        List.of());
            }
            ShellResult inside = argv.isEmpty() ? ShellResult.ok(line, "")
                    : terminal.attach(stored, name, f.has("command") ? argv : withEntrypoint(image, argv), line);
            cluster.api().delete("Pod", namespace, name);
            // run.go: a non-zero exit of the attached container is reported after the pod is removed.
            String stderr = inside.exitCode() == 0 ? inside.stderr()
                    : inside.stderr() + "pod " + namespace + "/" + name + " terminated (Error)\n";
            return new ShellResult(line, inside.exitCode(), inside.stdout() + "pod \"" + name + "\" deleted\n",
                    stderr, inside.trace(), inside.observations());
        }
        if (f.has("rm")) {
            throw new UsageError("error: --rm should only be used for attached containers");
        }
        return created(line, f, pod, "created");
    }

    /** Images whose entrypoint is a tool run their arguments through it ({@code curlimages/curl} runs curl). */
    /**
     * An interactive shell that kubectl attached the terminal to ({@code exec -it POD -- sh},
     * {@code run -it --rm NAME --image=busybox}): the {@link Shell} runs the next lines in it until {@code exit}.
     *
     * @param shell      the shell program as started ({@code sh}, {@code /bin/bash}, ...)
     * @param afterExit  what happens to the pod when the shell exits
     */
    record PodSession(String namespace, String pod, String container, String shell, AfterExit afterExit) {

        /** {@code exec} leaves the pod running; {@code run --rm} deletes it. */
        enum AfterExit { KEEP_POD, DELETE_POD }
    }

    /** Set when the last command attached the terminal to a shell in a pod; the Shell takes it. */
    private PodSession startedSession;

    PodSession takeSession() {
        PodSession session = startedSession;
        startedSession = null;
        return session;
    }

    private static final Set<String> INTERACTIVE_SHELLS = Set.of("sh", "ash", "bash", "dash", "zsh");

    /**
     * The shell {@code argv} starts reading its standard input ({@code sh}, {@code /bin/bash}, {@code sh -i},
     * {@code bash -l}), or null: a shell with {@code -c} or a script runs that and exits, as does any other program.
     */
    private static String interactiveShell(List<String> argv) {
        if (argv.isEmpty() || argv.size() > 2) {
            return null;
        }
        String program = argv.get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (!INTERACTIVE_SHELLS.contains(base)) {
            return null;
        }
        return argv.size() == 1 || argv.get(1).equals("-i") || argv.get(1).equals("-l")
                || argv.get(1).equals("--login") ? program : null;
    }

    /** Whether the container runs and its image has {@code shell} (else kubectl's usual errors follow). */
    private boolean runningWith(Pod pod, String container, String shell) {
        return cluster.dataPlane().runtime().container(pod, container)
                .filter(c -> c.isRunning() && c.hasExecutable(shell)).isPresent();
    }

    /** What the image runs when the pod gives no command or args (busybox: {@code sh}). */
    private List<String> defaultArgv(Pod pod, String container) {
        return cluster.dataPlane().runtime().container(pod, container).map(c -> c.argv()).orElse(List.of());
    }

    private static List<String> withEntrypoint(String image, List<String> args) {
        // curlimages/curl's entrypoint.sh prepends curl only when the first argument is an option.
        if (containerName(image).equals("curl") && !args.isEmpty() && args.get(0).startsWith("-")) {
            List<String> argv = new ArrayList<>(List.of("curl"));
            argv.addAll(args);
            return argv;
        }
        return args;
    }

    private ShellResult expose(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: You must provide one or more resources by argument or filename.");
        }
        String namespace = namespace(f);
        String type;
        String name;
        if (f.positional.get(0).contains("/")) {
            type = f.positional.get(0).substring(0, f.positional.get(0).indexOf('/'));
            name = f.positional.get(0).substring(f.positional.get(0).indexOf('/') + 1);
        } else {
            if (f.positional.size() < 2) {
                throw new UsageError("error: resource(s) were provided, but no name was specified");
            }
            type = f.positional.get(0);
            name = f.positional.get(1);
        }
        Kinds.Resource r = resource(type);
        HasMetadata source = cluster.store().get(r.kind(), namespace, name)
                .orElseThrow(() -> ApiServer.notFound(r.kind(), name));
        Map<String, String> selector;
        Integer port = f.get("port") == null ? null : Integer.parseInt(f.get("port"));
        if (source instanceof Deployment d) {
            selector = d.getSpec().getSelector().getMatchLabels();
            port = port != null ? port : firstContainerPort(d.getSpec().getTemplate().getSpec());
        } else if (source instanceof ReplicaSet rs) {
            selector = rs.getSpec().getSelector().getMatchLabels();
            port = port != null ? port : firstContainerPort(rs.getSpec().getTemplate().getSpec());
        } else if (source instanceof Pod p) {
            selector = p.getMetadata().getLabels();
            port = port != null ? port : firstContainerPort(p.getSpec());
        } else if (source instanceof Service s) {
            selector = s.getSpec().getSelector();
            port = port != null ? port : s.getSpec().getPorts().get(0).getPort();
        } else {
            throw new UsageError("error: cannot expose a " + r.kind());
        }
        if (selector == null || selector.isEmpty()) {
            throw new UsageError("error: couldn't retrieve selectors via --selector flag or introspection: the "
                    + r.kind() + " has no labels");
        }
        if (port == null) {
            throw new UsageError("error: couldn't find port via --port flag or introspection\n"
                    + "See 'kubectl expose -h' for help and examples");
        }
        String serviceName = f.get("name", name);
        var sp = new ServicePortBuilder().withPort(port).withProtocol(f.get("protocol", "TCP"));
        String target = f.get("target-port");
        sp.withTargetPort(target == null ? new IntOrString(port) : target.chars().allMatch(Character::isDigit)
                ? new IntOrString(Integer.parseInt(target)) : new IntOrString(target));
        ServiceBuilder svc = new ServiceBuilder().withNewMetadata().withName(serviceName).withNamespace(namespace)
                .withLabels(source.getMetadata().getLabels()).endMetadata().withNewSpec()
                .withSelector(new LinkedHashMap<>(selector)).withPorts(sp.build())
                .withType(f.get("type", "ClusterIP")).endSpec();
        if (f.get("session-affinity") != null) {
            svc.editSpec().withSessionAffinity(f.get("session-affinity")).endSpec();
        }
        return created(line, f, svc.build(), "exposed");
    }

    private static Integer firstContainerPort(io.fabric8.kubernetes.api.model.PodSpec spec) {
        for (var c : spec.getContainers()) {
            if (c.getPorts() != null && !c.getPorts().isEmpty()) {
                return c.getPorts().get(0).getContainerPort();
            }
        }
        return null;
    }

    private ShellResult scale(String line, Flags f) {
        String replicas = f.get("replicas");
        if (replicas == null) {
            throw new UsageError("error: required flag(s) \"replicas\" not set");
        }
        List<Target> targets = targets(f);
        StringBuilder out = new StringBuilder();
        for (Target t : targets) {
            HasMetadata o = cluster.store().get(t.resource().kind(), namespace(f), t.name())
                    .orElseThrow(() -> ApiServer.notFound(t.resource().kind(), t.name()));
            if (o instanceof Deployment d) {
                Deployment copy = new DeploymentBuilder(d).build();
                copy.getSpec().setReplicas(Integer.parseInt(replicas));
                cluster.api().apply(copy);
            } else if (o instanceof ReplicaSet rs) {
                var copy = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).build();
                copy.getSpec().setReplicas(Integer.parseInt(replicas));
                cluster.api().apply(copy);
            } else {
                throw new UsageError("error: no objects passed to scale " + t.resource().plural()
                        + " cannot be scaled");
            }
            out.append(t.resource().qualifiedSingular()).append('/').append(t.name()).append(" scaled\n");
        }
        return ShellResult.ok(line, out.toString());
    }

    private ShellResult metadata(String line, Flags f, boolean annotations) {
        List<String> pos = f.positional;
        if (pos.isEmpty()) {
            throw new UsageError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }
        List<String> resources = new ArrayList<>();
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String p : pos) {
            if (p.contains("=")) {
                String[] kv = p.split("=", 2);
                set.put(kv[0], kv[1]);
            } else if (p.endsWith("-") && !resources.isEmpty() && (resources.get(0).contains("/") || resources.size() >= 2)) {
                remove.add(p.substring(0, p.length() - 1));
            } else {
                resources.add(p);
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw new UsageError("error: at least one " + (annotations ? "annotation" : "label") + " update is required");
        }
        Flags targetFlags = new Flags();
        targetFlags.positional.addAll(resources);
        StringBuilder out = new StringBuilder();
        for (Target t : targets(targetFlags)) {
            String ns = t.resource().namespaced() ? namespace(f) : "";
            HasMetadata before = cluster.store().get(t.resource().kind(), ns, t.name())
                    .orElseThrow(() -> ApiServer.notFound(t.resource().kind(), t.name()));
            Map<String, String> old = new LinkedHashMap<>(Objects.requireNonNullElse(annotations
                    ? before.getMetadata().getAnnotations() : before.getMetadata().getLabels(), Map.of()));
            try {
                cluster.api().setMetadata(t.resource().kind(), namespace(f), t.name(), set, remove, annotations,
                        f.has("overwrite"));
            } catch (ApiException e) {
                if (e.reason() == ApiException.Reason.BadRequest) {
                    // kubectl checks --overwrite itself, before it sends anything: a plain error.
                    throw new UsageError("error: " + e.getMessage());
                }
                throw e;
            }
            HasMetadata after = cluster.store().get(t.resource().kind(), ns, t.name()).orElse(before);
            Map<String, String> now = Objects.requireNonNullElse(annotations ? after.getMetadata().getAnnotations()
                    : after.getMetadata().getLabels(), Map.of());
            // label.go's updateDataChangeMsg: "not labeled" when nothing changed, "unlabeled" when the object shrank.
            String verb;
            if (annotations) {
                verb = "annotated";
            } else if (old.equals(now)) {
                verb = "not labeled";
            } else if (!f.has("overwrite") && now.size() < old.size()) {
                verb = "unlabeled";
            } else {
                verb = "labeled";
            }
            out.append(t.resource().qualifiedSingular()).append('/').append(t.name()).append(' ').append(verb)
                    .append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    // ---- exec / logs / debug ------------------------------------------------------------------------------------------

    /** What {@link #podFor} said about its choice among several pods, for stderr; empty when it had one. */
    private String podNote = "";

    private Pod podFor(Flags f, String ref) {
        podNote = "";
        String namespace = namespace(f);
        if (ref.contains("/")) {
            String type = ref.substring(0, ref.indexOf('/'));
            String name = ref.substring(ref.indexOf('/') + 1);
            Kinds.Resource r = resource(type);
            if (r.kind().equals("Pod")) {
                return cluster.store().get(Pod.class, "Pod", namespace, name)
                        .orElseThrow(() -> ApiServer.notFound("Pod", name));
            }
            HasMetadata owner = cluster.store().get(r.kind(), namespace, name)
                    .orElseThrow(() -> ApiServer.notFound(r.kind(), name));
            LabelSelector selector = owner instanceof Deployment d ? d.getSpec().getSelector()
                    : owner instanceof ReplicaSet rs ? rs.getSpec().getSelector()
                    : owner instanceof Service s ? new LabelSelectorBuilder().withMatchLabels(s.getSpec().getSelector()).build()
                    : null;
            List<Pod> matching = new ArrayList<>();
            for (Pod p : cluster.store().list(Pod.class, "Pod", namespace)) {
                if (selector != null && LabelSelectors.matches(selector, p.getMetadata().getLabels())
                        && p.getMetadata().getDeletionTimestamp() == null) {
                    matching.add(p);
                }
            }
            if (matching.isEmpty()) {
                throw new UsageError("error: no pods found for " + ref);
            }
            if (matching.size() > 1) {
                // kubectl tells which of the pods it picked (the first by its logging order).
                podNote = "Found " + matching.size() + " pods, using pod/" + matching.get(0).getMetadata().getName()
                        + "\n";
            }
            return matching.get(0);
        }
        return cluster.store().get(Pod.class, "Pod", namespace, ref).orElseThrow(() -> ApiServer.notFound("Pod", ref));
    }

    private String containerOf(Pod pod, Flags f) {
        String c = f.get("container");
        if (c == null) {
            var containers = pod.getSpec().getContainers();
            var annotations = pod.getMetadata().getAnnotations();
            String chosen = annotations != null && annotations.get("kubectl.kubernetes.io/default-container") != null
                    ? annotations.get("kubectl.kubernetes.io/default-container") : containers.get(0).getName();
            if (containers.size() > 1) {
                // kubectl says which container it chose when the pod has several.
                podNote = podNote + "Defaulted container \"" + chosen + "\" out of: "
                        + String.join(", ", containers.stream().map(x -> x.getName()).toList()) + "\n";
            }
            return chosen;
        }
        for (var container : pod.getSpec().getContainers()) {
            if (container.getName().equals(c)) {
                return c;
            }
        }
        throw new UsageError("Error from server (BadRequest): container " + c + " is not valid for pod "
                + pod.getMetadata().getName());
    }

    private ShellResult exec(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: pod, type/name or --filename must be specified");
        }
        if (f.command.isEmpty()) {
            throw new UsageError("error: you must specify at least one command for the container");
        }
        Pod pod = podFor(f, f.positional.get(0));
        String container = containerOf(pod, f);
        String note = podNote;
        String shell = interactiveShell(f.command);
        if (f.has("stdin") && shell != null && runningWith(pod, container, shell)) {
            // kubectl exec -it POD -- sh: the terminal is now the shell's, until it exits.
            startedSession = new PodSession(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container,
                    shell, PodSession.AfterExit.KEEP_POD);
            return new ShellResult(line, 0, "", note, List.of());
        }
        ShellResult r = terminal.exec(pod, container, f.command, line);
        return note.isEmpty() ? r : new ShellResult(line, r.exitCode(), r.stdout(), note + r.stderr(), r.trace(),
                r.observations());
    }

    private ShellResult logs(String line, Flags f) {
        if (f.positional.isEmpty() && f.get("selector") != null) {
            return logsOfSelected(line, f);
        }
        if (f.positional.isEmpty()) {
            throw new UsageError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    + "POD or TYPE/NAME is a required argument for the logs command\n"
                    + "See 'kubectl logs -h' for help and examples");
        }
        Pod pod = podFor(f, f.positional.get(0));
        String container = f.positional.size() > 1 ? f.positional.get(1) : containerOf(pod, f);
        List<String> lines = terminal.logs(pod, container);
        if (f.get("tail") != null) {
            int n = Integer.parseInt(f.get("tail"));
            if (n >= 0 && n < lines.size()) {
                lines = lines.subList(lines.size() - n, lines.size());
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        if (out.length() > 0 && terminal.logEndsMidLine(pod, container)) {
            out.setLength(out.length() - 1);
        }
        return new ShellResult(line, 0, out.toString(), podNote, List.of());
    }

    /**
     * {@code kubectl logs -l SELECTOR}: the logs of every matching pod (its default container), in name order, each
     * cut to its last 10 lines unless {@code --tail} says otherwise (kubectl's default with a selector), with
     * {@code [pod/NAME/CONTAINER] } before each line under {@code --prefix}. kubectl refuses more than
     * {@code --max-log-requests} (5) pods.
     */
    private ShellResult logsOfSelected(String line, Flags f) {
        LabelSelector selector = parseSelector(f.get("selector"));
        String namespace = namespace(f);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : cluster.store().list(Pod.class, "Pod", namespace)) {
            if (LabelSelectors.matches(selector, p.getMetadata().getLabels())) {
                pods.add(p);
            }
        }
        if (pods.isEmpty()) {
            return new ShellResult(line, 0, "", "No resources found in " + namespace + " namespace.\n", List.of());
        }
        int max = Integer.parseInt(f.get("max-log-requests", "5"));
        if (pods.size() > max) {
            throw new UsageError("error: you are attempting to follow " + pods.size() + " log streams, but maximum "
                    + "allowed concurrency is " + max + ", use --max-log-requests to increase the limit");
        }
        int tail = Integer.parseInt(f.get("tail", "10"));
        StringBuilder out = new StringBuilder();
        for (Pod pod : pods) {
            String container = f.get("container") != null ? f.get("container")
                    : pod.getSpec().getContainers().get(0).getName();
            List<String> lines = terminal.logs(pod, container);
            if (tail >= 0 && tail < lines.size()) {
                lines = lines.subList(lines.size() - tail, lines.size());
            }
            String prefix = f.has("prefix") ? "[pod/" + pod.getMetadata().getName() + "/" + container + "] " : "";
            lines.forEach(l -> out.append(prefix).append(l).append('\n'));
        }
        return ShellResult.ok(line, out.toString());
    }

    /**
     * {@code kubectl debug node/NAME --image=IMAGE [-it] [-- COMMAND...]}: creates the node's debugging pod (see
     * {@link NodeDebugPod}) and, attached ({@code -i}, or {@code --attach}), shows what its command printed. The
     * command runs in the node's network namespace; the pod stays behind, {@code Completed} or {@code Error} once
     * the command has exited, until the learner deletes it.
     */
    private ShellResult debug(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: NAME or filename is required for debug");
        }
        String image = f.get("image");
        if (image == null) {
            throw new UsageError("error: you must specify --image when not using --copy-to.");
        }
        boolean stdin = f.has("stdin");
        boolean tty = f.has("tty");
        if (tty && !stdin) {
            throw new UsageError("error: -i/--stdin is required for containers with -t/--tty=true");
        }
        String pullPolicy = f.get("image-pull-policy");
        if (pullPolicy != null && !List.of("Always", "IfNotPresent", "Never", "").contains(pullPolicy)) {
            throw new UsageError("error: invalid image pull policy: " + pullPolicy);
        }
        String target = f.positional.get(0);
        int slash = target.indexOf('/');
        if (slash < 0 || !Kinds.byName(target.substring(0, slash)).map(r -> r.kind().equals("Node")).orElse(false)) {
            throw new UsageError("error: the mini-cluster supports 'kubectl debug node/NAME -it --image=IMAGE -- COMMAND'");
        }
        String nodeName = target.substring(slash + 1);
        Node node = cluster.store().get(Node.class, "Node", "", nodeName)
                .orElseThrow(() -> ApiServer.notFound("Node", nodeName));
        List<String> argv = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        argv.addAll(f.command);
        String namespace = namespace(f);
        String container = f.get("container", "debugger");
        String podName = NodeDebugPod.name(nodeName, cluster.random());
        String header = f.has("quiet") ? "" : NodeDebugPod.announcement(podName, container, nodeName);
        Pod pod = NodeDebugPod.of(podName, namespace, nodeName, container, image, argv, f.has("arguments-only"),
                stdin, tty);
        if (pullPolicy != null && !pullPolicy.isEmpty()) {
            pod.getSpec().getContainers().get(0).setImagePullPolicy(pullPolicy);
        }
        try {
            cluster.api().create(pod);
        } catch (ApiException e) {
            return new ShellResult(line, 1, header, serverError(e, null) + "\n", List.of());
        }
        boolean attach = f.get("attach") != null ? f.has("attach") : stdin;
        if (argv.isEmpty()) {
            // The image's own entrypoint: a shell kept open by -i runs until the pod is deleted.
            return ShellResult.ok(line, header);
        }
        ShellResult r = terminal.onNode(node, image, argv, line);
        cluster.store().get(Pod.class, "Pod", namespace, podName).ifPresent(stored -> {
            // What the command printed is the container's log, attached or not: kubectl logs shows it afterwards.
            terminal.keepOutput(stored, container, r.stdout() + r.stderr());
            if (NodeDebugPod.exited(stored, container, r.exitCode())) {
                cluster.store().touch(stored);
                cluster.reconcile();
            }
        });
        if (!attach) {
            // Not attached: kubectl returns once the pod is created; what the command printed goes to its log.
            return new ShellResult(line, 0, header, "", r.trace(), r.observations());
        }
        return new ShellResult(line, r.exitCode(), header + r.stdout(), r.stderr(), r.trace(), r.observations());
    }

    /**
     * The API groups in kube-apiserver 1.33's discovery order (the built-in groups by priority, then the CRDs'),
     * which is the order {@code kubectl api-resources} lists them in, each group's resources by name.
     */
    private static final List<String> DISCOVERY_GROUP_ORDER = List.of("", "apiregistration.k8s.io", "apps",
            "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
            "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
            "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io", "gateway.networking.k8s.io");

    private ShellResult apiResources(String line) {
        Table t = new Table("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        List<Kinds.Resource> ordered = new ArrayList<>(Kinds.ALL);
        ordered.sort(java.util.Comparator.<Kinds.Resource>comparingInt(r -> {
            int slash = r.apiVersion().indexOf('/');
            int index = DISCOVERY_GROUP_ORDER.indexOf(slash < 0 ? "" : r.apiVersion().substring(0, slash));
            return index < 0 ? DISCOVERY_GROUP_ORDER.size() : index;
        }).thenComparing(Kinds.Resource::plural));
        for (Kinds.Resource r : ordered) {
            t.row(r.plural(), String.join(",", r.shortNames()), r.apiVersion(), Boolean.toString(r.namespaced()),
                    r.kind());
        }
        return ShellResult.ok(line, t.toString());
    }

    /** kubectl's {@code resource.Info.String()}: the resource and kind as Go prints a GroupVersionResource/Kind. */
    private static String resourceInfo(HasMetadata object, String namespace) {
        String apiVersion = object.getApiVersion();
        String plural = Kinds.byKind(object.getKind()).map(Kinds.Resource::plural)
                .orElse(object.getKind().toLowerCase() + "s");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return "Resource: \"" + group + "/" + version + ", Resource=" + plural + "\", GroupVersionKind: \""
                + group + "/" + version + ", Kind=" + object.getKind() + "\"\nName: \"\", Namespace: \"" + namespace + "\"";
    }
}
