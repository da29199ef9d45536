package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nslookup NAME [SERVER]} in its two flavours, chosen by the image ({@link ClientTools#BUSYBOX_MARKER}).
 *
 * <p>busybox 1.36 ({@code networking/nslookup.c}, the "big" variant): asks A then AAAA; a name without a dot is
 * asked <em>only</em> under each search domain ({@code add_query_with_search}), a name with a dot only as given,
 * ignoring ndots, which is why {@code nslookup web.default} fails in busybox although curl resolves it. Each
 * reply prints in query order ({@code ** server can't find web.svc.cluster.local: NXDOMAIN}, {@code Name:} and
 * {@code Address:} lines, an empty block for AAAA NODATA), the server as {@code Address:\t10.96.0.10:53}; it exits
 * 0 once any reply came back.
 *
 * <p>BIND 9.18's nslookup (netshoot, the workstation): resolves with the search list and ndots like the C
 * library, prints {@code Address:\t10.96.0.10#53}, and exits 1 with {@code ** server can't find web.x: NXDOMAIN}.
 *
 * <p>busybox 1.28 and earlier ({@code busybox:1.28}, which the kubernetes.io pages pin): {@code getaddrinfo} with the
 * C library's search list and ndots, then a PTR lookup of every address; it prints {@code Server:    10.96.0.10},
 * {@code Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local}, {@code Name:      web} (the name as typed)
 * and {@code Address 1: 10.96.0.42 web.default.svc.cluster.local}; a name it cannot resolve is
 * {@code nslookup: can't resolve 'web.x'} on standard error, exit status 1.
 */
final class Nslookup implements ClientTool {

    /** Which nslookup the image ships. */
    enum Flavour { BUSYBOX, BUSYBOX_LIBC, BIND }

    private final boolean busybox;
    private final Flavour flavour;

    Nslookup(Flavour flavour) {
        this.flavour = flavour;
        this.busybox = flavour != Flavour.BIND;
    }

    @Override
    public String name() {
        return "nslookup";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        List<String> operands = new ArrayList<>();
        for (String arg : argv.subList(1, argv.size())) {
            if (!arg.startsWith("-")) {
                operands.add(arg);
            }
        }
        if (operands.isEmpty() || operands.size() > 2) {
            return busybox
                    ? ToolResult.of(1, "", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                    + "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\n"
                    + "QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n")
                    : ToolResult.of(1, "", "nslookup: interactive mode is not available here\n");
        }
        String name = operands.get(0);
        ResolvConf conf = ResolvConf.parse(net.client().resolvConf());
        List<String> servers = operands.size() == 2 ? List.of(operands.get(1)) : conf.nameserversOrDefault();
        return switch (flavour) {
            case BUSYBOX -> busybox(name, conf, servers, net);
            case BUSYBOX_LIBC -> busyboxLibc(name, conf, operands.size() == 2 ? operands.get(1) : null, net);
            case BIND -> bind(name, conf, servers, net);
        };
    }

    /** busybox 1.28's {@code server_print} then {@code print_host(name, "Name:")}. */
    private ToolResult busyboxLibc(String name, ResolvConf conf, String explicitServer, NetworkView net) {
        List<Hop> hops = new ArrayList<>();
        String server = explicitServer != null ? explicitServer : conf.nameserversOrDefault().get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-10s %s\n", "Server:", server));
        out.append("Address 1: ").append(server).append(reverse(server, server, net, hops)).append("\n\n");
        List<String> addresses = new ArrayList<>();
        if (Resolver.isIpv4(name)) {
            addresses.add(name);
        } else {
            for (String fqdn : conf.candidates(name)) {
                DnsExchange exchange = net.query(server, fqdn, RecordType.A);
                hops.addAll(exchange.hops());
                if (exchange.response().isEmpty()) {
                    break;
                }
                for (DnsRecord record : exchange.response().get().answers()) {
                    if (record.type() == RecordType.A) {
                        addresses.add(record.data());
                    }
                }
                if (!addresses.isEmpty()) {
                    break;
                }
            }
        }
        if (addresses.isEmpty()) {
            return new ToolResult(1, out.toString(), "nslookup: can't resolve '" + name + "'\n", hops);
        }
        out.append(String.format("%-10s %s\n", "Name:", name));
        for (int i = 0; i < addresses.size(); i++) {
            out.append("Address ").append(i + 1).append(": ").append(addresses.get(i))
                    .append(reverse(server, addresses.get(i), net, hops)).append('\n');
        }
        return new ToolResult(0, out.toString(), "", hops);
    }

    /** {@code getnameinfo(NI_NAMEREQD)}: {@code " name"} from the address's PTR record, or nothing. */
    private static String reverse(String server, String ip, NetworkView net, List<Hop> hops) {
        if (!Resolver.isIpv4(ip)) {
            return "";
        }
        DnsExchange exchange = net.query(server, DnsWire.reverseName(ip), RecordType.PTR);
        hops.addAll(exchange.hops());
        if (exchange.response().isEmpty()) {
            return "";
        }
        for (DnsRecord record : exchange.response().get().answers()) {
            if (record.type() == RecordType.PTR) {
                return " " + relative(record.data());
            }
        }
        return "";
    }

    private record Query(String name, RecordType type) {
    }

    private ToolResult busybox(String name, ResolvConf conf, List<String> servers, NetworkView net) {
        List<Query> queries = new ArrayList<>();
        if (Resolver.isIpv4(name)) {
            queries.add(new Query(DnsWire.reverseName(name), RecordType.PTR));
        } else {
            for (RecordType type : List.of(RecordType.A, RecordType.AAAA)) {
                if (name.contains(".") || conf.search().isEmpty()) {
                    queries.add(new Query(absolute(name), type));
                } else {
                    for (String domain : conf.search()) {
                        queries.add(new Query(name + "." + domain + ".", type));
                    }
                }
            }
        }
        List<Hop> hops = new ArrayList<>();
        for (String server : servers) {
            List<Optional<DnsResponse>> replies = new ArrayList<>();
            boolean any = false;
            for (Query query : queries) {
                DnsExchange exchange = net.query(server, query.name(), query.type());
                hops.addAll(exchange.hops());
                replies.add(exchange.response());
                any |= exchange.response().isPresent();
            }
            if (!any) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            out.append("Server:\t\t").append(server).append('\n');
            out.append("Address:\t").append(server).append(":53\n\n");
            List<String> unanswered = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                Optional<DnsResponse> reply = replies.get(i);
                String shown = relative(queries.get(i).name());
                if (reply.isEmpty()) {
                    unanswered.add(shown);
                    continue;
                }
                DnsResponse response = reply.get();
                if (response.rcode() != Rcode.NOERROR) {
                    out.append("** server can't find ").append(shown).append(": ").append(response.rcode())
                            .append('\n');
                } else {
                    if (!response.authoritative()) {
                        out.append("Non-authoritative answer:\n");
                    }
                    for (DnsRecord record : response.answers()) {
                        out.append(busyboxLine(record));
                    }
                }
                out.append('\n');
            }
            for (String shown : unanswered) {
                out.append("*** Can't find ").append(shown).append(": No answer\n");
            }
            if (!unanswered.isEmpty()) {
                out.append('\n');
            }
            return new ToolResult(0, out.toString(), "", hops);
        }
        return new ToolResult(1, ";; connection timed out; no servers could be reached\n\n", "", hops);
    }

    private static String busyboxLine(DnsRecord record) {
        String owner = relative(record.name());
        return switch (record.type()) {
            case A, AAAA -> "Name:\t" + owner + "\nAddress: " + record.data() + "\n";
            case CNAME -> owner + "\tcanonical name = " + relative(record.data()) + "\n";
            case PTR -> owner + "\tname = " + relative(record.data()) + "\n";
            case NS -> owner + "\tnameserver = " + relative(record.data()) + "\n";
            case TXT -> owner + "\ttext = " + record.data() + "\n";
            default -> "";
        };
    }

    private ToolResult bind(String name, ResolvConf conf, List<String> servers, NetworkView net) {
        List<Hop> hops = new ArrayList<>();
        List<String> candidates;
        RecordType type = RecordType.A;
        if (Resolver.isIpv4(name)) {
            candidates = List.of(DnsWire.reverseName(name));
            type = RecordType.PTR;
        } else {
            candidates = conf.candidates(name);
        }
        StringBuilder timeouts = new StringBuilder();
        for (String server : servers) {
            DnsResponse found = null;
            boolean answered = false;
            for (String fqdn : candidates) {
                DnsExchange exchange = net.query(server, fqdn, type);
                hops.addAll(exchange.hops());
                if (exchange.response().isEmpty()) {
                    answered = false;
                    break;
                }
                answered = true;
                DnsResponse response = exchange.response().get();
                found = response;
                if (response.rcode() == Rcode.NOERROR && !response.answers().isEmpty()) {
                    break;
                }
            }
            if (!answered) {
                timeouts.append(";; communications error to ").append(server).append("#53: timed out\n");
                timeouts.append(";; communications error to ").append(server).append("#53: timed out\n");
                continue;
            }
            StringBuilder out = new StringBuilder(timeouts);
            out.append("Server:\t\t").append(server).append('\n');
            out.append("Address:\t").append(server).append("#53\n\n");
            if (found.rcode() != Rcode.NOERROR) {
                out.append("** server can't find ").append(name).append(": ").append(found.rcode()).append("\n\n");
                return new ToolResult(1, out.toString(), "", hops);
            }
            if (found.answers().isEmpty()) {
                out.append("*** Can't find ").append(name).append(": No answer\n\n");
                return new ToolResult(0, out.toString(), "", hops);
            }
            if (!found.authoritative()) {
                out.append("Non-authoritative answer:\n");
            }
            for (DnsRecord record : found.answers()) {
                String owner = relative(record.name());
                switch (record.type()) {
                    case A, AAAA -> out.append("Name:\t").append(owner).append("\nAddress: ").append(record.data())
                            .append('\n');
                    case CNAME -> out.append(owner).append("\tcanonical name = ").append(record.data()).append('\n');
                    case PTR -> out.append(owner).append("\tname = ").append(record.data()).append('\n');
                    default -> out.append(owner).append('\t').append(record.type()).append(' ')
                            .append(record.data()).append('\n');
                }
            }
            out.append('\n');
            return new ToolResult(0, out.toString(), "", hops);
        }
        return new ToolResult(1, timeouts + ";; no servers could be reached\n\n", "", hops);
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private static String relative(String fqdn) {
        return fqdn.endsWith(".") && fqdn.length() > 1 ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
    }
}
