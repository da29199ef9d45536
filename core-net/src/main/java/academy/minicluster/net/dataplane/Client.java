package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import io.fabric8.kubernetes.api.model.Pod;
import academy.minicluster.net.probe.ClientHost;

/**
 * The sender of a connection: a pod (its IP, its node), a node (a debug pod in the node's network namespace, or a
 * hostNetwork pod), or the workstation outside the cluster.
 */
record Client(ClientHost.Kind kind, String ip, String nodeName, Pod pod, ObjectRef ref) {

    String describe() {
        return switch (kind) {
            case POD -> "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " (" + ip + ")";
            case NODE -> "node " + nodeName + " (" + ip + ")";
            case WORKSTATION -> "the workstation (" + ip + ")";
        };
    }
}
