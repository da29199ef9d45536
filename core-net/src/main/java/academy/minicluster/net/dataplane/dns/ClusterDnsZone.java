package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.WellKnownLabels;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cluster's DNS zone as CoreDNS serves it with kubeadm's default Corefile:
 *
 * <pre>
 * kubernetes cluster.local in-addr.arpa ip6.arpa {
 *    pods insecure
 *    fallthrough in-addr.arpa ip6.arpa
 *    ttl 30
 * }
 * </pre>
 *
 * <p>Compiled once from the Services, EndpointSlices, Pods and Namespaces, it answers one question at a time the way
 * CoreDNS' {@code plugin/kubernetes} does (Kubernetes DNS specification 1.1.0): the name is parsed into
 * {@code [endpoint | _port._proto].service.namespace.svc|pod.zone}, the objects behind it are looked up, and the
 * records are built from them. What a learner trips over is reproduced on purpose:
 * <ul>
 *   <li>a ClusterIP Service answers with its ClusterIP even with zero endpoints; a headless Service answers with its
 *       <em>ready</em> endpoints (EndpointSlice {@code conditions.ready}, unset counts as ready) and is NXDOMAIN when
 *       none is ready;</li>
 *   <li>NXDOMAIN (the name does not exist) is told apart from NODATA (NOERROR, empty answer: the name exists, the
 *       type does not), both with the zone's SOA in the authority section; {@code svc.cluster.local.},
 *       {@code <ns>.svc.cluster.local.} and {@code pod.cluster.local.} are NODATA;</li>
 *   <li>SRV {@code _<port>._<proto>} names only match <em>named</em> ports; CoreDNS weighs the N records of one
 *       answer {@code floor(100/N)} (so {@code 0 100} for a single-stack ClusterIP);</li>
 *   <li>an ExternalName Service is a CNAME, followed inside the zone when the target is a cluster name.</li>
 * </ul>
 *
 * <p>Choices where CoreDNS is not deterministic: the {@code loadbalance} plugin shuffles A/AAAA records on every
 * answer; here they are ordered by address. The SOA serial is CoreDNS' "last modified" time; here it is the newest
 * {@code creationTimestamp} of the Services, EndpointSlices and Namespaces (seconds since the epoch), or what
 * {@link #withSoaSerial(long)} sets. PTR misses fall through to {@code forward}, whose upstream answers NXDOMAIN for
 * cluster-private addresses; this zone returns that NXDOMAIN itself (not authoritative, no SOA).
 */
public final class ClusterDnsZone {

    /** TTL of every record in the zone: kubeadm's Corefile sets {@code ttl 30} (the plugin's default is 5). */
    public static final int TTL = 30;

    /** CoreDNS answers {@code dns-version} with a fixed TTL of 28800 seconds. */
    public static final int DNS_VERSION_TTL = 28800;

    /** The schema version of the Kubernetes DNS specification CoreDNS implements. */
    public static final String DNS_SCHEMA_VERSION = "1.1.0";

    /** How CoreDNS answers {@code a-b-c-d.<ns>.pod.<zone>} ({@code pods} option); kubeadm uses INSECURE. */
    public enum PodsMode {
        /** Answer for any dashed IP in an existing namespace, without checking a Pod has it. */
        INSECURE,
        /** Answer only when a Pod in that namespace has that IP. */
        VERIFIED,
        /** Never answer pod names (NXDOMAIN): the plugin's own default when the option is absent. */
        DISABLED
    }

    private static final List<String> REVERSE_ZONES = List.of("in-addr.arpa.", "ip6.arpa.");
    private static final int MAX_CNAME_CHAIN = 7;

    private final String zone;
    private final Set<String> namespaces;
    private final Map<String, Service> services;
    private final Map<String, List<ReadyEndpoint>> endpoints;
    private final Map<String, Integer> notReadyCount;
    private final Map<String, List<ObjectRef>> slicesOf;
    private final List<Pod> pods;
    private final long soaSerial;
    private final PodsMode podsMode;

    private ClusterDnsZone(String zone, Set<String> namespaces, Map<String, Service> services,
                           Map<String, List<ReadyEndpoint>> endpoints, Map<String, Integer> notReadyCount,
                           Map<String, List<ObjectRef>> slicesOf, List<Pod> pods, long soaSerial, PodsMode podsMode) {
        this.zone = zone;
        this.namespaces = namespaces;
        this.services = services;
        this.endpoints = endpoints;
        this.notReadyCount = notReadyCount;
        this.slicesOf = slicesOf;
        this.pods = pods;
        this.soaSerial = soaSerial;
        this.podsMode = podsMode;
    }

    /**
     * Compiles the zone.
     *
     * @param zone       the cluster domain, {@code cluster.local} (with or without the trailing dot)
     * @param services   all Services
     * @param slices     all EndpointSlices; each belongs to the Service named by its
     *                   {@code kubernetes.io/service-name} label in its namespace
     * @param pods       all Pods (for {@code pods verified} and to name the Pod behind an address in traces)
     * @param namespaces all Namespaces: a name in a namespace that does not exist is NXDOMAIN
     */
    public static ClusterDnsZone of(String zone, Collection<Service> services, Collection<EndpointSlice> slices,
                                    Collection<Pod> pods, Collection<Namespace> namespaces) {
        Objects.requireNonNull(zone, "zone");
        String zoneKey = DnsNames.key(zone);
        Set<String> nsNames = new TreeSet<>();
        for (Namespace n : namespaces) {
            nsNames.add(lower(n.getMetadata().getName()));
        }
        Map<String, Service> svcByKey = new TreeMap<>();
        for (Service s : services) {
            svcByKey.put(key(s.getMetadata().getNamespace(), s.getMetadata().getName()), s);
        }
        Map<String, List<ReadyEndpoint>> eps = new TreeMap<>();
        Map<String, Integer> notReady = new TreeMap<>();
        Map<String, List<ObjectRef>> sliceRefs = new TreeMap<>();
        List<EndpointSlice> sortedSlices = new ArrayList<>(slices);
        sortedSlices.sort(Comparator.comparing((EndpointSlice e) -> nullToEmpty(e.getMetadata().getNamespace()))
                .thenComparing(e -> nullToEmpty(e.getMetadata().getName())));
        for (EndpointSlice slice : sortedSlices) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String svcName = labels == null ? null : labels.get(WellKnownLabels.SERVICE_NAME);
            if (svcName == null || "FQDN".equals(slice.getAddressType())) {
                continue;
            }
            String svcKey = key(slice.getMetadata().getNamespace(), svcName);
            ObjectRef sliceRef = new ObjectRef("EndpointSlice", slice.getMetadata().getNamespace(),
                    slice.getMetadata().getName());
            sliceRefs.computeIfAbsent(svcKey, k -> new ArrayList<>()).add(sliceRef);
            List<SlicePort> ports = new ArrayList<>();
            if (slice.getPorts() == null || slice.getPorts().isEmpty()) {
                ports.add(SlicePort.NONE);
            } else {
                for (EndpointPort p : slice.getPorts()) {
                    ports.add(new SlicePort(nullToEmpty(p.getName()), p.getProtocol() == null ? "TCP" : p.getProtocol(),
                            p.getPort() == null ? -1 : p.getPort()));
                }
            }
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                Boolean ready = e.getConditions() == null ? null : e.getConditions().getReady();
                if (ready != null && !ready) {
                    notReady.merge(svcKey, 1, Integer::sum);
                    continue;
                }
                ObjectReference target = e.getTargetRef();
                ObjectRef targetRef = target == null || target.getName() == null ? null
                        : new ObjectRef(target.getKind() == null ? "Pod" : target.getKind(),
                        target.getNamespace() == null ? slice.getMetadata().getNamespace() : target.getNamespace(),
                        target.getName());
                for (String address : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
                    Optional<IpAddress> ip = IpAddress.parse(address);
                    if (ip.isEmpty()) {
                        continue;
                    }
                    String hostname = e.getHostname() == null || e.getHostname().isEmpty()
                            ? ip.get().dashed() : lower(e.getHostname());
                    eps.computeIfAbsent(svcKey, k -> new ArrayList<>()).add(
                            new ReadyEndpoint(ip.get(), hostname, sliceRef, targetRef, List.copyOf(ports)));
                }
            }
        }
        eps.values().forEach(list -> list.sort(Comparator.comparing(ReadyEndpoint::ip)
                .thenComparing(r -> r.slice().name())));
        List<Pod> podList = new ArrayList<>(pods);
        podList.sort(Comparator.comparing((Pod p) -> nullToEmpty(p.getMetadata().getNamespace()))
                .thenComparing(p -> nullToEmpty(p.getMetadata().getName())));
        long serial = 0;
        for (Collection<? extends HasMetadata> objects : List.of(services, slices, namespaces)) {
            for (HasMetadata o : objects) {
                serial = Math.max(serial, epochSeconds(o.getMetadata().getCreationTimestamp()));
            }
        }
        return new ClusterDnsZone(zoneKey, Set.copyOf(nsNames), Map.copyOf(svcByKey), Map.copyOf(eps),
                Map.copyOf(notReady), Map.copyOf(sliceRefs), List.copyOf(podList), serial, PodsMode.INSECURE);
    }

    /** The same zone with another SOA serial (CoreDNS uses the time of the last change it saw). */
    public ClusterDnsZone withSoaSerial(long serial) {
        return new ClusterDnsZone(zone, namespaces, services, endpoints, notReadyCount, slicesOf, pods, serial,
                podsMode);
    }

    /** The same zone with another {@code pods} mode. */
    public ClusterDnsZone withPodsMode(PodsMode mode) {
        return new ClusterDnsZone(zone, namespaces, services, endpoints, notReadyCount, slicesOf, pods, soaSerial,
                Objects.requireNonNull(mode, "mode"));
    }

    /** {@code cluster.local.} */
    public String zone() {
        return zone;
    }

    /**
     * Whether CoreDNS' kubernetes plugin handles this name: the cluster zone and the reverse zones it is configured
     * for ({@code in-addr.arpa}, {@code ip6.arpa}). Every other name goes to {@code forward} (see {@link UpstreamDns}).
     */
    public boolean isInZone(String fqdn) {
        String name = DnsNames.key(fqdn);
        if (DnsNames.isSubdomain(zone, name)) {
            return true;
        }
        return REVERSE_ZONES.stream().anyMatch(z -> DnsNames.isSubdomain(z, name));
    }

    /** The zone's SOA record as CoreDNS writes it: {@code cluster.local. 30 IN SOA ns.dns.cluster.local. ...}. */
    public DnsRecord soa() {
        return new DnsRecord(zone, TTL, RecordType.SOA,
                "ns.dns." + zone + " hostmaster." + zone + " " + soaSerial + " 7200 1800 86400 " + TTL);
    }

    /**
     * Answers one question as CoreDNS does.
     *
     * @param name a name inside the zone (see {@link #isInZone}); case is kept in the owner names as asked
     * @param type the type asked
     * @throws IllegalArgumentException if the name is outside the zones the plugin serves
     */
    public ZoneAnswer answer(String name, RecordType type) {
        Objects.requireNonNull(type, "type");
        String qname = DnsNames.fqdn(Objects.requireNonNull(name, "name"));
        if (!isInZone(qname)) {
            throw new IllegalArgumentException(qname + " is outside " + zone + ", in-addr.arpa. and ip6.arpa.: "
                    + "CoreDNS forwards it upstream");
        }
        Question q = question(qname, type);
        if (!DnsNames.isSubdomain(zone, q.key())) {
            return reverse(q);
        }
        return switch (type) {
            case A, AAAA -> addressAnswer(q);
            case SRV -> srvAnswer(q);
            case TXT -> txtAnswer(q);
            case CNAME -> cnameAnswer(q);
            case PTR -> forwardNamePtr(q);
            case SOA -> q.key().equals(zone)
                    ? success(q, List.of(soa()), List.of(),
                    List.of(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + q.name() + " SOA (apex of the cluster zone)")))
                    : noData(q, "CoreDNS: NODATA: " + q.name() + " has no SOA record (only the zone apex "
                    + zone + " has one)", List.of(), List.of());
            case NS -> nsAnswer(q);
            default -> otherType(q);
        };
    }

    /**
     * One question, taken apart once before any lookup (CoreDNS's {@code request.Request} and the kubernetes
     * plugin's {@code recordRequest}).
     *
     * @param name    the name as asked, fully qualified: the owner name of the records (case kept)
     * @param key     the name lower-cased, as the zone compares names
     * @param type    the type asked
     * @param request the name's parts inside the cluster zone ({@link ZoneName.NotKubernetes} for a name of the
     *                reverse zones, as CoreDNS's {@code parseRequest} finds it)
     */
    private record Question(String name, String key, RecordType type, ZoneName request) {
    }

    /** {@code fqdn} asked as {@code type}, parsed. */
    private Question question(String fqdn, RecordType type) {
        String key = fqdn.toLowerCase(Locale.ROOT);
        ZoneName request = DnsNames.isSubdomain(zone, key) ? ZoneName.parse(trimZone(key))
                : new ZoneName.NotKubernetes();
        return new Question(fqdn, key, type, request);
    }

    /**
     * A type the kubernetes plugin has no records of (MX, HINFO, CAA, ...): "a fake A lookup, so we can distinguish
     * between NODATA and NXDOMAIN" (kubernetes.go ServeDNS): NXDOMAIN where the name does not exist, else NODATA.
     */
    private ZoneAnswer otherType(Question q) {
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        return noData(q, "CoreDNS: NODATA: the kubernetes plugin has no " + q.type() + " records ("
                + q.name() + " exists)", ((Found) lookup).refs(), List.of());
    }

    // ---------------------------------------------------------------------------------------------------------
    // A / AAAA, with CNAME chasing inside the zone (CoreDNS plugin.A / plugin.AAAA)

    private ZoneAnswer addressAnswer(Question q) {
        List<Hop> hops = new ArrayList<>();
        AddressResult result = addresses(q, new ArrayList<>(), hops);
        if (result.error() != null) {
            return nxdomain(q, result.error(), result.errorRefs(), hops);
        }
        if (result.records().isEmpty()) {
            return noData(q, result.emptyReason(), result.errorRefs(), hops);
        }
        return success(q, result.records(), List.of(), hops);
    }

    private record AddressResult(List<DnsRecord> records, String error, String emptyReason,
                                 List<ObjectRef> errorRefs) {
    }

    private AddressResult addresses(Question q, List<DnsRecord> chain, List<Hop> hops) {
        String qname = q.name();
        RecordType type = q.type();
        Lookup lookup = q.key().equals(zone) ? apexLookup() : services(q);
        if (lookup instanceof NameError e) {
            return new AddressResult(List.of(), e.reason(), null, e.refs());
        }
        Found found = (Found) lookup;
        List<DnsRecord> cnamePart = new ArrayList<>();
        List<Backend> direct = new ArrayList<>();
        for (Backend b : found.backends()) {
            Optional<IpAddress> ip = IpAddress.parse(b.host());
            if (ip.isEmpty()) {
                String target = DnsNames.fqdn(b.host());
                String targetKey = target.toLowerCase(Locale.ROOT);
                if (targetKey.equals(q.key()) || chain.size() > MAX_CNAME_CHAIN) {
                    continue;
                }
                DnsRecord cname = new DnsRecord(qname, TTL, RecordType.CNAME, target);
                boolean duplicate = chain.stream().anyMatch(c -> c.name().equalsIgnoreCase(cname.name())
                        && c.data().equalsIgnoreCase(cname.data()));
                if (duplicate) {
                    continue;
                }
                if (DnsNames.isSubdomain(zone, targetKey)) {
                    List<Hop> inner = new ArrayList<>();
                    List<DnsRecord> nextChain = new ArrayList<>(chain);
                    nextChain.add(cname);
                    AddressResult next = addresses(question(target, type), nextChain, inner);
                    hops.add(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " CNAME " + target + " (" + b.why()
                            + "); " + target + " is in " + zone + ", CoreDNS follows it", b.refsArray()));
                    hops.addAll(inner);
                    if (next.error() == null && !next.records().isEmpty()) {
                        cnamePart.add(cname);
                        cnamePart.addAll(next.records());
                    } else {
                        String why = next.error() != null ? next.error() : target + " has no " + type + " record";
                        hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.NOT_FOUND, "CoreDNS: drops the CNAME to "
                                + target + ": " + why, b.refsArray()));
                    }
                } else {
                    cnamePart.add(cname);
                    hops.add(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " CNAME " + target + " (" + b.why()
                            + "); " + target + " is outside " + zone + ", its " + type
                            + " record comes from upstream (forward . /etc/resolv.conf)", b.refsArray()));
                }
                continue;
            }
            if (ip.get().isV4() == (type == RecordType.A)) {
                direct.add(b);
            }
        }
        Map<IpAddress, Backend> byIp = new TreeMap<>();
        for (Backend b : direct) {
            byIp.putIfAbsent(IpAddress.parse(b.host()).orElseThrow(), b);
        }
        List<DnsRecord> records = new ArrayList<>(cnamePart);
        for (IpAddress ip : byIp.keySet()) {
            records.add(new DnsRecord(qname, TTL, type, ip.canonical()));
        }
        if (!byIp.isEmpty()) {
            hops.add(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " " + type + " -> "
                    + byIp.keySet().stream().map(IpAddress::canonical).collect(Collectors.joining(", "))
                    + " (" + describe(byIp.values()) + ")", refs(byIp.values())));
        }
        String emptyReason = null;
        if (records.isEmpty()) {
            List<Backend> others = found.backends().stream().filter(b -> IpAddress.isIp(b.host())).toList();
            if (!others.isEmpty()) {
                RecordType other = type == RecordType.A ? RecordType.AAAA : RecordType.A;
                emptyReason = "CoreDNS: NODATA: " + qname + " has no " + type + " record, only " + other + " ("
                        + describe(others) + ")";
            } else if (found.backends().isEmpty()) {
                emptyReason = "CoreDNS: NODATA: " + found.emptyReason();
            } else {
                emptyReason = "CoreDNS: NODATA: " + qname + " has no " + type + " record";
            }
        }
        return new AddressResult(records, null, emptyReason, found.refs());
    }

    /** {@code checkForApex}: A/AAAA for the zone apex itself; CoreDNS has no apex.dns entry, so it is NODATA. */
    private Lookup apexLookup() {
        return new Found(List.of(), zone + " is the apex of the cluster zone; it has no address records", List.of());
    }

    // ---------------------------------------------------------------------------------------------------------
    // SRV (CoreDNS plugin.SRV)

    private ZoneAnswer srvAnswer(Question q) {
        String qname = q.name();
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        Found found = (Found) lookup;
        List<Backend> backends = found.backends().stream().filter(b -> IpAddress.isIp(b.host())).toList();
        // Every backend weighs 100 at priority 0, so each SRV gets floor(100 * 100 / (100 * N)), at least 1.
        int n = backends.size();
        int weight = n == 0 ? 0 : Math.max(1, (int) Math.floor(100.0 / (100.0 * n) * 100.0));
        Set<String> seenSrv = new HashSet<>();
        Set<String> seenExtra = new HashSet<>();
        List<DnsRecord> answers = new ArrayList<>();
        List<DnsRecord> extra = new ArrayList<>();
        List<Backend> used = new ArrayList<>();
        for (Backend b : backends) {
            if (b.port() == -1) {
                continue;
            }
            IpAddress ip = IpAddress.parse(b.host()).orElseThrow();
            if (seenSrv.add(b.target().toLowerCase(Locale.ROOT) + " " + b.port())) {
                answers.add(new DnsRecord(qname, TTL, RecordType.SRV, "0 " + weight + " " + b.port() + " "
                        + b.target()));
                used.add(b);
            }
            if (seenExtra.add(b.target().toLowerCase(Locale.ROOT) + " " + ip.canonical())) {
                extra.add(new DnsRecord(b.target(), TTL, ip.isV4() ? RecordType.A : RecordType.AAAA,
                        ip.canonical()));
            }
        }
        if (answers.isEmpty()) {
            String reason = found.backends().isEmpty() ? found.emptyReason()
                    : qname + " has addresses but no port to publish (" + describe(found.backends()) + ")";
            if (found.backends().stream().anyMatch(b -> !IpAddress.isIp(b.host()))) {
                reason = qname + " is an ExternalName CNAME; CoreDNS publishes no SRV records for it";
            }
            return noData(q, "CoreDNS: NODATA: " + reason, found.refs(), List.of());
        }
        String list = answers.stream().map(r -> r.data()).collect(Collectors.joining(", "));
        Hop hop = Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " SRV -> " + list + " (" + describe(used)
                + "; weight " + weight + " = floor(100/" + n + "))", refs(used));
        return success(q, answers, extra, List.of(hop));
    }

    // ---------------------------------------------------------------------------------------------------------
    // TXT, CNAME, PTR on forward names, NS

    private ZoneAnswer txtAnswer(Question q) {
        String qname = q.name();
        if (trimZone(q.key()).equals("dns-version")) {
            DnsRecord txt = new DnsRecord(qname, DNS_VERSION_TTL, RecordType.TXT, "\"" + DNS_SCHEMA_VERSION + "\"");
            return success(q, List.of(txt), List.of(), List.of(Hop.pass(Hop.Stage.DNS,
                    "CoreDNS: " + qname + " TXT \"" + DNS_SCHEMA_VERSION
                            + "\" (the Kubernetes DNS schema version CoreDNS implements)")));
        }
        // plugin.TXT looks the name up as a service first: a name that does not exist is NXDOMAIN.
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        return noData(q, "CoreDNS: NODATA: the kubernetes plugin answers TXT only for dns-version."
                + zone, ((Found) lookup).refs(), List.of());
    }

    private ZoneAnswer cnameAnswer(Question q) {
        String qname = q.name();
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        Found found = (Found) lookup;
        if (!found.backends().isEmpty() && !IpAddress.isIp(found.backends().get(0).host())) {
            Backend b = found.backends().get(0);
            String target = DnsNames.fqdn(b.host());
            return success(q, List.of(new DnsRecord(qname, TTL, RecordType.CNAME, target)),
                    List.of(), List.of(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " CNAME " + target + " ("
                            + b.why() + ")", b.refsArray())));
        }
        String reason = found.backends().isEmpty() ? found.emptyReason()
                : qname + " has address records, not a CNAME (" + describe(found.backends()) + ")";
        return noData(q, "CoreDNS: NODATA: " + reason, found.refs(), List.of());
    }

    /** A PTR question for a forward name: no address to reverse, so NXDOMAIN or NODATA depending on the name. */
    private ZoneAnswer forwardNamePtr(Question q) {
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        return noData(q, "CoreDNS: NODATA: " + q.name() + " is a forward name; PTR records live "
                + "under in-addr.arpa. and ip6.arpa.", ((Found) lookup).refs(), List.of());
    }

    private ZoneAnswer nsAnswer(Question q) {
        String qname = q.name();
        if (q.key().equals(zone)) {
            Service kubeDns = services.get(key("kube-system", "kube-dns"));
            List<String> ips = kubeDns == null ? List.of() : clusterIps(kubeDns);
            if (!ips.isEmpty()) {
                String nsName = "kube-dns.kube-system.svc." + zone;
                List<DnsRecord> extra = new ArrayList<>();
                for (String ip : ips) {
                    IpAddress a = IpAddress.parse(ip).orElseThrow();
                    extra.add(new DnsRecord(nsName, TTL, a.isV4() ? RecordType.A : RecordType.AAAA, a.canonical()));
                }
                return success(q, List.of(new DnsRecord(qname, TTL, RecordType.NS, nsName)),
                        extra, List.of(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " NS " + nsName
                                + " (the Service in front of the CoreDNS pods)", ref(kubeDns))));
            }
            return noData(q, "CoreDNS: NODATA: no Service kube-system/kube-dns fronts CoreDNS",
                    List.of(), List.of());
        }
        // Any other type: CoreDNS does a fake A lookup to tell NXDOMAIN from NODATA.
        Lookup lookup = services(q);
        if (lookup instanceof NameError e) {
            return nxdomain(q, e.reason(), e.refs(), List.of());
        }
        return noData(q, "CoreDNS: NODATA: " + qname + " has no NS record (only the zone apex "
                + zone + " has one)", ((Found) lookup).refs(), List.of());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reverse zones (CoreDNS Reverse / serviceRecordForIP)

    private ZoneAnswer reverse(Question q) {
        String qname = q.name();
        RecordType type = q.type();
        Optional<IpAddress> ip = IpAddress.fromReverseName(q.key());
        if (type == RecordType.PTR && ip.isPresent()) {
            String addr = ip.get().canonical();
            for (Map.Entry<String, Service> e : services.entrySet()) {
                Service s = e.getValue();
                if (isHeadless(s) || isExternalName(s)) {
                    continue;
                }
                boolean match = clusterIps(s).stream().map(IpAddress::parse)
                        .anyMatch(p -> p.isPresent() && p.get().equals(ip.get()));
                if (match) {
                    String target = s.getMetadata().getName() + "." + s.getMetadata().getNamespace() + ".svc." + zone;
                    return success(q, List.of(new DnsRecord(qname, TTL, RecordType.PTR, target)), List.of(),
                            List.of(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " PTR " + target + " (" + addr
                                    + " is the ClusterIP of " + ref(s) + ")", ref(s))));
                }
            }
            Map<String, ReadyEndpoint> ptrs = new TreeMap<>();
            Map<String, String> serviceOf = new TreeMap<>();
            for (Map.Entry<String, List<ReadyEndpoint>> e : endpoints.entrySet()) {
                for (ReadyEndpoint r : e.getValue()) {
                    if (r.ip().equals(ip.get())) {
                        String[] nsName = e.getKey().split("/", 2);
                        String target = r.hostname() + "." + nsName[1] + "." + nsName[0] + ".svc." + zone;
                        ptrs.putIfAbsent(target, r);
                        serviceOf.putIfAbsent(target, e.getKey());
                    }
                }
            }
            if (!ptrs.isEmpty()) {
                List<DnsRecord> records = new ArrayList<>();
                List<Hop> hops = new ArrayList<>();
                for (Map.Entry<String, ReadyEndpoint> p : ptrs.entrySet()) {
                    records.add(new DnsRecord(qname, TTL, RecordType.PTR, p.getKey()));
                    String[] nsName = serviceOf.get(p.getKey()).split("/", 2);
                    ObjectRef svc = new ObjectRef("Service", nsName[0], nsName[1]);
                    ReadyEndpoint r = p.getValue();
                    hops.add(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + qname + " PTR " + p.getKey() + " (" + addr
                            + " is a ready endpoint of " + svc + " in " + r.slice() + ")",
                            r.refs(svc).toArray(ObjectRef[]::new)));
                }
                return success(q, records, List.of(), hops);
            }
            return fallthrough(q, "no Service ClusterIP and no ready endpoint has address " + addr);
        }
        return fallthrough(q, qname + " " + type + " is not a PTR question for a full address");
    }

    private ZoneAnswer fallthrough(Question q, String reason) {
        DnsResponse r = new DnsResponse(q.name(), q.type(), Rcode.NXDOMAIN, false, List.of(), List.of(), List.of());
        return new ZoneAnswer(r, List.of(Hop.stop(Hop.Stage.DNS, Hop.Verdict.NOT_FOUND, "CoreDNS: " + reason
                + "; the kubernetes plugin falls through (fallthrough in-addr.arpa ip6.arpa) to forward "
                + ". /etc/resolv.conf, and the node's resolver answers NXDOMAIN")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The lookup itself (CoreDNS Kubernetes.Services / Records / findServices / findPods)

    /** One thing the kubernetes plugin found: an address or a name (CNAME), with a port for SRV. */
    private record Backend(String host, int port, String target, String why, List<ObjectRef> refs) {
        ObjectRef[] refsArray() {
            return refs.toArray(ObjectRef[]::new);
        }
    }

    private sealed interface Lookup permits Found, NameError {
    }

    /** The name exists; no backends means NODATA, explained by {@code emptyReason}. */
    private record Found(List<Backend> backends, String emptyReason, List<ObjectRef> refs) implements Lookup {
    }

    /** The name does not exist: NXDOMAIN. */
    private record NameError(String reason, List<ObjectRef> refs) implements Lookup {
    }

    private Lookup services(Question q) {
        String lname = q.key();
        if (lname.equals("ns.dns." + zone)) {
            Service kubeDns = services.get(key("kube-system", "kube-dns"));
            List<Backend> out = new ArrayList<>();
            if (kubeDns != null) {
                for (String ip : clusterIps(kubeDns)) {
                    out.add(new Backend(ip, 0, lname, "ClusterIP of " + ref(kubeDns) + ", the Service in front of "
                            + "CoreDNS", List.of(ref(kubeDns))));
                }
            }
            return new Found(out, lname + " names the cluster DNS server, but no Service kube-system/kube-dns exists",
                    List.of());
        }
        return records(lname, q.request());
    }

    /** CoreDNS's {@code Records}: the objects behind a parsed name. */
    private Lookup records(String lname, ZoneName parsed) {
        if (parsed instanceof ZoneName.Branch) {
            return new Found(List.of(), lname + " exists as a branch of the cluster zone but holds no records",
                    List.of());
        }
        if (parsed instanceof ZoneName.NotKubernetes) {
            return new NameError(lname + " does not exist: names in " + zone + " have the form <service>.<namespace>"
                    + ".svc." + zone + " or <a-b-c-d>.<namespace>.pod." + zone, List.of());
        }
        String namespace = parsed instanceof ZoneName.TooLong t ? t.namespace()
                : ((RecordRequest) parsed).namespace();
        if (!namespaces.contains(namespace)) {
            return new NameError("namespace " + namespace + " does not exist", List.of());
        }
        ObjectRef nsRef = ObjectRef.clusterScoped("Namespace", namespace);
        if (parsed instanceof ZoneName.TooLong t) {
            return new NameError(lname + " has too many labels for a " + t.kind().noun() + " name", List.of(nsRef));
        }
        RecordRequest r = (RecordRequest) parsed;
        if (r.kind() == RecordRequest.Kind.POD) {
            return findPods(namespace, r.service(), nsRef);
        }
        return findServices(r, nsRef);
    }

    private Lookup findPods(String namespace, String podName, ObjectRef nsRef) {
        // Like CoreDNS, labels left of the pod label (_port._proto, endpoint) are parsed and then ignored.
        if (podsMode == PodsMode.DISABLED) {
            return new NameError("pod records are disabled (pods disabled)", List.of(nsRef));
        }
        if (podName.isEmpty()) {
            return new Found(List.of(), "namespace " + namespace + " exists; " + namespace + ".pod." + zone
                    + " itself holds no records", List.of(nsRef));
        }
        String ipText = podName.chars().filter(c -> c == '-').count() == 3 && !podName.contains("--")
                ? podName.replace('-', '.') : podName.replace('-', ':');
        Optional<IpAddress> ip = IpAddress.parse(ipText);
        if (ip.isEmpty()) {
            return new NameError(podName + "." + namespace + ".pod." + zone + " does not exist: pod names are the "
                    + "pod IP with dashes (a-b-c-d), and " + podName + " is not an IP address", List.of(nsRef));
        }
        Optional<Pod> owner = pods.stream()
                .filter(p -> namespace.equals(lower(p.getMetadata().getNamespace())))
                .filter(p -> podIps(p).stream().map(IpAddress::parse).anyMatch(ip::equals))
                .findFirst();
        String host = ip.get().canonical();
        String target = podName + "." + namespace + ".pod." + zone;
        if (podsMode == PodsMode.VERIFIED) {
            if (owner.isEmpty()) {
                return new NameError("no Pod in namespace " + namespace + " has IP " + host + " (pods verified)",
                        List.of(nsRef));
            }
            return new Found(List.of(new Backend(host, 0, target, "IP of " + ref(owner.get()) + ", pods verified",
                    List.of(ref(owner.get())))), "", List.of(ref(owner.get())));
        }
        String why = owner.map(p -> "pods insecure: the address is read from the name; " + ref(p) + " has this IP")
                .orElse("pods insecure: the address is read from the name; no Pod in namespace " + namespace
                        + " has this IP, CoreDNS does not check");
        List<ObjectRef> refs = owner.map(p -> List.of(ref(p))).orElse(List.of(nsRef));
        return new Found(List.of(new Backend(host, 0, target, why, refs)), "", refs);
    }

    private Lookup findServices(RecordRequest request, ObjectRef nsRef) {
        String namespace = request.namespace();
        String service = request.service();
        String endpoint = request.endpoint();
        String port = request.port();
        String protocol = request.protocol();
        if (service.isEmpty()) {
            return new Found(List.of(), "namespace " + namespace + " exists; " + namespace + ".svc." + zone
                    + " itself holds no records", List.of(nsRef));
        }
        Service svc = services.get(key(namespace, service));
        if (svc == null) {
            return new NameError("no Service named " + service + " in namespace " + namespace, List.of(nsRef));
        }
        ObjectRef svcRef = ref(svc);
        String svcFqdn = svc.getMetadata().getName() + "." + svc.getMetadata().getNamespace() + ".svc." + zone;
        if (isExternalName(svc)) {
            if (!endpoint.isEmpty()) {
                return new NameError(svcRef + " is an ExternalName Service; no names exist below " + svcFqdn,
                        List.of(svcRef));
            }
            String external = nullToEmpty(svc.getSpec().getExternalName());
            if (external.isEmpty() || IpAddress.isIp(external)) {
                return new NameError(svcRef + " has externalName \"" + external + "\", which is not a DNS name; "
                        + "CoreDNS only answers ExternalName Services with a CNAME", List.of(svcRef));
            }
            return new Found(List.of(new Backend(external, 0, svcFqdn, "externalName of " + svcRef,
                    List.of(svcRef))), "", List.of(svcRef));
        }
        String key = key(namespace, service);
        List<ObjectRef> sliceRefs = slicesOf.getOrDefault(key, List.of());
        List<ObjectRef> allRefs = new ArrayList<>();
        allRefs.add(svcRef);
        allRefs.addAll(sliceRefs);
        if (isHeadless(svc) || !endpoint.isEmpty()) {
            List<Backend> out = new ArrayList<>();
            boolean nameMatched = false;
            for (ReadyEndpoint r : endpoints.getOrDefault(key, List.of())) {
                if (!endpoint.isEmpty() && !endpoint.equals(r.hostname())) {
                    continue;
                }
                nameMatched = true;
                for (SlicePort p : r.ports()) {
                    if (!matchPortAndProtocol(port, p.name(), protocol, p.protocol())) {
                        continue;
                    }
                    String why = "ready endpoint of " + (isHeadless(svc) ? "headless " : "") + svcRef + " in "
                            + r.slice() + (r.target() == null ? "" : ", " + r.target());
                    out.add(new Backend(r.ip().canonical(), p.port(), r.hostname() + "." + svcFqdn, why,
                            r.refs(svcRef)));
                }
            }
            if (!out.isEmpty()) {
                return new Found(out, "", allRefs);
            }
            int notReady = notReadyCount.getOrDefault(key, 0);
            String notReadyText = notReady == 0 ? "" : " (" + notReady + " endpoint" + (notReady == 1 ? " is" : "s are")
                    + " not ready)";
            if (!endpoint.isEmpty() && !nameMatched) {
                return new NameError(svcRef + " has no ready endpoint named " + endpoint + notReadyText, allRefs);
            }
            if (nameMatched && !port.isEmpty()) {
                return new NameError(svcRef + " has no endpoint port named " + port + " with protocol " + protocol,
                        allRefs);
            }
            return new NameError("headless " + svcRef + " has no ready endpoints" + notReadyText, allRefs);
        }
        List<Backend> out = new ArrayList<>();
        List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        for (ServicePort p : ports) {
            String protocolOf = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!matchPortAndProtocol(port, nullToEmpty(p.getName()), protocol, protocolOf)) {
                continue;
            }
            for (String ip : clusterIps(svc)) {
                Optional<IpAddress> a = IpAddress.parse(ip);
                if (a.isEmpty()) {
                    continue;
                }
                out.add(new Backend(a.get().canonical(), p.getPort() == null ? 0 : p.getPort(), svcFqdn,
                        "ClusterIP of " + svcRef, List.of(svcRef)));
            }
        }
        if (!out.isEmpty()) {
            return new Found(out, "", List.of(svcRef));
        }
        if (clusterIps(svc).isEmpty()) {
            return new NameError(svcRef + " has no ClusterIP yet", List.of(svcRef));
        }
        if (ports.isEmpty()) {
            return new NameError(svcRef + " has no ports", List.of(svcRef));
        }
        return new NameError(svcRef + " has no port named " + port + " with protocol " + protocol
                + " (SRV names only match named ports: " + portNames(ports) + ")", List.of(svcRef));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Responses

    /** NOERROR with answers (and additional records): no authority section. */
    private DnsResponse answered(Question q, List<DnsRecord> answers, List<DnsRecord> extra) {
        return new DnsResponse(q.name(), q.type(), Rcode.NOERROR, true, answers, List.of(), extra);
    }

    /** No answer (NODATA's NOERROR, or NXDOMAIN): the zone's SOA in the authority section, for negative caching. */
    private DnsResponse negative(Question q, Rcode rcode) {
        return new DnsResponse(q.name(), q.type(), rcode, true, List.of(), List.of(soa()), List.of());
    }

    private ZoneAnswer success(Question q, List<DnsRecord> answers, List<DnsRecord> extra, List<Hop> hops) {
        return new ZoneAnswer(answered(q, answers, extra), hops);
    }

    private ZoneAnswer noData(Question q, String reason, List<ObjectRef> refs, List<Hop> before) {
        List<Hop> hops = new ArrayList<>(before);
        hops.add(new Hop(Hop.Stage.DNS, reason, refs, Hop.Verdict.NOT_FOUND));
        return new ZoneAnswer(negative(q, Rcode.NOERROR), hops);
    }

    private ZoneAnswer nxdomain(Question q, String reason, List<ObjectRef> refs, List<Hop> before) {
        List<Hop> hops = new ArrayList<>(before);
        hops.add(new Hop(Hop.Stage.DNS, "CoreDNS: NXDOMAIN: " + reason, refs, Hop.Verdict.NOT_FOUND));
        return new ZoneAnswer(negative(q, Rcode.NXDOMAIN), hops);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    /** One port of an EndpointSlice; {@link #NONE} stands for a slice without ports (CoreDNS' port -1 sentinel). */
    private record SlicePort(String name, String protocol, int port) {
        static final SlicePort NONE = new SlicePort("", "", -1);
    }

    /** A ready endpoint address, with the ports of its slice and the label CoreDNS names it by. */
    private record ReadyEndpoint(IpAddress ip, String hostname, ObjectRef slice, ObjectRef target,
                                 List<SlicePort> ports) {
        List<ObjectRef> refs(ObjectRef service) {
            List<ObjectRef> out = new ArrayList<>(List.of(service, slice));
            if (target != null) {
                out.add(target);
            }
            return out;
        }
    }

    private static boolean matchPortAndProtocol(String aPort, String bPort, String aProtocol, String bProtocol) {
        return (aPort.isEmpty() || aPort.equalsIgnoreCase(bPort))
                && (aProtocol.isEmpty() || aProtocol.equalsIgnoreCase(bProtocol));
    }

    private static String describe(Collection<Backend> backends) {
        Set<String> whys = new LinkedHashSet<>();
        for (Backend b : backends) {
            whys.add(b.why());
        }
        return String.join("; ", whys);
    }

    private static ObjectRef[] refs(Collection<Backend> backends) {
        Set<ObjectRef> out = new LinkedHashSet<>();
        for (Backend b : backends) {
            out.addAll(b.refs());
        }
        return out.toArray(ObjectRef[]::new);
    }

    private static String portNames(List<ServicePort> ports) {
        String named = ports.stream().map(ServicePort::getName).filter(n -> n != null && !n.isEmpty())
                .collect(Collectors.joining(", "));
        return named.isEmpty() ? "this Service has no named port" : named;
    }

    private String trimZone(String lname) {
        if (lname.equals(zone)) {
            return "";
        }
        return lname.substring(0, lname.length() - zone.length() - 1);
    }

    static boolean isHeadless(Service s) {
        List<String> ips = s.getSpec().getClusterIPs();
        if (ips != null && !ips.isEmpty()) {
            return ips.size() == 1 && "None".equals(ips.get(0));
        }
        return "None".equals(s.getSpec().getClusterIP());
    }

    static boolean isExternalName(Service s) {
        return "ExternalName".equals(s.getSpec().getType());
    }

    static List<String> clusterIps(Service s) {
        List<String> ips = s.getSpec().getClusterIPs();
        if (ips != null && !ips.isEmpty()) {
            return ips.stream().filter(ip -> !"None".equals(ip) && !ip.isEmpty()).toList();
        }
        String ip = s.getSpec().getClusterIP();
        return ip == null || ip.isEmpty() || "None".equals(ip) ? List.of() : List.of(ip);
    }

    static List<String> podIps(Pod p) {
        if (p.getStatus() == null) {
            return List.of();
        }
        List<PodIP> ips = p.getStatus().getPodIPs();
        if (ips != null && !ips.isEmpty()) {
            return ips.stream().map(PodIP::getIp).filter(Objects::nonNull).toList();
        }
        return p.getStatus().getPodIP() == null ? List.of() : List.of(p.getStatus().getPodIP());
    }

    private static ObjectRef ref(Service s) {
        return new ObjectRef("Service", s.getMetadata().getNamespace(), s.getMetadata().getName());
    }

    private static ObjectRef ref(Pod p) {
        return new ObjectRef("Pod", p.getMetadata().getNamespace(), p.getMetadata().getName());
    }

    private static String key(String namespace, String name) {
        return lower(namespace) + "/" + lower(name);
    }

    private static String lower(String s) {
        return nullToEmpty(s).toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long epochSeconds(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return 0;
        }
        try {
            return Instant.parse(timestamp).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
