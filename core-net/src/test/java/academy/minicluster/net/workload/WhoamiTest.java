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

class WhoamiTest {

    private final SimulatedContainer whoami = run(container("traefik/whoami:v1.10").build());

    @Test
    void listensOnPort80ByDefault() {
        assertThat(whoami.listeners()).containsExactly(new Listener(80, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Test
    void portFlagMovesIt() {
        assertThat(run("traefik/whoami", "--port=8080").listensOn(8080, Protocol.TCP)).isTrue();
    }

    @Test
    void portFromTheWhoamiPortNumberVariable() {
        SimulatedContainer fromEnv = run(container("traefik/whoami")
                .withEnv(new EnvVar("WHOAMI_PORT_NUMBER", "9090", null)).build());

        assertThat(fromEnv.listensOn(9090, Protocol.TCP)).isTrue();
    }

    @Test
    void anyPathAnswersHostnameIpsRemoteAddrAndTheRequest() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "whoami.example.com");
        headers.put("User-Agent", "curl/8.14.1");
        headers.put("Accept", "*/*");
        headers.put("x-forwarded-for", "172.18.0.1");
        HttpResponse response = whoami.serveHttp(new HttpRequest("GET", "/some/path?q=1", headers, ""),
                from("10.244.0.5", 80)).orElseThrow();

        assertThat(response.body()).isEqualTo("Hostname: web-7d4b9c-x2x7k\n"
                + "IP: 127.0.0.1\n"
                + "IP: 10.244.1.3\n"
                + "RemoteAddr: 10.244.0.5:51234\n"
                + "GET /some/path?q=1 HTTP/1.1\r\n"
                + "Host: whoami.example.com\r\n"
                + "User-Agent: curl/8.14.1\r\n"
                + "Accept: */*\r\n"
                + "X-Forwarded-For: 172.18.0.1\r\n"
                + "\r\n");
    }

    @Test
    void nameFlagAddsANameLineFirst() {
        SimulatedContainer named = run("traefik/whoami", "--name=blue");

        assertThat(named.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80)).orElseThrow().body())
                .startsWith("Name: blue\nHostname: ");
    }

    @Test
    void apiAnswersTheSameAsJson() {
        HttpResponse response = whoami.serveHttp(curl("/api", "web"), from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(response.body()).isEqualTo("{\"hostname\":\"web-7d4b9c-x2x7k\",\"ip\":[\"127.0.0.1\","
                + "\"10.244.1.3\"],\"headers\":{\"Accept\":[\"*/*\"],\"User-Agent\":[\"curl/8.14.1\"]},"
                + "\"url\":\"/api\",\"host\":\"web\",\"method\":\"GET\",\"remoteAddr\":\"10.244.2.4:51234\"}\n");
    }

    @Test
    void healthAnswers200WithoutBody() {
        HttpResponse response = whoami.serveHttp(curl("/health", "web"), from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void logsNothingPerRequestWithoutVerbose() {
        whoami.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80));

        assertThat(whoami.accessLog()).isEmpty();
        assertThat(whoami.startupLog()).containsExactly("2026/11/26 10:00:00 Starting up on port 80");
    }

    @Test
    void verboseLogsEachRequestWithTheRemoteAddress() {
        SimulatedContainer verbose = run("traefik/whoami", "--verbose");

        verbose.serveHttp(curl("/x", "web"), from(SNAT_NODE_IP, 80));

        assertThat(verbose.accessLog()).containsExactly(
                "2026/11/26 10:10:00 172.18.0.3:51234 - - [26/Nov/2026:10:10:00 +0000] \"GET /x HTTP/1.1\" - -");
    }

    @Test
    void theScratchImageHasNothingButItsBinary() {
        assertThat(whoami.executables()).containsExactly("/whoami");
    }
}
