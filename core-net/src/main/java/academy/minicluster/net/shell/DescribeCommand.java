package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.parseSelector;
import static academy.minicluster.net.shell.KubectlArgs.targets;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl describe}: kubectl's describers, by name, name prefix or selector.
 */
final class DescribeCommand {

    private final Cluster cluster;
    private final Describer describer;

    DescribeCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.describer = new Describer(context.cluster());
    }


    ShellResult run(String line, Flags f) {
        List<Target> targets = targets(f);
        String namespace = namespace(f);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        if (targets.stream().anyMatch(t -> t.resource().kind().equals("Endpoints"))) {
            err.append(Kubectl.ENDPOINTS_DEPRECATED);
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
}
