package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.DnsExchange;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dig from BIND 9.18 ({@code bin/dig/dighost.c}, {@code dig.c}): {@code dig [@server] NAME [TYPE]},
 * {@code -x ADDR}, {@code -t TYPE}, {@code +short}, {@code +search}, and the section switches
 * ({@code +noall +answer}, {@code +[no]cmd|comments|question|authority|additional|stats}).
 *
 * <p>Unlike the C library, dig asks the name as given (made absolute) and uses the search list only with
 * {@code +search}, moving to the next candidate on NXDOMAIN only. It exits 0 whenever an answer came back,
 * NXDOMAIN included, and 9 when no server answered (three tries each, as {@code +tries=3}).
 *
 * <p>The header reads as CoreDNS answers: {@code aa} and no {@code ra} for the cluster zone (hence dig's
 * "recursion requested but not available" warning), {@code rd ra} and no {@code aa} for forwarded names; the OPT
 * record echoes dig's 8-byte client cookie. The message id and cookie are derived from the question, and the
 * query time is 0 msec, so a run repeats byte for byte.
 */
final class Dig implements ClientTool {

    static final String VERSION = "9.18.28";
    private static final int TRIES = 3;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final long epochSecond;

    Dig(long epochSecond) {
        this.epochSecond = epochSecond;
    }

    @Override
    public String name() {
        return "dig";
    }

    /** What dig prints, switch by switch ({@code +noall} turns them all off). */
    private static final class Display {
        boolean cmd = true;
        boolean comments = true;
        boolean question = true;
        boolean answer = true;
        boolean authority = true;
        boolean additional = true;
        boolean stats = true;
        boolean shortForm;
        boolean search;
        boolean tcp;

