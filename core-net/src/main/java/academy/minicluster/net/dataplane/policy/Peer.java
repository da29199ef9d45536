package academy.minicluster.net.dataplane.policy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Objects;

/**
 * One end of a connection as NetworkPolicy sees it: a pod (selectable by pod and namespace selectors, and by
 * {@code ipBlock} on its IP) or a host — a node, or an address outside the cluster — that only {@code ipBlock}
 * can select.
 */
public sealed interface Peer {

    /** The peer's IP address, or {@code null} when it has none yet (a pending pod). */
    String ip();

    /** How a trace names this peer: {@code x/a}, {@code node kind-worker (172.18.0.2)}, {@code 172.18.0.1}. */
    String describe();

    /**
     * A pod, with its {@code status.podIP}, {@code spec.nodeName}, labels and container ports.
     * A pod with {@code spec.hostNetwork: true} shares its node's network namespace, so NetworkPolicy treats its
     * traffic as the node's (see {@link PolicyIndex}).
     */
    record PodPeer(Pod pod) implements Peer {

        public PodPeer {
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(pod.getMetadata(), "pod.metadata");
        }

        public String namespace() {
            String namespace = pod.getMetadata().getNamespace();
            return namespace == null || namespace.isEmpty() ? "default" : namespace;
        }

        public String name() {
            return pod.getMetadata().getName();
        }

        public Map<String, String> labels() {
            Map<String, String> labels = pod.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        public String nodeName() {
            return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        }

        public boolean hostNetwork() {
            return pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        }

        /** Whether both name the same pod (same namespace and name). */
        public boolean isSamePod(PodPeer other) {
            return namespace().equals(other.namespace()) && Objects.equals(name(), other.name());
        }

        @Override
        public String ip() {
            return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        }

        @Override
        public String describe() {
            return namespace() + "/" + name();
        }
    }

    /**
     * A host: a node ({@code nodeName} set, {@code ip} its InternalIP) or an address outside the cluster such as the
     * learner's workstation {@code 172.18.0.1} ({@code nodeName} null).
     */
    record HostPeer(String ip, String nodeName) implements Peer {

        public HostPeer {
            Objects.requireNonNull(ip, "ip");
        }

        public static HostPeer node(String nodeName, String ip) {
            return new HostPeer(ip, Objects.requireNonNull(nodeName, "nodeName"));
        }

        public static HostPeer external(String ip) {
            return new HostPeer(ip, null);
        }

        public boolean isNode() {
            return nodeName != null;
        }

        @Override
        public String describe() {
            return isNode() ? "node " + nodeName + " (" + ip + ")" : ip;
        }
    }
}
