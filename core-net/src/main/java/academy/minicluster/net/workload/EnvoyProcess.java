package academy.minicluster.net.workload;

import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Envoy Gateway's processes: the control plane ({@code envoyproxy/gateway}: xDS, its webhook and metrics on the
 * ports its Deployment declares) and the Envoy proxy of each Gateway ({@code envoyproxy/envoy}), whose listener ports
 * route and proxy from the Gateway API routes Envoy Gateway compiled ({@link EnvoyProxy}).
 */
final class EnvoyProcess implements Process {

    private final boolean proxy;
    /** Made once: every connection to the proxy asks which of its ports listen. */
    private final List<Listener> listeners;

    EnvoyProcess(boolean proxy, List<Integer> ports) {
        this.proxy = proxy;
        List<Listener> listeners = new ArrayList<>();
        for (int port : ports.stream().distinct().sorted().toList()) {
            // The proxy's admin/readiness port (19001) speaks plain HTTP; the others are Gateway listeners.
            listeners.add(new Listener(port, Protocol.TCP, proxy && port != 19001 ? Listener.Kind.INGRESS_CONTROLLER
                    : Listener.Kind.HTTP));
        }
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public List<Listener> listeners() {
        return listeners;
    }

    @Override
    public Optional<HttpResponse> proxy(ProxiedRequest request, Surroundings around) {
        return proxy ? new EnvoyProxy(around, request.conn()).http(request) : Optional.empty();
    }

    @Override
    public Optional<TlsHandshake> handshake(TlsHello hello, Surroundings around) {
        return proxy ? Optional.of(new EnvoyProxy(around, hello.conn()).tls(hello)) : Optional.empty();
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return proxy ? List.of("[info][main] initializing epoch 0 (base id=0, hot restart version=disabled)",
                "[info][main] statically linked extensions:")
                : List.of("{\"level\":\"info\",\"logger\":\"gateway-api\",\"msg\":\"starting envoy gateway\"}");
    }
}
