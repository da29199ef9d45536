package academy.minicluster.net.dataplane;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A connection walked through the data plane: how it ended, the hops it took, and the server it reached. */
final class ClusterConnection implements Connection {

    private final Outcome outcome;
    private final List<Hop> hops;
    private final String local;
    private final String remote;
    private final Server server;
    private final Server.Peer peer;
    private final boolean tls;

    private ClusterConnection(Outcome outcome, List<Hop> hops, String local, String remote, Server server,
                              Server.Peer peer, boolean tls) {
        this.outcome = outcome;
        this.hops = hops;
        this.local = local;
        this.remote = remote;
        this.server = server;
        this.peer = peer;
        this.tls = tls;
    }

    static ClusterConnection failed(Outcome outcome, List<Hop> hops, String local, String remote) {
        return new ClusterConnection(outcome, new ArrayList<>(hops), local, remote, null, null, false);
    }

    static ClusterConnection established(DataPlane plane, Server server, Server.Peer peer, List<Hop> hops,
                                         String local, String remote, Protocol protocol) {
        return new ClusterConnection(Outcome.ESTABLISHED, new ArrayList<>(hops), local, remote, server, peer, false);
    }

    Server server() {
        return server;
    }

    Server.Peer peer() {
        return peer;
    }

    @Override
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public List<Hop> hops() {
        return List.copyOf(hops);
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public String localAddress() {
        return local;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request) {
        if (server == null) {
            return Optional.empty();
        }
        return server.http(request, peer, tls, hops);
    }

    @Override
    public TlsHandshake startTls(String serverName) {
        if (server == null) {
            return TlsHandshake.failed("connection not established");
        }
        ClusterConnection decrypted = new ClusterConnection(outcome, hops, local, remote, server, peer, true);
        return server.tls(serverName, decrypted, hops);
    }

    @Override
    public Optional<String> datagram(String payload) {
        if (server == null) {
            return Optional.empty();
        }
        return server.raw(payload, peer, hops);
    }
}
