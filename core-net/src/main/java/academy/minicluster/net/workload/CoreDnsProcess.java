package academy.minicluster.net.workload;

import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CoreDNS as kubeadm and kind deploy it: DNS on 53/UDP and 53/TCP, answered by kubeadm's Corefile's plugins over
 * the cluster's zone ({@link Surroundings#clusterDns()}, compiled from the Services and EndpointSlices as its
 * {@code kubernetes} plugin watches them),
 * Prometheus metrics on 9153, the {@code health} plugin on 8080 ({@code /health}: {@code OK}) and the {@code ready}
 * plugin on 8181 ({@code /ready}: {@code OK}), which its Deployment's liveness and readiness probes use.
 */
record CoreDnsProcess() implements Process {

    /** The same sockets for every CoreDNS pod: made once (every question to the pod asks for them). */
    private static final List<Listener> LISTENERS = List.of(new Listener(53, Protocol.TCP, Listener.Kind.DNS),
            new Listener(53, Protocol.UDP, Listener.Kind.DNS),
            new Listener(8080, Protocol.TCP, Listener.Kind.HTTP),
            new Listener(8181, Protocol.TCP, Listener.Kind.HTTP),
            new Listener(9153, Protocol.TCP, Listener.Kind.HTTP));

    @Override
    public List<Listener> listeners() {
        return LISTENERS;
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of(".:53",
                "CoreDNS-1.11.3", "linux/amd64, go1.21.11, a6338e9");
    }

    @Override
    public Optional<ZoneAnswer> answerDns(String name, RecordType type, Surroundings around) {
        return Optional.of(around.clusterDns().answer(name, type));
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        long now = conn.epochSecond();
        if (port == 8080 && request.path().equals("/health") || port == 8181 && request.path().equals("/ready")) {
            return Optional.of(Wire.goResponse(200, Map.of(), "OK", now));
        }
        if (port == 8080 || port == 8181 || port == 9153) {
            return Optional.of(Wire.goResponse(404, Map.of("X-Content-Type-Options", "nosniff",
                    "Content-Type", "text/plain; charset=utf-8"), "404 page not found\n", now));
        }
        return Optional.empty();
    }
}
