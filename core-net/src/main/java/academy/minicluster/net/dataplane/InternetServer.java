package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A web server of the simulated Internet (the names of {@code UpstreamDns}): it answers every path with a small
 * page naming itself, on port 80 and, with a publicly trusted certificate, on 443. Enough to show that egress
 * works — or that a NetworkPolicy stops it.
 */
final class InternetServer implements Server {

    private final String name;
    private final SimulatedClock clock;

    InternetServer(String name, SimulatedClock clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        String body = "<!doctype html>\n<html>\n<head><title>" + name + "</title></head>\n<body>\n<h1>" + name
                + "</h1>\n<p>A page of the mini-cluster's simulated Internet.</p>\n</body>\n</html>\n";
        hops.add(Hop.pass(Hop.Stage.CONTAINER, name + " answered " + request.method() + " " + request.path() + " with 200"));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html; charset=UTF-8");
        h.put("Content-Length", String.valueOf(body.length()));
        return Optional.of(HttpResponse.of(200, h, body));
    }

    @Override
    public TlsHandshake tls(String sni, Connection decrypted, Peer peer, Trace hops) {
        return new TlsHandshake(true, "CN=" + name, "C=US; O=Let's Encrypt; CN=R11", List.of(name, "www." + name),
                true, "", decrypted);
    }
}
