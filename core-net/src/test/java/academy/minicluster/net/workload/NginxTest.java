package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxTest {

    private final SimulatedContainer nginx = run(container("nginx:1.27").build());

    @Test
    void listensOnPort80Only() {
        assertThat(nginx.listeners()).containsExactly(new Listener(80, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Test
    void declaringContainerPort8080DoesNotMakeNginxListenThere() {
        SimulatedContainer declared = run(withPort(container("nginx"), 8080, "TCP").build());

        assertThat(declared.listensOn(8080, Protocol.TCP)).isFalse();
        assertThat(declared.listensOn(80, Protocol.TCP)).isTrue();
    }

    @Test
    void rootAnswersTheWelcomePageOf615Bytes() {
        HttpResponse response = nginx.serveHttp(curl("/", "10.96.0.12"), from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>");
        assertThat(response.body()).hasSize(615);
        assertThat(response.headers()).containsEntry("Content-Length", "615")
                .containsEntry("Server", "nginx/1.27.5").containsEntry("Content-Type", "text/html")
                .containsEntry("ETag", "\"67ff9c07-267\"");
    }

    @Test
    void indexHtmlIsTheWelcomePageToo() {
        HttpResponse response = nginx.serveHttp(curl("/index.html", "web"), from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.body()).contains("<h1>Welcome to nginx!</h1>");
    }

    @Test
    void otherPathsAnswerNginxsOwn404PageWithItsVersion() {
        HttpResponse response = nginx.serveHttp(curl("/api", "web"), from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.reason()).isEqualTo("Not Found");
        assertThat(response.body()).isEqualTo("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n"
                + "</html>\r\n");
        assertThat(response.headers()).containsEntry("Content-Length", "153");
    }

    @Test
    void postToTheWelcomePageIsNotAllowed() {
        HttpResponse response = nginx.serveHttp(new HttpRequest("POST", "/", Map.of("Host", "web"), "x"),
                from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).contains("<title>405 Not Allowed</title>");
    }

    @Test
    void headAnswersHeadersWithoutBody() {
        HttpResponse response = nginx.serveHttp(new HttpRequest("HEAD", "/", Map.of("Host", "web"), ""),
                from(CLIENT_POD_IP, 80)).orElseThrow();

        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).containsEntry("Content-Length", "615");
    }

    @Test
    void accessLogLineUsesTheImagesMainFormatWithTheAddressSeenAfterSnat() {
        nginx.serveHttp(curl("/", "172.18.0.3:30080"), from(SNAT_NODE_IP, 80));

        assertThat(nginx.accessLog()).containsExactly(
                "172.18.0.3 - - [26/Nov/2026:10:10:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.14.1\" \"-\"");
    }

    @Test
    void accessLogCountsBodyBytesOf404() {
        nginx.serveHttp(curl("/missing?x=1", "web"), from(CLIENT_POD_IP, 80));

        assertThat(nginx.accessLog().get(0)).isEqualTo("10.244.2.4 - - [26/Nov/2026:10:10:00 +0000] "
                + "\"GET /missing?x=1 HTTP/1.1\" 404 153 \"-\" \"curl/8.14.1\" \"-\"");
    }

    @Test
    void startupLogShowsTheEntrypointScriptsThenNginxNotices() {
        assertThat(nginx.startupLog()).first()
                .isEqualTo("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
        assertThat(nginx.startupLog()).contains("2026/11/26 10:00:00 [notice] 1#1: nginx/1.27.5");
        assertThat(nginx.logs()).endsWith(nginx.accessLog().toArray(String[]::new));
    }

    @Test
    void theDebianBasedImageCarriesCurlButNoWgetNorNslookup() {
        assertThat(nginx.executables()).contains("curl", "bash", "sh", "nginx").doesNotContain("wget", "nslookup",
                "dig", "ping", "nc");
    }

    @Test
    void nginxWithoutDaemonOffForksAndTheContainerCompletes() {
        SimulatedContainer daemonized = run(container("nginx").withCommand("nginx").build());

        assertThat(daemonized.isRunning()).isFalse();
        assertThat(daemonized.state()).isEqualTo(new ContainerState.Terminated(0, "Completed", ""));
        assertThat(daemonized.state().statusColumn("Always")).isEqualTo("CrashLoopBackOff");
    }

    @Test
    void aCommandOverrideReplacesTheEntrypointAndSkipsItsScripts() {
        SimulatedContainer direct = run(container("nginx").withCommand("nginx", "-g", "daemon off;").build());

        assertThat(direct.isRunning()).isTrue();
        assertThat(direct.startupLog()).first().asString().contains("[notice] 1#1: using the \"epoll\" event method");
    }

    @Test
    void nothingAnswersHttpOnAPortNginxDoesNotListenOn() {
        assertThat(nginx.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 8080))).isEmpty();
    }
}
