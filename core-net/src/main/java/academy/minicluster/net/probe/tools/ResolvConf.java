package academy.minicluster.net.probe.tools;

import academy.minicluster.net.api.Formats;
import academy.minicluster.net.dataplane.dns.SearchList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of {@code /etc/resolv.conf} a resolver acts on, parsed as glibc's {@code res_init} reads them:
 * {@code nameserver} lines in order, the last {@code search} (or {@code domain}) line, and {@code options ndots:N}
 * (default 1, capped at 15). Kubelet writes {@code search <ns>.svc.cluster.local svc.cluster.local cluster.local}
 * and {@code options ndots:5} for ClusterFirst pods.
 *
 * @param nameservers the servers to ask, in order (at most 3 are used, as glibc's MAXNS)
 * @param search      the search domains, in order, without trailing dots
 * @param ndots       names with fewer dots than this are tried with the search domains first
 */
public record ResolvConf(List<String> nameservers, List<String> search, int ndots) {

    /** What glibc uses when resolv.conf names no server: the local host. */
    public static final String DEFAULT_NAMESERVER = "127.0.0.1";

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        if (ndots < 0) {
            throw new IllegalArgumentException("ndots must not be negative: " + ndots);
        }
    }

    /**
     * {@code line.split("\\s+")} for a stripped line, without a regular expression: resolv.conf and /etc/hosts
     * are read on every lookup.
     */
    static String[] words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Formats.isRegexSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Formats.isRegexSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words.toArray(String[]::new);
    }

    /** Parses the lines of resolv.conf; unknown lines and comments ({@code #}, {@code ;}) are ignored. */
    public static ResolvConf parse(List<String> lines) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        int ndots = 1;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] words = words(line);
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "nameserver" -> {
                    if (words.length > 1 && servers.size() < 3) {
                        servers.add(words[1]);
                    }
                }
                case "search", "domain" -> {
                    // The last search or domain line wins, as in res_init.
                    search.clear();
                    for (int i = 1; i < words.length; i++) {
                        String domain = stripDot(words[i]);
                        if (!domain.isEmpty()) {
                            search.add(domain);
                        }
                    }
                }
                case "options" -> {
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].startsWith("ndots:")) {
                            try {
                                ndots = Math.min(15, Math.max(0, Integer.parseInt(words[i].substring(6))));
                            } catch (NumberFormatException ignored) {
                                // res_init ignores a malformed option
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        return new ResolvConf(servers, search, ndots);
    }

    /** The first nameserver, or {@link #DEFAULT_NAMESERVER} when resolv.conf names none. */
    public String primaryNameserver() {
        return nameservers.isEmpty() ? DEFAULT_NAMESERVER : nameservers.get(0);
    }

    /** The nameservers to try in order; the local host when there are none. */
    public List<String> nameserversOrDefault() {
        return nameservers.isEmpty() ? List.of(DEFAULT_NAMESERVER) : nameservers;
    }

    /**
     * The fully qualified names (with trailing dot) glibc's resolver tries for {@code name}, in order
     * (resolv.conf(5)): a name ending in a dot is tried as-is only; a name with fewer than ndots dots is tried
     * with each search domain in order, then as-is; otherwise as-is first, then with each search domain.
     */
    public List<String> candidates(String name) {
        return candidates(name, SearchList.Resolver.GLIBC);
    }

    /** The names {@code library}'s resolver tries for {@code name}, in order ({@link SearchList}'s rules). */
    public List<String> candidates(String name, SearchList.Resolver library) {
        if (name.isEmpty()) {
            return List.of(".");
        }
        return searchList().candidates(name, library);
    }

    /** The search domains and ndots of this file, as the resolver walks them. */
    public SearchList searchList() {
        return SearchList.of(search, ndots);
    }

    private static String stripDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
