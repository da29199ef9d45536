package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.namespace;
import static academy.minicluster.net.shell.KubectlContext.resource;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kubectl expose}: a Service for a Deployment, ReplicaSet, Pod or Service.
 */
final class ExposeCommand {

    private final Cluster cluster;
    private final ImperativeCreate creation;

    ExposeCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.creation = new ImperativeCreate(context);
    }

    ShellResult run(String line, Flags f) {
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
        return creation.created(line, f, svc.build(), "exposed");
    }

    private static Integer firstContainerPort(io.fabric8.kubernetes.api.model.PodSpec spec) {
        for (var c : spec.getContainers()) {
            if (c.getPorts() != null && !c.getPorts().isEmpty()) {
                return c.getPorts().get(0).getContainerPort();
            }
        }
        return null;
    }
}
