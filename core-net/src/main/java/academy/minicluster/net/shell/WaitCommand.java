package academy.minicluster.net.shell;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.LabelSelectors;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kubectl wait --for=condition=Ready|delete|create|jsonpath='{...}'=VALUE TYPE NAME | TYPE/NAME | TYPE -l
 * SELECTOR | TYPE --all [--timeout=30s]}, as kubectl's {@code pkg/cmd/wait}. The mini-cluster's controllers settle
 * within each command, and nothing changes while kubectl waits, so the condition is read once, on the simulated
 * clock: met ({@code pod/web condition met}), or kubectl's own timeout error ({@code timed out waiting for the
 * condition on pods/web}) at once, whatever {@code --timeout} says. The answer depends only on the cluster's state.
 */
final class WaitCommand {

    private final KubectlContext context;

    WaitCommand(KubectlContext context) {
        this.context = context;
    }

    /** What {@code --for} asks. */
    private sealed interface Condition {
        record Delete() implements Condition {
        }

        record Create() implements Condition {
        }

        record Status(String type, String status) implements Condition {
        }

        record JsonPathValue(String expression, String value) implements Condition {
        }
    }

    ShellResult run(String line, List<String> args) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of(), "for", "timeout", "selector", "all", "all-namespaces", "filename",
                "field-selector", "output", "local", "allow-missing-template-keys", "template");
        List<Condition> conditions = new ArrayList<>();
        for (String c : f.all("for")) {
            conditions.add(condition(c));
        }
        if (conditions.isEmpty()) {
            throw new Kubectl.UsageError("error: unrecognized condition: []");
        }
        String namespace = KubectlContext.namespace(f);
        List<String> pos = f.positional;
        if (pos.isEmpty()) {
            throw new Kubectl.UsageError("error: resource(s) were provided, but no name was specified");
        }
        List<KubectlContext.Target> targets = new ArrayList<>();
        if (!pos.get(0).contains("/") && pos.size() == 1) {
            Kinds.Resource r = KubectlContext.resource(pos.get(0));
            if (!f.has("all") && f.get("selector") == null) {
                throw new Kubectl.UsageError("error: resource(s) were provided, but no name was specified");
            }
            var selector = f.get("selector") == null ? null : KubectlArgs.parseSelector(f.get("selector"));
            for (HasMetadata o : context.cluster().store().list(HasMetadata.class, r.kind(),
                    r.namespaced() ? namespace : "")) {
                if (selector == null || LabelSelectors.matches(selector, o.getMetadata().getLabels())) {
                    targets.add(new KubectlContext.Target(r, o.getMetadata().getName()));
                }
            }
            if (targets.isEmpty()) {
                throw new Kubectl.UsageError("error: no matching resources found");
            }
        } else {
            targets.addAll(KubectlContext.targets(pos, "error: resource(s) were provided, but no name was specified"));
        }
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets) {
            String where = t.resource().plural() + "/" + t.name();
            HasMetadata object = context.cluster().store().get(t.resource().kind(),
                    t.resource().namespaced() ? namespace : "", t.name()).orElse(null);
            for (Condition c : conditions) {
                if (c instanceof Condition.Delete) {
                    if (object == null) {
                        continue;
                    }
                    return timedOut(line, out, where);
                }
                if (object == null) {
                    throw new ApiException(ApiException.Reason.NotFound, t.resource().plural() + " \"" + t.name()
                            + "\" not found");
                }
                if (!met(c, object)) {
                    if (zero(f.get("timeout", "30s"))) {
                        return new ShellResult(line, 1, out.toString(), "error: condition not met for " + where
                                + "\n", List.of());
                    }
                    return timedOut(line, out, where);
                }
                out.append(t.typeSlashName()).append(" condition met\n");
            }
        }
        return ShellResult.ok(line, out.toString());
    }

    /** {@code --timeout=0}: kubectl checks once and says so instead of timing out. */
    private static boolean zero(String timeout) {
        return timeout.matches("0+(s|m|h|ms)?");
    }

    private static ShellResult timedOut(String line, StringBuilder out, String where) {
        return new ShellResult(line, 1, out.toString(), "error: timed out waiting for the condition on " + where
                + "\n", List.of());
    }

    private static Condition condition(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("delete")) {
            return new Condition.Delete();
        }
        if (lower.equals("create")) {
            return new Condition.Create();
        }
        if (text.startsWith("condition=")) {
            String name = text.substring("condition=".length());
            int eq = name.indexOf('=');
            return eq < 0 ? new Condition.Status(name, "true")
                    : new Condition.Status(name.substring(0, eq), name.substring(eq + 1));
        }
        if (text.startsWith("jsonpath=")) {
            List<String> parts = splitOnSingleEquals(text.substring("jsonpath=".length()));
            if (parts.size() > 2) {
                throw new Kubectl.UsageError("error: jsonpath wait format must be "
                        + "--for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
            }
            String expression = parts.get(0);
            if (expression.isEmpty()) {
                throw new Kubectl.UsageError("error: jsonpath expression cannot be empty");
            }
            // cmdget.RelaxedJSONPathExpression: ".status.phase" and "status.phase" mean "{.status.phase}".
            if (!expression.startsWith("{")) {
                expression = "{" + (expression.startsWith(".") ? "" : ".") + expression + "}";
            }
            if (parts.size() == 1) {
                return new Condition.JsonPathValue(expression, null);
            }
            String value = parts.get(1).replaceAll("^['\"]+|['\"]+$", "");
            if (value.isEmpty()) {
                throw new Kubectl.UsageError("error: jsonpath wait has to have a value after equal sign, like "
                        + "--for=jsonpath='{.status.readyReplicas}'=3");
            }
            return new Condition.JsonPathValue(expression, value);
        }
        throw new Kubectl.UsageError("error: unrecognized condition: \"" + text + "\"");
    }

    /** kubectl's {@code splitJSONPathInput}: splits on each single {@code =}; {@code ==} stays in the text. */
    private static List<String> splitOnSingleEquals(String input) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '=' && (i + 1 >= input.length() || input.charAt(i + 1) != '=')
                    && (i == 0 || input.charAt(i - 1) != '=')) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static boolean met(Condition c, HasMetadata object) {
        JsonNode tree = ObjectOutput.tree(List.of(object), true);
        if (c instanceof Condition.Status s) {
            for (JsonNode cond : tree.path("status").path("conditions")) {
                if (cond.path("type").asText().equalsIgnoreCase(s.type())) {
                    return cond.path("status").asText().equalsIgnoreCase(s.status());
                }
            }
            return false;
        }
        if (c instanceof Condition.JsonPathValue j) {
            String value;
            try {
                value = JsonPath.render(j.expression(), tree);
            } catch (JsonPath.TemplateError e) {
                throw new Kubectl.UsageError("error: " + e.getMessage());
            }
            return j.value() == null ? !value.isEmpty() : value.equals(j.value());
        }
        return c instanceof Condition.Create;
    }
}
