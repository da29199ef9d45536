package academy.minicluster.net.dataplane;

import academy.minicluster.net.dataplane.dns.UpstreamDns;
import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.Optional;

/**
 * A resolver outside the cluster (the workstation's local stub, or Docker's DNS on the kind network's gateway):
 * it knows the simulated Internet's names ({@link UpstreamDns}) and nothing of {@code cluster.local}; it speaks no
 * HTTP.
 */
final class ResolverServer implements Server {

    private final UpstreamDns upstream;

    ResolverServer(UpstreamDns upstream) {
        this.upstream = upstream;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        return Optional.empty();
    }

    @Override
    public Optional<ZoneAnswer> dns(String name, RecordType type) {
        return Optional.of(upstream.answer(name, type));
    }
}