        void all(boolean on) {
            cmd = on;
            comments = on;
            question = on;
            answer = on;
            authority = on;
            additional = on;
            stats = on;
        }
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        Display display = new Display();
        String server = null;
        String name = null;
        RecordType type = null;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("@")) {
                server = arg.substring(1);
            } else if (arg.startsWith("+")) {
                if (!option(display, arg.substring(1))) {
                    return ToolResult.of(1, "", "Invalid option: " + arg + "\n" + USAGE_HINT);
                }
            } else if (arg.equals("-x")) {
                if (i + 1 >= argv.size() || !Resolver.isIpv4(argv.get(i + 1))) {
                    return ToolResult.of(1, "", "Invalid IP address " + (i + 1 < argv.size() ? argv.get(i + 1) : "")
                            + "\n");
                }
                name = DnsWire.reverseName(argv.get(++i));
                type = type == null ? RecordType.PTR : type;
            } else if (arg.equals("-t")) {
                if (i + 1 >= argv.size() || !DnsWire.isType(argv.get(i + 1))) {
                    return ToolResult.of(1, "", "invalid type: " + (i + 1 < argv.size() ? argv.get(i + 1) : "")
                            + "\n");
                }
                type = RecordType.valueOf(argv.get(++i).toUpperCase(Locale.ROOT));
            } else if (arg.startsWith("-")) {
                return ToolResult.of(1, "", "Invalid option: " + arg + "\n" + USAGE_HINT);
            } else if (type == null && DnsWire.isType(arg)) {
                // As dig.c: a word that names a type sets the type, once; any other word is the name.
                type = RecordType.valueOf(arg.toUpperCase(Locale.ROOT));
            } else {
                name = arg;
            }
        }
        if (type == null) {
            type = RecordType.A;
        }
        ResolvConf conf = ResolvConf.parse(net.client().resolvConf());
        List<Hop> serverHops = new ArrayList<>();
        if (server != null && !Resolver.isIpv4(server)) {
            // "@name": dig looks the server up with the system resolver first (dighost.c get_addresses).
            Resolver.Resolution r = server.isEmpty() ? null : Resolver.resolve(server, net);
            if (r == null || !r.found()) {
                return new ToolResult(10, "", "dig: couldn't get address for '" + server + "': not found\n",
                        r == null ? List.of() : r.hops());
            }
            serverHops.addAll(r.hops());
            server = r.addresses().get(0);
        }
        List<String> servers = server != null ? List.of(server) : conf.nameserversOrDefault();
        String args = String.join(" ", argv.subList(1, argv.size()));
        StringBuilder out = new StringBuilder();
        List<Hop> hops = new ArrayList<>(serverHops);
        if (name == null) {
            // dig with no name asks for the root servers.
            name = ".";
            type = RecordType.NS;
        }
        List<String> candidates;
        if (name.endsWith(".")) {
            candidates = List.of(name);
        } else if (display.search) {
            candidates = conf.candidates(name);
        } else {
            candidates = List.of(name + ".");
        }
        DnsResponse last = null;
        String answeredBy = null;
        for (String fqdn : candidates) {
            Optional<DnsResponse> response = Optional.empty();
            for (String candidate : servers) {
                DnsExchange exchange = net.query(candidate, fqdn, type);
                hops.addAll(exchange.hops());
                if (exchange.response().isPresent()) {
                    response = exchange.response();
                    answeredBy = candidate;
                    break;
                }
                for (int t = 0; t < TRIES; t++) {
                    out.append(";; communications error to ").append(candidate).append("#53: timed out\n");
                }
            }
            if (response.isEmpty()) {
                if (!display.shortForm) {
                    banner(out, display, args, server);
                }
                out.append(";; no servers could be reached\n");
                if (!display.shortForm && display.cmd) {
                    out.append('\n');
                }
                return new ToolResult(9, out.toString(), "", hops);
            }
            last = response.get();
            if (last.rcode() != Rcode.NXDOMAIN) {
                break;
            }
        }
        if (display.shortForm) {
            for (DnsRecord record : last.answers()) {
                out.append(record.data()).append('\n');
            }
            return new ToolResult(0, out.toString(), "", hops);
        }
        banner(out, display, args, server);
        print(out, display, last, answeredBy);
        return new ToolResult(0, out.toString(), "", hops);
    }

    private static final String USAGE_HINT = "Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n"
            + "            {global-d-opt} host [@local-server] {local-d-opt}\n"
            + "            [ host [@local-server] {local-d-opt} [...]]\n\nUse \"dig -h\" (or \"dig -h | more\") for "
            + "complete list of options\n";

    private static boolean option(Display d, String option) {
        boolean on = !option.startsWith("no");
        String what = on ? option : option.substring(2);
        switch (what) {
            case "short" -> d.shortForm = on;
            case "search" -> d.search = on;
            case "all" -> d.all(on);
            case "cmd" -> d.cmd = on;
            case "comments" -> d.comments = on;
            case "question" -> d.question = on;
            case "answer" -> d.answer = on;
            case "authority" -> d.authority = on;
            case "additional" -> d.additional = on;
            case "stats" -> d.stats = on;
            case "tcp", "vc" -> d.tcp = on;
            case "recurse", "edns", "cookie", "ttlid", "class", "multiline", "identify" -> { }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void banner(StringBuilder out, Display display, String args, String server) {
        if (!display.cmd) {
            return;
        }
        out.append('\n').append("; <<>> DiG ").append(VERSION).append(" <<>> ").append(args).append('\n');
        if (server != null) {
            out.append("; (1 server found)\n");
        }
        out.append(";; global options: +cmd\n");
    }

    private void print(StringBuilder out, Display display, DnsResponse response, String server) {
        int id = id(response);
        if (display.comments) {
            out.append(";; Got answer:\n");
            out.append(";; ->>HEADER<<- opcode: QUERY, status: ").append(response.rcode()).append(", id: ")
                    .append(id).append('\n');
            String flags = response.authoritative() ? "qr aa rd" : "qr rd ra";
            out.append(";; flags: ").append(flags).append("; QUERY: 1, ANSWER: ").append(response.answers().size())
                    .append(", AUTHORITY: ").append(response.authority().size()).append(", ADDITIONAL: ")
                    .append(response.additional().size() + 1).append('\n');
            if (response.authoritative()) {
                out.append(";; WARNING: recursion requested but not available\n");
            }
            out.append('\n');
            out.append(";; OPT PSEUDOSECTION:\n");
            out.append("; EDNS: version: 0, flags:; udp: 1232\n");
            out.append("; COOKIE: ").append(cookie(response)).append(" (echoed)\n");
        }
        if (display.question) {
            if (display.comments) {
                out.append(";; QUESTION SECTION:\n");
            }
            StringBuilder line = new StringBuilder(";").append(response.question());
            indent(line, 32);
            line.append("IN");
            indent(line, 40);
            out.append(line).append(response.type()).append('\n');
            if (display.comments) {
                out.append('\n');
            }
        }
        section(out, display, display.answer, "ANSWER", response.answers());
        section(out, display, display.authority, "AUTHORITY", response.authority());
        section(out, display, display.additional, "ADDITIONAL", response.additional());
        if (display.stats) {
            out.append(";; Query time: 0 msec\n");
            out.append(";; SERVER: ").append(server).append("#53(").append(server).append(") (")
                    .append(display.tcp ? "TCP" : "UDP").append(")\n");
            out.append(";; WHEN: ").append(WHEN.format(Instant.ofEpochSecond(epochSecond))).append('\n');
            out.append(";; MSG SIZE  rcvd: ").append(DnsWire.size(response, true)).append('\n');
            out.append('\n');
        }
    }

    private static void section(StringBuilder out, Display display, boolean shown, String title,
                                List<DnsRecord> records) {
        if (!shown || records.isEmpty()) {
            return;
        }
        if (display.comments) {
            out.append(";; ").append(title).append(" SECTION:\n");
        }
        for (DnsRecord record : records) {
            out.append(format(record)).append('\n');
        }
        if (display.comments) {
            out.append('\n');
        }
    }

    /**
     * A record as BIND's master-file style prints it for dig: the owner, then TTL, class, type and data at columns
     * 24, 32, 40 and 48, reached with tabs, or a single space once a field runs past its column.
     */
    static String format(DnsRecord record) {
        StringBuilder line = new StringBuilder(record.name());
        indent(line, 24);
        line.append(record.ttl());
        indent(line, 32);
        line.append("IN");
        indent(line, 40);
        line.append(record.type());
        indent(line, 48);
        line.append(record.data());
        return line.toString();
    }

    private static void indent(StringBuilder line, int column) {
        int at = 0;
        for (int i = line.lastIndexOf("\n") + 1; i < line.length(); i++) {
            at = line.charAt(i) == '\t' ? (at / 8 + 1) * 8 : at + 1;
        }
        if (at >= column) {
            line.append(' ');
            return;
        }
        while (at < column) {
            line.append('\t');
            at = (at / 8 + 1) * 8;
        }
    }

    private static int id(DnsResponse response) {
        return Math.floorMod((response.question() + "/" + response.type()).hashCode(), 65536);
    }

    private static String cookie(DnsResponse response) {
        byte[] bytes = (response.question() + "#" + response.type()).getBytes(StandardCharsets.UTF_8);
        long h = 1125899906842597L;
        for (byte b : bytes) {
            h = 31 * h + b;
        }
        return String.format("%016x", h);
    }
}
