package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.targets;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.shell.Kubectl.UsageError;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl label} and {@code kubectl annotate}: the same command over two maps of the metadata.
 */
final class LabelCommand {

    private final Cluster cluster;

    LabelCommand(KubectlContext context) {
        this.cluster = context.cluster();
    }

    ShellResult run(String line, Flags f, boolean annotations) {
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
}
