package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.checkOutput;
import static academy.minicluster.net.shell.KubectlArgs.multipleTypesRequested;
import static academy.minicluster.net.shell.KubectlArgs.parseSelector;
import static academy.minicluster.net.shell.KubectlArgs.targets;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.shell.Kubectl.UsageError;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get}: one table per kind in the order asked, or
 * {@code -o name|yaml|json|jsonpath=|custom-columns=|go-template=}.
 */
final class GetCommand {

    private final Cluster cluster;
    private final ResourcePrinter printer;

    GetCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.printer = new ResourcePrinter(context.cluster().clock());
    }

    ShellResult run(String line, Flags f) {
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
            err.insert(0, Kubectl.ENDPOINTS_DEPRECATED);
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
            return new ShellResult(line, 1, out, err + "error: error executing template "
                    + ObjectOutput.doubleQuoted(template) + ": " + e.getMessage() + "\n", List.of());
        }
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
}
