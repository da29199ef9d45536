package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages of kube-apiserver's {@code ValidateNetworkPolicySpec}, word for word. */
class NetworkPolicyValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<String> errors(String specYaml) throws IOException {
        NetworkPolicy policy = new NetworkPolicyBuilder().withNewMetadata().withNamespace("x").withName("p").endMetadata()
                .withSpec(YAML.readValue(specYaml, NetworkPolicySpec.class)).build();
        return NetworkPolicyValidation.validate(policy).stream().map(FieldError::toString).toList();
    }

    @Test
    void wellFormedPolicyHasNoErrors() throws IOException {
        assertThat(errors("{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress], "
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/8, except: "
                + "[10.1.0.0/16]}}], ports: [{port: 80}, {port: http, protocol: TCP}, {port: 8000, endPort: 8080}, "
                + "{protocol: UDP}]}], egress: [{}]}")).isEmpty();
    }

    @Test
    void missingPodSelectorIsAccepted() throws IOException {
        assertThat(errors("{policyTypes: [Ingress]}")).isEmpty();
    }

    @Test
    void unknownPolicyTypeIsUnsupported() throws IOException {
        assertThat(errors("{podSelector: {}, policyTypes: [Ingres]}")).containsExactly(
                "spec.policyTypes[0]: Unsupported value: \"Ingres\": supported values: \"Ingress\", \"Egress\"");
    }

    @Test
    void moreThanTwoPolicyTypesAreInvalid() throws IOException {
        assertThat(errors("{podSelector: {}, policyTypes: [Ingress, Egress, Ingress]}")).containsExactly(
                "spec.policyTypes: Invalid value: []networking.PolicyType{\"Ingress\", \"Egress\", \"Ingress\"}: "
                        + "may not specify more than two policyTypes");
    }

    @Test
    void peerWithoutAnySelectorIsRequired() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{from: [{}]}]}")).containsExactly(
                "spec.ingress[0].from[0]: Required value: must specify a peer");
    }

    @Test
    void ipBlockCombinedWithASelectorIsForbidden() throws IOException {
        assertThat(errors("{podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}"))
                .containsExactly("spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer");
    }

    @Test
    void malformedCidrIsInvalid() throws IOException {
        assertThat(errors("{podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}")).containsExactly(
                "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, "
                        + "(e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    @Test
    void emptyCidrIsRequired() throws IOException {
        assertThat(errors("{podSelector: {}, egress: [{to: [{ipBlock: {cidr: ''}}]}]}")).containsExactly(
                "spec.egress[0].to[0].ipBlock.cidr: Required value");
    }

    @Test
    void exceptMustBeAStrictSubsetOfTheCidr() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: "
                + "[10.0.1.0/24, 10.0.0.0/16, 10.0.0.0/8, 192.168.0.0/24]}}]}]}")).containsExactly(
                "spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: \"10.0.0.0/16\": must be a strict subset of `cidr`",
                "spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`",
                "spec.ingress[0].from[0].ipBlock.except[3]: Invalid value: \"192.168.0.0/24\": must be a strict subset of `cidr`");
    }

    @Test
    void endPortBelowPortIsInvalid() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{port: 8080, endPort: 80}]}]}")).containsExactly(
                "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`");
    }

    @Test
    void endPortWithANamedPortIsInvalid() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}")).containsExactly(
                "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric");
    }

    @Test
    void endPortWithoutPortIsInvalid() throws IOException {
        assertThat(errors("{podSelector: {}, egress: [{ports: [{protocol: TCP, endPort: 90}]}]}")).containsExactly(
                "spec.egress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified");
    }

    @Test
    void portNumbersMustBeBetween1And65535() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{port: 0}, {port: 80, endPort: 70000}]}]}"))
                .containsExactly(
                        "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ingress[0].ports[1].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void unsupportedProtocolIsRejected() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{protocol: ICMP}]}]}")).containsExactly(
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"");
    }

    @Test
    void protocolIsCaseSensitive() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{protocol: tcp}]}]}")).containsExactly(
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"TCP\", \"UDP\", \"SCTP\"");
    }

    @Test
    void namedPortMustBeAValidPortName() throws IOException {
        assertThat(errors("{podSelector: {}, ingress: [{ports: [{port: HTTP}, {port: '8080'}, {port: web--ui}]}]}"))
                .containsExactly(
                        "spec.ingress[0].ports[0].port: Invalid value: \"HTTP\": must contain only alpha-numeric "
                                + "characters (a-z, 0-9), and hyphens (-)",
                        "spec.ingress[0].ports[0].port: Invalid value: \"HTTP\": must contain at least one letter (a-z)",
                        "spec.ingress[0].ports[1].port: Invalid value: \"8080\": must contain at least one letter (a-z)",
                        "spec.ingress[0].ports[2].port: Invalid value: \"web--ui\": must not contain consecutive hyphens");
    }

    @Test
    void selectorsOfThePolicyAndItsPeersAreValidated() throws IOException {
        assertThat(errors("{podSelector: {matchExpressions: [{key: app, operator: In}]}, ingress: [{from: "
                + "[{namespaceSelector: {matchExpressions: [{key: team, operator: Exists, values: [a]}]}}]}]}"))
                .containsExactly(
                        "spec.podSelector.matchExpressions[0].values: Required value: must be specified when "
                                + "`operator` is 'In' or 'NotIn'",
                        "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values: Forbidden: may not be "
                                + "specified when `operator` is 'Exists' or 'DoesNotExist'");
    }

    @Test
    void errorsComeInTheApiServersOrder() throws IOException {
        assertThat(errors("{podSelector: {}, policyTypes: [Foo], egress: [{to: [{}], ports: [{port: 0}]}], "
                + "ingress: [{from: [{}], ports: [{port: 0}]}]}")).containsExactly(
                "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ingress[0].from[0]: Required value: must specify a peer",
                "spec.egress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.egress[0].to[0]: Required value: must specify a peer",
                "spec.policyTypes[0]: Unsupported value: \"Foo\": supported values: \"Ingress\", \"Egress\"");
    }
}
