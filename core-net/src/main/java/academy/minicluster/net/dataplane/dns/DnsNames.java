package academy.minicluster.net.dataplane.dns;

import java.util.Locale;

/** Name handling shared by the zone, the upstream table and the search list: DNS names compare case-insensitively. */
final class DnsNames {

    private DnsNames() {
    }

    /** {@code web.default} -> {@code web.default.}; the root stays {@code .}. */
    static String fqdn(String name) {
        if (name.isEmpty()) {
            return ".";
        }
        return name.endsWith(".") ? name : name + ".";
    }

    /** The fully qualified, lower-cased form names are compared in. */
    static String key(String name) {
        return fqdn(name).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is {@code zone} or below it; both fully qualified and lower-cased. */
    static boolean isSubdomain(String zone, String name) {
        return name.equals(zone) || name.endsWith("." + zone) || zone.equals(".");
    }
}
