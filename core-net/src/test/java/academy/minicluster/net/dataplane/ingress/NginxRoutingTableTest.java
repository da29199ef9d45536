package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code src/test/resources/ingress/nginx-routing.yaml}: Ingresses and requests with the answers real ingress-nginx
 * gives, every request a test.
 */
class NginxRoutingTableTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ANNOTATION_PREFIX = "nginx.ingress.kubernetes.io/";

    @TestFactory
    Stream<DynamicNode> ingressNginxAnswersAsTheTableSays() throws IOException {
        JsonNode table = YAML.readTree(IngressFixtures.resource("/ingress/nginx-routing.yaml"));
        List<DynamicNode> cases = new ArrayList<>();
        for (JsonNode c : table.get("cases")) {
            IngressRouter router = router(c);
            List<DynamicNode> requests = new ArrayList<>();
            for (JsonNode r : c.get("requests")) {
                String host = r.has("host") ? r.get("host").asText() : "web.example.com";
                String target = r.get("target").asText();
                boolean tls = r.has("tls") && r.get("tls").asBoolean();
                String answer = r.get("answer").asText();
                String upstream = r.has("upstream") ? r.get("upstream").asText() : null;
                String name = (tls ? "https://" : "http://") + host + " " + target + " -> " + answer
                        + (upstream == null ? "" : " (upstream " + upstream + ")");
                requests.add(dynamicTest(name, () -> check(router.route(host, target, tls), answer, upstream)));
            }
            cases.add(dynamicContainer(c.get("case").asText(), requests));
        }
        return cases.stream();
    }

    private static void check(IngressRoute route, String answer, String upstream) {
        String[] words = answer.split(" ", 2);
        switch (words[0]) {
            case "301", "302", "308" -> assertThat(route).isInstanceOfSatisfying(IngressRoute.Redirect.class, r -> {
                assertThat(r.status()).isEqualTo(Integer.parseInt(words[0]));
                assertThat(r.location()).isEqualTo(words[1]);
            });
            case "404" -> assertThat(route).isInstanceOf(IngressRoute.NotFound.class);
            case "200", "400", "403" -> assertThat(route).isInstanceOfSatisfying(IngressRoute.Answered.class,
                    a -> assertThat(a.status()).isEqualTo(Integer.parseInt(words[0])));
            case "default" -> assertThat(route).isInstanceOfSatisfying(IngressRoute.Routed.class, r -> {
                assertThat(r.defaultBackend()).isTrue();
                assertThat(r.serviceName()).isEqualTo(words[1]);
            });
            default -> assertThat(route).isInstanceOfSatisfying(IngressRoute.Routed.class, r -> {
                assertThat(r.defaultBackend()).isFalse();
                assertThat(r.serviceName()).isEqualTo(answer);
                if (upstream != null) {
                    assertThat(r.upstreamTarget()).isEqualTo(upstream);
                }
            });
        }
    }

    private static IngressRouter router(JsonNode c) {
        List<Ingress> ingresses = new ArrayList<>();
        for (JsonNode i : c.get("ingresses")) {
            ingresses.add(ingress(i));
        }
        List<Secret> secrets = new ArrayList<>();
        if (c.has("tlsSecrets")) {
            for (JsonNode s : c.get("tlsSecrets")) {
                secrets.add(IngressFixtures.tlsSecret("default", s.asText(), IngressFixtures.webCertificate(),
                        IngressFixtures.webKey()));
            }
        }
        return IngressRouter.of(ingresses, List.of(NGINX_CLASS), secrets, IngressRouter.INGRESS_NGINX);
    }

    private static Ingress ingress(JsonNode i) {
        IngressFixtures.Spec spec = IngressFixtures.ingress(i.get("name").asText());
        if (i.has("namespace")) {
            spec.namespace(i.get("namespace").asText());
        }
        if (i.has("created")) {
            spec.created(i.get("created").asText());
        }
        if (i.has("annotations")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = i.get("annotations").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                String key = a.getKey().contains("/") ? a.getKey() : ANNOTATION_PREFIX + a.getKey();
                spec.annotation(key, a.getValue().asText());
            }
        }
        if (i.has("defaultBackend")) {
            spec.defaultBackend(i.get("defaultBackend").asText(), 80);
        }
        if (i.has("tls")) {
            for (JsonNode t : i.get("tls")) {
                List<String> hosts = new ArrayList<>();
                t.get("hosts").forEach(h -> hosts.add(h.asText()));
                spec.tls(t.get("secretName").asText(), hosts.toArray(String[]::new));
            }
        }
        if (i.has("rules")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = i.get("rules").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> rule = it.next();
                List<HTTPIngressPath> paths = new ArrayList<>();
                for (JsonNode p : rule.getValue()) {
                    String[] typePathService = p.asText().split(" ");
                    paths.add(path(typePathService[0], typePathService[1], typePathService[2], 80));
                }
                spec.rule(rule.getKey().isEmpty() ? null : rule.getKey(), paths.toArray(HTTPIngressPath[]::new));
            }
        }
        return spec.build();
    }
}
