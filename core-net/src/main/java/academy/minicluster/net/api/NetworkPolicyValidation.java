package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a NetworkPolicy's spec as kube-apiserver does ({@code pkg/apis/networking/validation/validation.go},
 * {@code ValidateNetworkPolicySpec}), in the same order and with the same field paths and words, so that a learner
 * sees what {@code kubectl apply} would print after {@code The NetworkPolicy "x" is invalid:}.
 *
 * <p>Object metadata (name, namespace, labels) is validated with every other kind's, not here. CIDRs are checked
 * as the API server checks them while the {@code StrictIPCIDRValidation} gate is off (its default): a value with host
 * bits set ({@code 10.0.0.1/24}) is accepted and means its network.
 */
public final class NetworkPolicyValidation {

    private static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("^[-a-z0-9]+$");
    private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile("[a-z]");
    private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

    private NetworkPolicyValidation() {
    }

    /** All errors of {@code policy.spec}, in kube-apiserver's order; empty when the API server would accept it. */
    public static List<FieldError> validate(NetworkPolicy policy) {
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        List<FieldError> errors = new ArrayList<>(LabelSelectors.validate(spec.getPodSelector(), "spec.podSelector"));
        List<NetworkPolicyIngressRule> ingress = orEmpty(spec.getIngress());
        for (int i = 0; i < ingress.size(); i++) {
            String rulePath = "spec.ingress[" + i + "]";
            List<NetworkPolicyPort> ports = orEmpty(ingress.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                errors.addAll(validatePort(ports.get(j), rulePath + ".ports[" + j + "]"));
            }
            List<NetworkPolicyPeer> from = orEmpty(ingress.get(i).getFrom());
            for (int j = 0; j < from.size(); j++) {
                errors.addAll(validatePeer(from.get(j), rulePath + ".from[" + j + "]"));
            }
        }
        List<NetworkPolicyEgressRule> egress = orEmpty(spec.getEgress());
        for (int i = 0; i < egress.size(); i++) {
            String rulePath = "spec.egress[" + i + "]";
            List<NetworkPolicyPort> ports = orEmpty(egress.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                errors.addAll(validatePort(ports.get(j), rulePath + ".ports[" + j + "]"));
            }
            List<NetworkPolicyPeer> to = orEmpty(egress.get(i).getTo());
            for (int j = 0; j < to.size(); j++) {
                errors.addAll(validatePeer(to.get(j), rulePath + ".to[" + j + "]"));
            }
        }
        List<String> policyTypes = orEmpty(spec.getPolicyTypes());
        if (policyTypes.size() > POLICY_TYPES.size()) {
            errors.add(FieldError.invalid("spec.policyTypes", goSlice(policyTypes),
                    "may not specify more than two policyTypes"));
            return errors;
        }
        for (int i = 0; i < policyTypes.size(); i++) {
            if (!POLICY_TYPES.contains(policyTypes.get(i))) {
                errors.add(FieldError.notSupported("spec.policyTypes[" + i + "]", policyTypes.get(i), POLICY_TYPES));
            }
        }
        return errors;
    }

    private static List<FieldError> validatePort(NetworkPolicyPort port, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
            errors.add(FieldError.notSupported(path + ".protocol", port.getProtocol(), PROTOCOLS));
        }
        IntOrString number = port.getPort();
        Integer endPort = port.getEndPort();
        if (number == null || (number.getIntVal() == null && number.getStrVal() == null)) {
            if (endPort != null) {
                errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is not specified"));
            }
        } else if (number.getIntVal() != null) {
            int value = number.getIntVal();
            if (value < 1 || value > 65535) {
                errors.add(FieldError.invalid(path + ".port", value, PORT_RANGE));
            }
            if (endPort != null) {
                if (endPort < value) {
                    errors.add(FieldError.invalid(path + ".endPort", endPort, "must be greater than or equal to `port`"));
                }
                if (endPort < 1 || endPort > 65535) {
                    errors.add(FieldError.invalid(path + ".endPort", endPort, PORT_RANGE));
                }
            }
        } else {
            if (endPort != null) {
                errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is non-numeric"));
            }
            for (String message : portNameErrors(number.getStrVal())) {
                errors.add(FieldError.invalid(path + ".port", number.getStrVal(), message));
            }
        }
        return errors;
    }

    private static List<FieldError> validatePeer(NetworkPolicyPeer peer, String path) {
        List<FieldError> errors = new ArrayList<>();
        int selectors = 0;
        if (peer.getPodSelector() != null) {
            selectors++;
            errors.addAll(LabelSelectors.validate(peer.getPodSelector(), path + ".podSelector"));
        }
        if (peer.getNamespaceSelector() != null) {
            selectors++;
            errors.addAll(LabelSelectors.validate(peer.getNamespaceSelector(), path + ".namespaceSelector"));
        }
        if (peer.getIpBlock() != null) {
            selectors++;
            errors.addAll(validateIpBlock(peer.getIpBlock(), path + ".ipBlock"));
        }
        if (selectors == 0) {
            errors.add(FieldError.required(path, "must specify a peer"));
        } else if (selectors > 1 && peer.getIpBlock() != null) {
            errors.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
        return errors;
    }

    private static List<FieldError> validateIpBlock(IPBlock block, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (block.getCidr() == null || block.getCidr().isEmpty()) {
            errors.add(FieldError.required(path + ".cidr", ""));
            return errors;
        }
        Optional<Cidr> cidr = Cidr.parse(block.getCidr());
        if (cidr.isEmpty()) {
            errors.add(invalidCidr(path + ".cidr", block.getCidr()));
            return errors;
        }
        List<String> except = orEmpty(block.getExcept());
        for (int i = 0; i < except.size(); i++) {
            String exceptPath = path + ".except[" + i + "]";
            Optional<Cidr> excepted = Cidr.parse(except.get(i));
            if (excepted.isEmpty()) {
                errors.add(invalidCidr(exceptPath, except.get(i)));
            } else if (!cidr.get().strictlyContains(excepted.get())) {
                errors.add(FieldError.invalid(exceptPath, except.get(i), "must be a strict subset of `cidr`"));
            }
        }
        return errors;
    }

    private static FieldError invalidCidr(String path, String value) {
        return FieldError.invalid(path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    /** apimachinery {@code validation.IsValidPortName}. */
    static List<String> portNameErrors(String name) {
        List<String> errors = new ArrayList<>();
        if (name.length() > 15) {
            errors.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARSET.matcher(name).matches()) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PORT_NAME_ONE_LETTER.matcher(name).find()) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (!name.isEmpty() && (name.startsWith("-") || name.endsWith("-"))) {
            errors.add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /** The API server prints this bad value with Go's {@code %#v}: {@code []networking.PolicyType{"Ingress", ...}}. */
    private static Object goSlice(List<String> policyTypes) {
        String text = policyTypes.stream().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(", ", "[]networking.PolicyType{", "}"));
        return new GoSyntax(text);
    }

    /** A bad value that must be printed as is, not quoted like a string. */
    private record GoSyntax(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
