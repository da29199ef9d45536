package academy.minicluster.net.dataplane.policy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * One end of a flow, resolved once per decision: what a policy rule may test about it. {@code pod} is set only for
 * a pod on the pod network; nodes, external hosts and hostNetwork pods have none, so only {@code ipBlock} can select
 * them.
 *
 * @param pod             the pod, when it is on the pod network
 * @param namespace       the pod's namespace (null for a host)
 * @param labels          the pod's labels
 * @param namespaceLabels its namespace's labels, with {@code kubernetes.io/metadata.name}
 * @param ip              its address (null for a pod with no IP yet)
 * @param nodeName        the node it runs on, or the node it is (null for an external host)
 * @param hostNetworkPod  a pod with {@code hostNetwork: true}, treated as its node
 * @param text            how traces name it
 */
record FlowEnd(Pod pod, String namespace, Map<String, String> labels, Map<String, String> namespaceLabels,
               String ip, String nodeName, boolean hostNetworkPod, String text) {

    boolean isPod() {
        return pod != null;
    }

    /** A node's own address space: a node, or a hostNetwork pod that shares it. */
    boolean isNodeTraffic() {
        return nodeName != null && pod == null;
    }
}
