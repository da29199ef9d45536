package academy.minicluster.net.dataplane;

import academy.minicluster.net.dataplane.dns.CoreDns;
import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.dataplane.ingress.TlsCertificate;
import academy.minicluster.net.dataplane.proxy.ServiceTable;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.workload.Surroundings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.List;
import java.util.Optional;

/**
 * What the data plane hands every container's process with a connection: its pod's own network view and the
 * compiled tables, read-only. The same for every image: the process decides what it reads (CoreDNS its zone, a
 * proxy its routes and upstreams); the data plane does not ask what runs.
 */
final class ContainerSurroundings implements Surroundings {

    private final DataPlane plane;
    private final Pod pod;
    private final String containerName;

    ContainerSurroundings(DataPlane plane, Pod pod, String containerName) {
        this.plane = plane;
        this.pod = pod;
        this.containerName = containerName;
    }

    @Override
    public Pod pod() {
        return pod;
    }

    @Override
    public NetworkView network() {
        return plane.fromPod(pod, containerName);
    }

    @Override
    public IngressRouter ingressRoutes() {
        return plane.ingressRouter();
    }

    @Override
    public GatewayRouter gatewayRoutes() {
        return plane.gatewayRouter();
    }

    @Override
    public ServiceTable services() {
        return plane.services();
    }

    @Override
    public CoreDns clusterDns() {
        return plane.dns();
    }

    @Override
    public Optional<Gateway> gateway(String namespace, String name) {
        return Optional.ofNullable(plane.gateway(namespace, name));
    }

    @Override
    public List<ReferenceGrant> referenceGrants() {
        return plane.referenceGrants();
    }

    @Override
    public Optional<TlsCertificate> secretCertificate(String namespace, String name) {
        return plane.secretCertificate(namespace, name);
    }

    @Override
    public int nextUpstreamIndex(String upstream, int size) {
        return plane.nextUpstreamIndex(upstream, size);
    }

    @Override
    public int weightedDraw(int total) {
        return plane.weightedDraw(total);
    }
}
