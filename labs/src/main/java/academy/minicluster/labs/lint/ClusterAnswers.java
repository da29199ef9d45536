package academy.minicluster.labs.lint;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.dataplane.DataPlane;
import academy.minicluster.net.dataplane.Hop;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.profile.ClusterNetwork;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a cluster answers on a probe set derived from the lab: every lab pod to every other on every declared port
 * plus one undeclared port, the API server and DNS from every lab pod, every Service port from every lab pod,
 * NodePorts and load-balancer IPs from the workstation, every Ingress host and path and their near misses
 * ({@code /api/}, {@code /apis}, {@code /API}, another host) through ingress-nginx, over HTTP and HTTPS. The
 * probes go through the data plane the learner's {@code curl}, {@code nc} and {@code dig} use, so an answer is
 * what one of them would see: a connect outcome, an HTTP status and redirect, the Services a request went
 * through, a TLS certificate's subject, a DNS answer's code.
 *
 * <p>Two clusters are compared on the union of their probe sets, so an object that only one of them has is
 * probed in both. Pods are named by their workload and ordinal ({@code shop/api#0}), never by their generated
 * names, which change with the pod template.
 */
final class ClusterAnswers {

    /** Namespaces of the cluster's own machinery: neither sources nor destinations of the probe set. */
    private static final Set<String> SYSTEM = Set.of("kube-system", "ingress-nginx", "metallb-system",
            "local-path-storage", "kube-public", "kube-node-lease", "envoy-gateway-system");
    private static final String API_SERVER = "10.96.0.1";
    /** Connections made to each Service, so that every endpoint is likely picked (2 endpoints: 1 in 128 misses). */
    private static final int SERVICE_ATTEMPTS = 8;

    /** What to probe: targets derived from one or two clusters. */
    record Targets(Set<String> pods, Set<Integer> ports, Set<String> services, Set<String> ingresses,
                   Set<String> names) {

        Targets union(Targets o) {
            return new Targets(join(pods, o.pods), join(ports, o.ports), join(services, o.services),
                    join(ingresses, o.ingresses), join(names, o.names));
        }

        private static <T extends Comparable<T>> Set<T> join(Set<T> a, Set<T> b) {
            Set<T> s = new TreeSet<>(a);
            s.addAll(b);
            return s;
        }
    }

    private ClusterAnswers() {
    }

    /** The probe set a cluster's objects call for. */
    static Targets targets(Cluster cluster) {
        ObjectStore store = cluster.store();
        Set<String> pods = new TreeSet<>(labPods(store).keySet());
        Set<Integer> ports = new TreeSet<>();
        for (Pod p : labPods(store).values()) {
            for (Container c : p.getSpec().getContainers()) {
                if (c.getPorts() != null) {
                    c.getPorts().stream().map(ContainerPort::getContainerPort).filter(x -> x != null).forEach(ports::add);
                }
            }
        }
        Set<String> services = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (Service s : store.listForReading(Service.class, "Service")) {
            String ns = s.getMetadata().getNamespace();
            if (SYSTEM.contains(ns) || (ns.equals("default") && s.getMetadata().getName().equals("kubernetes"))) {
                continue;
            }
            names.add(s.getMetadata().getName() + "." + ns + ".svc.cluster.local");
            for (ServicePort sp : list(s.getSpec().getPorts())) {
                services.add(ns + "/" + s.getMetadata().getName() + ":" + sp.getPort());
                if (sp.getTargetPort() != null && sp.getTargetPort().getIntVal() != null) {
                    ports.add(sp.getTargetPort().getIntVal());
                }
            }
        }
        for (NetworkPolicy np : store.listForReading(NetworkPolicy.class, "NetworkPolicy")) {
            List<NetworkPolicyPort> all = new ArrayList<>();
            list(np.getSpec().getIngress()).forEach(r -> all.addAll(list(r.getPorts())));
            list(np.getSpec().getEgress()).forEach(r -> all.addAll(list(r.getPorts())));
            all.stream().filter(x -> x.getPort() != null && x.getPort().getIntVal() != null)
                    .forEach(x -> ports.add(x.getPort().getIntVal()));
        }
        Set<String> ingresses = new TreeSet<>();
        for (Ingress ing : store.listForReading(Ingress.class, "Ingress")) {
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS t : list(ing.getSpec().getTls())) {
                tlsHosts.addAll(list(t.getHosts()));
            }
            for (IngressRule r : list(ing.getSpec().getRules())) {
                String host = r.getHost() == null ? "" : r.getHost();
                Set<String> paths = new LinkedHashSet<>(List.of("/", "/x"));
                if (r.getHttp() != null) {
                    for (HTTPIngressPath p : list(r.getHttp().getPaths())) {
                        paths.addAll(nearMisses(p.getPath() == null ? "/" : p.getPath()));
                    }
                }
                for (String path : paths) {
                    ingresses.add("http " + host + " " + path);
                    ingresses.add("https " + host + " " + path);
                }
                ingresses.add("http x" + host + " /");
            }
            tlsHosts.forEach(h -> ingresses.add("https " + h + " /"));
        }
        return new Targets(pods, ports, services, ingresses, names);
    }

    /** A path and the requests an ingress must tell it from. */
    static List<String> nearMisses(String path) {
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        out.add(bare);
        out.add(bare.equals("/") ? "/" : bare + "/");
        out.add(bare + (bare.endsWith("/") ? "" : "/") + "sub");
        out.add(bare + "s");
        out.add(bare.toUpperCase(java.util.Locale.ROOT));
        return List.copyOf(out);
    }

    /**
     * The answers of {@code cluster} on the probe set: probe → what came back. The extra undeclared port is the
     * one after the highest declared port.
     */
    static SortedMap<String, String> observe(Cluster cluster, Targets t) {
        SortedMap<String, String> out = new TreeMap<>();
        ObjectStore store = cluster.store();
        DataPlane plane = cluster.dataPlane();
        Map<String, Pod> pods = labPods(store);
        Set<Integer> ports = new TreeSet<>(t.ports());
        ports.add(ports.isEmpty() ? 81 : ((TreeSet<Integer>) ports).last() + 1);
        for (String src : t.pods()) {
            Pod from = pods.get(src);
            if (from == null) {
                out.put("pod " + src, "absent");
                continue;
            }
            NetworkView view = plane.fromPod(from, from.getSpec().getContainers().get(0).getName());
            for (String dst : t.pods()) {
                Pod to = pods.get(dst);
                if (dst.equals(src) || to == null || to.getStatus().getPodIP() == null) {
                    continue;
                }
                for (int port : ports) {
                    out.put("from " + src + " to pod " + dst + ":" + port,
                            connect(view, to.getStatus().getPodIP(), port, false));
                }
            }
            out.put("from " + src + " to the API server 10.96.0.1:443", connect(view, API_SERVER, 443, false));
            for (String name : t.names()) {
                out.put("from " + src + " dig " + name, dns(view, name));
            }
            for (String svc : t.services()) {
                Optional<Service> s = service(store, svc);
                if (s.isPresent() && backs(s.get(), from)) {
                    continue; // a pod is not probed against itself: hairpin traffic says nothing of policies
                }
                Optional<String> ip = clusterIp(store, svc);
                out.put("from " + src + " to Service " + svc, ip.isEmpty() ? "no such Service"
                        : attempts(view, ip.get(), port(svc)));
            }
        }
        NetworkView ws = plane.fromWorkstation();
        for (String svc : t.services()) {
            Optional<Service> s = service(store, svc);
            if (s.isEmpty()) {
                out.put("from the workstation to Service " + svc, "no such Service");
                continue;
            }
            for (ServicePort sp : list(s.get().getSpec().getPorts())) {
                if (sp.getPort() != port(svc)) {
                    continue;
                }
                if (sp.getNodePort() != null) {
                    for (Node n : store.listForReading(Node.class, "Node")) {
                        String nodeIp = n.getStatus().getAddresses().stream()
                                .filter(a -> "InternalIP".equals(a.getType())).map(a -> a.getAddress()).findFirst()
                                .orElse(null);
                        if (nodeIp != null) {
                            out.put("from the workstation to Service " + svc + " nodePort on " + n.getMetadata()
                                    .getName(), connect(ws, nodeIp, sp.getNodePort(), true));
                        }
                    }
                }
                loadBalancerIp(s.get()).ifPresent(ip -> out.put("from the workstation to Service " + svc
                        + " load-balancer IP", connect(ws, ip, sp.getPort(), true)));
            }
        }
        Optional<String> ingressIp = ingressAddress(store);
        for (String ing : t.ingresses()) {
            String[] parts = ing.split(" ", 3);
            out.put("from the workstation " + parts[0] + "://" + parts[1] + parts[2], ingressIp.isEmpty()
                    ? "no ingress controller" : request(ws, ingressIp.get(), parts[0].equals("https"), parts[1], parts[2]));
        }
        return out;
    }

    /** The first probe (in order) whose answers differ, worded for a lint finding, or empty when none does. */
    static Optional<String> firstDifference(SortedMap<String, String> reference, SortedMap<String, String> other) {
        Set<String> keys = new TreeSet<>(reference.keySet());
        keys.addAll(other.keySet());
        for (String k : keys) {
            String a = reference.getOrDefault(k, "not probed");
            String b = other.getOrDefault(k, "not probed");
            if (!a.equals(b)) {
                return Optional.of(k + ": " + b + ", reference " + a);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ probes

    private static String connect(NetworkView view, String ip, int port, boolean http) {
        Connection c = view.connect(ip, port, Protocol.TCP);
        if (c.outcome() != Connection.Outcome.ESTABLISHED) {
            return word(c.outcome());
        }
        if (!http) {
            return "connects";
        }
        Optional<HttpResponse> r = c.http(HttpRequest.get("/", ip + ":" + port));
        return r.map(x -> "connects, HTTP " + x.status()).orElse("connects, no HTTP answer") + services(c.hops());
    }

    /**
     * The distinct answers of a few connections to a Service: kube-proxy picks an endpoint at random, so one
     * connection would make the answer depend on the pick.
     */
    private static String attempts(NetworkView view, String ip, int port) {
        Set<String> answers = new TreeSet<>();
        for (int i = 0; i < SERVICE_ATTEMPTS; i++) {
            answers.add(connect(view, ip, port, true));
        }
        return String.join(" | ", answers);
    }

    /** Whether the Service selects the pod: a connection from it may come back to itself. */
    private static boolean backs(Service s, Pod p) {
        Map<String, String> selector = s.getSpec().getSelector();
        Map<String, String> labels = p.getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static String request(NetworkView view, String ip, boolean tls, String host, String path) {
        Connection c = view.connect(ip, tls ? 443 : 80, Protocol.TCP);
        if (c.outcome() != Connection.Outcome.ESTABLISHED) {
            return word(c.outcome());
        }
        String cert = "";
        if (tls) {
            TlsHandshake h = c.startTls(host.isEmpty() ? null : host);
            if (!h.established()) {
                return "TLS handshake failed";
            }
            cert = ", certificate " + h.subject() + (host.isEmpty() || h.covers(host) ? "" : " (not for " + host + ")");
        }
        Optional<HttpResponse> r = c.http(HttpRequest.get(path, host.isEmpty() ? ip : host));
        if (r.isEmpty()) {
            return "connects, no HTTP answer" + cert;
        }
        String location = r.get().headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Location"))
                .map(e -> " to " + e.getValue()).findFirst().orElse("");
        return "HTTP " + r.get().status() + location + cert + services(c.hops());
    }

    private static String dns(NetworkView view, String name) {
        DnsExchange x = view.query(ClusterNetwork.CLUSTER_DNS_IP, name, RecordType.A);
        return x.response().map(r -> r.rcode() + (r.answers().isEmpty() ? "" : " with an address"))
                .orElse("no answer");
    }

    /** The Services a connection went through, named in its hops: where an Ingress or a Service sent it. */
    private static String services(List<Hop> hops) {
        Set<String> s = new TreeSet<>();
        for (Hop h : hops) {
            for (ObjectRef r : h.decidedBy()) {
                if (r.kind().equals("Service") && !SYSTEM.contains(r.namespace())) {
                    s.add(r.namespace() + "/" + r.name());
                }
            }
        }
        return s.isEmpty() ? "" : " via Service " + String.join(", ", s);
    }

    private static String word(Connection.Outcome o) {
        return switch (o) {
            case ESTABLISHED -> "connects";
            case REFUSED -> "refused";
            case TIMEOUT -> "times out";
            case NO_ROUTE -> "no route";
        };
    }

    // ------------------------------------------------------------------------------------------ the cluster

    /** Lab pods that are running with an IP, keyed by namespace, workload and ordinal. */
    private static Map<String, Pod> labPods(ObjectStore store) {
        Map<String, List<Pod>> byWorkload = new TreeMap<>();
        for (Pod p : store.listForReading(Pod.class, "Pod")) {
            String ns = p.getMetadata().getNamespace();
            if (SYSTEM.contains(ns) || p.getStatus() == null || p.getStatus().getPodIP() == null
                    || p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            byWorkload.computeIfAbsent(ns + "/" + workload(p), k -> new ArrayList<>()).add(p);
        }
        Map<String, Pod> out = new TreeMap<>();
        byWorkload.forEach((k, list) -> {
            list.sort(java.util.Comparator.comparing((Pod p) -> p.getSpec().getNodeName() == null ? ""
                    : p.getSpec().getNodeName()).thenComparing(p -> p.getMetadata().getName()));
            for (int i = 0; i < list.size(); i++) {
                out.put(k + "#" + i, list.get(i));
            }
        });
        return out;
    }

    /** A pod's workload: its owner's name without the pod-template hash, or its own name. */
    private static String workload(Pod p) {
        List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return p.getMetadata().getName();
        }
        String owner = owners.get(0).getName();
        if (owners.get(0).getKind().equals("ReplicaSet")) {
            int dash = owner.lastIndexOf('-');
            return dash > 0 ? owner.substring(0, dash) : owner;
        }
        return owner;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Optional<Service> service(ObjectStore store, String svc) {
        String ns = svc.substring(0, svc.indexOf('/'));
        String name = svc.substring(svc.indexOf('/') + 1, svc.lastIndexOf(':'));
        return store.getForReading(Service.class, "Service", ns, name);
    }

    private static Optional<String> clusterIp(ObjectStore store, String svc) {
        return service(store, svc).map(s -> s.getSpec().getClusterIP())
                .filter(ip -> ip != null && !ip.isEmpty() && !ip.equals("None"));
    }

    private static int port(String svc) {
        return Integer.parseInt(svc.substring(svc.lastIndexOf(':') + 1));
    }

    private static Optional<String> loadBalancerIp(Service s) {
        if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null
                || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.getStatus().getLoadBalancer().getIngress().get(0).getIp());
    }

    /** Where the workstation reaches ingress-nginx: its controller Service's load-balancer IP. */
    private static Optional<String> ingressAddress(ObjectStore store) {
        return store.listForReading(Service.class, "Service", "ingress-nginx").stream()
                .filter(s -> "LoadBalancer".equals(s.getSpec().getType())).findFirst()
                .flatMap(ClusterAnswers::loadBalancerIp);
    }
}
