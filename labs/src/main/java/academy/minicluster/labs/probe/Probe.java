package academy.minicluster.labs.probe;

import java.util.Comparator;
import java.util.Objects;

/**
 * One probe of a {@link ProbeSet}, named by workloads and objects (never by generated names or addresses), so that
 * it runs in any cluster: the reference solution's, a learner's, a mutant's. {@link #describe()} is how a
 * difference reads to a learner: "from shop/other to api:8080".
 */
public sealed interface Probe {

    /** Where the probe goes, as a learner reads it: "from shop/other to api:8080". */
    String describe();

    /** The same probe between the first pods of the workloads: the replicas of a workload are alike. */
    default Probe ofWorkloads() {
        if (this instanceof PodToPod p) {
            return new PodToPod(p.from().first(), p.to().first(), p.port());
        }
        if (this instanceof PodToService p) {
            return new PodToService(p.from().first(), p.namespace(), p.name(), p.port());
        }
        if (this instanceof PodToApiServer p) {
            return new PodToApiServer(p.from().first());
        }
        if (this instanceof PodLookup p) {
            return new PodLookup(p.from().first(), p.name());
        }
        return this;
    }

    /**
     * A pod, by namespace, workload (its Deployment, DaemonSet, StatefulSet, Job or own name) and ordinal among
     * that workload's pods (ordered by node, then name): {@code shop/api} for the first, {@code shop/api#1} for the
     * second.
     */
    record PodKey(String namespace, String workload, int ordinal) implements Comparable<PodKey> {
        private static final Comparator<PodKey> ORDER = Comparator.comparing(PodKey::namespace)
                .thenComparing(PodKey::workload).thenComparingInt(PodKey::ordinal);

        public PodKey {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(workload, "workload");
        }

        @Override
        public int compareTo(PodKey o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return namespace + "/" + workload + (ordinal == 0 ? "" : "#" + ordinal);
        }

        /** The first pod of the same workload. */
        PodKey first() {
            return ordinal == 0 ? this : new PodKey(namespace, workload, 0);
        }

        /** The name seen from {@code from}: without the namespace when both are in the same one. */
        String seenFrom(PodKey from) {
            return from.namespace.equals(namespace) ? workload + (ordinal == 0 ? "" : "#" + ordinal) : toString();
        }
    }

    /** A port and its protocol: {@code 8080}, {@code 53/UDP}. */
    record Port(int number, String protocol) implements Comparable<Port> {
        public Port {
            Objects.requireNonNull(protocol, "protocol");
        }

        static Port tcp(int number) {
            return new Port(number, "TCP");
        }

        @Override
        public int compareTo(Port o) {
            return number != o.number ? Integer.compare(number, o.number) : protocol.compareTo(o.protocol);
        }

        @Override
        public String toString() {
            return protocol.equals("TCP") ? Integer.toString(number) : number + "/" + protocol;
        }
    }

    /** From a pod to another pod's IP on a port: {@code nc -z}. */
    record PodToPod(PodKey from, PodKey to, Port port) implements Probe {
        @Override
        public String describe() {
            return "from " + from + " to " + to.seenFrom(from) + ":" + port;
        }
    }

    /** From a pod to a Service's ClusterIP and port, with an HTTP request: {@code curl http://CLUSTER-IP:PORT/}. */
    record PodToService(PodKey from, String namespace, String name, int port) implements Probe {
        @Override
        public String describe() {
            return "from " + from + " to Service " + (from.namespace().equals(namespace) ? "" : namespace + "/")
                    + name + ":" + port;
        }
    }

    /** From a pod to the API server, {@code 10.96.0.1:443}. */
    record PodToApiServer(PodKey from) implements Probe {
        @Override
        public String describe() {
            return "from " + from + " to the API server 10.96.0.1:443";
        }
    }

    /** A lookup of a name from a pod, asked of the cluster DNS: {@code nslookup NAME}. */
    record PodLookup(PodKey from, String name) implements Probe {
        @Override
        public String describe() {
            return "from " + from + ", nslookup " + name;
        }
    }

    /** From the workstation to a Service's nodePort on one node, with an HTTP request. */
    record ToNodePort(String namespace, String name, int port, String node) implements Probe {
        @Override
        public String describe() {
            return "from the workstation, the nodePort of Service " + namespace + "/" + name + ":" + port + " on "
                    + node;
        }
    }

    /** From the workstation to a Service's load-balancer IP and port, with an HTTP request. */
    record ToLoadBalancer(String namespace, String name, int port) implements Probe {
        @Override
        public String describe() {
            return "from the workstation, the load-balancer IP of Service " + namespace + "/" + name + ":" + port;
        }
    }

    /** A request for a host and path sent to ingress-nginx from the workstation, over HTTP or HTTPS. */
    record ThroughIngress(boolean tls, String host, String path) implements Probe {
        @Override
        public String describe() {
            return "from the workstation, " + (tls ? "https://" : "http://")
                    + (host.isEmpty() ? "<ingress address>" : host) + path;
        }
    }

    /**
     * A request from the workstation through a Gateway API Gateway, to its status address on one listener's port:
     * {@code host} is the Host header (or the SNI name and {@code --resolve} over HTTPS; empty: the address itself),
     * {@code header} a header a route matches on, sent ({@link Header#NONE}: none sent).
     */
    record ThroughGateway(String namespace, String gateway, int port, boolean tls, String host, String path,
                          Header header) implements Probe {
        @Override
        public String describe() {
            boolean defaultPort = port == (tls ? 443 : 80);
            return "from the workstation, " + (tls ? "https://" : "http://")
                    + (host.isEmpty() ? "<gateway address>" : host) + (defaultPort ? "" : ":" + port) + path
                    + (header.equals(Header.NONE) ? "" : " with header " + header.name() + ": " + header.value())
                    + " via Gateway " + namespace + "/" + gateway;
        }
    }

    /** An HTTP request header by name and value; {@link #NONE} is no header. */
    record Header(String name, String value) {
        public static final Header NONE = new Header("", "");
    }
}
