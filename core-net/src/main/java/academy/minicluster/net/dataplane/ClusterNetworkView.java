package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.dataplane.dns.ResolverConfig;
import academy.minicluster.net.dataplane.dns.SearchList;
import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.tools.ClientTools;
import academy.minicluster.net.profile.ClusterNetwork;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import academy.minicluster.net.workload.ImageKind;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The network from where one client stands, over the cluster's data plane: what the client tools run against. */
public final class ClusterNetworkView implements NetworkView {

    /**
     * What a learner's Linux laptop has in its {@code $PATH} for networking; grpcurl too, which Envoy Gateway's
     * GRPCRoute quickstart has the user install to call a Gateway from the workstation.
     */
    static final Set<String> WORKSTATION_TOOLS = Set.of("curl", "wget", "nc", "dig", "nslookup", "host", "hostname",
            "cat", "echo", "sleep", "true", "false", "ping", "grpcurl");

    private static final ResolverConfig RESOLVER = ResolverConfig.kind();

    private final DataPlane plane;
    private final Client client;
    private final ClientHost host;
    private final SimulatedContainer container;

    private ClusterNetworkView(DataPlane plane, Client client, ClientHost host, SimulatedContainer container) {
        this.plane = plane;
        this.client = client;
        this.host = host;
        this.container = container;
    }

    static ClusterNetworkView forPod(DataPlane plane, Client client, Pod pod, SimulatedContainer container) {
        Set<String> tools = new TreeSet<>(container == null ? Set.of() : container.executables());
        if (container != null && usesBusyboxApplets(container.kind())) {
            tools.add(ClientTools.BUSYBOX_MARKER);
        }
        if (container != null && ImageKind.hasLibcNslookup(container.image())) {
            tools.add(ClientTools.BUSYBOX_LIBC_NSLOOKUP_MARKER);
        }
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        List<String> hosts = hostNetwork
                ? RESOLVER.etcHosts(pod, ResolverConfig.nodeEtcHosts(pod.getSpec().getNodeName(), List.of(client.ip())))
                : RESOLVER.etcHosts(pod);
        String hostname = container != null ? container.hostname() : pod.getMetadata().getName();
        ClientHost host = new ClientHost(hostNetwork ? ClientHost.Kind.NODE : ClientHost.Kind.POD, hostname,
                client.ip(), RESOLVER.resolvConf(pod), hosts, tools, client.ref(),
                container == null ? SearchList.Resolver.GLIBC : cLibrary(container.image()));
        return new ClusterNetworkView(plane, client, host, container);
    }

    static ClusterNetworkView forNode(DataPlane plane, Client client, Node node, String image) {
        ImageKind kind = ImageKind.of(image);
        Set<String> tools = new TreeSet<>(SimulatedContainer.executablesOf(image));
        if (usesBusyboxApplets(kind)) {
            tools.add(ClientTools.BUSYBOX_MARKER);
        }
        if (ImageKind.hasLibcNslookup(image)) {
            tools.add(ClientTools.BUSYBOX_LIBC_NSLOOKUP_MARKER);
        }
        String name = node.getMetadata().getName();
        ClientHost host = new ClientHost(ClientHost.Kind.NODE, name, AssignedAddresses.internalIp(node),
                RESOLVER.nodeResolvConfLines(),
                ResolverConfig.nodeEtcHosts(name, List.of(AssignedAddresses.internalIp(node))), tools, client.ref(),
                cLibrary(image));
        return new ClusterNetworkView(plane, client, host, null);
    }

    static ClusterNetworkView forWorkstation(DataPlane plane, Client client) {
        ClientHost host = new ClientHost(ClientHost.Kind.WORKSTATION, "workstation", ClusterNetwork.WORKSTATION_IP,
                List.of("# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).",
                        "nameserver 127.0.0.53", "options edns0 trust-ad", "search ."),
                List.of("127.0.0.1\tlocalhost", "127.0.1.1\tworkstation", "", "# The following lines are desirable "
                        + "for IPv6 capable hosts", "::1     ip6-localhost ip6-loopback"),
                WORKSTATION_TOOLS, null);
        return new ClusterNetworkView(plane, client, host, null);
    }

    /**
     * Whose resolver an image's getaddrinfo is (curl, wget, nc): musl in the Alpine-based images (curlimages/curl,
     * nicolaka/netshoot, agnhost, the ingress-nginx controller) and busybox's {@code -musl} tags; glibc in the rest
     * (Debian's, busybox's default tags, which are its glibc build; busyboxplus's uClibc searches as glibc does).
     */
    static SearchList.Resolver cLibrary(String image) {
        return switch (ImageKind.of(image)) {
            case CURL, NETSHOOT, AGNHOST, INGRESS_NGINX_CONTROLLER -> SearchList.Resolver.MUSL;
            case BUSYBOX -> muslTag(image) ? SearchList.Resolver.MUSL : SearchList.Resolver.GLIBC;
            default -> SearchList.Resolver.GLIBC;
        };
    }

    /** Whether an image's tag names its musl build ({@code busybox:musl}, {@code busybox:1.37-musl}). */
    private static boolean muslTag(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon >= 0 && last.substring(colon).contains("musl");
    }

    /** Alpine- and busybox-based images answer nc, nslookup and wget with BusyBox's applets. */
    private static boolean usesBusyboxApplets(ImageKind kind) {
        return kind == ImageKind.BUSYBOX || kind == ImageKind.BUSYBOXPLUS || kind == ImageKind.CURL
                || kind == ImageKind.AGNHOST
                || kind == ImageKind.INGRESS_NGINX_CONTROLLER || kind == ImageKind.SERVE_HOSTNAME;
    }

    /** The container the tools run in, when the client is a pod. */
    public Optional<SimulatedContainer> container() {
        return Optional.ofNullable(container);
    }

    @Override
    public List<String> mainProcess() {
        return container == null ? List.of() : container.argv();
    }

    @Override
    public ClientHost client() {
        return host;
    }

    @Override
    public DnsExchange query(String nameserver, String name, RecordType type) {
        ClusterConnection c = plane.connect(client, nameserver, 53, Protocol.UDP);
        List<Hop> hops = new ArrayList<>(c.hops());
        if (c.outcome() != Connection.Outcome.ESTABLISHED) {
            return new DnsExchange(nameserver, Optional.empty(), hops);
        }
        // Whatever listens on port 53 there answers: the CoreDNS process in a CoreDNS pod, a resolver outside.
        ZoneAnswer answer = c.dns(name, type).orElse(null);
        if (answer == null) {
            hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.DROPPED, nameserver + " port 53 is not a DNS server: "
                    + "no answer comes back"));
            return new DnsExchange(nameserver, Optional.empty(), hops);
        }
        hops.addAll(answer.hops());
        return new DnsExchange(nameserver, Optional.of(answer.response()), hops);
    }

    @Override
    public Connection connect(String ip, int port, Protocol protocol) {
        return plane.connect(client, ip, port, protocol);
    }
}
