package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named fixtures: a pod {@code web-7d4b9c-x2x7k} on {@code worker} at 10.244.1.3, started 2026-11-26 10:00:00 UTC. */
final class Fixtures {

    static final String POD_NAME = "web-7d4b9c-x2x7k";
    static final String POD_IP = "10.244.1.3";
    /** 2026-11-26T10:00:00Z. */
    static final long START = 1795687200L;
    /** Ten minutes later. */
    static final long LATER = START + 600;
    /** A client pod on worker2. */
    static final String CLIENT_POD_IP = "10.244.2.4";
    /** The node a NodePort connection was masqueraded to (externalTrafficPolicy: Cluster). */
    static final String SNAT_NODE_IP = "172.18.0.3";

    private Fixtures() {
    }

    static ContainerBuilder container(String image) {
        return new ContainerBuilder().withName("app").withImage(image);
    }

    static ContainerBuilder withPort(ContainerBuilder builder, int port, String protocol) {
        return builder.addToPorts(new ContainerPortBuilder().withContainerPort(port).withProtocol(protocol).build());
    }

    static Pod podWith(Container container) {
        return new PodBuilder()
                .withNewMetadata().withName(POD_NAME).withNamespace("shop").withUid("6c8e1f0a-3b1d-4c55-9e0e-2f4d1c7b9a10")
                .withCreationTimestamp("2026-11-26T09:59:58Z").addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("worker").withServiceAccountName("web-sa").withContainers(container)
                .endSpec()
                .withNewStatus().withPodIP(POD_IP).withHostIP("172.18.0.3").withStartTime("2026-11-26T10:00:00Z")
                .endStatus()
                .build();
    }

    static SimulatedContainer run(Container container) {
        return SimulatedContainer.of(podWith(container), container);
    }

    static SimulatedContainer run(String image, String... args) {
        return run(container(image).withArgs(args).build());
    }

    static ConnectionInfo from(String clientIp, int port) {
        return new ConnectionInfo(clientIp, 51234, POD_IP, port, LATER);
    }

    /** What {@code curl -s http://<host><target>} sends. */
    static HttpRequest curl(String target, String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("User-Agent", "curl/8.14.1");
        headers.put("Accept", "*/*");
        return new HttpRequest("GET", target, headers, "");
    }
}
