package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;

/**
 * One entry of a rule's {@code ports}, compiled: a protocol (default TCP) and either all its ports, one number, a
 * range {@code port..endPort}, or a named port.
 *
 * <p>A named port is resolved against the <em>destination</em> pod's container ports (name and protocol), for
 * ingress and egress rules alike: the name means "whatever port the pod receiving the traffic calls so".
 *
 * @param protocol the protocol, or {@code null} for one the API server would reject (it then matches nothing)
 */
record PolicyPort(Protocol protocol, Integer number, Integer endPort, String name) {

    static PolicyPort compile(NetworkPolicyPort port) {
        Protocol protocol;
        try {
            protocol = Protocol.parse(port.getProtocol());
        } catch (IllegalArgumentException unsupported) {
            protocol = null;
        }
        IntOrString value = port.getPort();
        if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
            return new PolicyPort(protocol, null, null, null);
        }
        if (value.getIntVal() != null) {
            return new PolicyPort(protocol, value.getIntVal(), port.getEndPort(), null);
        }
        return new PolicyPort(protocol, null, null, value.getStrVal());
    }

    /** Whether a connection to {@code port}/{@code protocol} of {@code destination} (null unless a pod) matches. */
    boolean matches(int port, Protocol flowProtocol, Pod destination) {
        if (protocol == null || protocol != flowProtocol) {
            return false;
        }
        if (name != null) {
            return destination != null && resolves(destination, port);
        }
        if (number == null) {
            return true;
        }
        return endPort == null ? port == number : number <= port && port <= endPort;
    }

    private boolean resolves(Pod destination, int port) {
        if (destination.getSpec() == null || destination.getSpec().getContainers() == null) {
            return false;
        }
        for (Container container : destination.getSpec().getContainers()) {
            List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
            for (ContainerPort containerPort : ports) {
                if (name.equals(containerPort.getName())
                        && Protocol.parse(containerPort.getProtocol()) == protocol
                        && containerPort.getContainerPort() != null && containerPort.getContainerPort() == port) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code 80/TCP}, {@code 8000-8080/TCP}, {@code serve-80-tcp/TCP}, or {@code all UDP ports}. */
    String describe() {
        String proto = protocol == null ? "unsupported protocol" : protocol.name();
        if (name != null) {
            return name + "/" + proto;
        }
        if (number == null) {
            return "all " + proto + " ports";
        }
        return (endPort == null ? number.toString() : number + "-" + endPort) + "/" + proto;
    }
}
