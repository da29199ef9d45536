package academy.minicluster.net.dataplane;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A resolver outside the cluster (the workstation's local stub, or Docker's DNS on the kind network's gateway):
 * it knows the simulated Internet's names and nothing of {@code cluster.local}. DNS questions reaching it are
 * answered by the data plane's upstream table; it speaks no HTTP.
 */
final class ResolverServer implements Server {

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        return Optional.empty();
    }
}
