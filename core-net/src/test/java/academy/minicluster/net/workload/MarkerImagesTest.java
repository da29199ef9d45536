package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

class MarkerImagesTest {

    @Test
    void coreDnsListensOnDnsPortsWhichTheDnsModelServes() {
        SimulatedContainer coredns = run("registry.k8s.io/coredns/coredns:v1.11.3", "-conf", "/etc/coredns/Corefile");

        assertThat(coredns.listener(53, Protocol.UDP)).get().extracting(Listener::kind).isEqualTo(Listener.Kind.DNS);
        assertThat(coredns.listener(53, Protocol.TCP)).get().extracting(Listener::kind).isEqualTo(Listener.Kind.DNS);
        assertThat(coredns.serveHttp(curl("/", "x"), from(CLIENT_POD_IP, 53))).isEmpty();
    }

    @Test
    void coreDnsReadyAndHealthEndpointsPassItsProbes() {
        SimulatedContainer coredns = run("registry.k8s.io/coredns/coredns:v1.11.3", "-conf", "/etc/coredns/Corefile");

        assertThat(coredns.probe(new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8181))
                .endHttpGet().build(), POD_IP).success()).isTrue();
        assertThat(coredns.probe(ProbeResult.ProbeType.LIVENESS, new ProbeBuilder().withNewHttpGet()
                .withPath("/health").withPort(new IntOrString(8080)).endHttpGet().build(), POD_IP).success()).isTrue();
    }

    @Test
    void ingressControllerEntryPointsAreLeftToTheIngressModel() {
        SimulatedContainer controller = run(container("registry.k8s.io/ingress-nginx/controller:v1.12.1").build());

        assertThat(controller.listener(80, Protocol.TCP)).get().extracting(Listener::kind)
                .isEqualTo(Listener.Kind.INGRESS_CONTROLLER);
        assertThat(controller.listener(443, Protocol.TCP)).get().extracting(Listener::kind)
                .isEqualTo(Listener.Kind.INGRESS_CONTROLLER);
        assertThat(controller.serveHttp(curl("/", "x"), from(CLIENT_POD_IP, 80))).isEmpty();
    }

    @Test
    void ingressControllerHealthzPassesItsProbe() {
        SimulatedContainer controller = run(container("registry.k8s.io/ingress-nginx/controller:v1.12.1").build());

        assertThat(controller.probe(new ProbeBuilder().withNewHttpGet().withPath("/healthz")
                .withPort(new IntOrString(10254)).endHttpGet().build(), POD_IP).success()).isTrue();
    }
}
