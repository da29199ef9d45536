package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The images the kubernetes.io tutorials deploy, answering as the published images do: echoserver (1.4 and 1.10),
 * the standalone serve_hostname, and GKE's hello-app.
 */
class TutorialImagesTest {

    private static final String ECHOSERVER_1_4 = "registry.k8s.io/echoserver:1.4";
    private static final String ECHOSERVER_1_10 = "registry.k8s.io/echoserver:1.10";
    private static final String SERVE_HOSTNAME = "registry.k8s.io/serve_hostname";
    private static final String HELLO_APP = "us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0";

    /** What busybox's {@code wget -qO - 10.0.170.92} sends (the Source IP page). */
    private static HttpRequest busyboxWget(String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("User-Agent", "Wget");
        headers.put("Connection", "close");
        return new HttpRequest("GET", "/", headers, "");
    }

    @Test
    void theImagesAreRecognisedWhateverTheRegistry() {
        assertThat(ImageKind.of(ECHOSERVER_1_10)).isEqualTo(ImageKind.ECHOSERVER);
        assertThat(ImageKind.of("k8s.gcr.io/echoserver:1.4")).isEqualTo(ImageKind.ECHOSERVER);
        assertThat(ImageKind.of("registry.k8s.io/e2e-test-images/echoserver:2.5")).isEqualTo(ImageKind.ECHOSERVER);
        assertThat(ImageKind.of(SERVE_HOSTNAME)).isEqualTo(ImageKind.SERVE_HOSTNAME);
        assertThat(ImageKind.of("gcr.io/google_containers/serve_hostname:1.4")).isEqualTo(ImageKind.SERVE_HOSTNAME);
        assertThat(ImageKind.of(HELLO_APP)).isEqualTo(ImageKind.HELLO_APP);
        assertThat(ImageKind.of("gcr.io/google-samples/hello-app:2.0")).isEqualTo(ImageKind.HELLO_APP);
    }

    @Test
    void echoserver14AnswersClientValuesAsTheSourceIpPageShows() {
        SimulatedContainer echo = run(container(ECHOSERVER_1_4).build());

        assertThat(echo.listeners()).containsExactly(new Listener(8080, Protocol.TCP, Listener.Kind.HTTP));
        var response = echo.serveHttp(busyboxWget("10.96.170.92"), from(CLIENT_POD_IP, 8080)).orElseThrow();

        assertThat(response.body()).isEqualTo("""
                CLIENT VALUES:
                client_address=10.244.2.4
                command=GET
                real path=/
                query=nil
                request_version=1.1
                request_uri=http://10.96.170.92:8080/

                SERVER VALUES:
                server_version=nginx: 1.10.0 - lua: 10001

                HEADERS RECEIVED:
                connection=close
                host=10.96.170.92
                user-agent=Wget
                BODY:
                -no body in request-""");
        assertThat(response.headers()).containsEntry("Server", "nginx/1.10.0").containsEntry("Content-Type",
                "text/plain");
    }

    @Test
    void echoserver14ShowsTheQueryAndTheBodyAsSent() {
        SimulatedContainer echo = run(container(ECHOSERVER_1_4).build());
        HttpRequest post = new HttpRequest("POST", "/a?b=1", Map.of("Host", "echo:80"), "x=<1>");

        String body = echo.serveHttp(post, from(SNAT_NODE_IP, 8080)).orElseThrow().body();

        assertThat(body).contains("client_address=172.18.0.3\ncommand=POST\nreal path=/a?b=1\nquery=b=1\n",
                "request_uri=http://echo:8080/a?b=1\n").endsWith("BODY:\nx=<1>");
    }

    @Test
    void echoserver110AnswersItsTemplatePage() {
        SimulatedContainer echo = run(container(ECHOSERVER_1_10).build());

        String body = echo.serveHttp(curl("/hi?x=1", "172.18.0.2:30674"), from(SNAT_NODE_IP, 8080)).orElseThrow()
                .body();

        assertThat(body).isEqualTo("\n\nHostname: " + POD_NAME + "\n\n"
                + "Pod Information:\n\t-no pod information available-\n\n"
                + "Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n"
                + "Request Information:\n\tclient_address=172.18.0.3\n\tmethod=GET\n\treal path=/hi?x=1\n\tquery=x=1\n"
                + "\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://172.18.0.2:8080/hi?x=1\n\n"
                + "Request Headers:\n\taccept=*/*  \n\thost=172.18.0.2:30674  \n\tuser-agent=curl/8.14.1  \n\n"
                + "Request Body:\n\t-no body in request-\n\n");
    }

