package academy.minicluster.net.dataplane.policy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One ingress or egress rule, compiled: it allows a flow whose other end matches any of {@code peers} (none listed =
 * every peer, inside or outside the cluster) AND whose port matches any of {@code ports} (none listed = every port
 * and protocol).
 *
 * @param number the rule's position in its list, from 1, as traces name it
 */
record PolicyRule(int number, List<PolicyPeer> peers, List<PolicyPort> ports) {

    PolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    boolean allowsPeer(FlowEnd remote) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> peer.matches(remote));
    }

    boolean allowsPort(Flow flow, Pod destination) {
        return ports.isEmpty() || ports.stream().anyMatch(port -> port.matches(flow.port(), flow.protocol(), destination));
    }

    /** {@code 81/TCP, serve-80-tcp/TCP}: the ports this rule allows, for a hint in a denial. */
    String describePorts() {
        return ports.stream().map(PolicyPort::describe).collect(Collectors.joining(", "));
    }
}
