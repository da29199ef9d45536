package academy.minicluster.net.shell;

import academy.minicluster.net.api.ObjectCopier;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl set image|env|resources|selector}, as kubectl's {@code pkg/cmd/set} does them: each changes the
 * object's pod template (or a Service's selector) and writes it back, printing {@code deployment.apps/web image
 * updated}. kubectl has no {@code set probe}: {@code kubectl set probe ...} answers as kubectl does, with its
 * unknown-flag or unknown-command error.
 */
final class SetCommand {

    private static final String SUBCOMMANDS = "image env resources selector serviceaccount subject";
    private static final String NO_RESOURCES = "error: one or more resources must be specified as <resource> <name> "
            + "or <resource>/<name>";

    private final KubectlContext context;

    SetCommand(KubectlContext context) {
        this.context = context;
    }

    ShellResult run(String line, List<String> args) throws Flags.UnknownFlag {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (sub) {
            case "image" -> image(line, context.flags(rest, Map.of(), "all", "selector", "local", "dry-run",
                    "output", "record", "filename", "field-manager"));
            case "env" -> env(line, context.flags(rest, Map.of("c", "containers", "e", "env"), "all", "selector",
                    "containers", "env", "list", "overwrite", "local", "dry-run", "output", "filename", "resolve",
                    "keys", "from", "prefix", "field-manager"));
            case "resources" -> resources(line, context.flags(rest, Map.of("c", "containers"), "all", "selector",
                    "containers", "limits", "requests", "local", "dry-run", "output", "filename", "field-manager"));
            case "selector" -> selector(line, context.flags(rest, Map.of(), "all", "resource-version", "local",
                    "dry-run", "output", "filename", "field-manager", "record"));
            case "" -> KubectlContext.fail(line, "error: no subcommand given: kubectl set takes one of " + SUBCOMMANDS);
            default -> unknown(line, args);
        };
    }

    /**
     * kubectl set's {@code DefaultSubCommandRun}: flags are parsed first (kubectl set has only the global ones), then
     * any argument is an unknown command, all of them quoted together.
     */
    private ShellResult unknown(String line, List<String> args) throws Flags.UnknownFlag {
        try {
            context.flags(args, Map.of());
        } catch (Flags.UnknownFlag e) {
            return KubectlContext.fail(line, e.getMessage() + "\nSee 'kubectl set --help' for usage.");
        }
        return KubectlContext.fail(line, "error: unknown command \"" + String.join(" ", args)
                + "\"\nSee 'kubectl set -h' for help and examples");
    }

    /** Splits {@code TYPE NAME... | TYPE/NAME...} from the {@code KEY=VALUE} arguments after them. */
    private record Split(List<KubectlContext.Target> targets, List<String> assignments) {
    }

    private static Split split(List<String> positional) {
        List<String> resources = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        for (String p : positional) {
            if (p.contains("=") || (p.endsWith("-") && !resources.isEmpty())) {
                assignments.add(p);
            } else {
                resources.add(p);
            }
        }
        return new Split(KubectlContext.targets(resources, NO_RESOURCES), assignments);
    }

