package academy.minicluster.net.workload;

import academy.minicluster.net.dataplane.dns.CoreDns;
import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.dataplane.ingress.TlsCertificate;
import academy.minicluster.net.dataplane.proxy.ServiceTable;
import academy.minicluster.net.probe.NetworkView;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.List;
import java.util.Optional;

/**
 * What a container's process reaches beyond its own sockets, handed to it by the data plane with each connection
 * it accepts (the same for every container; only the proxies and CoreDNS read it):
 * <ul>
 *   <li>the pod it runs in and the network as that pod sees it ({@link #network()}): a proxy's upstream leg is an
 *       ordinary connection from there, through kube-proxy, routes and NetworkPolicy like any client's;</li>
 *   <li>the cluster configuration it serves from, read-only, as a real controller watches the API and configures
 *       its proxy: ingress-nginx's routes (its nginx.conf), Envoy Gateway's routes (its xDS), the Services'
 *       endpoints (the upstreams), CoreDNS's zone (its {@code kubernetes} plugin), certificates;</li>
 *   <li>the balancers' positions (nginx's round-robin, Envoy's weighted draw), kept by the data plane so that a
 *       forked cluster goes on from the same ones.</li>
 * </ul>
 */
public interface Surroundings {

    /** The pod the process runs in, as stored (for reading). */
    Pod pod();

    /** The network as seen from the process's container: where its own connections start. */
    NetworkView network();

    /** ingress-nginx's routes, compiled from the Ingresses, IngressClasses and Secrets. */
    IngressRouter ingressRoutes();

    /** Envoy Gateway's routes, compiled from the Gateway API objects. */
    GatewayRouter gatewayRoutes();

    /** The Services' ports and endpoints (what a proxy's upstreams are). */
    ServiceTable services();

    /** CoreDNS's Corefile plugins over the cluster's zone. */
    CoreDns clusterDns();

    /** A Gateway as stored (for reading). */
    Optional<Gateway> gateway(String namespace, String name);

    /** The ReferenceGrants, as stored (for reading). */
    List<ReferenceGrant> referenceGrants();

    /** The certificate in a {@code kubernetes.io/tls} Secret, when it holds one and a key. */
    Optional<TlsCertificate> secretCertificate(String namespace, String name);

    /** The next position of a round-robin over an upstream's {@code size} endpoints. */
    int nextUpstreamIndex(String upstream, int size);

    /** A number in [0, total) from the cluster's seeded generator (Envoy's weighted choice of a backendRef). */
    int weightedDraw(int total);
}
