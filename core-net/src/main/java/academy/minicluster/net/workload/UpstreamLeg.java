package academy.minicluster.net.workload;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's upstream leg (ingress-nginx, Envoy) as its client's trace shows it: an ordinary connection from the
 * proxy's own pod ({@link Surroundings#network()}), whose hops follow the proxy's own "proxies to endpoint ...
 * from its own pod IP", which already says who connects where (so the leg's opening client hop is not repeated).
 */
final class UpstreamLeg {

    private UpstreamLeg() {
    }

    /** The hops the leg's walk took, after its opening client hop. */
    static List<Hop> walked(Connection upstream) {
        List<Hop> hops = upstream.hops();
        return !hops.isEmpty() && hops.get(0).stage() == Hop.Stage.CLIENT ? hops.subList(1, hops.size()) : hops;
    }

    /** One HTTP exchange over the leg; what the upstream server added goes on the client's trace. */
    static Optional<HttpResponse> exchange(Connection upstream, HttpRequest request, Trace clientTrace) {
        Trace.Mark mark = upstream.mark();
        Optional<HttpResponse> response = upstream.http(request);
        clientTrace.addAll(upstream.hopsSince(mark));
        return response;
    }
}
