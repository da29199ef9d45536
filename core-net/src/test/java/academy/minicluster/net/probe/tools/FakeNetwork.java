package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A test fixture of the client tools' input: a network that answers what it is told to. It is not the data plane
 * (the lead builds that); it lets each tool be tested against every outcome a network can give.
 */
final class FakeNetwork implements NetworkView {

    static final String CLUSTER_DNS = "10.96.0.10";
    static final DnsRecord CLUSTER_SOA = new DnsRecord("cluster.local.", 30, RecordType.SOA,
            "ns.dns.cluster.local. hostmaster.cluster.local. 1764188873 7200 1800 86400 30");

    private final ClientHost client;
    private final Map<String, DnsResponse> zone = new HashMap<>();
    private final Set<String> silentServers = new HashSet<>();
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    final List<String> questions = new ArrayList<>();
    final List<HttpRequest> requests = new ArrayList<>();

    FakeNetwork(ClientHost client) {
        this.client = client;
    }

    /** A pod {@code client} in namespace {@code default} with the given executables, as kubelet configures it. */
    static FakeNetwork pod(String... executables) {
        return new FakeNetwork(new ClientHost(ClientHost.Kind.POD, "client", "10.244.1.5",
                List.of("search default.svc.cluster.local svc.cluster.local cluster.local",
                        "nameserver " + CLUSTER_DNS, "options ndots:5"),
                List.of("# Kubernetes-managed hosts file.", "127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost",
                        "10.244.1.5\tclient"),
                Set.of(executables), null));
    }

    static FakeNetwork workstation() {
        return new FakeNetwork(new ClientHost(ClientHost.Kind.WORKSTATION, "workstation", "172.18.0.1",
                List.of("nameserver 127.0.0.53", "options edns0 trust-ad", "search ."),
                List.of("127.0.0.1\tlocalhost"), Set.of("curl", "dig", "nslookup", "nc", "wget"), null));
    }

    /** An authoritative cluster answer with one A record. */
    FakeNetwork a(String fqdn, String... ips) {
        List<DnsRecord> answers = new ArrayList<>();
        for (String ip : ips) {
            answers.add(new DnsRecord(fqdn, 30, RecordType.A, ip));
        }
        zone.put(key(fqdn, RecordType.A), new DnsResponse(fqdn, RecordType.A, Rcode.NOERROR, true, answers,
                List.of(), List.of()));
        // The name exists: other types are NODATA.
        zone.putIfAbsent(key(fqdn, RecordType.AAAA), new DnsResponse(fqdn, RecordType.AAAA, Rcode.NOERROR, true,
                List.of(), List.of(CLUSTER_SOA), List.of()));
        return this;
    }

    FakeNetwork answer(DnsResponse response) {
        zone.put(key(response.question(), response.type()), response);
        return this;
    }

    FakeNetwork silentDns(String server) {
        silentServers.add(server);
        return this;
    }

    FakeNetwork listen(String ip, int port, Function<HttpRequest, Optional<HttpResponse>> server) {
        endpoints.put(ip + ":" + port + "/TCP", new Endpoint(Connection.Outcome.ESTABLISHED, server, null, null));
        return this;
    }

    FakeNetwork listenTls(String ip, int port, TlsHandshake tls, Function<HttpRequest, Optional<HttpResponse>> server) {
        endpoints.put(ip + ":" + port + "/TCP", new Endpoint(Connection.Outcome.ESTABLISHED, server, tls, null));
        return this;
    }

    FakeNetwork udp(String ip, int port, Function<String, Optional<String>> server) {
        endpoints.put(ip + ":" + port + "/UDP", new Endpoint(Connection.Outcome.ESTABLISHED, null, null, server));
        return this;
    }

    FakeNetwork outcome(String ip, int port, Protocol protocol, Connection.Outcome outcome) {
        endpoints.put(ip + ":" + port + "/" + protocol, new Endpoint(outcome, null, null, null));
        return this;
    }

    private record Endpoint(Connection.Outcome outcome, Function<HttpRequest, Optional<HttpResponse>> http,
                            TlsHandshake tls, Function<String, Optional<String>> datagram) {
    }

