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

    Kubectl(Cluster cluster, Terminal terminal, Map<String, String> files) {
        this.cluster = cluster;
        this.terminal = terminal;
        this.files = files;
        this.printer = new ResourcePrinter(cluster.clock());
        this.describer = new Describer(cluster);
    }

    /** Runs {@code kubectl args...}; {@code stdin} feeds {@code -f -}. */
    ShellResult run(String line, List<String> args, String stdin) {
        if (args.isEmpty()) {
            return ShellResult.ok(line, "kubectl controls the Kubernetes cluster manager.\n\n"
                    + "Basic Commands: create expose run get delete\nApp Management: apply scale label annotate\n"
                    + "Troubleshooting: describe logs exec debug\n");
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (verb) {
                case "get" -> get(line, flags(rest, "wide", "no-headers", "output-watch-events"));
                case "describe" -> describe(line, flags(rest));
                case "apply" -> applyFiles(line, flags(rest, "server-side", "force-conflicts", "prune"), stdin, "apply");
                case "create" -> create(line, rest, stdin);
                case "replace" -> applyFiles(line, flags(rest, "force"), stdin, "replace");
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
                        "since", "prefix", "all-containers"));
                case "debug" -> debug(line, flags(rest, "image", "stdin", "tty", "profile", "target", "container",
                        "quiet", "attach"));
                case "api-resources" -> apiResources(line);
                case "cluster-info" -> ShellResult.ok(line, "Kubernetes control plane is running at https://127.0.0.1:6443\n"
                        + "CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n"
                        + "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
                case "version" -> ShellResult.ok(line, "Client Version: v1.33.1\nKustomize Version: v5.6.0\n"
                        + "Server Version: v1.33.1\n");
                case "config" -> ShellResult.ok(line, "kind-kind\n");
                default -> fail(line, "error: unknown command \"" + verb + "\" for \"kubectl\"\n" + suggest(verb)
                        + "Run 'kubectl --help' for usage.");
            };
        } catch (Flags.UnknownFlag e) {
            return fail(line, e.getMessage() + "\nSee 'kubectl " + verb + " --help' for usage.");
        } catch (UsageError e) {
            return fail(line, e.getMessage());
        } catch (ApiException e) {
            return fail(line, serverError(e, null));
        }
    }

    /** kubectl's own commands, in the order cobra lists them. */
    private static final List<String> COMMANDS = List.of("annotate", "api-resources", "api-versions", "apply",
            "attach", "auth", "autoscale", "certificate", "cluster-info", "completion", "config", "cordon", "cp",
            "create", "debug", "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose",
            "get", "kustomize", "label", "logs", "options", "patch", "plugin", "port-forward", "proxy", "replace",
            "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait");

    /**
     * cobra's "Did you mean this?" block ({@code command.go} {@code SuggestionsFor}): commands within Levenshtein
     * distance 2 of what was typed, or starting with it; nothing at all when none is close.
     */
    static String suggest(String verb) {
        String typed = verb.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (String c : COMMANDS) {
            if (levenshtein(typed, c) <= 2 || c.startsWith(typed)) {
                out.append('\t').append(c).append('\n');
            }
        }
        return out.length() == 0 ? "" : "\nDid you mean this?\n" + out + "\n";
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
        if (e.reason() == ApiException.Reason.Invalid) {
            return e.getMessage();
        }
        return "Error from server (" + e.reason() + "): " + (source == null ? "" : "error when creating \"" + source
                + "\": ") + e.getMessage();
    }

    // ---- get ----------------------------------------------------------------------------------------------------

    private record Target(Kinds.Resource resource, String name) {
    }

    private List<Target> targets(Flags f) {
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
        for (String type : pos.get(0).split(",")) {
            Kinds.Resource r = resource(type);
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

    private static Kinds.Resource resource(String type) {
        return Kinds.byName(type).orElseThrow(() ->
                new UsageError("error: the server doesn't have a resource type \"" + type + "\""));
    }

    private ShellResult get(String line, Flags f) {
        String output = f.get("output", "");
        boolean all = f.has("all-namespaces");
        String namespace = namespace(f);
        boolean structured = output.equals("json") || output.equals("yaml");
        if (!f.positional.isEmpty() && f.positional.get(0).equals("all")) {
            if (structured) {
                // One List of every kind, as kubectl prints "get all -o yaml".
                List<HasMetadata> everything = new ArrayList<>();
                for (String type : List.of("pods", "services", "deployments", "replicasets")) {
                    String kind = Kinds.byName(type).orElseThrow().kind();
                    for (HasMetadata o : all ? cluster.store().listAny(kind)
                            : cluster.store().list(HasMetadata.class, kind, namespace)) {
                        everything.add(o);
                    }
                }
                return ShellResult.ok(line, renderStructured(everything, false, output));
            }
            StringBuilder out = new StringBuilder();
            for (String type : List.of("pods", "services", "deployments", "replicasets")) {
                Flags g = new Flags();
                g.values.putAll(f.values);
                g.positional.add(type);
                ShellResult r = get(line, g);
                if (r.exitCode() == 0 && !r.stdout().isEmpty()) {
                    Kinds.Resource res = Kinds.byName(type).orElseThrow();
                    out.append(prefixNames(r.stdout(), res.qualifiedSingular())).append('\n');
                }
            }
            if (out.length() == 0) {
                return new ShellResult(line, 0, "", "No resources found in " + namespace + " namespace.\n", List.of());
            }
            return ShellResult.ok(line, out.toString().stripTrailing() + "\n");
        }
        List<Target> targets = targets(f);
        if (targets.get(0).resource().kind().equals("Event")) {
            var events = cluster.events().all().stream()
                    .filter(e -> all || namespace.equals(e.getMetadata().getNamespace())).toList();
            if (events.isEmpty()) {
                return new ShellResult(line, 0, "", "No resources found in " + namespace + " namespace.\n", List.of());
            }
            return ShellResult.ok(line, printer.printEvents(events, all));
        }
        LabelSelector selector = f.get("selector") == null ? null : parseSelector(f.get("selector"));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<HasMetadata> found = new ArrayList<>();
        String currentKind = null;
        List<HasMetadata> group = new ArrayList<>();
        for (Target t : targets) {
            String ns = t.resource().namespaced() ? namespace : "";
            List<HasMetadata> objects = new ArrayList<>();
            if (t.name() != null) {
                var o = cluster.store().get(t.resource().kind(), ns, t.name());
                if (o.isEmpty()) {
                    err.append("Error from server (NotFound): ").append(ApiServer.notFound(t.resource().kind(), t.name())
                            .getMessage()).append('\n');
                    continue;
                }
                objects.add(o.get());
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
            if (!t.resource().kind().equals(currentKind) && !group.isEmpty() && !structured) {
                out.append(renderGroup(group, output, all, f)).append('\n');
                group = new ArrayList<>();
            }
            currentKind = t.resource().kind();
            group.addAll(objects);
            found.addAll(objects);
        }
        if (!group.isEmpty() && !structured) {
            out.append(renderGroup(group, output, all, f));
        }
        boolean named = targets.stream().allMatch(t -> t.name() != null);
        if (found.isEmpty() && err.length() == 0) {
            if (structured) {
                return ShellResult.ok(line, renderStructured(List.of(), false, output));
            }
            String where = all ? "" : targets.get(0).resource().namespaced() ? " in " + namespace + " namespace" : "";
            return new ShellResult(line, 0, "", "No resources found" + where + ".\n", List.of());
        }
        if (structured) {
            return new ShellResult(line, err.length() == 0 ? 0 : 1,
                    renderStructured(found, named && found.size() == 1 && targets.size() == 1, output), err.toString(),
                    List.of());
        }
        return new ShellResult(line, err.length() == 0 ? 0 : 1, out.toString(), err.toString(), List.of());
    }

    private static String prefixNames(String table, String type) {
        StringBuilder out = new StringBuilder();
        String[] lines = table.split("\n");
        int nameWidth = 0;
        for (int i = 1; i < lines.length; i++) {
            nameWidth = Math.max(nameWidth, type.length() + 1 + lines[i].indexOf(' '));
        }
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? lines[i] : type + "/" + lines[i]).append('\n');
        }
        // Re-align: re-split into cells and print as a table again.
        List<String[]> rows = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            rows.add(l.trim().split("\\s{3,}"));
        }
        Table t = new Table(rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            t.row(rows.get(i));
        }
        return t.toString();
    }

    private String renderGroup(List<HasMetadata> objects, String output, boolean all, Flags f) {
        String kind = objects.get(0).getKind();
        if (output.equals("name")) {
            StringBuilder s = new StringBuilder();
            String type = Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase());
            for (HasMetadata o : objects) {
                s.append(type).append('/').append(o.getMetadata().getName()).append('\n');
            }
            return s.toString();
        }
        if (output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=") || output.startsWith("jsonpath")) {
            String template = output.substring(output.indexOf('=') + 1);
            try {
                boolean single = objects.size() == 1 && f.positional.size() > 1 || objects.size() == 1
                        && f.positional.get(0).contains("/");
                return JsonPath.render(template, ObjectOutput.tree(objects, single));
            } catch (JsonPath.TemplateError e) {
                throw new UsageError(e.getMessage());
            }
        }
        if (output.startsWith("custom-columns=")) {
            String[] specs = output.substring("custom-columns=".length()).split(",");
            String[] headers = new String[specs.length];
            for (int i = 0; i < specs.length; i++) {
                headers[i] = specs[i].split(":", 2)[0];
            }
            Table t = new Table(headers);
            for (HasMetadata o : objects) {
                String[] cells = new String[specs.length];
                for (int i = 0; i < specs.length; i++) {
                    String[] kv = specs[i].split(":", 2);
                    try {
                        var nodes = JsonPath.evaluate(kv.length > 1 ? kv[1] : "", ObjectOutput.tree(List.of(o), true));
                        cells[i] = nodes.isEmpty() ? "<none>" : nodes.stream().map(n -> n.isValueNode() ? n.asText()
                                : n.toString()).reduce((a, b) -> a + "," + b).orElse("<none>");
                    } catch (JsonPath.TemplateError e) {
                        throw new UsageError(e.getMessage());
                    }
                }
                t.row(cells);
            }
            return t.toString();
        }
        if (!output.isEmpty() && !output.equals("wide")) {
            throw new UsageError("error: unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
                    + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml");
        }
        String table = printer.print(kind, objects, output.equals("wide"), all && Kinds.isNamespaced(kind),
                f.has("show-labels"));
        if (f.has("no-headers")) {
            table = table.substring(table.indexOf('\n') + 1);
        }
        return table;
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
        for (Target t : targets) {
            String ns = t.resource().namespaced() ? namespace : "";
            List<HasMetadata> objects = new ArrayList<>();
            if (t.name() == null) {
                objects.addAll(t.resource().namespaced() && !f.has("all-namespaces")
                        ? cluster.store().list(HasMetadata.class, t.resource().kind(), ns)
                        : cluster.store().listAny(t.resource().kind()));
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
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String source : sources) {
            String text;
            String name;
            if (source.equals("-")) {
                text = Objects.requireNonNullElse(stdin, "");
                name = "STDIN";
            } else {
                text = files.get(source);
                name = source;
                if (text == null) {
                    err.append("error: the path \"").append(source).append("\" does not exist\n");
                    continue;
                }
            }
            DecodeResult decoded = decoder.decode(text, name);
            for (DecodeError e : decoded.errors()) {
                err.append(e.printed()).append('\n');
            }
            if (decoded.objects().isEmpty() && decoded.errors().isEmpty()) {
                err.append("error: no objects passed to ").append(mode).append('\n');
            }
            for (Decoded d : decoded.objects()) {
                HasMetadata object = d.object();
                if (f.get("namespace") != null && Kinds.isNamespaced(object.getKind())) {
                    String declared = object.getMetadata().getNamespace();
                    if (declared != null && !declared.equals(f.get("namespace"))) {
                        err.append("error: the namespace from the provided object \"").append(declared)
                                .append("\" does not match the namespace \"").append(f.get("namespace"))
                                .append("\". You must pass '--namespace=").append(declared)
                                .append("' to perform this operation.\n");
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
                try {
                    String outcome = switch (mode) {
                        case "create" -> {
                            cluster.api().create(object);
                            yield "created";
                        }
                        case "replace" -> cluster.api().replace(object).name();
                        default -> cluster.api().apply(object).name();
                    };
                    out.append(type).append('/').append(object.getMetadata().getName()).append(' ').append(outcome)
                            .append('\n');
                } catch (ApiException e) {
                    err.append(serverError(e, name)).append('\n');
                }
            }
        }
        return new ShellResult(line, err.length() == 0 ? 0 : 1, out.toString(), err.toString(), List.of());
    }

    private ShellResult create(String line, List<String> rest, String stdin) throws Flags.UnknownFlag {
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            return applyFiles(line, flags(rest, "save-config", "edit"), stdin, "create");
        }
        String what = rest.get(0);
        Flags f = flags(rest.subList(1, rest.size()), "image", "replicas", "port", "cert", "key", "from-literal",
                "save-config", "tcp", "node-port", "class", "rule", "default-backend", "annotation");
        String namespace = namespace(f);
        switch (what) {
            case "namespace", "ns" -> {
                String name = single(f, "namespace");
                cluster.api().create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
                return ShellResult.ok(line, "namespace/" + name + " created\n");
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
                    var c = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(containerName(image))
                            .withImage(image);
                    if (f.get("port") != null) {
                        c.addNewPort().withContainerPort(Integer.parseInt(f.get("port"))).endPort();
                    }
                    if (!f.command.isEmpty()) {
                        c.withCommand(f.command);
                    }
                    spec.addToContainers(c.build());
                }
                cluster.api().create(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(labels).endMetadata().withNewSpec()
                        .withReplicas(Integer.parseInt(f.get("replicas", "1"))).withNewSelector()
                        .withMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata().withLabels(labels)
                        .endMetadata().withSpec(spec.build()).endTemplate().endSpec().build());
                return ShellResult.ok(line, "deployment.apps/" + name + " created\n");
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
                    cluster.api().create(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                            .endMetadata().withType("kubernetes.io/tls")
                            .addToData("tls.crt", base64(cert)).addToData("tls.key", base64(key)).build());
                } else if (type.equals("generic")) {
                    Map<String, String> data = new LinkedHashMap<>();
                    for (String literal : f.all("from-literal")) {
                        String[] kv = literal.split("=", 2);
                        data.put(kv[0], base64(kv.length > 1 ? kv[1] : ""));
                    }
                    cluster.api().create(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                            .endMetadata().withType("Opaque").withData(data).build());
                } else {
                    throw new UsageError("error: unknown secret type \"" + type + "\"");
                }
                return ShellResult.ok(line, "secret/" + name + " created\n");
            }
            default -> throw new UsageError("error: unknown command \"" + what + "\" for \"kubectl create\"");
        }
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

    private static String single(Flags f, String what) {
        if (f.positional.size() != 1) {
            throw new UsageError("error: exactly one NAME is required, got " + f.positional.size());
        }
        return f.positional.get(0);
    }

    private ShellResult delete(String line, Flags f, String stdin) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
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
                        err.append("No resources found\n");
                    }
                    for (HasMetadata o : matching) {
                        deleteOne(t.resource().kind(), ns, o.getMetadata().getName(), out, err, false);
                    }
                } else {
                    throw new UsageError("error: resource(s) were provided, but no name was specified");
                }
            }
        }
        boolean failed = err.length() > 0 && !err.toString().equals("No resources found\n");
        return new ShellResult(line, failed ? 1 : 0, out.toString(), err.toString(), List.of());
    }

    private void deleteOne(String kind, String namespace, String name, StringBuilder out, StringBuilder err,
                           boolean ignoreNotFound) {
        try {
            cluster.api().delete(kind, namespace, name);
            String type = Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase());
            out.append(type).append(" \"").append(name).append("\" deleted\n");
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
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().withNewSpec().withContainers(container.build())
                .withRestartPolicy(f.get("restart", "Always")).endSpec().build();
        boolean interactive = f.has("stdin") || f.has("tty");
        if (interactive && f.has("rm")) {
            // kubectl run --rm -it: the container runs its command attached, then the pod is deleted.
            pod.getSpec().setRestartPolicy("Never");
            cluster.api().create(pod);
            Pod stored = cluster.store().get(Pod.class, "Pod", namespace, name).orElseThrow();
            List<String> argv = extraArgs;
            ShellResult inside = argv.isEmpty() ? ShellResult.ok(line, "")
                    : terminal.attach(stored, name, f.has("command") ? argv : withEntrypoint(image, argv), line);
            cluster.api().delete("Pod", namespace, name);
            // run.go: a non-zero exit of the attached container is reported after the pod is removed.
            String stderr = inside.exitCode() == 0 ? inside.stderr()
                    : inside.stderr() + "pod " + namespace + "/" + name + " terminated (Error)\n";
            return new ShellResult(line, inside.exitCode(), inside.stdout() + "pod \"" + name + "\" deleted\n",
                    stderr, inside.trace());
        }
        cluster.api().create(pod);
        return ShellResult.ok(line, "pod/" + name + " created\n");
    }

    /** Images whose entrypoint is a tool run their arguments through it ({@code curlimages/curl} runs curl). */
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
        cluster.api().create(svc.build());
        return ShellResult.ok(line, "service/" + serviceName + " exposed\n");
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
            cluster.api().setMetadata(t.resource().kind(), namespace(f), t.name(), set, remove, annotations,
                    f.has("overwrite"));
            String verb = annotations ? (set.isEmpty() ? "annotated" : "annotated")
                    : (set.isEmpty() ? "unlabeled" : "labeled");
            out.append(t.resource().qualifiedSingular()).append('/').append(t.name()).append(' ').append(verb)
                    .append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    // ---- exec / logs / debug ------------------------------------------------------------------------------------------

    private Pod podFor(Flags f, String ref) {
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
            for (Pod p : cluster.store().list(Pod.class, "Pod", namespace)) {
                if (selector != null && LabelSelectors.matches(selector, p.getMetadata().getLabels())) {
                    return p;
                }
            }
            throw new UsageError("error: unable to find a pod for " + ref);
        }
        return cluster.store().get(Pod.class, "Pod", namespace, ref).orElseThrow(() -> ApiServer.notFound("Pod", ref));
    }

    private String containerOf(Pod pod, Flags f) {
        String c = f.get("container");
        if (c == null) {
            return pod.getSpec().getContainers().get(0).getName();
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
        return terminal.exec(pod, container, f.command, line);
    }

    private ShellResult logs(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    + "POD or TYPE/NAME is a required argument for the logs command");
        }
        Pod pod = podFor(f, f.positional.get(0));
        String container = f.positional.size() > 1 ? f.positional.get(1) : containerOf(pod, f);
        if (f.get("container") == null && f.positional.size() == 1 && pod.getSpec().getContainers().size() > 1) {
            container = pod.getSpec().getContainers().get(0).getName();
        }
        List<String> lines = terminal.logs(pod, container);
        if (f.get("tail") != null) {
            int n = Integer.parseInt(f.get("tail"));
            if (n >= 0 && n < lines.size()) {
                lines = lines.subList(lines.size() - n, lines.size());
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return ShellResult.ok(line, out.toString());
    }

    private ShellResult debug(String line, Flags f) {
        if (f.positional.isEmpty() || !f.positional.get(0).startsWith("node/")) {
            throw new UsageError("error: the mini-cluster supports 'kubectl debug node/NAME -it --image=IMAGE -- COMMAND'");
        }
        String nodeName = f.positional.get(0).substring(5);
        Node node = cluster.store().get(Node.class, "Node", "", nodeName)
                .orElseThrow(() -> ApiServer.notFound("Node", nodeName));
        String image = f.get("image");
        if (image == null) {
            throw new UsageError("error: --image is required for node debugging");
        }
        List<String> argv = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        argv.addAll(f.command);
        String podName = "node-debugger-" + nodeName + "-" + Integer.toHexString(line.hashCode() & 0xfffff);
        String header = "Creating debugging pod " + podName + " with container debugger on node " + nodeName + ".\n";
        if (argv.isEmpty()) {
            return new ShellResult(line, 0, "", header, List.of());
        }
        ShellResult r = terminal.onNode(node, image, argv, line);
        return new ShellResult(line, r.exitCode(), r.stdout(), header + r.stderr(), r.trace());
    }

    private ShellResult apiResources(String line) {
        Table t = new Table("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        for (Kinds.Resource r : Kinds.ALL) {
            t.row(r.plural(), String.join(",", r.shortNames()), r.apiVersion(), Boolean.toString(r.namespaced()),
                    r.kind());
        }
        return ShellResult.ok(line, t.toString());
    }
}