    @Test
    void echoserver110ShowsPodInformationFromTheDownwardApiAndEscapesHtml() {
        SimulatedContainer echo = run(container(ECHOSERVER_1_10)
                .withEnv(new EnvVar("POD_NAME", POD_NAME, null), new EnvVar("NODE_NAME", "worker", null)).build());
        HttpRequest request = new HttpRequest("GET", "/", Map.of("Host", "web", "X-Quote", "\"a&b\""), "");

        var response = echo.serveHttp(request, from(CLIENT_POD_IP, 8080)).orElseThrow();

        assertThat(response.body()).contains("Pod Information:\n\tnode name:\tworker\n\tpod name:\t" + POD_NAME
                + "\n\tpod namespace:\tN/A\n\tpod IP:\tN/A\n\nServer values:")
                .contains("\tx-quote=&quot;a&amp;b&quot;  \n");
        assertThat(response.headers()).containsEntry("Server", "echoserver");
    }

    @Test
    void echoserverLogsEachRequestInNginxCombinedFormat() {
        SimulatedContainer echo = run(container(ECHOSERVER_1_10).build());

        echo.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 8080));

        assertThat(echo.accessLog()).singleElement().asString()
                .startsWith("10.244.2.4 - - [26/Nov/2026:10:10:00 +0000] \"GET / HTTP/1.1\" 200 ")
                .endsWith(" \"-\" \"curl/8.14.1\"");
    }

    @Test
    void standaloneServeHostnameAnswersThePodNameOn9376() {
        SimulatedContainer hostnames = run(container(SERVE_HOSTNAME).build());

        assertThat(hostnames.listeners()).containsExactly(new Listener(9376, Protocol.TCP, Listener.Kind.HTTP));
        assertThat(hostnames.serveHttp(curl("/", "hostnames"), from(CLIENT_POD_IP, 9376)).orElseThrow().body())
                .isEqualTo(POD_NAME);
        assertThat(hostnames.startupLog()).isEmpty();
        assertThat(hostnames.accessLog()).containsExactly("2026/11/26 10:10:00 HTTP request from 10.244.2.4:51234");
    }

    @Test
    void standaloneServeHostnameParsesFlagsAsGoFlagDoes() {
        SimulatedContainer raw = run(SERVE_HOSTNAME, "-tcp", "-http=false", "-port=80");
        SimulatedContainer unknown = run(SERVE_HOSTNAME, "--close");

        assertThat(raw.listeners()).containsExactly(new Listener(80, Protocol.TCP, Listener.Kind.RAW_TCP));
        assertThat(unknown.isRunning()).isFalse();
        assertThat(unknown.startupLog()).startsWith("flag provided but not defined: -close");
    }

    @Test
    void helloAppAnswersHelloWorldWithItsVersionAndHostname() {
        SimulatedContainer hello = run(container(HELLO_APP).build());

        assertThat(hello.listeners()).containsExactly(new Listener(8080, Protocol.TCP, Listener.Kind.HTTP));
        var response = hello.serveHttp(curl("/v2", "hello-world.example"), from(CLIENT_POD_IP, 8080)).orElseThrow();

        assertThat(response.body()).isEqualTo("Hello, world!\nVersion: 1.0.0\nHostname: " + POD_NAME + "\n");
        assertThat(response.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(hello.startupLog()).containsExactly("2026/11/26 10:00:00 Server listening on port 8080");
        assertThat(hello.accessLog()).containsExactly("2026/11/26 10:10:00 Serving request: /v2");
    }

    @Test
    void helloApp20SaysVersion200AndHonoursPort() {
        SimulatedContainer hello = run(container("us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0")
                .withEnv(new EnvVar("PORT", "9000", null)).build());

        assertThat(hello.listeners()).containsExactly(new Listener(9000, Protocol.TCP, Listener.Kind.HTTP));
        assertThat(hello.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 9000)).orElseThrow().body())
                .contains("Version: 2.0.0\n");
    }

    @Test
    void helloAppIsDistrolessSoThereIsNoShell() {
        SimulatedContainer hello = run(container(HELLO_APP).build());

        assertThat(hello.hasExecutable("sh")).isFalse();
    }
}
