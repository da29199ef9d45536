package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.ingress;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.path;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.FieldError;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressValidationTest {

    private static List<String> errors(Ingress ingress) {
        return IngressValidation.validate(ingress, List.of(NGINX_CLASS)).stream().map(FieldError::toString).toList();
    }

    @Test
    void aPathWithoutPathTypeIsARequiredValue() {
        Ingress ing = ingress("web").rule("web.example.com", new HTTPIngressPathBuilder().withPath("/")
                .withBackend(IngressFixtures.serviceBackend("web", 80)).build()).build();
        List<FieldError> errors = IngressValidation.validate(ing, List.of());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.rules[0].http.paths[0].pathType");
            assertThat(e.type()).isEqualTo(FieldError.Type.REQUIRED);
            assertThat(e.detail()).isEqualTo("pathType must be specified");
        });
    }

    @Test
    void anIpv6HostIsNotADnsName() {
        Ingress ing = ingress("web").rule("::1", prefix("/", "web")).build();
        assertThat(errors(ing)).first().isEqualTo("spec.rules[0].host: Invalid value: \"::1\": must be a DNS name,"
                + " not an IP address");
    }

    @Test
    void aWildcardHostOfOneLabelIsAccepted() {
        assertThat(errors(ingress("web").rule("*.example.com", prefix("/", "web")).build())).isEmpty();
    }

    @Test
    void aServiceNameMustBeADns1035Label() {
        Ingress ing = ingress("web").rule("web.example.com", prefix("/", "1web")).build();
        assertThat(errors(ing)).containsExactly("spec.rules[0].http.paths[0].backend.service.name: Invalid value:"
                + " \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
                + " an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123',"
                + " regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void aPortNumberMustBeInRange() {
        Ingress ing = ingress("web").rule("web.example.com", path("Prefix", "/", "web", 70000)).build();
        assertThat(errors(ing)).containsExactly("spec.rules[0].http.paths[0].backend.service.port.number:"
                + " Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void aPortNameMustBeAnIanaSvcName() {
        Ingress ing = ingress("web").rule("web.example.com", new HTTPIngressPathBuilder().withPath("/")
                .withPathType("Prefix").withBackend(IngressFixtures.serviceBackend("web", "HTTP")).build()).build();
        assertThat(errors(ing)).containsExactly(
                "spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: \"HTTP\": must contain only"
                        + " alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: \"HTTP\": must contain at"
                        + " least one letter (a-z)");
    }

    @Test
    void aResourceBackendNeedsKindAndName() {
        Ingress ing = ingress("web").rule("web.example.com", new HTTPIngressPathBuilder().withPath("/")
                .withPathType("Prefix").withBackend(new IngressBackendBuilder().withResource(new TypedLocalObjectReferenceBuilder()
                        .withApiGroup("k8s.example.com").build()).build()).build()).build();
        assertThat(errors(ing)).containsExactly(
                "spec.rules[0].http.paths[0].backend.resource.kind: Required value: kind is required",
                "spec.rules[0].http.paths[0].backend.resource.name: Required value: name is required");
    }

    @Test
    void aTlsHostMustBeADnsName() {
        Ingress ing = ingress("web").tls("web-tls", "Web.example.com").rule("web.example.com", prefix("/", "web"))
                .build();
        assertThat(errors(ing)).singleElement().asString().startsWith("spec.tls[0].hosts[0]: Invalid value:"
                + " \"Web.example.com\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void theLegacyAnnotationMayStandAloneWithoutClassName() {
        Ingress ing = ingress("web").className(null).annotation("kubernetes.io/ingress.class", "nginx")
                .rule("web.example.com", prefix("/", "web")).build();
        assertThat(errors(ing)).isEmpty();
    }

    @Test
    void errorsOfSeveralRulesComeInOrder() {
        Ingress ing = ingress("web").rule("web.example.com", path("Prefix", "a", "web", 80))
                .rule("10.0.0.1", path("Exact", "/b//c", "web", 80)).build();
        assertThat(errors(ing)).containsExactly(
                "spec.rules[0].http.paths[0].path: Invalid value: \"a\": must be an absolute path",
                "spec.rules[1].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
                "spec.rules[1].http.paths[0].path: Invalid value: \"/b//c\": must not contain '//'");
    }
}