    private ShellResult image(String line, Flags f) {
        Split s = split(f.positional);
        if (s.assignments().isEmpty()) {
            throw new Kubectl.UsageError("error: at least one image update is required");
        }
        Map<String, String> images = new LinkedHashMap<>();
        for (String a : s.assignments()) {
            String[] kv = a.split("=", 2);
            images.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        if (images.containsKey("*") && images.size() > 1) {
            throw new Kubectl.UsageError("error: all containers are already specified by *, but saw more than one "
                    + "container_name=container_image pairs");
        }
        return update(line, f, s.targets(), "image updated", spec -> {
            for (Map.Entry<String, String> e : images.entrySet()) {
                boolean found = false;
                for (Container c : allContainers(spec)) {
                    if (e.getKey().equals("*") || e.getKey().equals(c.getName())) {
                        c.setImage(e.getValue());
                        found = true;
                    }
                }
                if (!found) {
                    throw new Kubectl.UsageError("error: unable to find container named \"" + e.getKey() + "\"");
                }
            }
        });
    }

    private ShellResult env(String line, Flags f) {
        Split s = split(f.positional);
        List<String> assignments = new ArrayList<>(f.all("env"));
        assignments.addAll(s.assignments());
        String containers = f.get("containers", "*");
        if (f.has("list")) {
            StringBuilder out = new StringBuilder();
            for (KubectlContext.Target t : s.targets()) {
                HasMetadata o = context.get(t, KubectlContext.namespace(f));
                for (Container c : podSpec(o).getContainers()) {
                    if (matches(containers, c.getName())) {
                        out.append("# ").append(t.resource().singular()).append(' ').append(t.name())
                                .append(", container ").append(c.getName()).append('\n');
                        for (EnvVar v : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
                            out.append(v.getName()).append('=').append(Objects.requireNonNullElse(v.getValue(), ""))
                                    .append('\n');
                        }
                    }
                }
            }
            return ShellResult.ok(line, out.toString());
        }
        if (assignments.isEmpty()) {
            throw new Kubectl.UsageError("error: at least one environment variable must be provided");
        }
        return update(line, f, s.targets(), "env updated", spec -> {
            for (Container c : spec.getContainers()) {
                if (!matches(containers, c.getName())) {
                    continue;
                }
                List<EnvVar> env = new ArrayList<>(Objects.requireNonNullElse(c.getEnv(), List.of()));
                for (String a : assignments) {
                    if (a.endsWith("-") && !a.contains("=")) {
                        String name = a.substring(0, a.length() - 1);
                        env.removeIf(v -> v.getName().equals(name));
                        continue;
                    }
                    String[] kv = a.split("=", 2);
                    EnvVar existing = env.stream().filter(v -> v.getName().equals(kv[0])).findFirst().orElse(null);
                    if (existing != null) {
                        if (!f.get("overwrite", "true").equals("true")) {
                            throw new Kubectl.UsageError("error: '" + kv[0] + "' already has a value ("
                                    + existing.getValue() + "), and --overwrite is false");
                        }
                        existing.setValue(kv[1]);
                        existing.setValueFrom(null);
                    } else {
                        env.add(new EnvVar(kv[0], kv[1], null));
                    }
                }
                c.setEnv(env);
            }
        });
    }

    private ShellResult resources(String line, Flags f) {
        Split s = split(f.positional);
        Map<String, Quantity> limits = quantities(f.get("limits", ""));
        Map<String, Quantity> requests = quantities(f.get("requests", ""));
        if (limits.isEmpty() && requests.isEmpty()) {
            throw new Kubectl.UsageError("error: you must specify an update to requests or limits (in the form of "
                    + "--requests/--limits)");
        }
        String containers = f.get("containers", "*");
        return update(line, f, s.targets(), "resource requirements updated", spec -> {
            boolean found = false;
            for (Container c : spec.getContainers()) {
                if (!matches(containers, c.getName())) {
                    continue;
                }
                found = true;
                ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
                Map<String, Quantity> l = new LinkedHashMap<>(Objects.requireNonNullElse(r.getLimits(), Map.of()));
                l.putAll(limits);
                Map<String, Quantity> q = new LinkedHashMap<>(Objects.requireNonNullElse(r.getRequests(), Map.of()));
                q.putAll(requests);
                r.setLimits(l.isEmpty() ? null : l);
                r.setRequests(q.isEmpty() ? null : q);
                c.setResources(r);
            }
            if (!found) {
                throw new Kubectl.UsageError("error: unable to find container named " + containers);
            }
        });
    }

    private static Map<String, Quantity> quantities(String text) {
        Map<String, Quantity> result = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return result;
        }
        for (String statement : text.split(",")) {
            String[] kv = statement.split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty() || kv[1].isEmpty()) {
                throw new Kubectl.UsageError("error: invalid argument syntax " + statement
                        + ", expected <resource>=<value>");
            }
            result.put(kv[0], new Quantity(kv[1]));
        }
        return result;
    }

    private ShellResult selector(String line, Flags f) {
        List<String> pos = f.positional;
        if (pos.size() < 2) {
            throw new Kubectl.UsageError("error: one selector is required");
        }
        String expression = pos.get(pos.size() - 1);
        Map<String, String> selector = new LinkedHashMap<>();
        for (String part : expression.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new Kubectl.UsageError("error: match expression [" + part + "] not supported on this object");
            }
            selector.put(kv[0], kv[1]);
        }
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : KubectlContext.targets(pos.subList(0, pos.size() - 1), NO_RESOURCES)) {
            HasMetadata o = context.get(t, KubectlContext.namespace(f));
            if (!(o instanceof Service service)) {
                throw new Kubectl.UsageError("error: setting a selector is only supported for Services");
            }
            Service copy = ObjectCopier.deepCopy(service);
            copy.getSpec().setSelector(selector);
            context.cluster().api().apply(copy);
            out.append(t.typeSlashName()).append(" selector updated\n");
        }
        return ShellResult.ok(line, out.toString());
    }

    private interface SpecChange {
        void apply(PodSpec spec);
    }

    private ShellResult update(String line, Flags f, List<KubectlContext.Target> targets, String operation,
                               SpecChange change) {
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets) {
            HasMetadata copy = ObjectCopier.deepCopy(context.get(t, KubectlContext.namespace(f)));
            change.apply(podSpec(copy));
            context.cluster().api().apply(copy);
            out.append(t.typeSlashName()).append(' ').append(operation).append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    static PodSpec podSpec(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (o instanceof ReplicaSet rs) {
            return rs.getSpec().getTemplate().getSpec();
        }
        if (o instanceof Pod p) {
            return p.getSpec();
        }
        throw new Kubectl.UsageError("error: " + o.getKind().toLowerCase(java.util.Locale.ROOT) + "s/"
                + o.getMetadata().getName() + " the object is not a pod or does not have a pod template: "
                + "*v1." + o.getKind());
    }

    private static List<Container> allContainers(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.getContainers());
        all.addAll(Objects.requireNonNullElse(spec.getInitContainers(), List.of()));
        return all;
    }

    private static boolean matches(String pattern, String name) {
        return pattern.equals("*") || pattern.equals(name);
    }
}
