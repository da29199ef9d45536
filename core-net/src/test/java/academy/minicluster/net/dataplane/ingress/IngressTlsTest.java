package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.ingress;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.prefix;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.tlsSecret;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.webCertificate;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.webKey;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.TlsHandshake;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which certificate ingress-nginx presents for an SNI server name. */
class IngressTlsTest {

    private static final String FAKE_SUBJECT = "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate";
    private static final Secret WEB_TLS = tlsSecret("default", "web-tls", webCertificate(), webKey());

    private static final Ingress TLS_WEB = ingress("web").tls("web-tls", "web.example.com")
            .rule("web.example.com", prefix("/", "web")).build();

    private static IngressRouter router(List<Secret> secrets, Ingress... ingresses) {
        return IngressRouter.of(List.of(ingresses), List.of(NGINX_CLASS), secrets, IngressRouter.INGRESS_NGINX);
    }

    private static String decisions(TlsCertificate cert) {
        return String.join("\n", cert.hops().stream().map(Hop::decision).toList());
    }

    @Test
    void theTlsHostIsServedTheCertificateOfItsSecret() {
        TlsCertificate cert = router(List.of(WEB_TLS), TLS_WEB).certificateFor("web.example.com");
        assertThat(cert.fake()).isFalse();
        assertThat(cert.subject()).isEqualTo("O=Minicluster Academy; CN=web.example.com");
        assertThat(cert.issuer()).isEqualTo(cert.subject());
        assertThat(cert.subjectAltNames()).containsExactly("web.example.com", "*.apps.example.com");
        assertThat(cert.selfSigned()).isTrue();
        assertThat(cert.trustedByDefault()).isFalse();
        assertThat(cert.secret()).isEqualTo(new ObjectRef("Secret", "default", "web-tls"));
        assertThat(decisions(cert)).isEqualTo("ingress-nginx: host web.example.com has TLS from Ingress default/web"
                + " -> certificate of Secret default/web-tls (subject O=Minicluster Academy; CN=web.example.com)");
    }

    @Test
    void theSniNameIsMatchedCaseInsensitively() {
        assertThat(router(List.of(WEB_TLS), TLS_WEB).certificateFor("WEB.example.COM").fake()).isFalse();
    }

    @Test
    void aClientWithoutSniGetsTheFakeCertificate() {
        TlsCertificate cert = router(List.of(WEB_TLS), TLS_WEB).certificateFor(null);
        assertThat(cert.fake()).isTrue();
        assertThat(decisions(cert)).contains("no SNI server name");
    }

    @Test
    void theFakeCertificateIsIngressNginxsSelfSignedOne() {
        TlsCertificate fake = TlsCertificate.FAKE;
        assertThat(fake.subject()).isEqualTo(FAKE_SUBJECT);
        assertThat(fake.issuer()).isEqualTo(FAKE_SUBJECT);
        assertThat(fake.subjectAltNames()).containsExactly("ingress.local");
        assertThat(fake.trustedByDefault()).isFalse();
    }

    @Test
    void aHostWithoutTlsGetsTheFakeCertificate() {
        TlsCertificate cert = router(List.of(WEB_TLS), TLS_WEB).certificateFor("other.example.com");
        assertThat(cert.subject()).isEqualTo(FAKE_SUBJECT);
        assertThat(decisions(cert)).isEqualTo("ingress-nginx: no Ingress has a tls entry for host other.example.com"
                + " -> default certificate (Kubernetes Ingress Controller Fake Certificate)");
    }

    @Test
    void aMissingSecretFallsBackToTheFakeCertificateAndSaysSo() {
        TlsCertificate cert = router(List.of(), TLS_WEB).certificateFor("web.example.com");
        assertThat(cert.fake()).isTrue();
        assertThat(decisions(cert)).isEqualTo("ingress-nginx: host web.example.com has TLS from Ingress default/web,"
                + " but Secret default/web-tls does not exist -> default certificate"
                + " (Kubernetes Ingress Controller Fake Certificate)");
    }

