package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * The whole CoreDNS server block of kubeadm's Corefile: the {@code kubernetes} plugin for the cluster zone and the
 * reverse zones ({@link ClusterDnsZone}), and {@code forward . /etc/resolv.conf} for everything else
 * ({@link UpstreamDns}). It also finishes what the kubernetes plugin starts for an ExternalName Service pointing
 * outside the cluster: CoreDNS looks the CNAME target up through its upstream and returns the CNAME followed by the
 * target's addresses in one answer.
 */
public final class CoreDns {

    private final ClusterDnsZone zone;
    private final UpstreamDns upstream;
    /**
     * Answers already given, by name and type: an answer is a function of the zone (compiled from the objects, and
     * replaced with this server when they change) and the question, and a lab's probes ask the same names again
     * and again. Bounded: cleared when full.
     */
    private final Map<String, ZoneAnswer> answered = new HashMap<>();
    private static final int MAX_ANSWERS = 1024;

    private CoreDns(ClusterDnsZone zone, UpstreamDns upstream) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    public static CoreDns of(ClusterDnsZone zone, UpstreamDns upstream) {
        return new CoreDns(zone, upstream);
    }

    /**
     * The same server (zone and upstream) with no answers remembered yet: for a forked cluster, so that two
     * clusters never write one memo (a lab's starting state is forked from many threads at once).
     */
    public CoreDns withEmptyMemo() {
        return new CoreDns(zone, upstream);
    }

    public ClusterDnsZone zone() {
        return zone;
    }

    /** Answers one question as the cluster's DNS server at 10.96.0.10 does. */
    public ZoneAnswer answer(String name, RecordType type) {
        String key = name + '\0' + type;
        ZoneAnswer known = answered.get(key);
        if (known != null) {
            return known;
        }
        if (answered.size() >= MAX_ANSWERS) {
            answered.clear();
        }
        ZoneAnswer answer = compute(name, type); // immutable: ZoneAnswer and DnsResponse copy their lists
        answered.put(key, answer);
        return answer;
    }

    private ZoneAnswer compute(String name, RecordType type) {
        if (!zone.isInZone(name)) {
            ZoneAnswer forwarded = upstream.answer(name, type);
            List<Hop> hops = new ArrayList<>();
            hops.add(Hop.pass(Hop.Stage.DNS, "CoreDNS: " + DnsNames.fqdn(name) + " is outside " + zone.zone()
                    + "; forward . /etc/resolv.conf sends it to the node's resolver"));
            hops.addAll(forwarded.hops());
            return new ZoneAnswer(forwarded.response(), hops);
        }
        ZoneAnswer inZone = zone.answer(name, type);
        DnsResponse r = inZone.response();
        if ((type != RecordType.A && type != RecordType.AAAA) || r.answers().isEmpty()) {
            return inZone;
        }
        DnsRecord last = r.answers().get(r.answers().size() - 1);
        if (last.type() != RecordType.CNAME || zone.isInZone(last.data())) {
            return inZone;
        }
        ZoneAnswer target = upstream.answer(last.data(), type);
        List<DnsRecord> answers = new ArrayList<>(r.answers());
        answers.addAll(target.response().answers());
        List<Hop> hops = new ArrayList<>(inZone.hops());
        hops.addAll(target.hops());
        return new ZoneAnswer(new DnsResponse(r.question(), type, r.rcode(), r.authoritative(), answers,
                r.authority(), r.additional()), hops);
    }
}
