package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names a stub resolver tries for one name, from a resolv.conf (resolv.conf(5)): why {@code curl web} from a pod
 * in namespace {@code test} asks CoreDNS for {@code web.test.svc.cluster.local.} first, and why
 * {@code www.example.com} costs three NXDOMAIN answers before the absolute name is tried. The client tools' resolver
 * ({@code probe.tools.Resolver}, getaddrinfo for curl, wget, nc) walks these candidates with the C library of the
 * image it runs in ({@code ClientHost.cLibrary()}).
 *
 * <p>Rules, as glibc's {@code res_search} applies them (the default, {@link Resolver#GLIBC}):
 * <ul>
 *   <li>a name ending in {@code .} is absolute: only that name is tried;</li>
 *   <li>a name with at least {@code ndots} dots is tried as-is first, then with each search domain;</li>
 *   <li>a name with fewer dots is tried with each search domain in order, then as-is.</li>
 * </ul>
 * musl (alpine-based images: curlimages/curl, netshoot, agnhost, the ingress-nginx controller; busybox's
 * {@code -musl} tags), {@link Resolver#MUSL}, differs in two ways ({@code name_from_dns_search} in musl's
 * {@code src/network/lookup_name.c}): a name with at least {@code ndots} dots is tried as-is <em>only</em> (no search
 * domains after it), and the walk stops at the first answer that is not NXDOMAIN, so a NODATA or SERVFAIL answer for
 * a search candidate ends the lookup (glibc's {@code res_search} goes on). Both ask A and AAAA for each candidate;
 * the cluster is single-stack IPv4 and CoreDNS gives both questions the same rcode, so only A is modelled. Parsing follows glibc: the last
 * {@code search} or {@code domain} line wins, {@code ndots} defaults to 1 and is capped at 15, later
 * {@code options} override earlier ones, lines starting with {@code #} or {@code ;} are comments.
 */
public final class SearchList {

    /** The C library whose resolver walks the list. */
    public enum Resolver {
        /**
         * glibc (debian, ubuntu, distroless-base images; busybox's default tags, built on glibc; the workstation).
         * Go's own resolver (agnhost connect, grpcurl) walks the list the same way.
         */
        GLIBC,
        /** musl (alpine and busybox images). */
        MUSL;

        /** Whether this resolver tries the next candidate after receiving this answer for the current one. */
        public boolean triesNextAfter(DnsResponse response) {
            if (response.rcode() == Rcode.NXDOMAIN) {
                return true;
            }
            if (this == MUSL) {
                return false;
            }
            // glibc keeps searching after NODATA and SERVFAIL and stops at the first answer with an address.
            for (DnsRecord record : response.answers()) {
                if (record.type() == response.type()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final int MAX_NDOTS = 15;

    private final List<String> searches;
    private final int ndots;

    private SearchList(List<String> searches, int ndots) {
        this.searches = List.copyOf(searches);
        this.ndots = ndots;
    }

    /** The search domains and ndots threshold as a resolv.conf parser read them. */
    public static SearchList of(List<String> searches, int ndots) {
        return new SearchList(searches, Math.min(MAX_NDOTS, Math.max(0, ndots)));
    }

    /** Reads the {@code search}/{@code domain} and {@code options ndots:n} lines of a resolv.conf. */
    public static SearchList of(List<String> resolvConfLines) {
        List<String> searches = List.of();
        int ndots = 1;
        for (String raw : resolvConfLines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            switch (fields[0]) {
                case "search" -> {
                    List<String> s = new ArrayList<>();
                    for (int i = 1; i < fields.length; i++) {
                        s.add(fields[i]);
                    }
                    searches = s;
                }
                case "domain" -> searches = fields.length > 1 ? List.of(fields[1]) : List.of();
                case "options" -> {
                    for (int i = 1; i < fields.length; i++) {
                        if (fields[i].startsWith("ndots:")) {
                            ndots = parseNdots(fields[i].substring("ndots:".length()), ndots);
                        }
                    }
                }
                default -> {
                    // nameserver, sortlist and unknown keywords do not change the search list.
                }
            }
        }
        return new SearchList(searches, ndots);
    }

    /** The glibc candidates for {@code name} under these resolv.conf lines: a shortcut for {@code of(lines)}. */
    public static List<String> candidates(List<String> resolvConfLines, String name) {
        return of(resolvConfLines).candidates(name);
    }

    /** The search domains, in order, as written (without a trailing dot added). */
    public List<String> searches() {
        return searches;
    }

    /** The {@code ndots} threshold. */
    public int ndots() {
        return ndots;
    }

    /** The fully qualified names glibc tries for {@code name}, in order. */
    public List<String> candidates(String name) {
        return candidates(name, Resolver.GLIBC);
    }

    /** The fully qualified names the given resolver tries for {@code name}, in order (each ends with a dot). */
    public List<String> candidates(String name, Resolver resolver) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resolver, "resolver");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty name cannot be resolved");
        }
        if (name.endsWith(".")) {
            return List.of(name);
        }
        long dots = name.chars().filter(c -> c == '.').count();
        String asIs = name + ".";
        List<String> out = new ArrayList<>();
        if (dots >= ndots) {
            out.add(asIs);
            if (resolver == Resolver.MUSL) {
                return List.copyOf(out);
            }
        }
        for (String domain : searches) {
            String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
            if (d.isEmpty()) {
                // "search ." means the root: the name as-is, which glibc tries only once.
                if (!out.contains(asIs)) {
                    out.add(asIs);
                }
                continue;
            }
            out.add(name + "." + d + ".");
        }
        if (!out.contains(asIs)) {
            out.add(asIs);
        }
        return List.copyOf(out);
    }

    private static int parseNdots(String value, int previous) {
        try {
            return Math.min(MAX_NDOTS, Math.max(0, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return previous;
        }
    }

    @Override
    public String toString() {
        return "search " + String.join(" ", searches) + " (ndots:" + ndots + ")";
    }
}
