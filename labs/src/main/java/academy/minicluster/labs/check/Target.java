package academy.minicluster.labs.check;

import java.util.List;
import java.util.Objects;

/**
 * Where a reachability matrix sends its probes: pods (every pod of a group, at its IP), a Service (its ClusterIP),
 * an Ingress host and path (through ingress-nginx, as {@code curl} from the workstation sends it), the API server
 * ({@code 10.96.0.1:443}, {@code kubernetes.default}) or the cluster DNS (a lookup of a name).
 */
public sealed interface Target {

    /** The ports probed when a row names none: what the destination declares. */
    List<PortRef> defaultPorts();

    /** Every pod of a group (by name or selector), at its IP; default ports are its declared containerPorts. */
    record Pods(Origin.FromPod pods) implements Target {
        public Pods {
            Objects.requireNonNull(pods, "pods");
        }

        @Override
        public List<PortRef> defaultPorts() {
            return List.of();
        }
    }

    /** A Service at its ClusterIP; default ports are the Service's ports. */
    record Service(String namespace, String name) implements Target {
        public Service {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<PortRef> defaultPorts() {
            return List.of();
        }
    }

    /**
     * A request for {@code host} and {@code path} sent to ingress-nginx (its load-balancer address); allowed means a
     * pod answered (not the controller's own 404 or a redirect).
     */
    record Ingress(String host, String path, boolean tls) implements Target {
        public Ingress {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public List<PortRef> defaultPorts() {
            return List.of(new PortRef(tls ? 443 : 80, "TCP"));
        }
    }

    /** The API server through its Service, {@code kubernetes.default} at 10.96.0.1:443. */
    record ApiServer() implements Target {
        public static final String ADDRESS = "10.96.0.1";

        @Override
        public List<PortRef> defaultPorts() {
            return List.of(new PortRef(443, "TCP"));
        }
    }

    /** The cluster DNS: {@code name} is looked up (nslookup); allowed means an answer came back. */
    record Dns(String name) implements Target {
        public Dns {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<PortRef> defaultPorts() {
            return List.of(new PortRef(53, "UDP"));
        }
    }

    /** A port and its protocol ({@code 8080}, {@code 53/UDP}). */
    record PortRef(int port, String protocol) {
        public PortRef {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public String toString() {
            return protocol.equals("TCP") ? String.valueOf(port) : port + "/" + protocol;
        }
    }
}
