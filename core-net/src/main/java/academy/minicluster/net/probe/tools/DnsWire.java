package academy.minicluster.net.probe.tools;

import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The size of a DNS message on the wire (RFC 1035 section 4), with name compression as CoreDNS (miekg/dns)
 * applies it: owner names and the names inside CNAME, PTR, NS and SOA are compressed; SRV targets are not.
 * dig prints it in {@code ;; MSG SIZE  rcvd: N}; computing it keeps that line honest.
 */
final class DnsWire {

    /** The OPT record CoreDNS sends back to dig: root name, type, class, TTL, RDLENGTH and the echoed 8-byte cookie. */
    static final int OPT_WITH_COOKIE = 1 + 2 + 2 + 4 + 2 + (2 + 2 + 8);

    private final Map<String, Integer> offsets = new HashMap<>();
    private int size = 12;

    private DnsWire() {
    }

    /** The size of {@code response} as received, with an OPT record when {@code edns}. */
    static int size(DnsResponse response, boolean edns) {
        DnsWire wire = new DnsWire();
        wire.name(response.question(), true);
        wire.size += 4;
        for (List<DnsRecord> section : List.of(response.answers(), response.authority(), response.additional())) {
            for (DnsRecord record : section) {
                wire.record(record);
            }
        }
        return wire.size + (edns ? OPT_WITH_COOKIE : 0);
    }

    private void record(DnsRecord record) {
        name(record.name(), true);
        size += 10;
        String data = record.data().strip();
        switch (record.type()) {
            case A -> size += 4;
            case AAAA -> size += 16;
            case CNAME, PTR, NS -> name(data, true);
            case SRV -> {
                String[] f = data.split("\\s+");
                size += 6;
                name(f.length > 3 ? f[3] : ".", false);
            }
            case SOA -> {
                String[] f = data.split("\\s+");
                name(f.length > 0 ? f[0] : ".", true);
                name(f.length > 1 ? f[1] : ".", true);
                size += 20;
            }
            case TXT -> size += txtLength(data);
            default -> size += data.length();
        }
    }

    private static int txtLength(String data) {
        int length = 0;
        boolean inQuote = false;
        int current = 0;
        boolean any = false;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '"') {
                if (inQuote) {
                    length += 1 + current;
                    current = 0;
                    any = true;
                }
                inQuote = !inQuote;
            } else if (inQuote) {
                if (c == '\\' && i + 1 < data.length()) {
                    i++;
                }
                current++;
            }
        }
        return any ? length : 1 + data.length();
    }

    /** Adds a name, pointing back at an earlier copy of its longest known suffix when compressing. */
    private void name(String fqdn, boolean compress) {
        String name = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        name = name.toLowerCase(Locale.ROOT);
        while (!name.isEmpty()) {
            Integer known = offsets.get(name);
            if (compress && known != null) {
                size += 2;
                return;
            }
            if (size < 0x3FFF) {
                offsets.putIfAbsent(name, size);
            }
            int dot = name.indexOf('.');
            String label = dot < 0 ? name : name.substring(0, dot);
            size += 1 + label.length();
            name = dot < 0 ? "" : name.substring(dot + 1);
        }
        size += 1;
    }

    /** {@code 12.0.96.10.in-addr.arpa.} for {@code 10.96.0.12}. */
    static String reverseName(String ipv4) {
        String[] parts = ipv4.split("\\.");
        return parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0] + ".in-addr.arpa.";
    }

    static boolean isType(String word) {
        try {
            RecordType.valueOf(word.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
