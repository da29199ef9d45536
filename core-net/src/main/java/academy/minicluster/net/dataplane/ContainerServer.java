package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.RecordType;
import academy.minicluster.net.workload.ConnectionInfo;
import academy.minicluster.net.workload.ProxiedRequest;
import academy.minicluster.net.workload.SimulatedContainer;
import academy.minicluster.net.workload.Surroundings;
import academy.minicluster.net.workload.TlsHello;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * A simulated container answering on one of its ports; it sees the client address after any SNAT. Whatever the
 * image, its process is handed the same {@link Surroundings} (its pod's network, the compiled tables): a plain
 * server's answer is one hop here, a proxy's listener (ingress-nginx, Envoy) writes its own decisions, a DNS
 * listener (CoreDNS) answers the question.
 */
final class ContainerServer implements Server {

    private final Pod pod;
    private final String containerName;
    private final SimulatedContainer container;
    private final SimulatedClock clock;
    /** The port the connection reached inside the pod (a DNS question carries no peer). */
    private final int port;
    private final Surroundings around;

    ContainerServer(Pod pod, SimulatedContainer container, int port, DataPlane plane) {
        this.pod = pod;
        this.containerName = container.name();
        this.container = container;
        this.clock = plane.clock();
        this.port = port;
        this.around = new ContainerSurroundings(plane, pod, containerName);
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        if (container.proxiesOn(peer.serverPort())) {
            return container.proxy(new ProxiedRequest(request, info(peer), tls, hops), around);
        }
        if (tls) {
            return Optional.empty();
        }
        Optional<HttpResponse> response = container.serveHttp(request, info(peer));
        if (response.isPresent()) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "container " + containerName + " of pod " + pod.getMetadata().getName()
                    + " answered " + request.method() + " " + request.target() + " with " + response.get().status()
                    + " " + response.get().reason() + " (it saw the client as " + peer.clientIp() + ")",
                    ObjectRef.of(pod)));
        } else {
            hops.add(Hop.stop(Hop.Stage.CONTAINER, Hop.Verdict.ERROR, "container " + containerName + " of pod "
                    + pod.getMetadata().getName() + " does not speak HTTP on port " + peer.serverPort()
                    + ": it closes the connection without a reply", ObjectRef.of(pod)));
        }
        return response;
    }

    @Override
    public TlsHandshake tls(String sni, Connection decrypted, Peer peer, Trace hops) {
        return container.handshake(new TlsHello(info(peer), sni, decrypted, hops), around)
                .orElseGet(() -> Server.super.tls(sni, decrypted, peer, hops));
    }

    @Override
    public Optional<ZoneAnswer> dns(String name, RecordType type) {
        return container.answerDns(port, name, type, around);
    }

    @Override
    public Optional<String> raw(String payload, Peer peer, Trace hops) {
        if (container.proxiesOn(peer.serverPort())) {
            return Optional.empty();    // a proxy's listener speaks HTTP only: the raw payload gets no answer
        }
        for (var l : container.listeners()) {
            if (l.port() == peer.serverPort()) {
                Optional<String> reply = container.serveRaw(l.port(), l.protocol(), payload, info(peer));
                hops.add(Hop.pass(Hop.Stage.CONTAINER, "container " + containerName + " of pod "
                        + pod.getMetadata().getName() + (reply.isPresent() ? " replied" : " sent no reply"),
                        ObjectRef.of(pod)));
                return reply;
            }
        }
        return Optional.empty();
    }

    private ConnectionInfo info(Peer peer) {
        return new ConnectionInfo(peer.clientIp(), peer.clientPort(), peer.serverIp(), peer.serverPort(),
                clock.epochSecond());
    }
}
