package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsResponse;
import java.util.List;
import java.util.Objects;

/**
 * What a DNS server answered to one question, and why: the response as dig would print it, and the hops (stage
 * {@link Hop.Stage#DNS}) naming the Service, EndpointSlice or Pod that produced each record, or the reason there is
 * none ("no Service named web in namespace prod").
 *
 * @param response the DNS response
 * @param hops     the decisions behind it, in the order CoreDNS took them (a CNAME before its target)
 */
public record ZoneAnswer(DnsResponse response, List<Hop> hops) {

    public ZoneAnswer {
        Objects.requireNonNull(response, "response");
        hops = List.copyOf(hops);
    }
}
