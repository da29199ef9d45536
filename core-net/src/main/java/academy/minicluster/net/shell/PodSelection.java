package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.namespace;
import static academy.minicluster.net.shell.KubectlContext.resource;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pod and container a command that runs in one pod ({@code exec}, {@code logs}) takes, as kubectl's
 * {@code polymorphichelpers.AttachablePodForObject} and {@code podcmd.FindOrDefaultContainerByName} choose them, each
 * with what kubectl says about its choice on standard error (empty when there was nothing to choose from).
 */
final class PodSelection {

    private PodSelection() {
    }

    /** The pod chosen, and kubectl's {@code Found 3 pods, using pod/web-...} when several matched. */
    record PodChoice(Pod pod, String note) {
    }

    /** The container chosen, and kubectl's {@code Defaulted container "a" out of: a, b} when it chose one. */
    record ContainerChoice(String name, String note) {
    }

    /** {@code POD} or {@code TYPE/NAME} (a Deployment, ReplicaSet or Service: the first of its pods). */
    static PodChoice pod(Cluster cluster, Flags f, String ref) {
        String namespace = namespace(f);
        if (!ref.contains("/")) {
            return new PodChoice(cluster.store().get(Pod.class, "Pod", namespace, ref)
                    .orElseThrow(() -> ApiServer.notFound("Pod", ref)), "");
        }
        String type = ref.substring(0, ref.indexOf('/'));
        String name = ref.substring(ref.indexOf('/') + 1);
        Kinds.Resource r = resource(type);
        if (r.kind().equals("Pod")) {
            return new PodChoice(cluster.store().get(Pod.class, "Pod", namespace, name)
                    .orElseThrow(() -> ApiServer.notFound("Pod", name)), "");
        }
        HasMetadata owner = cluster.store().get(r.kind(), namespace, name)
                .orElseThrow(() -> ApiServer.notFound(r.kind(), name));
        LabelSelector selector = owner instanceof Deployment d ? d.getSpec().getSelector()
                : owner instanceof ReplicaSet rs ? rs.getSpec().getSelector()
                : owner instanceof Service s
                ? new LabelSelectorBuilder().withMatchLabels(s.getSpec().getSelector()).build()
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
        // kubectl tells which of the pods it picked (the first by its logging order).
        String note = matching.size() == 1 ? "" : "Found " + matching.size() + " pods, using pod/"
                + matching.get(0).getMetadata().getName() + "\n";
        return new PodChoice(matching.get(0), note);
    }

    /** {@code -c CONTAINER}, else the pod's {@code kubectl.kubernetes.io/default-container}, else its first. */
    static ContainerChoice container(Pod pod, Flags f) {
        String c = f.get("container");
        if (c == null) {
            var containers = pod.getSpec().getContainers();
            var annotations = pod.getMetadata().getAnnotations();
            String chosen = annotations != null && annotations.get("kubectl.kubernetes.io/default-container") != null
                    ? annotations.get("kubectl.kubernetes.io/default-container") : containers.get(0).getName();
            // kubectl says which container it chose when the pod has several.
            String note = containers.size() <= 1 ? "" : "Defaulted container \"" + chosen + "\" out of: "
                    + String.join(", ", containers.stream().map(x -> x.getName()).toList()) + "\n";
            return new ContainerChoice(chosen, note);
        }
        for (var container : pod.getSpec().getContainers()) {
            if (container.getName().equals(c)) {
                return new ContainerChoice(c, "");
            }
        }
        throw new UsageError("Error from server (BadRequest): container " + c + " is not valid for pod "
                + pod.getMetadata().getName());
    }
}
