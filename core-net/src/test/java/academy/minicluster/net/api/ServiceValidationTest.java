package academy.minicluster.net.api;

import static academy.minicluster.net.api.Fixtures.object;
import static academy.minicluster.net.api.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceValidationTest {

    private final Validation validation = new Validation(ServiceNetwork.DEFAULT);

    private List<String> errors(String yaml) {
        return validation.validate(object(yaml)).stream().map(FieldError::toString).toList();
    }

    private static final String ONE_PORT = "  selector:\n    app: web\n  ports:\n  - port: 80\n";

    @Test
    void aPlainServiceIsValid() {
        assertThat(errors(service(ONE_PORT))).isEmpty();
    }

    @Test
    void serviceNamesAreDns1035Labels() {
        String yaml = service(ONE_PORT).replace("name: web", "name: 1web");

        assertThat(errors(yaml)).containsExactly("metadata.name: Invalid value: \"1web\": a DNS-1035 label must "
                + "consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end "
                + "with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                + "'[a-z]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void aNameIsRequired() {
        String yaml = service(ONE_PORT).replace("  name: web\n", "  labels: {}\n");

        assertThat(errors(yaml)).containsExactly("metadata.name: Required value: name or generateName is required");
    }

    @Test
    void labelKeysAndValuesAreChecked() {
        String yaml = service(ONE_PORT).replace("  name: web\n", "  name: web\n  labels:\n    app: -bad\n");

        assertThat(errors(yaml)).containsExactly("metadata.labels: Invalid value: \"-bad\": a valid label must be an "
                + "empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void portsAreRequired() {
        assertThat(errors(service("  selector:\n    app: web\n"))).containsExactly("spec.ports: Required value");
    }

    @Test
    void headlessServicesMayHaveNoPorts() {
        assertThat(errors(service("  clusterIP: None\n  selector:\n    app: web\n"))).isEmpty();
    }

    @Test
    void externalNameServicesNeedNoPorts() {
        assertThat(errors(service("  type: ExternalName\n  externalName: example.com\n"))).isEmpty();
    }

    @Test
    void everyPortOfAMultiPortServiceNeedsAName() {
        String yaml = service("  ports:\n  - name: http\n    port: 80\n  - port: 443\n");

        assertThat(errors(yaml)).containsExactly("spec.ports[1].name: Required value");
        assertThat(Validation.invalidMessage("Service", "web", validation.validate(object(yaml))))
                .isEqualTo("The Service \"web\" is invalid: spec.ports[1].name: Required value");
    }

    @Test
    void portNamesAreDns1123Labels() {
        String yaml = service("  ports:\n  - name: http_web\n    port: 80\n");

        assertThat(errors(yaml)).containsExactly("spec.ports[0].name: Invalid value: \"http_web\": a lowercase RFC "
                + "1123 label must consist of lower case alphanumeric characters or '-', and must start and end with "
                + "an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void portNamesStartingWithADigitAreFine() {
        assertThat(errors(service("  ports:\n  - name: 123-abc\n    port: 80\n"))).isEmpty();
    }

    @Test
    void portNamesAreUnique() {
        String yaml = service("  ports:\n  - name: http\n    port: 80\n  - name: http\n    port: 8080\n");

        assertThat(errors(yaml)).containsExactly("spec.ports[1].name: Duplicate value: \"http\"");
    }

    @Test
    void portsAreBetweenOneAnd65535() {
        assertThat(errors(service("  ports:\n  - port: 70000\n    targetPort: 80\n")))
                .containsExactly("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void portZeroIsRejected() {
        assertThat(errors(service("  ports:\n  - port: 0\n    targetPort: 80\n")))
                .containsExactly("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
    }

    @Test
    void aNamedTargetPortMustBeAnIanaServiceName() {
        assertThat(errors(service("  ports:\n  - port: 80\n    targetPort: http--web\n")))
                .containsExactly("spec.ports[0].targetPort: Invalid value: \"http--web\": must not contain "
                        + "consecutive hyphens");
    }

    @Test
    void aNamedTargetPortNeedsALetter() {
        assertThat(errors(service("  ports:\n  - port: 80\n    targetPort: \"8080\"\n")))
                .containsExactly("spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter "
                        + "(a-z)");
    }

    @Test
    void aNamedTargetPortIsAtMostFifteenCharacters() {
        assertThat(errors(service("  ports:\n  - port: 80\n    targetPort: a-very-long-port-name\n")))
                .containsExactly("spec.ports[0].targetPort: Invalid value: \"a-very-long-port-name\": must be no more "
                        + "than 15 characters");
    }

    @Test
    void aNumericTargetPortIsInRange() {
        assertThat(errors(service("  ports:\n  - port: 80\n    targetPort: 65536\n")))
                .containsExactly("spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, "
                        + "inclusive");
    }

    @Test
    void protocolsAreTcpUdpOrSctp() {
        assertThat(errors(service("  ports:\n  - port: 80\n    protocol: HTTP\n")))
                .containsExactly("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", "
                        + "\"TCP\", \"UDP\"");
    }

    @Test
    void theSamePortAndProtocolTwiceIsADuplicate() {
        String yaml = service("  ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80\n");

        assertThat(errors(yaml)).containsExactly("spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", "
                + "Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, "
                + "IntVal:0, StrVal:\"\"}, NodePort:0}");
    }

    @Test
    void theSamePortOverTcpAndUdpIsFine() {
        String yaml = service("  ports:\n  - name: dns\n    port: 53\n    protocol: UDP\n"
                + "  - name: dns-tcp\n    port: 53\n");

        assertThat(errors(yaml)).isEmpty();
    }

    @Test
    void typesAreTheFourServiceTypes() {
        assertThat(errors(service("  type: Nodeport\n" + ONE_PORT.substring(ONE_PORT.indexOf("  ports"))))).contains(
                "spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", "
                        + "\"LoadBalancer\", \"NodePort\"");
    }

    @Test
    void aNodePortIsForbiddenOnAClusterIpService() {
        assertThat(errors(service("  ports:\n  - port: 80\n    nodePort: 30080\n"))).containsExactly(
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void aNodePortServiceMayChooseItsNodePort() {
        assertThat(errors(service("  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n"))).isEmpty();
    }

    @Test
    void aNodePortOutsideTheRangeIsRefusedByTheAllocator() {
        assertThat(errors(service("  type: NodePort\n  ports:\n  - name: a\n    port: 80\n    nodePort: 80\n"
                + "  - port: 81\n"))).containsExactly("spec.ports[0].nodePort: Invalid value: 80: provided port is not "
                + "in the valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void duplicateNodePortsAreRejected() {
        String yaml = service("  type: NodePort\n  ports:\n  - name: a\n    port: 80\n    nodePort: 30080\n"
                + "  - name: b\n    port: 81\n    nodePort: 30080\n");

        assertThat(errors(yaml)).containsExactly("spec.ports[1].nodePort: Duplicate value: 30080");
    }

    @Test
    void aClusterIpMustBeAnIp() {
        assertThat(errors(service("  clusterIP: 10.96.0.300\n" + ONE_PORT))).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or "
                        + "2001:db8::ffff)");
    }

    @Test
    void aClusterIpOutsideTheServiceCidrIsRefused() {
        assertThat(errors(service("  clusterIP: 10.0.0.5\n" + ONE_PORT))).containsExactly(
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.5\"}: failed to allocate IP 10.0.0.5: the provided "
                        + "network does not match the current range");
    }

    @Test
    void theNetworkAddressOfTheServiceCidrIsNotInTheValidRange() {
        assertThat(errors(service("  clusterIP: 10.96.0.0\n" + ONE_PORT))).containsExactly(
                "spec.clusterIPs: Invalid value: []string{\"10.96.0.0\"}: failed to allocate IP 10.96.0.0: provided IP "
                        + "10.96.0.0 is not in the valid range");
    }

    @Test
    void aClusterIpInsideTheServiceCidrIsAccepted() {
        assertThat(errors(service("  clusterIP: 10.96.0.50\n" + ONE_PORT))).isEmpty();
    }

    @Test
    void externalNameIsRequiredForExternalNameServices() {
        assertThat(errors(service("  type: ExternalName\n"))).containsExactly("spec.externalName: Required value");
    }

    @Test
    void externalNameMustBeADnsSubdomain() {
        assertThat(errors(service("  type: ExternalName\n  externalName: Example.com\n"))).containsExactly(
                "spec.externalName: Invalid value: \"Example.com\": a lowercase RFC 1123 subdomain must consist of "
                        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void externalNameMayEndWithADot() {
        assertThat(errors(service("  type: ExternalName\n  externalName: example.com.\n"))).isEmpty();
    }

    @Test
    void sessionAffinityIsNoneOrClientIp() {
        assertThat(errors(service("  sessionAffinity: Sticky\n" + ONE_PORT))).containsExactly(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
    }

    @Test
    void externalTrafficPolicyIsOnlyForExternallyAccessibleServices() {
        assertThat(errors(service("  externalTrafficPolicy: Local\n" + ONE_PORT))).containsExactly(
                "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible "
                        + "services");
    }

    @Test
    void externalTrafficPolicyValuesAreClusterOrLocal() {
        assertThat(errors(service("  type: NodePort\n  externalTrafficPolicy: Global\n" + ONE_PORT))).containsExactly(
                "spec.externalTrafficPolicy: Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\"");
    }

    @Test
    void aLoadBalancerCannotBeHeadless() {
        assertThat(errors(service("  type: LoadBalancer\n  clusterIP: None\n" + ONE_PORT))).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services");
    }

    @Test
    void severalErrorsAreListedAsKubectlBulletsThem() {
        Service service = object(service("  ports:\n  - port: 80\n  - port: 0\n"));

        String message = Validation.invalidMessage("Service", "web", validation.validate(service));

        assertThat(message).isEqualTo("""
                The Service "web" is invalid: \n\
                * spec.ports[0].name: Required value
                * spec.ports[1].name: Required value
                * spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive
                * spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive""");
    }

    @Test
    void theStatusMessageAggregatesErrorsInBrackets() {
        Service service = object(service("  ports:\n  - port: 80\n  - port: 81\n"));

        assertThat(Validation.statusMessage("Service", "web", validation.validate(service))).isEqualTo(
                "Service \"web\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
    }

    @Test
    void changingTheClusterIpIsRefusedOnUpdate() {
        Service old = object(service("  clusterIP: 10.96.0.5\n" + ONE_PORT));
        Service updated = object(service("  clusterIP: 10.96.0.5\n" + ONE_PORT));
        updated.getSpec().setClusterIP("10.96.0.6"); // what kubectl apply sends: clusterIPs untouched
        new Defaults().applyUpdate(old, updated);

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.6\"}: may not change once set");
    }

    @Test
    void keepingTheClusterIpIsAFineUpdate() {
        Service old = object(service("  clusterIP: 10.96.0.5\n" + ONE_PORT));
        Service updated = object(service("  clusterIP: 10.96.0.5\n  type: NodePort\n" + ONE_PORT));

        assertThat(validation.validateUpdate(old, updated)).isEmpty();
    }

    @Test
    void turningAServiceIntoANodePortChecksTheRequestedNodePort() {
        Service old = object(service(ONE_PORT));
        Service updated = object(service("  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n"
                + "    nodePort: 8080\n"));

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of "
                        + "valid ports is 30000-32767");
    }
}
