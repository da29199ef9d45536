package academy.minicluster.net.dataplane.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The direction a NetworkPolicy isolates ({@code spec.policyTypes}), named as the API names it. */
public enum PolicyType {
    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String apiName;

    PolicyType(String apiName) {
        this.apiName = apiName;
    }

    /** {@code Ingress} or {@code Egress}, as written in {@code spec.policyTypes}. */
    public String apiName() {
        return apiName;
    }

    /** {@code ingress} or {@code egress}, as a trace line starts. */
    public String word() {
        return apiName.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The directions a policy isolates, after the API server's defaulting: the listed {@code policyTypes}, or, when
     * none are listed, {@code Ingress} always and {@code Egress} only if the policy has at least one egress rule.
     * So {@code egress: []} without policyTypes does not isolate egress, while {@code ingress: []} isolates ingress.
     */
    public static Set<PolicyType> effective(NetworkPolicySpec spec) {
        List<String> listed = spec == null || spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        if (!listed.isEmpty()) {
            for (PolicyType type : values()) {
                if (listed.contains(type.apiName)) {
                    types.add(type);
                }
            }
            return types;
        }
        types.add(INGRESS);
        if (spec != null && spec.getEgress() != null && !spec.getEgress().isEmpty()) {
            types.add(EGRESS);
        }
        return types;
    }
}
