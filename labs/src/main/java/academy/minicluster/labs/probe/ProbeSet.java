package academy.minicluster.labs.probe;

import academy.minicluster.labs.check.Target;
import academy.minicluster.labs.probe.Answers.Answer;
import academy.minicluster.labs.probe.Probe.PodKey;
import academy.minicluster.labs.probe.Probe.Port;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.gateway.GatewayRoute;
import academy.minicluster.net.dataplane.gateway.GatewayRouter;
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
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The probe set a lab's cluster calls for, and what a cluster answers on it: the one question both the grader's
 * {@code likeReference} check (does the learner's cluster answer like the reference solution's?) and the linter's
 * mutation testing (does a mutant answer like the reference?) ask.
 *
 * <p>The set, derived from a cluster's objects: from every lab pod to every other lab pod on every declared port
 * (containerPorts, Service targetPorts, NetworkPolicy ports) and on one port nothing declares (9999, or the next
 * free); from every lab pod to the API server ({@code 10.96.0.1:443}), to every Service port at its ClusterIP and
 * a DNS lookup of every Service's name; from the workstation to every nodePort (on every node) and load-balancer
 * IP; and through ingress-nginx every Ingress host and path with its {@link #nearMisses(String) near misses}, the
 * root and {@code /x}, another host, over HTTP and HTTPS; and through every Gateway, at its status address on each
 * HTTP or HTTPS listener's port, every attached HTTPRoute's hostname and path with its near misses, {@code /},
 * {@code /x} and another host, each with every header a match names sent and not sent.
 *
 * <p>Each probe goes through the data plane the learner's {@code curl}, {@code nc} and {@code nslookup} use, from
 * any pod whatever its image, so an answer is what one of them would see: a connect outcome, an HTTP status and
 * redirect, the Services a request went through, a TLS certificate's subject, a DNS answer's code. Pods are named by
 * workload and ordinal ({@link PodKey}), never by generated names, so a probe runs in any cluster.
 */
public final class ProbeSet {

    /** Namespaces of the cluster's own machinery: neither sources nor destinations of the probe set. */
    public static final Set<String> SYSTEM_NAMESPACES = ClusterNetwork.SYSTEM_NAMESPACES;
    /** The Service whose load-balancer address reaches ingress-nginx from the workstation. */
    public static final String INGRESS_NAMESPACE = "ingress-nginx";
    public static final String INGRESS_SERVICE = "ingress-nginx-controller";
    private static final String API_SERVER = Target.ApiServer.ADDRESS;
    /** The port no pod declares is this one, or the next free. */
    private static final int UNDECLARED = 9999;
    /** Connections made to each Service, so that every endpoint is likely picked (2 endpoints: 1 in 128 misses). */
    private static final int SERVICE_ATTEMPTS = 8;

    /**
     * A probe as it ran, with the command line a learner would type to see the same thing (in {@code from}, or at
     * the workstation's prompt when it is null) and how it ended: for tests that hold each answer to the tool's.
     */
    public record Ran(Probe probe, Pod from, String command, Seen.Reply reply, int status) {
    }

    private final List<String> namespaces;
    private final List<Probe> probes;

    private ProbeSet(List<String> namespaces, List<Probe> probes) {
        this.namespaces = List.copyOf(namespaces);
        this.probes = List.copyOf(probes);
    }

    /** The probes, in the order they are run and reported. */
    public List<Probe> probes() {
        return probes;
    }

    public int size() {
        return probes.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeSet other && namespaces.equals(other.namespaces) && probes.equals(other.probes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespaces, probes);
    }

    /**
     * The probe set {@code cluster}'s objects call for, its pods taken from {@code namespaces} (empty: every
     * namespace but the cluster's own).
     */
    public static ProbeSet of(Cluster cluster, List<String> namespaces) {
        ObjectStore store = cluster.store();
        Map<PodKey, Pod> pods = labPods(store, namespaces);
        Set<Port> ports = new TreeSet<>();
        pods.values().forEach(p -> ports.addAll(declaredPorts(p)));
        List<Service> services = labServices(store, namespaces);
        for (Service s : services) {
            for (ServicePort sp : list(s.getSpec().getPorts())) {
                if (sp.getTargetPort() != null && sp.getTargetPort().getIntVal() != null) {
                    ports.add(new Port(sp.getTargetPort().getIntVal(), protocol(sp.getProtocol())));
                }
            }
        }
        for (NetworkPolicy np : store.listForReading(NetworkPolicy.class, "NetworkPolicy")) {
            if (!inScope(np.getMetadata().getNamespace(), namespaces)) {
                continue;
            }
            List<NetworkPolicyPort> all = new ArrayList<>();
            list(np.getSpec().getIngress()).forEach(r -> all.addAll(list(r.getPorts())));
            list(np.getSpec().getEgress()).forEach(r -> all.addAll(list(r.getPorts())));
            all.stream().filter(x -> x.getPort() != null && x.getPort().getIntVal() != null)
                    .forEach(x -> ports.add(new Port(x.getPort().getIntVal(), protocol(x.getProtocol()))));
        }
        int undeclared = UNDECLARED;
        while (ports.contains(Port.tcp(undeclared))) {
            undeclared++;
        }
        ports.add(Port.tcp(undeclared));

        Set<Probe> out = new LinkedHashSet<>();
        for (PodKey from : pods.keySet()) {
            for (PodKey to : pods.keySet()) {
                if (!to.equals(from)) {
                    ports.forEach(port -> out.add(new Probe.PodToPod(from, to, port)));
                }
            }
            out.add(new Probe.PodToApiServer(from));
            for (Service s : services) {
                out.add(new Probe.PodLookup(from, s.getMetadata().getName() + "." + s.getMetadata().getNamespace()
                        + ".svc.cluster.local"));
            }
            for (Service s : services) {
                for (ServicePort sp : list(s.getSpec().getPorts())) {
                    out.add(new Probe.PodToService(from, s.getMetadata().getNamespace(), s.getMetadata().getName(),
                            sp.getPort()));
                }
            }
        }
        List<String> nodes = store.listForReading(Node.class, "Node").stream().map(n -> n.getMetadata().getName())
                .sorted().toList();
        for (Service s : services) {
            for (ServicePort sp : list(s.getSpec().getPorts())) {
                String ns = s.getMetadata().getNamespace();
                String name = s.getMetadata().getName();
                if (sp.getNodePort() != null) {
                    nodes.forEach(n -> out.add(new Probe.ToNodePort(ns, name, sp.getPort(), n)));
                }
                if (loadBalancerIp(s).isPresent()) {
                    out.add(new Probe.ToLoadBalancer(ns, name, sp.getPort()));
                }
            }
        }
        for (Ingress ing : store.listForReading(Ingress.class, "Ingress")) {
            if (!inScope(ing.getMetadata().getNamespace(), namespaces)) {
                continue;
            }
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS t : list(ing.getSpec().getTls())) {
                tlsHosts.addAll(list(t.getHosts()));
            }
            for (IngressRule r : list(ing.getSpec().getRules())) {
                String host = r.getHost() == null ? "" : r.getHost();
                Set<String> paths = new LinkedHashSet<>();
                if (r.getHttp() != null) {
                    for (HTTPIngressPath p : list(r.getHttp().getPaths())) {
                        paths.addAll(nearMisses(p.getPath() == null ? "/" : p.getPath()));
                    }
                }
                paths.add("/");
                paths.add("/x");
                for (String path : paths) {
                    out.add(new Probe.ThroughIngress(false, host, path));
                    out.add(new Probe.ThroughIngress(true, host, path));
                }
                out.add(new Probe.ThroughIngress(false, "x" + host, "/"));
            }
            tlsHosts.forEach(h -> out.add(new Probe.ThroughIngress(true, h, "/")));
        }
        gatewayProbes(store, namespaces, out);
        return new ProbeSet(namespaces, new ArrayList<>(out));
    }

    /**
     * Through every Gateway in scope, on each HTTP or HTTPS listener's port: for every HTTPRoute naming the Gateway
     * as a parent (whatever its {@code sectionName}, so that a route moved to another listener is probed on both),
     * each of its hostnames (or the listener's, or the Gateway's address when neither names one) and another host,
     * each path match with its {@link #nearMisses(String) near misses}, {@code /} and {@code /x}, each with every
     * header a match names sent and not sent. Routes are taken from every namespace but the cluster's own: a route
     * in another namespace may attach to the lab's Gateway.
     */
    private static void gatewayProbes(ObjectStore store, List<String> namespaces, Set<Probe> out) {
        List<HTTPRoute> routes = store.listForReading(HTTPRoute.class, "HTTPRoute").stream()
                .filter(r -> !SYSTEM_NAMESPACES.contains(r.getMetadata().getNamespace())).toList();
        List<Gateway> gateways = new ArrayList<>(store.listForReading(Gateway.class, "Gateway"));
        gateways.sort(Comparator.comparing((Gateway g) -> g.getMetadata().getNamespace())
                .thenComparing(g -> g.getMetadata().getName()));
        for (Gateway g : gateways) {
            String gns = g.getMetadata().getNamespace();
            String gname = g.getMetadata().getName();
            if (!inScope(gns, namespaces) || g.getSpec() == null) {
                continue;
            }
            List<HTTPRoute> attached = routes.stream().filter(r -> r.getSpec() != null && list(
                    r.getSpec().getParentRefs()).stream().anyMatch(ref -> gname.equals(ref.getName())
                    && gns.equals(Objects.requireNonNullElse(ref.getNamespace(), r.getMetadata().getNamespace()))
                    && Objects.requireNonNullElse(ref.getKind(), "Gateway").equals("Gateway"))).toList();
            for (Listener l : list(g.getSpec().getListeners())) {
                boolean tls = "HTTPS".equals(l.getProtocol());
                if (l.getPort() == null || !(tls || "HTTP".equals(l.getProtocol()))) {
                    continue;
                }
                int port = l.getPort();
                Set<String> hosts = new LinkedHashSet<>();
                Set<String> paths = new LinkedHashSet<>();
                Set<Probe.Header> headers = new LinkedHashSet<>();
                headers.add(Probe.Header.NONE);
                for (HTTPRoute r : attached) {
                    list(r.getSpec().getHostnames()).forEach(h -> hosts.add(concrete(h)));
                    for (HTTPRouteRule rule : list(r.getSpec().getRules())) {
                        for (HTTPRouteMatch m : list(rule.getMatches())) {
                            if (m.getPath() != null && m.getPath().getValue() != null) {
                                paths.addAll(nearMisses(m.getPath().getValue()));
                            }
                            for (HTTPHeaderMatch h : list(m.getHeaders())) {
                                headers.add(new Probe.Header(h.getName(), h.getValue()));
                            }
                        }
                    }
                }
                if (l.getHostname() != null && !l.getHostname().isEmpty()) {
                    hosts.add(concrete(l.getHostname()));
                }
                if (hosts.isEmpty()) {
                    hosts.add("");
                }
                paths.add("/");
                paths.add("/x");
                for (String host : hosts) {
                    for (String path : paths) {
                        for (Probe.Header h : headers) {
                            out.add(new Probe.ThroughGateway(gns, gname, port, tls, host, path, h));
                        }
                    }
                }
                String other = "x" + hosts.iterator().next();
                out.add(new Probe.ThroughGateway(gns, gname, port, tls, other.equals("x") ? "x.example" : other, "/",
                        Probe.Header.NONE));
            }
        }
    }

    /** A host a wildcard hostname ({@code *.example.com}) covers, to send; other hostnames as they are. */
    private static String concrete(String hostname) {
        return hostname.startsWith("*.") ? "www" + hostname.substring(1) : hostname;
    }

    /**
     * The probes of both sets, this one's first: two clusters are compared on the union, so an object only one of
     * them has is probed in both.
     */
    public ProbeSet union(ProbeSet other) {
        Set<Probe> all = new LinkedHashSet<>(probes);
        all.addAll(other.probes);
        return new ProbeSet(namespaces, new ArrayList<>(all));
    }

    /**
     * A path and the requests an ingress must tell it from: a trailing slash added or removed, an {@code s}
     * appended, upper case, a sub-path ({@code /api}: {@code /api/}, {@code /apis}, {@code /API}, {@code /api/x}).
     */
    public static List<String> nearMisses(String path) {
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        if (path.length() > 1 && path.endsWith("/")) {
            out.add(path.substring(0, path.length() - 1));
        } else {
            out.add(path + "/");
        }
        String bare = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!bare.equals("/")) {
            out.add(bare + "s");
            out.add(bare.toUpperCase(Locale.ROOT));
        }
        out.add((bare.equals("/") ? "" : bare) + "/x");
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------ answering

    /** What {@code cluster} answers on this probe set. */
    public Answers answer(Cluster cluster) {
        return answer(cluster, null);
    }

    /** What {@code cluster} answers, handing each probe as it ran to {@code ran} (null: to nobody). */
    public Answers answer(Cluster cluster, Consumer<Ran> ran) {
        return new Run(cluster, namespaces, ran).all(probes);
    }

    /** One run of the set in one cluster: its pods by key and their network views, looked up once. */
    private static final class Run {
        private final Cluster cluster;
        private final ObjectStore store;
        private final Map<PodKey, Pod> pods;
        private final Map<PodKey, NetworkView> views = new HashMap<>();
        private final Consumer<Ran> ran;
        private NetworkView workstation;
        private Optional<String> ingressAddress;

        Run(Cluster cluster, List<String> namespaces, Consumer<Ran> ran) {
            this.cluster = cluster;
            this.store = cluster.store();
            this.pods = labPods(store, namespaces);
            this.ran = ran;
        }

        Answers all(List<Probe> probes) {
            Map<Probe, Answer> out = new LinkedHashMap<>();
            for (Probe p : probes) {
                out.put(p, answer(p));
            }
            return new Answers(out);
        }

        private Answer answer(Probe probe) {
            if (probe instanceof Probe.PodToPod p) {
                return fromPod(p.from(), (pod, view) -> {
                    Pod to = pods.get(p.to());
                    if (to == null) {
                        return Answer.missing("no pod of " + p.to());
                    }
                    String ip = to.getStatus().getPodIP();
                    boolean udp = p.port().protocol().equals("UDP");
                    return connect(probe, pod, view, ip, p.port().number(), udp ? Protocol.UDP : Protocol.TCP,
                            () -> (udp ? "nc -z -u -w 1 " : "nc -z -w 1 ") + ip + " " + p.port().number());
                });
            }
            if (probe instanceof Probe.PodToApiServer p) {
                return fromPod(p.from(), (pod, view) -> connect(probe, pod, view, API_SERVER, 443, Protocol.TCP,
                        () -> "nc -z -w 1 " + API_SERVER + " 443"));
            }
            if (probe instanceof Probe.PodLookup p) {
                return fromPod(p.from(), (pod, view) -> lookup(probe, pod, view, p.name()));
            }
            if (probe instanceof Probe.PodToService p) {
                return fromPod(p.from(), (pod, view) -> {
                    Optional<Service> s = store.getForReading(Service.class, "Service", p.namespace(), p.name());
                    if (s.isEmpty()) {
                        return Answer.missing("no Service " + p.namespace() + "/" + p.name());
                    }
                    if (backs(s.get(), pod)) {
                        // Hairpin traffic says nothing of policies.
                        return Answer.of("is itself behind the Service (not probed)");
                    }
                    String ip = s.get().getSpec().getClusterIP();
                    if (ip == null || ip.isEmpty() || ip.equals("None")) {
                        return Answer.missing("no ClusterIP for Service " + p.namespace() + "/" + p.name());
                    }
                    // kube-proxy picks an endpoint at random: the distinct answers of a few connections.
                    Set<String> answers = new TreeSet<>();
                    for (int i = 0; i < SERVICE_ATTEMPTS; i++) {
                        answers.add(http(probe, pod, view, ip, p.port()));
                    }
                    return Answer.of(String.join(" or ", answers));
                });
            }
            if (probe instanceof Probe.ToNodePort p) {
                Optional<ServicePort> sp = servicePort(p.namespace(), p.name(), p.port());
                if (sp.isEmpty() || sp.get().getNodePort() == null) {
                    return Answer.missing("no nodePort for Service " + p.namespace() + "/" + p.name() + ":"
                            + p.port());
                }
                Optional<String> nodeIp = store.getForReading(Node.class, "Node", "", p.node())
                        .flatMap(ProbeSet::internalIp);
                if (nodeIp.isEmpty()) {
                    return Answer.missing("no node " + p.node());
                }
                return Answer.of(http(probe, null, workstation(), nodeIp.get(), sp.get().getNodePort()));
            }
            if (probe instanceof Probe.ToLoadBalancer p) {
                Optional<String> ip = store.getForReading(Service.class, "Service", p.namespace(), p.name())
                        .flatMap(ProbeSet::loadBalancerIp);
                if (ip.isEmpty() || servicePort(p.namespace(), p.name(), p.port()).isEmpty()) {
                    return Answer.missing("no load-balancer IP for Service " + p.namespace() + "/" + p.name()
                            + ":" + p.port());
                }
                return Answer.of(http(probe, null, workstation(), ip.get(), p.port()));
            }
            if (probe instanceof Probe.ThroughGateway g) {
                return throughGateway(g);
            }
            Probe.ThroughIngress t = (Probe.ThroughIngress) probe;
            if (ingressAddress == null) {
                ingressAddress = ingressAddress(store);
            }
            if (ingressAddress.isEmpty()) {
                return Answer.missing("no ingress-nginx address");
            }
            return Answer.of(request(t, ingressAddress.get()));
        }

        private interface FromPod {
            Answer probe(Pod pod, NetworkView view);
        }

        private Answer fromPod(PodKey key, FromPod probe) {
            Pod pod = pods.get(key);
            if (pod == null) {
                return Answer.missing("no pod of " + key);
            }
            NetworkView view = views.computeIfAbsent(key, k -> cluster.dataPlane().fromPod(pod,
                    pod.getSpec().getContainers().get(0).getName()));
            return probe.probe(pod, view);
        }

        private NetworkView workstation() {
            if (workstation == null) {
                workstation = cluster.dataPlane().fromWorkstation();
            }
            return workstation;
        }

        /** Hands a probe as it ran to whoever records them; the command line is only made for them. */
        private void ran(Probe probe, Pod from, Supplier<String> command, Seen.Reply reply, int status) {
            if (ran != null) {
                ran.accept(new Ran(probe, from, command.get(), reply, status));
            }
        }

        private Answer connect(Probe probe, Pod from, NetworkView view, String ip, int port, Protocol protocol,
                               Supplier<String> command) {
            Connection c = view.connect(ip, port, protocol);
            Seen.Reply reply = Seen.Reply.of(c.outcome());
            ran(probe, from, command, reply, 0);
            return Answer.of(reply.words());
        }

        /** An HTTP GET of {@code /} at an address and port: the outcome, the status, the Services on the way. */
        private String http(Probe probe, Pod from, NetworkView view, String ip, int port) {
            Supplier<String> command = () -> "curl -sS -o /dev/null --connect-timeout 1 http://" + ip + ":" + port
                    + "/";
            Connection c = view.connect(ip, port, Protocol.TCP);
            if (c.outcome() != Connection.Outcome.ESTABLISHED) {
                Seen.Reply reply = Seen.Reply.of(c.outcome());
                ran(probe, from, command, reply, 0);
                return reply.words();
            }
            Optional<HttpResponse> r = c.http(HttpRequest.get("/", ip + ":" + port));
            ran(probe, from, command, r.isPresent() ? Seen.Reply.CONNECTS : Seen.Reply.NO_REPLY,
                    r.map(HttpResponse::status).orElse(0));
            return r.map(x -> "gets HTTP " + x.status()).orElse(Seen.Reply.NO_REPLY.words()) + services(c.hops());
        }

        private String request(Probe.ThroughIngress t, String address) {
            String host = t.host();
            Supplier<String> command = () -> t.tls()
                    ? "curl -sS -k -o /dev/null "
                            + (host.isEmpty() ? "" : "--resolve " + host + ":443:" + address + " ")
                            + "https://" + (host.isEmpty() ? address : host) + t.path()
                    : "curl -sS -o /dev/null " + (host.isEmpty() ? "" : "-H 'Host: " + host + "' ") + "http://"
                            + address + t.path();
            NetworkView ws = workstation();
            Connection c = ws.connect(address, t.tls() ? 443 : 80, Protocol.TCP);
            if (c.outcome() != Connection.Outcome.ESTABLISHED) {
                Seen.Reply reply = Seen.Reply.of(c.outcome());
                ran(t, null, command, reply, 0);
                return reply.words();
            }
            String cert = "";
            Connection channel = c;
            if (t.tls()) {
                TlsHandshake h = c.startTls(host.isEmpty() ? null : host);
                if (!h.established()) {
                    return "fails the TLS handshake";
                }
                cert = ", certificate " + h.subject() + (host.isEmpty() || h.covers(host) ? ""
                        : " (not for " + host + ")");
                // The request goes over the encrypted channel, as curl sends it (not in clear to port 443).
                channel = h.http() == null ? c : h.http();
            }
            return send(t, command, channel, HttpRequest.get(t.path(), host.isEmpty() ? address : host), cert);
        }

        /**
         * Sends a request through an ingress controller or a Gateway as curl does: the status, the redirect, the
         * certificate's words and the Services on the way.
         */
        private String send(Probe probe, Supplier<String> command, Connection channel, HttpRequest request,
                            String cert) {
            Optional<HttpResponse> r = channel.http(request);
            ran(probe, null, command, r.isPresent() ? Seen.Reply.CONNECTS : Seen.Reply.NO_REPLY,
                    r.map(HttpResponse::status).orElse(0));
            if (r.isEmpty()) {
                return Seen.Reply.NO_REPLY.words() + cert;
            }
            String location = r.get().headers().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Location")).map(e -> " to " + e.getValue())
                    .findFirst().orElse("");
            return "gets HTTP " + r.get().status() + location + cert + services(channel.hops());
        }

        /**
         * A request through a Gateway, to its status address (Envoy Gateway's LoadBalancer Service lives in the
         * system namespace {@code envoy-gateway-system}; the address is how a learner reaches it): the outcome, the
         * status, the redirect, the certificate and the Services on the way, as through ingress-nginx.
         *
         * <p>But a rule with more than one backendRef of non-zero weight sends each request to a Service drawn at
         * random, so one request's Service (and its status, when one backend fails) is a draw, and so would be the
         * Services seen in a few requests (a 90/10 split hides the 10 in 8 requests two times in five). There the
         * answer is what Envoy decides before the draw, the same every time: the route that matched and its backends
         * with their shares of the weight ({@code default/web-v1 9/10, default/web-v2 1/10}: 90/10 and 9/1 are the
         * same split). It tells a changed weight, backend, path, header, hostname or sectionName from the reference,
         * while the order of rules (precedence decides, not order) does not show. Whether each backend Service answers
         * is asked by the probes to that Service. No request is sent then, so none is handed to {@code ran}.
         */
        private Answer throughGateway(Probe.ThroughGateway p) {
            Optional<Gateway> gateway = store.getForReading(Gateway.class, "Gateway", p.namespace(), p.gateway());
            if (gateway.isEmpty()) {
                return Answer.missing("no Gateway " + p.namespace() + "/" + p.gateway());
            }
            Optional<String> address = gatewayAddress(gateway.get());
            if (address.isEmpty()) {
                return Answer.missing("no address for Gateway " + p.namespace() + "/" + p.gateway());
            }
            String ip = address.get();
            String host = p.host();
            boolean defaultPort = p.port() == (p.tls() ? 443 : 80);
            String header = p.header().equals(Probe.Header.NONE) ? ""
                    : "-H '" + p.header().name() + ": " + p.header().value() + "' ";
            Supplier<String> command = () -> p.tls()
                    ? "curl -sS -k -o /dev/null " + header
                            + (host.isEmpty() ? "" : "--resolve " + host + ":" + p.port() + ":" + ip + " ")
                            + "https://" + (host.isEmpty() ? ip : host) + (defaultPort ? "" : ":" + p.port())
                            + p.path()
                    : "curl -sS -o /dev/null " + (host.isEmpty() ? "" : "-H 'Host: " + host + "' ") + header
                            + "http://" + ip + (defaultPort ? "" : ":" + p.port()) + p.path();
            Connection c = workstation().connect(ip, p.port(), Protocol.TCP);
            if (c.outcome() != Connection.Outcome.ESTABLISHED) {
                Seen.Reply reply = Seen.Reply.of(c.outcome());
                ran(p, null, command, reply, 0);
                return Answer.of(reply.words());
            }
            String cert = "";
            Connection channel = c;
            if (p.tls()) {
                TlsHandshake h = c.startTls(host.isEmpty() ? null : host);
                if (!h.established()) {
                    return Answer.of("fails the TLS handshake");
                }
                cert = ", certificate " + h.subject() + (host.isEmpty() || h.covers(host) ? ""
                        : " (not for " + host + ")");
                channel = h.http() == null ? c : h.http();
            }
            String authority = (host.isEmpty() ? ip : host) + (p.tls() && !defaultPort ? ":" + p.port() : "");
            HttpRequest request = HttpRequest.get(p.path(), authority);
            if (!p.header().equals(Probe.Header.NONE)) {
                request = request.withHeader(p.header().name(), p.header().value());
            }
            GatewayRoute decided = cluster.dataPlane().gatewayRouter().route(gateway.get(), p.port(), request);
            if (decided instanceof GatewayRoute.Matched m && weighted(m)) {
                return Answer.of("matches HTTPRoute " + m.route().getMetadata().getNamespace() + "/"
                        + m.route().getMetadata().getName() + ", which splits requests by weight: "
                        + shares(m.backends()) + cert);
            }
            return Answer.of(send(p, command, channel, request, cert));
        }

        private Answer lookup(Probe probe, Pod from, NetworkView view, String name) {
            DnsExchange x = view.query(ClusterNetwork.CLUSTER_DNS_IP, name, RecordType.A);
            Seen.Reply reply = x.response().map(r -> r.rcode().name().equals("NOERROR") && !r.answers().isEmpty()
                    ? Seen.Reply.RESOLVES : Seen.Reply.UNRESOLVED).orElse(Seen.Reply.TIMES_OUT);
            ran(probe, from, () -> "nslookup " + name + ".", reply, 0);
            return Answer.of(x.response().map(r -> r.rcode().name().equals("NOERROR") && !r.answers().isEmpty()
                    ? reply.words() : reply.words() + " (" + r.rcode().name() + ")").orElse(reply.words()));
        }

        private Optional<ServicePort> servicePort(String namespace, String name, int port) {
            return store.getForReading(Service.class, "Service", namespace, name)
                    .flatMap(s -> list(s.getSpec().getPorts()).stream().filter(sp -> sp.getPort() == port)
                            .findFirst());
        }
    }

    /** The Services a connection went through, named in its hops: where an Ingress or a Service sent it. */
    private static String services(List<Hop> hops) {
        Set<String> s = new TreeSet<>();
        for (Hop h : hops) {
            for (ObjectRef r : h.decidedBy()) {
                if (r.kind().equals("Service") && !SYSTEM_NAMESPACES.contains(r.namespace())) {
                    s.add(r.namespace() + "/" + r.name());
                }
            }
        }
        return s.isEmpty() ? "" : " via Service " + String.join(", ", s);
    }

    /**
     * Whether Envoy draws a backend for the rule: more than one backendRef of non-zero weight, and no redirect
     * (a RequestRedirect answers before any backend is chosen).
     */
    private static boolean weighted(GatewayRoute.Matched m) {
        boolean redirects = list(m.rule().getFilters()).stream().anyMatch(f -> "RequestRedirect".equals(f.getType()));
        return !redirects && m.backends().stream().filter(b -> b.weight() > 0).count() > 1;
    }

    /**
     * Each backend of non-zero weight, by namespace and name (a backendRef that does not resolve says so), with its
     * share of the total weight in lowest terms; a Service named twice has the sum of its weights.
     */
    private static String shares(List<GatewayRouter.BackendChoice> backends) {
        Map<String, Integer> weights = new TreeMap<>();
        for (GatewayRouter.BackendChoice b : backends) {
            if (b.weight() > 0) {
                String name = b.namespace() + "/" + b.ref().getName() + ":" + b.ref().getPort()
                        + (b.resolved() ? "" : " (does not resolve)");
                weights.merge(name, b.weight(), Integer::sum);
            }
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<String> out = new ArrayList<>();
        weights.forEach((name, w) -> {
            int d = gcd(w, total);
            out.add(name + " " + (w / d) + "/" + (total / d));
        });
        return String.join(", ", out);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A Gateway's first address in its status, once Envoy Gateway's LoadBalancer Service has one. */
    public static Optional<String> gatewayAddress(Gateway g) {
        if (g.getStatus() == null || g.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return g.getStatus().getAddresses().stream().map(a -> a.getValue()).filter(v -> v != null && !v.isEmpty())
                .findFirst();
    }

    /** Whether the Service selects the pod: a connection from it may come back to itself. */
    private static boolean backs(Service s, Pod p) {
        Map<String, String> selector = s.getSpec().getSelector();
        Map<String, String> labels = p.getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    // ------------------------------------------------------------------------------------------ the cluster

    private static boolean inScope(String namespace, List<String> namespaces) {
        return namespaces.isEmpty() ? !SYSTEM_NAMESPACES.contains(namespace) : namespaces.contains(namespace);
    }

    /** Lab pods that are running with an IP, keyed by namespace, workload and ordinal. */
    static Map<PodKey, Pod> labPods(ObjectStore store, List<String> namespaces) {
        Map<String, List<Pod>> byWorkload = new TreeMap<>();
        for (Pod p : store.listForReading(Pod.class, "Pod")) {
            String ns = p.getMetadata().getNamespace();
            if (!inScope(ns, namespaces) || p.getStatus() == null || p.getStatus().getPodIP() == null
                    || p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            byWorkload.computeIfAbsent(ns + "/" + workload(p), k -> new ArrayList<>()).add(p);
        }
        Map<PodKey, Pod> out = new TreeMap<>();
        byWorkload.forEach((k, list) -> {
            list.sort(Comparator.comparing((Pod p) -> Objects.requireNonNullElse(p.getSpec().getNodeName(), ""))
                    .thenComparing(p -> p.getMetadata().getName()));
            int slash = k.indexOf('/');
            for (int i = 0; i < list.size(); i++) {
                out.put(new PodKey(k.substring(0, slash), k.substring(slash + 1), i), list.get(i));
            }
        });
        return out;
    }

    /** A pod's workload: its Deployment (its ReplicaSet's name without the template hash), its owner, or itself. */
    public static String workload(Pod p) {
        List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return p.getMetadata().getName();
        }
        OwnerReference owner = owners.get(0);
        String hash = p.getMetadata().getLabels() == null ? null
                : p.getMetadata().getLabels().get("pod-template-hash");
        if (owner.getKind().equals("ReplicaSet") && hash != null && owner.getName().endsWith("-" + hash)) {
            return owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
        }
        return owner.getName();
    }

    /** The ports a pod's containers declare, with their protocols, in declaration order, each once. */
    public static List<Port> declaredPorts(Pod pod) {
        Set<Port> out = new LinkedHashSet<>();
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort cp : list(c.getPorts())) {
                if (cp.getContainerPort() != null) {
                    out.add(new Port(cp.getContainerPort(), protocol(cp.getProtocol())));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Services of the lab: not the cluster's own, nor {@code default/kubernetes} (the API server is probed). */
    private static List<Service> labServices(ObjectStore store, List<String> namespaces) {
        List<Service> out = new ArrayList<>();
        for (Service s : store.listForReading(Service.class, "Service")) {
            String ns = s.getMetadata().getNamespace();
            if (inScope(ns, namespaces) && !(ns.equals("default") && s.getMetadata().getName().equals("kubernetes"))) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing((Service s) -> s.getMetadata().getNamespace())
                .thenComparing(s -> s.getMetadata().getName()));
        return out;
    }

    private static String protocol(String p) {
        return p == null ? "TCP" : p;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Optional<String> internalIp(Node n) {
        return n.getStatus() == null || n.getStatus().getAddresses() == null ? Optional.empty()
                : n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                        .map(a -> a.getAddress()).findFirst();
    }

    /** A Service's first load-balancer IP, once MetalLB has assigned one. */
    public static Optional<String> loadBalancerIp(Service s) {
        if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null
                || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.getStatus().getLoadBalancer().getIngress().get(0).getIp())
                .filter(ip -> !ip.isEmpty());
    }

    /** Where the workstation reaches ingress-nginx: its controller Service's load-balancer IP. */
    public static Optional<String> ingressAddress(ObjectStore store) {
        return store.getForReading(Service.class, "Service", INGRESS_NAMESPACE, INGRESS_SERVICE)
                .flatMap(ProbeSet::loadBalancerIp);
    }
}
