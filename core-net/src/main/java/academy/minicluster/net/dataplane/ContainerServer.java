package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.workload.ConnectionInfo;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** A simulated container answering on one of its ports; it sees the client address after any SNAT. */
final class ContainerServer implements Server {

    private final Pod pod;
    private final String containerName;
    private final SimulatedContainer container;
    private final SimulatedClock clock;

    ContainerServer(Pod pod, String containerName, SimulatedContainer container, SimulatedClock clock) {
        this.pod = pod;
        this.containerName = containerName;
        this.container = container;
        this.clock = clock;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
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
    public Optional<String> raw(String payload, Peer peer, Trace hops) {
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

    boolean listensOn(int port, Protocol protocol) {
        return container.listensOn(port, protocol);
    }
}
