package academy.minicluster.net.dataplane.ingress;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named Kubernetes objects for the ingress tests, built with fabric8's builders. */
final class IngressFixtures {

    private IngressFixtures() {
    }

    static final IngressClass NGINX_CLASS = ingressClass("nginx", IngressRouter.INGRESS_NGINX);
    static final IngressClass TRAEFIK_CLASS = ingressClass("traefik", "traefik.io/ingress-controller");

    static IngressClass ingressClass(String name, String controller) {
        return new IngressClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withController(controller).endSpec().build();
    }

    static IngressClass defaultClass(String name, String controller, String created) {
        return new IngressClassBuilder().withNewMetadata().withName(name).withCreationTimestamp(created)
                .addToAnnotations(IngressClassDefaults.IS_DEFAULT_CLASS, "true").endMetadata()
                .withNewSpec().withController(controller).endSpec().build();
    }

    static HTTPIngressPath path(String pathType, String path, String service, int port) {
        return new HTTPIngressPathBuilder().withPath(path).withPathType(pathType)
                .withBackend(serviceBackend(service, port)).build();
    }

    static HTTPIngressPath prefix(String path, String service) {
        return path("Prefix", path, service, 80);
    }

    static HTTPIngressPath exact(String path, String service) {
        return path("Exact", path, service, 80);
    }

    static HTTPIngressPath implementationSpecific(String path, String service) {
        return path("ImplementationSpecific", path, service, 80);
    }

    static IngressBackend serviceBackend(String service, int port) {
        return new IngressBackendBuilder().withNewService().withName(service).withNewPort().withNumber(port)
                .endPort().endService().build();
    }

    static IngressBackend serviceBackend(String service, String portName) {
        return new IngressBackendBuilder().withNewService().withName(service).withNewPort().withName(portName)
                .endPort().endService().build();
    }

    static IngressRule rule(String host, HTTPIngressPath... paths) {
        return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build();
    }

    static IngressTLS tls(String secretName, String... hosts) {
        return new IngressTLSBuilder().withSecretName(secretName).withHosts(hosts).build();
    }

    /** A fluent Ingress in namespace default, class nginx, created 2026-01-01T00:00:00Z unless told otherwise. */
    static Spec ingress(String name) {
        return new Spec(name);
    }

    static final class Spec {
        private final String name;
        private String namespace = "default";
        private String created = "2026-01-01T00:00:00Z";
        private String className = "nginx";
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final List<IngressRule> rules = new ArrayList<>();
        private final List<IngressTLS> tls = new ArrayList<>();
        private IngressBackend defaultBackend;

        private Spec(String name) {
            this.name = name;
        }

        Spec namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        Spec created(String timestamp) {
            this.created = timestamp;
            return this;
        }

        Spec className(String c) {
            this.className = c;
            return this;
        }

        Spec annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        Spec rule(String host, HTTPIngressPath... paths) {
            rules.add(IngressFixtures.rule(host, paths));
            return this;
        }

        Spec tls(String secretName, String... hosts) {
            tls.add(IngressFixtures.tls(secretName, hosts));
            return this;
        }

        Spec defaultBackend(String service, int port) {
            this.defaultBackend = serviceBackend(service, port);
            return this;
        }

        Ingress build() {
            return new IngressBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                            .withCreationTimestamp(created).withAnnotations(annotations.isEmpty() ? null : annotations)
                            .build())
                    .withNewSpec().withIngressClassName(className).withRules(rules).withTls(tls)
                    .withDefaultBackend(defaultBackend).endSpec()
                    .build();
        }
    }

    /** A {@code kubernetes.io/tls} Secret whose {@code data} holds the given certificate and key, base64-encoded. */
    static Secret tlsSecret(String namespace, String name, byte[] crt, byte[] key) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("tls.crt", Base64.getEncoder().encodeToString(crt));
        data.put("tls.key", Base64.getEncoder().encodeToString(key));
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withType("kubernetes.io/tls").withData(data).build();
    }

    /** The self-signed certificate for web.example.com and *.apps.example.com made once with openssl req -x509. */
    static byte[] webCertificate() {
        return resource("/ingress/web-example-com.crt");
    }

    static byte[] webKey() {
        return resource("/ingress/web-example-com.key");
    }

    static byte[] resource(String path) {
        try (InputStream in = IngressFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }
}
