package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.exact;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.ingress;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers nginx gives by itself, and the trace lines that say why. */
class NginxOwnAnswersTest {

    private static final Ingress DOCS = ingress("docs").rule("web.example.com", exact("/docs/", "docs"),
            prefix("/api", "api")).build();

    private static IngressRouter router(Ingress... ingresses) {
        return IngressRouter.of(List.of(ingresses), List.of(NGINX_CLASS), List.of(), IngressRouter.INGRESS_NGINX);
    }

    @Test
    void the301NamesTheLocationWithTheSlashAndItsIngress() {
        IngressRoute route = router(DOCS).route("web.example.com", "/docs", false);

        assertThat(route).isInstanceOfSatisfying(IngressRoute.Redirect.class, r -> {
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.response().reason()).isEqualTo("Moved Permanently");
            assertThat(r.response().headers()).containsEntry("Location", "http://web.example.com/docs/")
                    .containsEntry("Content-Length", "162");
            assertThat(r.hops()).singleElement().satisfies(hop -> {
                assertThat(hop.decision()).isEqualTo("ingress-nginx: host web.example.com has no location for"
                        + " /docs but location /docs/ (Exact /docs/ of Ingress default/docs) ends in /: nginx"
                        + " answers 301 http://web.example.com/docs/");
                assertThat(hop.decidedBy()).containsExactly(new ObjectRef("Ingress", "default", "docs"));
            });
        });
    }

    @Test
    void aNormalisedPathIsTraced() {
        IngressRoute.Routed r = (IngressRoute.Routed) router(DOCS).route("web.example.com", "//api%2Fv1", false);

        assertThat(r.hops()).extracting(Hop::decision).first().isEqualTo("ingress-nginx: nginx matches the"
                + " normalised path /api/v1 (sent as //api%2Fv1: %XX decoded, // merged, . and .. segments resolved)");
        assertThat(r.upstreamTarget()).isEqualTo("//api%2Fv1");
    }

    @Test
    void aPathAboveTheRootIs400WithNginxsPageAndConnectionClose() {
        IngressRoute route = router(DOCS).route("web.example.com", "/a/../../b", false);

        assertThat(route).isInstanceOfSatisfying(IngressRoute.Answered.class, a -> {
            assertThat(a.response().status()).isEqualTo(400);
            assertThat(a.response().headers()).containsEntry("Connection", "close");
            assertThat(a.response().body()).contains("<center><h1>400 Bad Request</h1></center>");
            assertThat(a.hops()).singleElement().satisfies(hop -> {
                assertThat(hop.verdict()).isEqualTo(Hop.Verdict.ERROR);
                assertThat(hop.decision()).isEqualTo("ingress-nginx: nginx cannot read the request target"
                        + " /a/../../b (a \"..\" segment climbs above /) -> 400 Bad Request");
            });
        });
    }

    @Test
    void healthzIsAnEmpty200() {
        IngressRoute route = router(DOCS).route("172.18.255.200", "/healthz", false);

        assertThat(route).isInstanceOfSatisfying(IngressRoute.Answered.class, a -> {
            assertThat(a.response().status()).isEqualTo(200);
            assertThat(a.response().body()).isEmpty();
            assertThat(a.response().headers()).containsEntry("Content-Length", "0");
            assertThat(a.hops()).extracting(Hop::decision).containsExactly("ingress-nginx: host 172.18.255.200 has"
                    + " no server of its own; the default server's location /healthz (the controller's health"
                    + " check) answers 200");
        });
    }

    @Test
    void nginxStatusIs403() {
        IngressRoute route = router(DOCS).route("other.example.com", "/nginx_status", false);

        assertThat(route).isInstanceOfSatisfying(IngressRoute.Answered.class,
                a -> assertThat(a.response().reason()).isEqualTo("Forbidden"));
    }
}
