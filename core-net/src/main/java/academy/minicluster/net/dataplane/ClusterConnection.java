package academy.minicluster.net.dataplane;

import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import java.util.Optional;

/** A connection walked through the data plane: how it ended, the hops it took, and the server it reached. */
final class ClusterConnection implements Connection {

    private final Outcome outcome;
    /** The walk's hops, then what the server adds over each exchange. */
    private final Trace trace;
    private final String local;
    private final String remote;
    private final Server server;
    private final Server.Peer peer;
    private final boolean tls;

    private ClusterConnection(Outcome outcome, Trace trace, String local, String remote, Server server,
                              Server.Peer peer, boolean tls) {
        this.outcome = outcome;
        this.trace = trace;
        this.local = local;
        this.remote = remote;
        this.server = server;
        this.peer = peer;
        this.tls = tls;
    }

    /** The connection a walk ended in: established with the server of {@code end}, or failed as it says. */
    static ClusterConnection of(Step end, List<Hop> hops, String local, String remote) {
        if (end instanceof Step.Accepted a) {
            return new ClusterConnection(Outcome.ESTABLISHED, Trace.startingWith(hops), local, remote, a.server(),
                    a.peer(), false);
        }
        if (end instanceof Step.Failed f) {
            return new ClusterConnection(f.outcome(), Trace.startingWith(hops), local, remote, null, null, false);
        }
        throw new IllegalStateException("the walk ended before a stage accepted or failed the connection: " + end);
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
        return List.copyOf(trace.hops());
    }

    @Override
    public Trace.Mark mark() {
        return trace.mark();
    }

    @Override
    public List<Hop> hopsSince(Trace.Mark mark) {
        return trace.since(mark);
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
        return server.http(request, peer, tls, trace);
    }

    @Override
    public TlsHandshake startTls(String serverName) {
        if (server == null) {
            return TlsHandshake.failed("connection not established");
        }
        ClusterConnection decrypted = new ClusterConnection(outcome, trace, local, remote, server, peer, true);
        return server.tls(serverName, decrypted, peer, trace);
    }

    /** One DNS question to the server the connection reached: its answer, empty when it does not speak DNS. */
    Optional<ZoneAnswer> dns(String name, RecordType type) {
        return server == null ? Optional.empty() : server.dns(name, type);
    }

    @Override
    public Optional<String> datagram(String payload) {
        if (server == null) {
            return Optional.empty();
        }
        return server.raw(payload, peer, trace);
    }
}
