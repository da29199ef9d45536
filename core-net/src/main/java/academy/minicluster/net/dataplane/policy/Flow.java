package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.wire.Protocol;
import java.util.Objects;

/**
 * A connection as NetworkPolicy judges it: after Service DNAT, from {@code source} to {@code destination} on the
 * destination's {@code port} and {@code protocol}. Policies never see a ClusterIP; they see the pod that was chosen.
 */
public record Flow(Peer source, Peer destination, int port, Protocol protocol) {

    public Flow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, inclusive: " + port);
        }
    }

    /** {@code 80/TCP}, as kubectl writes a port. */
    public String portText() {
        return port + "/" + protocol;
    }
}
