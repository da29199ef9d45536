package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.ingress;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import academy.minicluster.net.api.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance tables under {@code src/test/resources/conformance/} (transcribed from kubernetes/website
 * ingress.md, CC BY 4.0, and kubernetes/kubernetes validation_test.go, Apache-2.0), every row a test.
 */
class IngressConformanceTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static JsonNode table(String name) throws IOException {
        return YAML.readTree(IngressFixtures.resource("/conformance/" + name));
    }

    @TestFactory
    Stream<DynamicTest> pathExamplesRouteAsIngressMdSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table("ingress-path-matching.yaml").get("paths")) {
            List<String> paths = new ArrayList<>();
            row.get("paths").forEach(p -> paths.add(p.asText()));
            String expected = row.get("routesTo").asText();
            for (JsonNode request : row.get("requests")) {
                String nginx = row.has("ingressNginx") ? row.get("ingressNginx").asText() : "";
                tests.add(dynamicTest(paths + " " + request.asText() + " -> " + expected
                        + (nginx.isEmpty() ? "" : " (ingress-nginx: " + nginx + ")"), () -> {
                    IngressRoute route = routerWith(paths).route("web.example.com", request.asText(), false);
                    if (!nginx.isEmpty()) {
                        String[] statusAndPath = nginx.split(" ", 2);
                        assertThat(route).isInstanceOfSatisfying(IngressRoute.Redirect.class, r -> {
                            assertThat(r.status()).isEqualTo(Integer.parseInt(statusAndPath[0]));
                            assertThat(r.location()).isEqualTo("http://web.example.com" + statusAndPath[1]);
                        });
                    } else if (expected.equals("defaultBackend")) {
                        assertThat(route).isInstanceOfSatisfying(IngressRoute.Routed.class,
                                r -> assertThat(r.defaultBackend()).isTrue());
                    } else {
                        assertThat(route).isInstanceOfSatisfying(IngressRoute.Routed.class, r -> {
                            assertThat(r.defaultBackend()).isFalse();
                            assertThat(r.pathType() + " " + r.matchedPath()).isEqualTo(expected);
                            assertThat(r.serviceName()).isEqualTo(serviceFor(expected));
                        });
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> singlePathExamplesHoldForIngressPathAlone() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table("ingress-path-matching.yaml").get("paths")) {
            if (row.get("paths").size() != 1) {
                continue;
            }
            String[] typeAndPath = row.get("paths").get(0).asText().split(" ", 2);
            IngressPath path = new IngressPath(IngressPath.PathType.fromApiName(typeAndPath[0]), typeAndPath[1]);
            boolean matches = !row.get("routesTo").asText().equals("defaultBackend");
            for (JsonNode request : row.get("requests")) {
                tests.add(dynamicTest(path + (matches ? " matches " : " does not match ") + request.asText(),
                        () -> assertThat(path.matches(request.asText())).isEqualTo(matches)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> hostnameWildcardsCoverOneLabel() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table("ingress-path-matching.yaml").get("hosts")) {
            String ruleHost = row.get("ruleHost").asText();
            String hostHeader = row.get("hostHeader").asText();
            boolean matches = row.get("matches").asBoolean();
            tests.add(dynamicTest(ruleHost + (matches ? " matches " : " does not match ") + hostHeader, () -> {
                assertThat(HostRule.of(ruleHost).matches(hostHeader)).isEqualTo(matches);
                IngressRouter router = IngressRouter.of(
                        List.of(ingress("wild").rule(ruleHost, IngressFixtures.prefix("/", "wild")).build()),
                        List.of(NGINX_CLASS), List.of(), IngressRouter.INGRESS_NGINX);
                IngressRoute route = router.route(hostHeader, "/", false);
                assertThat(route instanceof IngressRoute.Routed).isEqualTo(matches);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pathValidationAnswersAsKubeApiserver() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table("ingress-validation.yaml").get("paths")) {
            String pathType = row.get("pathType").asText();
            String p = row.get("path").asText();
            List<String> expected = new ArrayList<>();
            row.get("errors").forEach(e -> expected.add(e.asText()));
            tests.add(dynamicTest(pathType + " " + p + (expected.isEmpty() ? " is accepted" : " is rejected"), () -> {
                Ingress ing = ingress("web").rule("web.example.com", path(pathType, p, "web", 80)).build();
                List<String> errors = IngressValidation.validate(ing, List.of(NGINX_CLASS)).stream()
                        .map(FieldError::toString).toList();
                assertThat(errors).containsExactlyElementsOf(expected);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> ingressValidationAnswersAsKubeApiserver() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table("ingress-validation.yaml").get("ingresses")) {
            Ingress ing = JSON.convertValue(row.get("ingress"), Ingress.class);
            List<String> expected = new ArrayList<>();
            row.get("errors").forEach(e -> expected.add(e.asText()));
            tests.add(dynamicTest(row.get("why").asText(), () -> {
                List<String> errors = IngressValidation.validate(ing, List.of(NGINX_CLASS)).stream()
                        .map(FieldError::toString).toList();
                assertThat(errors).containsExactlyElementsOf(expected);
            }));
        }
        return tests.stream();
    }

    /** One Ingress for web.example.com, each path to its own Service, and a defaultBackend Service "fallback". */
    private static IngressRouter routerWith(List<String> paths) {
        List<HTTPIngressPath> built = new ArrayList<>();
        for (String p : paths) {
            String[] typeAndPath = p.split(" ", 2);
            built.add(path(typeAndPath[0], typeAndPath[1], serviceFor(p), 80));
        }
        Ingress ing = ingress("web").rule("web.example.com", built.toArray(HTTPIngressPath[]::new))
                .defaultBackend("fallback", 80).build();
        return IngressRouter.of(List.of(ing), List.of(NGINX_CLASS), List.of(), IngressRouter.INGRESS_NGINX);
    }

    /** A Service name unique to "Prefix /aaa/bbb/": "prefix-aaa-bbb-slash". */
    private static String serviceFor(String typeAndPath) {
        String[] parts = typeAndPath.split(" ", 2);
        String path = parts[1];
        String name = parts[0].toLowerCase() + path.replace("/", "-");
        if (path.endsWith("/")) {
            name = name + "slash";
        }
        return name.replaceAll("-+", "-");
    }
}
