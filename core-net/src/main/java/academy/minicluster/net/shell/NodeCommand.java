package academy.minicluster.net.shell;

import academy.minicluster.net.api.ObjectCopier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kubectl taint nodes NAME KEY[=VALUE]:EFFECT... [KEY[:EFFECT]-]} and {@code kubectl cordon|uncordon NAME},
 * as kubectl's {@code pkg/cmd/taint} and {@code pkg/cmd/drain} do them: the node's {@code spec.taints} or
 * {@code spec.unschedulable} changed and written back, which the scheduler honours from the next pod on. As in
 * Kubernetes, neither moves a pod already running (the mini-cluster has no taint manager: a NoExecute taint evicts
 * nothing).
 */
final class NodeCommand {

    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

    private final KubectlContext context;

    NodeCommand(KubectlContext context) {
        this.context = context;
    }

    ShellResult cordon(String line, List<String> args, boolean desired) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of(), "selector", "dry-run");
        if (f.positional.isEmpty()) {
            throw new Kubectl.UsageError("error: USAGE: " + (desired ? "cordon" : "uncordon") + " NODE [flags]\n"
                    + "See 'kubectl " + (desired ? "cordon" : "uncordon") + " -h' for help and examples");
        }
        StringBuilder out = new StringBuilder();
        for (String name : f.positional) {
            Node node = node(name);
            String verb = desired ? "cordoned" : "uncordoned";
            if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) == desired) {
                out.append("node/").append(name).append(" already ").append(verb).append('\n');
                continue;
            }
            Node copy = ObjectCopier.deepCopy(node);
            copy.getSpec().setUnschedulable(desired ? Boolean.TRUE : null);
            context.cluster().api().apply(copy);
            out.append("node/").append(name).append(' ').append(verb).append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    ShellResult taint(String line, List<String> args) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of(), "overwrite", "all", "selector", "dry-run", "output", "validate",
                "field-manager");
        List<String> pos = f.positional;
        if (pos.size() < 2) {
            throw new Kubectl.UsageError("error: one or more resources must be specified as <resource> <name>");
        }
        String type = pos.get(0);
        List<String> names = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        int start = 1;
        if (type.contains("/")) {
            names.add(type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        } else {
            names.add(pos.get(1));
            start = 2;
        }
        if (!KubectlContext.resource(type).kind().equals("Node")) {
            throw new Kubectl.UsageError("error: invalid resource type " + type + ", only node types are supported");
        }
        for (String p : pos.subList(start, pos.size())) {
            specs.add(p);
        }
        if (specs.isEmpty()) {
            throw new Kubectl.UsageError("error: at least one taint update is required");
        }
        List<Taint> add = new ArrayList<>();
        List<Taint> remove = new ArrayList<>();
        for (String spec : specs) {
            boolean removal = spec.endsWith("-");
            Taint t = parse(removal ? spec.substring(0, spec.length() - 1) : spec);
            if (removal) {
                remove.add(t);
            } else {
                if (t.getEffect() == null) {
                    throw new Kubectl.UsageError("error: invalid taint spec: " + spec);
                }
                add.add(t);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Node node = node(name);
            List<Taint> old = Objects.requireNonNullElse(node.getSpec().getTaints(), List.of());
            if (!f.has("overwrite")) {
                List<String> exists = new ArrayList<>();
                for (Taint t : add) {
                    for (Taint o : old) {
                        if (t.getKey().equals(o.getKey()) && t.getEffect().equals(o.getEffect())) {
                            exists.add(t.getKey());
                        }
                    }
                }
                if (!exists.isEmpty()) {
                    throw new Kubectl.UsageError("error: node " + name + " already has " + String.join(",", exists)
                            + " taint(s) with same effect(s) and --overwrite is false");
                }
            }
            // kubectl's reorganizeTaints: the new taints, then the old ones they do not replace, minus removals.
            List<Taint> taints = new ArrayList<>(add);
            for (Taint o : old) {
                if (taints.stream().noneMatch(t -> t.getKey().equals(o.getKey())
                        && Objects.equals(t.getEffect(), o.getEffect()))) {
                    taints.add(o);
                }
            }
            boolean added = old.size() != taints.size();
            boolean deleted = false;
            for (Taint r : remove) {
                boolean removed = taints.removeIf(t -> t.getKey().equals(r.getKey())
                        && (r.getEffect() == null || r.getEffect().equals(t.getEffect())));
                if (!removed) {
                    throw new Kubectl.UsageError("error: taint \"" + text(r) + "\" not found");
                }
                deleted = true;
            }
            String operation = (added && deleted) || f.has("overwrite") ? "modified" : added ? "tainted" : "untainted";
            Node copy = ObjectCopier.deepCopy(node);
            copy.getSpec().setTaints(taints.isEmpty() ? null : taints);
            context.cluster().api().apply(copy);
            out.append("node/").append(name).append(' ').append(operation).append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    private Node node(String name) {
        HasMetadata o = context.get(new KubectlContext.Target(KubectlContext.resource("nodes"), name), "");
        return (Node) o;
    }

    /** kubectl's {@code parseTaint}: {@code KEY=VALUE:EFFECT}, {@code KEY:EFFECT} or {@code KEY}. */
    private static Taint parse(String spec) {
        String[] parts = spec.split(":", -1);
        String key;
        String value = null;
        String effect = null;
        if (parts.length == 1) {
            key = parts[0];
        } else if (parts.length == 2) {
            effect = parts[1];
            if (!EFFECTS.contains(effect)) {
                throw new Kubectl.UsageError("error: invalid taint effect: " + effect + ", unsupported taint effect");
            }
            String[] kv = parts[0].split("=", -1);
            if (kv.length > 2) {
                throw new Kubectl.UsageError("error: invalid taint spec: " + spec);
            }
            key = kv[0];
            value = kv.length == 2 ? kv[1] : null;
        } else {
            throw new Kubectl.UsageError("error: invalid taint spec: " + spec);
        }
        if (!QUALIFIED_NAME.matcher(key).matches()) {
            throw new Kubectl.UsageError("error: invalid taint spec: " + spec + ", name part must consist of "
                    + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                    + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                    + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
        Taint t = new Taint();
        t.setKey(key);
        t.setValue(value == null || value.isEmpty() ? null : value);
        t.setEffect(effect);
        return t;
    }

    /** corev1 {@code Taint.ToString}. */
    private static String text(Taint t) {
        if (t.getEffect() == null) {
            return t.getValue() == null ? t.getKey() : t.getKey() + "=" + t.getValue() + ":";
        }
        return t.getValue() == null ? t.getKey() + ":" + t.getEffect()
                : t.getKey() + "=" + t.getValue() + ":" + t.getEffect();
    }
}
