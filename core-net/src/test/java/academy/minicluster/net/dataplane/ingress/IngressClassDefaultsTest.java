package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.defaultClass;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressClassDefaultsTest {

    private static final IngressClass DEFAULT_NGINX = defaultClass("nginx", IngressRouter.INGRESS_NGINX,
            "2026-01-01T00:00:00Z");
    private static final IngressClass DEFAULT_TRAEFIK = defaultClass("traefik", "traefik.io/ingress-controller",
            "2026-02-01T00:00:00Z");

    @Test
    void theClassAnnotatedDefaultIsTheDefault() {
        assertThat(IngressClassDefaults.defaultClassName(List.of(DEFAULT_NGINX))).contains("nginx");
        assertThat(IngressClassDefaults.explain(List.of(DEFAULT_NGINX)))
                .isEqualTo("spec.ingressClassName defaulted to nginx"
                        + " (annotated ingressclass.kubernetes.io/is-default-class=\"true\")");
    }

    @Test
    void withoutAnnotatedClassThereIsNoDefault() {
        assertThat(IngressClassDefaults.defaultClassName(List.of(NGINX_CLASS))).isEmpty();
    }

    @Test
    void onlyTheExactStringTrueMakesAClassDefault() {
        IngressClass yes = new IngressClassBuilder(NGINX_CLASS).editMetadata()
                .addToAnnotations(IngressClassDefaults.IS_DEFAULT_CLASS, "True").endMetadata().build();
        assertThat(IngressClassDefaults.defaultClassName(List.of(yes))).isEmpty();
    }

    @Test
    void withSeveralDefaultsTheNewestIsChosen() {
        assertThat(IngressClassDefaults.defaultClassName(List.of(DEFAULT_NGINX, DEFAULT_TRAEFIK))).contains("traefik");
        assertThat(IngressClassDefaults.explain(List.of(DEFAULT_NGINX, DEFAULT_TRAEFIK)))
                .isEqualTo("2 default IngressClasses were found, choosing the newest: traefik");
    }

    @Test
    void olderApiServersRefusedAnIngressWhenSeveralClassesWereDefault() {
        assertThat(IngressClassDefaults.legacyRejection("web", List.of(DEFAULT_NGINX, DEFAULT_TRAEFIK)))
                .contains("ingresses.networking.k8s.io \"web\" is forbidden: Internal error occurred:"
                        + " 2 default IngressClasses were found, only 1 allowed");
        assertThat(IngressClassDefaults.legacyRejection("web", List.of(DEFAULT_NGINX))).isEmpty();
    }
}
