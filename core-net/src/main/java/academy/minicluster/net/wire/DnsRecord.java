package academy.minicluster.net.wire;

import java.util.Objects;

/**
 * One resource record, in zone-file form as dig prints it: {@code web.default.svc.cluster.local. 30 IN A 10.96.0.12}.
 *
 * @param name  the owner name, fully qualified with the trailing dot
 * @param ttl   seconds (CoreDNS answers cluster records with TTL 30 in its default Corefile)
 * @param type  the record type
 * @param data  the RDATA as text: an address, {@code "1.1.0"} for TXT (quotes included), {@code 0 100 80 web...}
 *              for SRV, a name with trailing dot for CNAME/PTR, the SOA fields for SOA
 */
public record DnsRecord(String name, int ttl, RecordType type, String data) {

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
        return name + "\t" + ttl + "\tIN\t" + type + "\t" + data;
    }
}
