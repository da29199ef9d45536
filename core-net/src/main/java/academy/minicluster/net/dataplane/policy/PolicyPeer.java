package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.api.Cidr;
import academy.minicluster.net.api.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One entry of a rule's {@code from} or {@code to}, compiled. */
sealed interface PolicyPeer {

    /** Whether the other end of the flow is this peer. */
    boolean matches(FlowEnd remote);

    static PolicyPeer compile(NetworkPolicyPeer peer, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            Optional<Cidr> cidr = Cidr.parse(peer.getIpBlock().getCidr());
            if (cidr.isEmpty()) {
                return new Nothing();
            }
            List<Cidr> except = new ArrayList<>();
            if (peer.getIpBlock().getExcept() != null) {
                for (String text : peer.getIpBlock().getExcept()) {
                    Cidr.parse(text).ifPresent(except::add);
                }
            }
            return new IpBlock(cidr.get(), List.copyOf(except));
        }
        if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null) {
            return new Nothing();
        }
        return new Selectors(peer.getPodSelector(), peer.getNamespaceSelector(), policyNamespace);
    }

    /**
     * {@code podSelector} and/or {@code namespaceSelector}. A podSelector alone means pods of the policy's own
     * namespace; a namespaceSelector alone all pods of the matching namespaces; both in one peer, pods matching the
     * podSelector in namespaces matching the namespaceSelector. Only pods on the pod network are selectable.
     */
    record Selectors(LabelSelector podSelector, LabelSelector namespaceSelector, String policyNamespace)
            implements PolicyPeer {

        @Override
        public boolean matches(FlowEnd remote) {
            if (!remote.isPod()) {
                return false;
            }
            boolean inNamespace = namespaceSelector == null
                    ? policyNamespace.equals(remote.namespace())
                    : LabelSelectors.matches(namespaceSelector, remote.namespaceLabels());
            return inNamespace && (podSelector == null || LabelSelectors.matches(podSelector, remote.labels()));
        }
    }

    /** {@code ipBlock}: addresses in {@code cidr} but in none of {@code except}, whatever they belong to. */
    record IpBlock(Cidr cidr, List<Cidr> except) implements PolicyPeer {

        @Override
        public boolean matches(FlowEnd remote) {
            if (remote.ip() == null || !cidr.contains(remote.ip())) {
                return false;
            }
            for (Cidr excepted : except) {
                if (excepted.contains(remote.ip())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A peer the API server would have rejected (no selector, bad CIDR): it selects nothing. */
    record Nothing() implements PolicyPeer {
        @Override
        public boolean matches(FlowEnd remote) {
            return false;
        }
    }
}
