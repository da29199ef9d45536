package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The world outside the cluster, as CoreDNS' {@code forward . /etc/resolv.conf} reaches it: a small fixed table of
 * the names a course uses, and NXDOMAIN for every other name.
 *
 * <p>Why a table: the mini-cluster has no network (core-net does no I/O) and must answer the same way every time, so
 * a lab that curls {@code example.com} from a pod gets the same address today and next year. The addresses are from
 * the documentation ranges (RFC 5737 {@code 203.0.113.0/24}, RFC 3849 {@code 2001:db8::/32}), so nobody mistakes them
 * for the real ones. Answers carry TTL 30: kubeadm's Corefile caches upstream answers ({@code cache 30}), which caps
 * what a pod sees at 30 seconds. Upstream answers are not authoritative, and an NXDOMAIN from upstream carries no SOA
 * here (a real one would carry the SOA of the nearest public zone, e.g. {@code com.}).
 */
public final class UpstreamDns {

    /** TTL of upstream answers as a pod sees them through CoreDNS' {@code cache 30}. */
    public static final int TTL = 30;

    private static final UpstreamDns WELL_KNOWN = new UpstreamDns(table());

    private final Map<String, List<Entry>> records;

    /** One record of the table: type and data (an address, or a name with trailing dot for CNAME). */
    public record Entry(RecordType type, String data) {
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
        }
    }

    private UpstreamDns(Map<String, List<Entry>> records) {
        this.records = records;
    }

    /** The fixed table every cluster uses (see the class comment). */
    public static UpstreamDns wellKnown() {
        return WELL_KNOWN;
    }

    /** The well-known table plus (or overriding) the given names: for a lab that needs another external name. */
    public UpstreamDns with(String name, Entry... entries) {
        Map<String, List<Entry>> copy = new LinkedHashMap<>(records);
        copy.put(DnsNames.key(name), List.of(entries));
        return new UpstreamDns(Map.copyOf(copy));
    }

    /** Whether the table knows this name (with any type). */
    public boolean knows(String name) {
        return records.containsKey(DnsNames.key(name));
    }

    /**
     * Answers as the node's resolver would: the records of that type, a CNAME followed to its target's records,
     * NODATA when the name exists without that type, NXDOMAIN when the name is not in the table.
     */
    public ZoneAnswer answer(String name, RecordType type) {
        Objects.requireNonNull(type, "type");
        String qname = DnsNames.fqdn(Objects.requireNonNull(name, "name"));
        List<DnsRecord> answers = new ArrayList<>();
        List<Hop> hops = new ArrayList<>();
        String current = qname;
        for (int depth = 0; depth < 8; depth++) {
            List<Entry> entries = records.get(current.toLowerCase(Locale.ROOT));
            if (entries == null) {
                if (answers.isEmpty()) {
                    hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.NOT_FOUND, "upstream DNS: NXDOMAIN: " + current
                            + " does not exist outside the cluster (the simulated internet knows "
                            + String.join(", ", names()) + ")"));
                    return new ZoneAnswer(new DnsResponse(qname, type, Rcode.NXDOMAIN, false, List.of(), List.of(),
                            List.of()), hops);
                }
                break;
            }
            Entry cname = entries.stream().filter(e -> e.type() == RecordType.CNAME).findFirst().orElse(null);
            if (cname != null && type != RecordType.CNAME) {
                answers.add(new DnsRecord(current, TTL, RecordType.CNAME, cname.data()));
                hops.add(Hop.pass(Hop.Stage.DNS, "upstream DNS: " + current + " CNAME " + cname.data()));
                current = cname.data();
                continue;
            }
            for (Entry e : entries) {
                if (e.type() == type) {
                    answers.add(new DnsRecord(current, TTL, type, e.data()));
                }
            }
            break;
        }
        List<String> data = answers.stream().filter(r -> r.type() == type).map(DnsRecord::data).toList();
        if (data.isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.NOT_FOUND, "upstream DNS: NODATA: " + current + " has no "
                    + type + " record"));
        } else {
            hops.add(Hop.pass(Hop.Stage.DNS, "upstream DNS: " + current + " " + type + " -> "
                    + String.join(", ", data) + " (forwarded by CoreDNS to the node's resolver)"));
        }
        return new ZoneAnswer(new DnsResponse(qname, type, Rcode.NOERROR, false, answers, List.of(), List.of()),
                hops);
    }

    /** The name whose A record is {@code ip}, for the simulated Internet's servers: {@code example.com}. */
    public java.util.Optional<String> nameOf(String ip) {
        return records.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.type() == RecordType.A && r.data().equals(ip)))
                .map(e -> e.getKey().substring(0, e.getKey().length() - 1)).sorted().findFirst();
    }

    private List<String> names() {
        return records.keySet().stream().sorted().toList();
    }

    private static Map<String, List<Entry>> table() {
        Map<String, List<Entry>> t = new LinkedHashMap<>();
        t.put("example.com.", List.of(new Entry(RecordType.A, "203.0.113.10"),
                new Entry(RecordType.AAAA, "2001:db8::10")));
        t.put("www.example.com.", List.of(new Entry(RecordType.CNAME, "example.com.")));
        t.put("example.org.", List.of(new Entry(RecordType.A, "203.0.113.11")));
        t.put("kubernetes.io.", List.of(new Entry(RecordType.A, "203.0.113.20")));
        t.put("www.kubernetes.io.", List.of(new Entry(RecordType.CNAME, "kubernetes.io.")));
        t.put("registry.k8s.io.", List.of(new Entry(RecordType.A, "203.0.113.21")));
        t.put("google.com.", List.of(new Entry(RecordType.A, "203.0.113.30"),
                new Entry(RecordType.AAAA, "2001:db8::30")));
        t.put("www.google.com.", List.of(new Entry(RecordType.A, "203.0.113.31")));
        t.put("github.com.", List.of(new Entry(RecordType.A, "203.0.113.40")));
        t.put("api.github.com.", List.of(new Entry(RecordType.A, "203.0.113.41")));
        t.put("httpbin.org.", List.of(new Entry(RecordType.A, "203.0.113.50")));
        return Map.copyOf(t);
    }
}
