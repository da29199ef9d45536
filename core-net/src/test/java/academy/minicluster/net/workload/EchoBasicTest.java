package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Gateway API conformance backend as /work/shared/design/echo-basic.md describes it. */
class EchoBasicTest {

    private final SimulatedContainer echo = run(container("registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0")
            .withEnv(new EnvVar("POD_NAME", "infra-backend-v1-7d9f8b6c5-x2x9q", null),
                    new EnvVar("NAMESPACE", "gateway-conformance-infra", null)).build());

    @Test
    void isRecognisedFromEveryRegistryItIsPublishedIn() {
        assertThat(ImageKind.of("registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0")).isEqualTo(ImageKind.ECHO_BASIC);
        assertThat(ImageKind.of("gcr.io/k8s-staging-gateway-api/echo-basic:v20231214-v1.0.0-140-gf544a46e"))
                .isEqualTo(ImageKind.ECHO_BASIC);
    }

    @Test
    void listensOnHttp3000AndH2c3001() {
        assertThat(echo.listeners()).containsExactly(new Listener(3000, Protocol.TCP, Listener.Kind.HTTP),
                new Listener(3001, Protocol.TCP, Listener.Kind.HTTP));
        assertThat(echo.logs()).contains("Starting server, listening on port 3000 (http)");
    }

    @Test
    void echoesTheRequestAsIndentedJsonWithThePodsIdentity() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.com");
        headers.put("User-Agent", "curl/8.5.0");
        headers.put("Accept", "*/*");
        headers.put("version", "two");
        HttpResponse r = echo.serveHttp(new HttpRequest("GET", "/v2/example?x=1", headers, ""), from(CLIENT_POD_IP, 3000))
                .orElseThrow();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(r.body()).isEqualTo("""
                {
                 "path": "/v2/example?x=1",
                 "host": "example.com",
                 "method": "GET",
                 "proto": "HTTP/1.1",
                 "headers": {
                  "Accept": [
                   "*/*"
                  ],
                  "User-Agent": [
                   "curl/8.5.0"
                  ],
                  "Version": [
                   "two"
                  ]
                 },
                 "httpPort": "3000",
                 "namespace": "gateway-conformance-infra",
                 "ingress": "",
                 "service": "",
                 "pod": "infra-backend-v1-7d9f8b6c5-x2x9q"
                }""");
    }

    @Test
    void xEchoSetHeaderSetsResponseHeadersAsWritten() {
        Map<String, String> headers = new LinkedHashMap<>(curl("/", "web").headers());
        headers.put("X-Echo-Set-Header", "x-header-set:a, B:2, x-header-set:b");
        HttpResponse r = echo.serveHttp(new HttpRequest("GET", "/", headers, ""), from(CLIENT_POD_IP, 3000)).orElseThrow();

        assertThat(r.headers()).containsEntry("x-header-set", "a,b").containsEntry("B", "2");
    }

    @Test
    void healthStatusAndTheH2cPort() {
        assertThat(echo.serveHttp(curl("/health", "web"), from(CLIENT_POD_IP, 3000)).orElseThrow().body()).isEqualTo("OK");
        assertThat(echo.serveHttp(curl("/status/418", "web"), from(CLIENT_POD_IP, 3000)).orElseThrow().status())
                .isEqualTo(418);
        assertThat(echo.serveHttp(curl("/status/abc", "web"), from(CLIENT_POD_IP, 3000)).orElseThrow().status())
                .isEqualTo(400);
        HttpResponse h2c = echo.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 3001)).orElseThrow();
        assertThat(h2c.status()).isEqualTo(400);
        assertThat(h2c.body()).isEqualTo("Expected h2c request");
    }
}