    private static String key(String fqdn, RecordType type) {
        return fqdn.toLowerCase(Locale.ROOT) + "/" + type;
    }

    @Override
    public ClientHost client() {
        return client;
    }

    @Override
    public DnsExchange query(String nameserver, String name, RecordType type) {
        questions.add(name + " " + type + " @" + nameserver);
        if (silentServers.contains(nameserver)) {
            return new DnsExchange(nameserver, Optional.empty(),
                    List.of(Hop.stop(Hop.Stage.POLICY, Hop.Verdict.DROPPED, "dns to " + nameserver + " dropped")));
        }
        DnsResponse response = zone.get(key(name, type));
        if (response == null) {
            response = new DnsResponse(name, type, Rcode.NXDOMAIN, true, List.of(), List.of(CLUSTER_SOA), List.of());
        }
        return new DnsExchange(nameserver, Optional.of(response),
                List.of(Hop.pass(Hop.Stage.DNS, "CoreDNS " + name + " " + type + " -> " + response.rcode())));
    }

    @Override
    public Connection connect(String ip, int port, Protocol protocol) {
        Endpoint endpoint = endpoints.getOrDefault(ip + ":" + port + "/" + protocol,
                new Endpoint(Connection.Outcome.TIMEOUT, null, null, null));
        return new FakeConnection(endpoint, ip + ":" + port, client.ip() + ":43210");
    }

    private final class FakeConnection implements Connection {
        private final Endpoint endpoint;
        private final String remote;
        private final String local;
        private final List<Hop> hops = new ArrayList<>();

        FakeConnection(Endpoint endpoint, String remote, String local) {
            this.endpoint = endpoint;
            this.remote = remote;
            this.local = local;
            hops.add(endpoint.outcome() == Outcome.ESTABLISHED
                    ? Hop.pass(Hop.Stage.CONTAINER, "connected to " + remote)
                    : Hop.stop(Hop.Stage.ROUTE, endpoint.outcome() == Outcome.REFUSED
                    ? Hop.Verdict.REFUSED : Hop.Verdict.DROPPED, "connect to " + remote + ": " + endpoint.outcome()));
        }

        @Override
        public Outcome outcome() {
            return endpoint.outcome();
        }

        @Override
        public List<Hop> hops() {
            return List.copyOf(hops);
        }

        @Override
        public String remoteAddress() {
            return remote;
        }

        @Override
        public String localAddress() {
            return local;
        }

        @Override
        public Optional<HttpResponse> http(HttpRequest request) {
            requests.add(request);
            hops.add(Hop.pass(Hop.Stage.CONTAINER, request.method() + " " + request.target()));
            return endpoint.http() == null ? Optional.empty() : endpoint.http().apply(request);
        }

        @Override
        public TlsHandshake startTls(String serverName) {
            hops.add(Hop.pass(Hop.Stage.INGRESS, "TLS SNI " + serverName));
            TlsHandshake tls = endpoint.tls();
            if (tls == null) {
                return TlsHandshake.failed("OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number");
            }
            if (!tls.established()) {
                return tls;
            }
            return new TlsHandshake(true, tls.subject(), tls.issuer(), tls.subjectAltNames(), tls.trustedByDefault(),
                    "", this);
        }

        @Override
        public Optional<String> datagram(String payload) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "datagram " + payload.strip()));
            return endpoint.datagram() == null ? Optional.empty() : endpoint.datagram().apply(payload);
        }
    }

    /** nginx's welcome page, as the Service web answers it. */
    static Optional<HttpResponse> nginx(HttpRequest request) {
        if (!request.path().equals("/")) {
            String body = "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1>"
                    + "</center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n";
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Server", "nginx/1.27.3");
            headers.put("Content-Type", "text/html");
            headers.put("Content-Length", String.valueOf(body.length()));
            return Optional.of(HttpResponse.of(404, headers, body));
        }
        String body = "hello from web\n";
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Server", "nginx/1.27.3");
        headers.put("Content-Type", "text/html");
        headers.put("Content-Length", String.valueOf(body.length()));
        return Optional.of(HttpResponse.of(200, headers, body));
    }
}
