package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import org.junit.jupiter.api.Test;

class UnknownImageTest {

    private final SimulatedContainer app = run(withPort(withPort(container("ghcr.io/acme/shop:2.1"), 8080, "TCP"),
            9000, "UDP").build());

    @Test
    void isRecognisedAsUnknown() {
        assertThat(app.kind()).isEqualTo(ImageKind.UNKNOWN);
    }

    @Test
    void listensOnItsDeclaredTcpPortsOnly() {
        assertThat(app.listeners()).containsExactly(new Listener(8080, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Test
    void answersHelloFromThePodName() {
        HttpResponse response = app.serveHttp(curl("/anything", "shop"), from(CLIENT_POD_IP, 8080)).orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello from web-7d4b9c-x2x7k\n");
    }

    @Test
    void itsFirstLogLineSaysHowItIsSimulated() {
        assertThat(app.startupLog()).containsExactly("minicluster: the image \"ghcr.io/acme/shop:2.1\" is not "
                + "known to the simulator; it is simulated as a generic HTTP server on its declared ports: 8080/TCP");
    }

    @Test
    void logsEachRequestWithTheClientAddress() {
        app.serveHttp(curl("/", "shop"), from(SNAT_NODE_IP, 8080));

        assertThat(app.accessLog()).containsExactly("172.18.0.3:51234 \"GET / HTTP/1.1\" 200");
    }

    @Test
    void withoutDeclaredPortsItListensOnNothing() {
        SimulatedContainer bare = run(container("acme/worker").build());

        assertThat(bare.listeners()).isEmpty();
        assertThat(bare.isRunning()).isTrue();
        assertThat(bare.startupLog().get(0)).endsWith("none (it declares no TCP containerPort, so it listens on nothing)");
    }
}
