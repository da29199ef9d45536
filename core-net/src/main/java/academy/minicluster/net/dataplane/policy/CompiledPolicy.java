package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One NetworkPolicy, compiled for deciding flows: which pods of its namespace it selects, which directions it
 * isolates ({@link PolicyType#effective}) and its rules per direction.
 *
 * @param podSelector the pods it applies to; an absent selector is {@code {}}, all pods of the namespace
 */
record CompiledPolicy(ObjectRef ref, LabelSelector podSelector, Set<PolicyType> types,
                      List<PolicyRule> ingress, List<PolicyRule> egress) {

    static CompiledPolicy compile(NetworkPolicy policy) {
        String namespace = policy.getMetadata().getNamespace();
        namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
        ObjectRef ref = new ObjectRef("NetworkPolicy", namespace, policy.getMetadata().getName());
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        LabelSelector podSelector = spec.getPodSelector() == null ? new LabelSelector() : spec.getPodSelector();
        List<PolicyRule> ingress = new ArrayList<>();
        for (NetworkPolicyIngressRule rule : orEmpty(spec.getIngress())) {
            ingress.add(compile(ingress.size() + 1, rule.getFrom(), rule.getPorts(), namespace));
        }
        List<PolicyRule> egress = new ArrayList<>();
        for (NetworkPolicyEgressRule rule : orEmpty(spec.getEgress())) {
            egress.add(compile(egress.size() + 1, rule.getTo(), rule.getPorts(), namespace));
        }
        return new CompiledPolicy(ref, podSelector, Collections.unmodifiableSet(PolicyType.effective(spec)),
                List.copyOf(ingress), List.copyOf(egress));
    }

    private static PolicyRule compile(int number, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports,
                                      String namespace) {
        return new PolicyRule(number,
                orEmpty(peers).stream().map(peer -> PolicyPeer.compile(peer, namespace)).toList(),
                orEmpty(ports).stream().map(PolicyPort::compile).toList());
    }

    /** Whether this policy applies to a pod of its namespace carrying {@code labels}. */
    boolean selects(Map<String, String> labels) {
        return LabelSelectors.matches(podSelector, labels);
    }

    boolean isolates(PolicyType type) {
        return types.contains(type);
    }

    List<PolicyRule> rules(PolicyType type) {
        return type == PolicyType.INGRESS ? ingress : egress;
    }

    /** {@code x/deny-all}: how traces name a policy after the word NetworkPolicy. */
    String path() {
        return ref.namespace() + "/" + ref.name();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
