package academy.minicluster.net.api;

import static academy.minicluster.net.api.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherKindsValidationTest {

    private final Validation validation = new Validation();

    private List<String> errors(String yaml) {
        HasMetadata object = object(yaml);
        return validation.validate(object).stream().map(FieldError::toString).toList();
    }

    private static String slice(String body) {
        return "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n" + body;
    }

    @Test
    void namespaceNamesAreDns1123Labels() {
        assertThat(errors("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n")).containsExactly(
                "metadata.name: Invalid value: \"team.a\": must not contain dots");
    }

    @Test
    void podNamesMayHoldDots() {
        assertThat(errors("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web.v1\nspec:\n  containers:\n"
                + "  - name: web\n    image: nginx\n")).isEmpty();
    }

    @Test
    void anEndpointSliceIsValid() {
        assertThat(errors(slice("addressType: IPv4\nendpoints:\n- addresses: [10.244.1.5]\nports:\n- port: 8080\n")))
                .isEmpty();
    }

    @Test
    void endpointSliceAddressTypesAreIpv4Ipv6OrFqdn() {
        assertThat(errors(slice("addressType: IP\n"))).containsExactly(
                "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
    }

    @Test
    void endpointSliceAddressTypeIsRequired() {
        assertThat(errors(slice("endpoints: []\n"))).containsExactly("addressType: Required value");
    }

    @Test
    void anEndpointNeedsAnAddress() {
        assertThat(errors(slice("addressType: IPv4\nendpoints:\n- addresses: []\n"))).containsExactly(
                "endpoints[0].addresses: Required value: must contain at least 1 address");
    }

    @Test
    void endpointAddressesMatchTheAddressType() {
        assertThat(errors(slice("addressType: IPv4\nendpoints:\n- addresses: [\"fd00::1\"]\n"))).containsExactly(
                "endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address");
    }

    @Test
    void endpointsMayNotBeLoopback() {
        assertThat(errors(slice("addressType: IPv4\nendpoints:\n- addresses: [127.0.0.1]\n"))).containsExactly(
                "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range "
                        + "(127.0.0.0/8, ::1/128)");
    }

    @Test
    void endpointSlicePortNamesAreUnique() {
        assertThat(errors(slice("addressType: IPv4\nports:\n- port: 80\n- port: 81\n"))).containsExactly(
                "ports[1].name: Duplicate value: \"\"");
    }

    @Test
    void aTlsSecretNeedsACertificateAndAKey() {
        assertThat(errors("apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\n"
                + "data:\n  tls.crt: Zm9v\n")).containsExactly("data[tls.key]: Required value");
    }

    @Test
    void aTlsSecretWithBothKeysIsValid() {
        assertThat(errors("apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\n"
                + "stringData:\n  tls.crt: x\n  tls.key: y\n")).isEmpty();
    }

    @Test
    void configMapKeysAreValidConfigKeys() {
        assertThat(errors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  \"a/b\": x\n"))
                .containsExactly("data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric "
                        + "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                        + "validation is '[-._a-zA-Z0-9]+')");
    }

    @Test
    void anIngressClassNeedsAController() {
        assertThat(errors("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec: {}\n"))
                .containsExactly("spec.controller: Required value");
    }

    @Test
    void anIngressClassControllerIsADomainPrefixedPath() {
        assertThat(errors("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n"
                + "  controller: ingress-nginx\n")).containsExactly("spec.controller: Invalid value: \"ingress-nginx\": "
                + "must be a domain-prefixed path (such as \"acme.io/foo\")");
    }

    @Test
    void theIngressClassControllerIsImmutable() {
        IngressClass old = object("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n"
                + "spec:\n  controller: k8s.io/ingress-nginx\n");
        IngressClass updated = object("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n"
                + "spec:\n  controller: example.com/other\n");

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "spec.controller: Invalid value: \"example.com/other\": field is immutable");
    }

    @Test
    void theSecretTypeIsImmutable() {
        Secret old = object("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b\n");
        Secret updated = object("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls\n"
                + "stringData:\n  tls.crt: x\n  tls.key: y\n");

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "type: Invalid value: \"kubernetes.io/tls\": field is immutable");
    }

    @Test
    void theEndpointSliceAddressTypeIsImmutable() {
        HasMetadata old = object(slice("addressType: IPv4\n"));
        HasMetadata updated = object(slice("addressType: IPv6\n"));

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "addressType: Invalid value: \"IPv6\": field is immutable");
    }

    @Test
    void namespacedObjectsNeedANamespace() {
        HasMetadata pod = new ManifestDecoder().decode("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "x")
                .objects().get(0).object();

        assertThat(validation.validate(pod)).extracting(FieldError::toString)
                .containsExactly("metadata.namespace: Required value");
    }
}
