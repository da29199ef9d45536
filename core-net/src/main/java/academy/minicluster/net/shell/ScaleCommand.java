package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.targets;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.shell.Kubectl.UsageError;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;

/**
 * {@code kubectl scale}: a Deployment's or ReplicaSet's replicas.
 */
final class ScaleCommand {

    private final Cluster cluster;

    ScaleCommand(KubectlContext context) {
        this.cluster = context.cluster();
    }

    ShellResult run(String line, Flags f) {
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
}
