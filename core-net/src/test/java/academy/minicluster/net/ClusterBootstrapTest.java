package academy.minicluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.profile.ClusterProfile;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBootstrapTest {

    private final Cluster cluster = Cluster.create();

    @Test
    void defaultProfileHasAControlPlaneAndTwoWorkersWithPodCidrs() {
        List<Node> nodes = cluster.store().list(Node.class, "Node");
        assertThat(nodes).extracting(n -> n.getMetadata().getName())
                .containsExactly("control-plane", "worker", "worker2");
        assertThat(nodes).extracting(n -> n.getSpec().getPodCIDR())
                .containsExactly("10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24");
        assertThat(nodes.get(0).getSpec().getTaints()).extracting(t -> t.getKey())
                .containsExactly("node-role.kubernetes.io/control-plane");
    }

    @Test
    void kubeDnsHasItsFixedClusterIpAndTwoCorednsEndpoints() {
        Service kubeDns = cluster.store().get(Service.class, "Service", "kube-system", "kube-dns").orElseThrow();
        assertThat(kubeDns.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        List<Pod> coredns = cluster.store().list(Pod.class, "Pod", "kube-system");
        assertThat(coredns).hasSize(2).allSatisfy(p -> {
            assertThat(p.getSpec().getNodeName()).isEqualTo("control-plane");
            assertThat(p.getStatus().getPodIP()).startsWith("10.244.0.");
        });
        List<EndpointSlice> slices = cluster.store().list(EndpointSlice.class, "EndpointSlice", "kube-system");
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).getEndpoints()).hasSize(2);
    }

    @Test
    void ingressControllerServiceGetsTheFirstPoolAddress() {
        Service lb = cluster.store().get(Service.class, "Service", "ingress-nginx", "ingress-nginx-controller")
                .orElseThrow();
        assertThat(lb.getStatus().getLoadBalancer().getIngress().get(0).getIp()).isEqualTo("172.18.255.200");
        assertThat(lb.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getNodePort()).isBetween(30086, 32767));
        assertThat(lb.getSpec().getHealthCheckNodePort()).isNotNull();
    }

    @Test
    void withoutAPoolTheLoadBalancerStaysPending() {
        Cluster pending = Cluster.create(ClusterProfile.named("no-lb-pool").orElseThrow(), 1);
        Service lb = pending.store().get(Service.class, "Service", "ingress-nginx", "ingress-nginx-controller")
                .orElseThrow();
        assertThat(lb.getStatus() == null || lb.getStatus().getLoadBalancer() == null
                || lb.getStatus().getLoadBalancer().getIngress().isEmpty()).isTrue();
    }

    @Test
    void sameSeedSameCluster() {
        Cluster again = Cluster.create();
        assertThat(again.store().list(Pod.class, "Pod").toString())
                .isEqualTo(cluster.store().list(Pod.class, "Pod").toString());
    }
}