    @Test
    void anUnparseableCertificateFallsBackToTheFakeCertificateAndSaysSo() {
        Secret broken = tlsSecret("default", "web-tls", "not a certificate".getBytes(StandardCharsets.UTF_8), webKey());
        TlsCertificate cert = router(List.of(broken), TLS_WEB).certificateFor("web.example.com");
        assertThat(cert.fake()).isTrue();
        assertThat(decisions(cert)).contains("the tls.crt of Secret default/web-tls is not a valid certificate");
    }

    @Test
    void aCertificateThatDoesNotCoverTheHostFallsBackToTheFakeCertificate() {
        Ingress shop = ingress("shop").tls("web-tls", "shop.example.com").rule("shop.example.com", prefix("/", "shop"))
                .build();
        TlsCertificate cert = router(List.of(WEB_TLS), shop).certificateFor("shop.example.com");
        assertThat(cert.fake()).isTrue();
        assertThat(decisions(cert)).contains("is not valid for shop.example.com");
    }

    @Test
    void aSecretInAnotherNamespaceIsNotUsed() {
        Secret elsewhere = tlsSecret("other", "web-tls", webCertificate(), webKey());
        assertThat(router(List.of(elsewhere), TLS_WEB).certificateFor("web.example.com").fake()).isTrue();
    }

    @Test
    void aSecretGivenAsStringDataIsRead() {
        Secret plain = new SecretBuilder().withNewMetadata().withNamespace("default").withName("web-tls").endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", new String(webCertificate(), StandardCharsets.US_ASCII))
                .addToStringData("tls.key", new String(webKey(), StandardCharsets.US_ASCII)).build();
        assertThat(router(List.of(plain), TLS_WEB).certificateFor("web.example.com").fake()).isFalse();
    }

    @Test
    void aTlsEntryNotListingTheHostIsUsedWhenItsCertificateCoversTheHost() {
        Ingress ing = ingress("web").tls("web-tls", "www.example.com").rule("web.example.com", prefix("/", "web"))
                .build();
        assertThat(router(List.of(WEB_TLS), ing).certificateFor("web.example.com").fake()).isFalse();
    }

    @Test
    void aWildcardHostIsServedByWildcardLookup() {
        Ingress apps = ingress("apps").tls("web-tls", "*.apps.example.com")
                .rule("*.apps.example.com", prefix("/", "apps")).build();
        IngressRouter router = router(List.of(WEB_TLS), apps);
        assertThat(router.certificateFor("shop.apps.example.com").fake()).isFalse();
        assertThat(router.certificateFor("a.shop.apps.example.com").fake()).isTrue();
    }

    @Test
    void theOldestIngressWithTlsForAHostChoosesItsCertificate() {
        Ingress older = ingress("older").created("2026-01-01T00:00:00Z").tls("missing", "web.example.com")
                .rule("web.example.com", prefix("/", "web")).build();
        Ingress newer = ingress("newer").created("2026-02-01T00:00:00Z").tls("web-tls", "web.example.com")
                .rule("web.example.com", prefix("/api", "api")).build();
        assertThat(router(List.of(WEB_TLS), newer, older).certificateFor("web.example.com").fake()).isTrue();
    }

    @Test
    void theCertificateGivesTheHandshakeAClientSees() {
        TlsHandshake handshake = router(List.of(WEB_TLS), TLS_WEB).certificateFor("web.example.com").handshake(null);
        assertThat(handshake.established()).isTrue();
        assertThat(handshake.subject()).isEqualTo("O=Minicluster Academy; CN=web.example.com");
        assertThat(handshake.covers("web.example.com")).isTrue();
        assertThat(handshake.trustedByDefault()).isFalse();
    }

    @Test
    void aCertificateCoversItsSansAndOneLabelUnderAWildcardSan() {
        TlsCertificate cert = TlsCertificate.parse(webCertificate(), null).orElseThrow();
        assertThat(cert.covers("web.example.com")).isTrue();
        assertThat(cert.covers("shop.apps.example.com")).isTrue();
        assertThat(cert.covers("a.shop.apps.example.com")).isFalse();
        assertThat(cert.covers("example.com")).isFalse();
    }
}
