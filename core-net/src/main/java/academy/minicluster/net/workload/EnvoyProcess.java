package academy.minicluster.net.workload;

import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Envoy Gateway's processes: the control plane ({@code envoyproxy/gateway}: xDS, its webhook and metrics on the
 * ports its Deployment declares) and the Envoy proxy of each Gateway ({@code envoyproxy/envoy}), whose listener ports
 * are served by the cluster's Gateway API model (the data plane's Envoy server), not here.
 */
record EnvoyProcess(boolean proxy, List<Integer> ports) implements Process {

    EnvoyProcess {
        ports = List.copyOf(ports);
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        for (int port : ports.stream().distinct().sorted().toList()) {
            // The proxy's admin/readiness port (19001) speaks plain HTTP; the others are Gateway listeners.
            listeners.add(new Listener(port, Protocol.TCP, proxy && port != 19001 ? Listener.Kind.INGRESS_CONTROLLER
                    : Listener.Kind.HTTP));
        }
        return listeners;
    }

    @Override
    public ContainerState state() {
        return new ContainerState.Running();
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return proxy ? List.of("[info][main] initializing epoch 0 (base id=0, hot restart version=disabled)",
                "[info][main] statically linked extensions:")
                : List.of("{\"level\":\"info\",\"logger\":\"gateway-api\",\"msg\":\"starting envoy gateway\"}");
    }
}
