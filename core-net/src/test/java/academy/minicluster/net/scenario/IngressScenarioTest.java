package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ingress-nginx as the workstation reaches it (semantics §5) over {@code scenarios/ingress.yaml}. Services a and b
 * answer "a" and "b" (http-echo); c is agnhost netexec; down has no endpoints.
 */
class IngressScenarioTest {

    private Scenario s;
    private String address;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("ingress.yaml");
        address = s.jsonpath("svc -n ingress-nginx ingress-nginx-controller", "{.status.loadBalancer.ingress[0].ip}");
    }

    private ShellResult get(String host, String path) {
        return s.run("curl -s --resolve " + host + ":80:" + address + " http://" + host + path);
    }

    private String status(String host, String path) {
        return s.run("curl -s -o /dev/null -w %{http_code} --resolve " + host + ":80:" + address + " http://" + host
                + path).stdout();
    }

    @Test
    void exactPathBeatsPrefixOfTheSameLength() {
        assertThat(get("paths.example.com", "/foo").stdout()).isEqualTo("a\n");
    }

    @Test
    void exactPathDoesNotMatchATrailingSlash() {
        assertThat(get("paths.example.com", "/foo/").stdout()).isEqualTo("b\n");
    }

    @Test
    void longestPrefixWins() {
        assertThat(get("paths.example.com", "/foo/bar/baz").stdout()).isEqualTo("a\n");
    }

    @Test
    void prefixMatchesWholePathElementsOnly() {
        assertThat(status("paths.example.com", "/foobar")).isEqualTo("404");
    }

    @Test
    void wildcardHostCoversExactlyOneLabel() {
        assertThat(get("x.wild.example.com", "/").stdout()).isEqualTo("a\n");
        assertThat(status("a.b.wild.example.com", "/")).isEqualTo("404");
        assertThat(status("wild.example.com", "/")).isEqualTo("404");
    }

    @Test
    void unmatchedHostGetsTheControllersDefault404() {
        ShellResult r = s.run("curl -s http://" + address + "/");
        assertThat(r.stdout()).contains("<title>404 Not Found</title>").contains("<center>nginx</center>");
        assertThat(Scenario.stops(r)).singleElement().extracting(Hop::stage).isEqualTo(Hop.Stage.INGRESS);
    }

    @Test
    void backendWithoutEndpointsAnswers503() {
        ShellResult r = get("paths.example.com", "/down");
        assertThat(r.stdout()).contains("<title>503 Service Temporarily Unavailable</title>");
        assertThat(status("paths.example.com", "/down")).isEqualTo("503");
    }

    @Test
    void rewriteTargetRewritesThePathSentToThePod() {
        assertThat(get("rewrite.example.com", "/api/hostname").stdout()).isEqualTo("app-c");
    }

    @Test
    void ingressOfAClassNoControllerOwnsGetsNoAddress() {
        assertThat(s.jsonpath("ingress other-class", "{.status.loadBalancer.ingress}")).isEmpty();
        assertThat(s.out("kubectl get ingress other-class")).containsPattern("other-class\\s+traefik\\s+other.example.com\\s+80");
        assertThat(status("other.example.com", "/")).isEqualTo("404");
    }

    @Test
    void ingressOfTheOwnedClassGetsTheControllersAddress() {
        assertThat(s.jsonpath("ingress paths", "{.status.loadBalancer.ingress[0].ip}")).isEqualTo(address);
    }

    @Test
    void tlsWithoutSecretServesTheFakeCertificateWhichCurlRejects() {
        ShellResult r = s.run("curl -sS --resolve fake.example.com:443:" + address + " https://fake.example.com/");
        assertThat(r.exitCode()).isEqualTo(60);
        assertThat(r.stderr()).startsWith("curl: (60) SSL certificate problem: self-signed certificate\n");
    }

    @Test
    void tlsWithTheFakeCertificateWorksWithInsecure() {
        ShellResult r = s.run("curl -skv --resolve fake.example.com:443:" + address + " https://fake.example.com/");
        assertThat(r.stdout()).isEqualTo("a\n");
        assertThat(r.stderr()).contains("subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate");
    }

    @Test
    void tlsWithASecretPresentsTheSecretsCertificate() {
        ShellResult r = s.run("curl -skv --resolve secure.example.com:443:" + address + " https://secure.example.com/");
        assertThat(r.stdout()).isEqualTo("b\n");
        assertThat(r.stderr()).contains("subject: CN=secure.example.com");
        assertThat(r.trace()).anyMatch(h -> h.decidedBy().contains(new ObjectRef("Secret", "default", "secure-tls")));
    }

    @Test
    void tlsWithASelfSignedSecretIsStillRejectedWithoutInsecure() {
        ShellResult r = s.run("curl -sS --resolve secure.example.com:443:" + address + " https://secure.example.com/");
        assertThat(r.exitCode()).isEqualTo(60);
    }

    @Test
    void plainHttpToATlsHostIsRedirectedWith308() {
        assertThat(status("secure.example.com", "/")).isEqualTo("308");
    }

    @Test
    void traceNamesTheMatchedIngress() {
        ShellResult r = get("paths.example.com", "/foo");
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.INGRESS
                && h.decidedBy().contains(new ObjectRef("Ingress", "default", "paths")));
    }
}
