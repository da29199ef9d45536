package academy.minicluster.net.dataplane;

import academy.minicluster.net.dataplane.dns.CoreDns;
import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.Optional;

/**
 * Port 53 of a CoreDNS container: the CoreDNS process answers DNS questions from its Corefile's plugins, compiled
 * into the data plane's tables ({@link CoreDns}: the {@code kubernetes} zone, {@code forward}). A question reaches
 * it only as any packet does, through kube-proxy's DNAT of the kube-dns ClusterIP to this pod and the pod's
 * NetworkPolicy; whatever else arrives on the port is the process's.
 */
final class CoreDnsServer implements Server {

    private final ContainerServer process;
    private final CoreDns coreDns;

    CoreDnsServer(ContainerServer process, CoreDns coreDns) {
        this.process = process;
        this.coreDns = coreDns;
    }

    @Override
    public Optional<ZoneAnswer> dns(String name, RecordType type) {
        return Optional.of(coreDns.answer(name, type));
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        return process.http(request, peer, tls, hops);
    }

    @Override
    public Optional<String> raw(String payload, Peer peer, Trace hops) {
        return process.raw(payload, peer, hops);
    }
}
