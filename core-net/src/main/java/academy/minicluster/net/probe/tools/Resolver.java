package academy.minicluster.net.probe.tools;

import academy.minicluster.net.dataplane.dns.SearchList;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Name resolution as the C library does it for curl, wget, nc and agnhost ({@code getaddrinfo}): an IPv4 literal
 * is used as-is; then {@code /etc/hosts}; then DNS, asking each candidate name of the search list
 * ({@link ResolvConf#candidates}) for A records, in order, until one answers with addresses (glibc) or with
 * anything but NXDOMAIN (musl). Only IPv4 is asked:
 * the simulated cluster is single-stack IPv4, so the AAAA half of a real lookup never changes the outcome.
 *
 * <p>A nameserver that does not answer is retried on the next one in resolv.conf; when none answers, the lookup
 * fails as timed out (glibc's "Temporary failure in name resolution").
 */
public final class Resolver {

    /** How a lookup ended. */
    public enum Status { FOUND, NOT_FOUND, TIMEOUT }

    /**
     * The outcome of one lookup.
     *
     * @param status    found, not found (every candidate NXDOMAIN or without A record), or no server answered
     * @param name      the name as typed
     * @param addresses the IPv4 addresses found, in answer order
     * @param server    the last nameserver asked ({@code ip}), empty when none was asked
     * @param hops      one resolver hop per name tried, each followed by that question's DNS hops
     */
    public record Resolution(Status status, String name, List<String> addresses, String server, List<Hop> hops) {

        public Resolution {
            addresses = List.copyOf(addresses);
            hops = List.copyOf(hops);
        }

        public boolean found() {
            return status == Status.FOUND;
        }

        public String firstAddress() {
            return addresses.get(0);
        }
    }

    private Resolver() {
    }

    /** Whether {@code text} is a dotted-quad IPv4 address. */
    public static boolean isIpv4(String text) {
        return academy.minicluster.net.api.Ipv4.isValid(text);
    }

    /** Resolves {@code name} as getaddrinfo does from the client of {@code net}, with its image's C library. */
    public static Resolution resolve(String name, NetworkView net) {
        return resolve(name, net, net.client().cLibrary());
    }

    /**
     * Resolves {@code name} as {@code library}'s resolver walks the search list: glibc goes on after NODATA and
     * SERVFAIL, musl stops at any answer but NXDOMAIN and tries a name with ndots dots as-is only
     * ({@link SearchList}). Go programs (agnhost, grpcurl) bring their own resolver, which walks it as glibc does.
     */
    public static Resolution resolve(String name, NetworkView net, SearchList.Resolver library) {
        if (isIpv4(name)) {
            return new Resolution(Status.FOUND, name, List.of(name), "", List.of());
        }
        List<Hop> hops = new ArrayList<>();
        Optional<String> fromHosts = lookupHosts(net.client().etcHosts(), name);
        if (fromHosts.isPresent()) {
            hops.add(Hop.pass(Hop.Stage.DNS, "resolver: " + name + " -> " + fromHosts.get() + " (/etc/hosts)"));
            return new Resolution(Status.FOUND, name, List.of(fromHosts.get()), "", hops);
        }
        ResolvConf conf = ResolvConf.parse(net.client().resolvConf());
        List<String> candidates = conf.candidates(name, library);
        String server = "";
        for (int i = 0; i < candidates.size(); i++) {
            String fqdn = candidates.get(i);
            String why = describe(conf, name, fqdn, i, candidates.size());
            Asked asked = ask(net, conf, fqdn, RecordType.A);
            server = asked.server();
            if (asked.response().isEmpty()) {
                hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.DROPPED,
                        "resolver: " + name + " -> " + fqdn + " (" + why + "): no answer from " + server));
                hops.addAll(asked.hops());
                return new Resolution(Status.TIMEOUT, name, List.of(), server, hops);
            }
            DnsResponse response = asked.response().get();
            List<String> addresses = addressesOf(response, RecordType.A);
            if (!addresses.isEmpty()) {
                hops.add(Hop.pass(Hop.Stage.DNS, "resolver: " + name + " -> " + fqdn + " (" + why + "): "
                        + String.join(", ", addresses)));
                hops.addAll(asked.hops());
                return new Resolution(Status.FOUND, name, addresses, server, hops);
            }
            hops.add(Hop.stop(Hop.Stage.DNS, Hop.Verdict.NOT_FOUND, "resolver: " + name + " -> " + fqdn
                    + " (" + why + "): " + (response.isNoData() ? "no A record" : response.rcode().name())
                    + (library.triesNextAfter(response) || i == candidates.size() - 1 ? ""
                    : "; musl's resolver stops at any answer but NXDOMAIN: the names after it are not tried")));
            hops.addAll(asked.hops());
            if (!library.triesNextAfter(response)) {
                break;
            }
        }
        return new Resolution(Status.NOT_FOUND, name, List.of(), server, hops);
    }

    /** One question, asked of each nameserver in turn until one answers. */
    record Asked(String server, Optional<DnsResponse> response, List<Hop> hops) {
    }

    static Asked ask(NetworkView net, ResolvConf conf, String fqdn, RecordType type) {
        List<Hop> hops = new ArrayList<>();
        String server = conf.primaryNameserver();
        for (String candidate : conf.nameserversOrDefault()) {
            server = candidate;
            DnsExchange exchange = net.query(candidate, fqdn, type);
            hops.addAll(exchange.hops());
            if (exchange.response().isPresent()) {
                return new Asked(candidate, exchange.response(), hops);
            }
        }
        return new Asked(server, Optional.empty(), hops);
    }

    static List<String> addressesOf(DnsResponse response, RecordType type) {
        List<String> addresses = new ArrayList<>();
        for (DnsRecord record : response.answers()) {
            if (record.type() == type) {
                addresses.add(record.data());
            }
        }
        return addresses;
    }

    /** {@code search 1 of 3} for a search-list candidate, {@code as-is} for the name itself. */
    private static String describe(ResolvConf conf, String name, String fqdn, int index, int total) {
        String asIs = name.endsWith(".") ? name : name + ".";
        if (fqdn.equals(asIs)) {
            return "as-is";
        }
        int domain = conf.search().indexOf(fqdn.substring(asIs.length(), fqdn.length() - 1)) + 1;
        return "search " + domain + " of " + conf.search().size();
    }

    /** The first address {@code /etc/hosts} gives for {@code name}, matched case-insensitively. */
    static Optional<String> lookupHosts(List<String> etcHosts, String name) {
        String wanted = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        for (String raw : etcHosts) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = ResolvConf.words(line);
            if (words.length < 2 || !isIpv4(words[0])) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(words[0]);
                }
            }
        }
        return Optional.empty();
    }
}
