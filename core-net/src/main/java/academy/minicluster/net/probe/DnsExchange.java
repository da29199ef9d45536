package academy.minicluster.net.probe;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsResponse;
import java.util.List;
import java.util.Optional;

/**
 * One DNS question sent and what came back.
 *
 * @param server   the nameserver address the question went to
 * @param response the answer, or empty when none came back (the client times out: dig's
 *                 {@code ;; connection timed out; no servers could be reached})
 * @param hops     the path of the question and its answer
 */
public record DnsExchange(String server, Optional<DnsResponse> response, List<Hop> hops) {

    public DnsExchange {
        hops = List.copyOf(hops);
    }
}
