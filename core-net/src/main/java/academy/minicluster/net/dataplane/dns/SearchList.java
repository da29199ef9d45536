package academy.minicluster.net.dataplane.dns;

import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names a stub resolver tries for one name, from a resolv.conf (resolv.conf(5)): why {@code curl web} from a pod
 * in namespace {@code test} asks CoreDNS for {@code web.test.svc.cluster.local.} first, and why
 * {@code www.example.com} costs three NXDOMAIN answers before the absolute name is tried.
 *
 * <p>Rules, as glibc's {@code res_search} applies them (the default, {@link Resolver#GLIBC}):
 * <ul>
 *   <li>a name ending in {@code .} is absolute: only that name is tried;</li>
 *   <li>a name with at least {@code ndots} dots is tried as-is first, then with each search domain;</li>
 *   <li>a name with fewer dots is tried with each search domain in order, then as-is.</li>
 * </ul>
 * musl (alpine, busybox images), {@link Resolver#MUSL}, differs in two ways: a name with at least {@code ndots} dots
 * is tried as-is <em>only</em> (no search domains after it), and the walk stops at the first answer that is not
 * NXDOMAIN, so a NODATA answer for a search candidate ends the lookup (glibc goes on). Parsing follows glibc: the last
 * {@code search} or {@code domain} line wins, {@code ndots} defaults to 1 and is capped at 15, later
 * {@code options} override earlier ones, lines starting with {@code #} or {@code ;} are comments.
 */
public final class SearchList {

    /** The C library whose resolver walks the list. */
    public enum Resolver {
        /** glibc (debian, ubuntu, distroless-base images; curl in them). */
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
            // glibc keeps searching after NODATA and SERVFAIL and stops at the first answer with records.
            return response.answers().isEmpty();
        }
    }

    private static final int MAX_NDOTS = 15;

    private final List<String> searches;
    private final int ndots;

    private SearchList(List<String> searches, int ndots) {
        this.searches = List.copyOf(searches);
        this.ndots = ndots;
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
