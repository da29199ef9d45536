package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code nc -z [-v] [-u] [-w N] HOST PORT}: does the port open? Two flavours, chosen by the image
 * ({@link ClientTools#BUSYBOX_MARKER}):
 * <ul>
 * <li>busybox's nc (nc_bloaty, netcat 1.10 style): {@code web (10.96.0.12:80) open}; a refusal is printed only
 *     with {@code -vv} ("scanning at one -v does not print refusals"); {@code bad address 'web'};</li>
 * <li>netcat-openbsd (netshoot, a Linux workstation):
 *     {@code Connection to web (10.96.0.12) 80 port [tcp/http] succeeded!},
 *     {@code nc: connect to web (10.96.0.12) port 80 (tcp) failed: Connection refused}, and with {@code -w}
 *     {@code nc: connect to web (10.96.0.12) port 80 (tcp) timed out: Operation now in progress}.</li>
 * </ul>
 * Both exit 0 when the port opens and 1 otherwise. A UDP probe "opens" unless an ICMP port unreachable comes
 * back (REFUSED): nothing back is indistinguishable from a listening server, as with the real tools.
 * Without {@code -z}, nc connects and, its stdin being empty, behaves as with {@code -z}.
 */
final class Nc implements ClientTool {

    private static final Map<String, String> SERVICES = Map.ofEntries(
            Map.entry("tcp/21", "ftp"), Map.entry("tcp/22", "ssh"), Map.entry("tcp/25", "smtp"),
            Map.entry("tcp/53", "domain"), Map.entry("udp/53", "domain"), Map.entry("tcp/80", "http"),
            Map.entry("udp/123", "ntp"), Map.entry("tcp/443", "https"), Map.entry("tcp/3306", "mysql"),
            Map.entry("tcp/5432", "postgresql"), Map.entry("tcp/6379", "redis"), Map.entry("tcp/8080", "http-alt"),
            Map.entry("tcp/6443", "sun-sr-https"));

    private final boolean busybox;

    Nc(boolean busybox) {
        this.busybox = busybox;
    }

    @Override
    public String name() {
        return "nc";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        int verbose = 0;
        boolean udp = false;
        Integer wait = null;
        List<String> operands = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char flag = arg.charAt(c);
                    switch (flag) {
                        case 'z', 'n', 'N', '4' -> { }
                        case 'v' -> verbose++;
                        case 'u' -> udp = true;
                        case 'w' -> {
                            String value = arg.substring(c + 1);
                            if (value.isEmpty()) {
                                if (i + 1 >= argv.size()) {
                                    return usage();
                                }
                                value = argv.get(++i);
                            }
                            try {
                                wait = Integer.parseInt(value);
                            } catch (NumberFormatException e) {
                                return ToolResult.of(1, "", busybox ? "nc: invalid number '" + value + "'\n"
                                        : "nc: timeout " + value + ": invalid\n");
                            }
                            c = arg.length();
                        }
                        default -> {
                            return busybox ? ToolResult.of(1, "", "nc: invalid option -- '" + flag + "'\n")
                                    : ToolResult.of(1, "", "nc: invalid option -- '" + flag + "'\n"
                                    + "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
                                    + "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
                                    + "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
                                    + "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
                                    + "\t  [destination] [port]\n");
                        }
                    }
                }
            } else {
                operands.add(arg);
            }
        }
        if (operands.size() != 2) {
            return usage();
        }
        String host = operands.get(0);
        int port;
        try {
            port = Integer.parseInt(operands.get(1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return ToolResult.of(1, "", busybox ? "nc: bad port '" + operands.get(1) + "'\n"
                    : "nc: port number invalid: " + operands.get(1) + "\n");
        }
        List<Hop> hops = new ArrayList<>();
        Resolver.Resolution resolution = Resolver.resolve(host, net);
        hops.addAll(resolution.hops());
        if (!resolution.found()) {
            String stderr;
            if (busybox) {
                stderr = "nc: bad address '" + host + "'\n";
            } else {
                stderr = "nc: getaddrinfo for host \"" + host + "\" port " + port + ": "
                        + gaiError(net.client(), resolution.status()) + "\n";
            }
            return new ToolResult(1, "", stderr, hops);
        }
        String proto = udp ? "udp" : "tcp";
        StringBuilder err = new StringBuilder();
        // busybox connects to the one address it resolved; netcat-openbsd tries each in turn.
        List<String> addresses = busybox ? List.of(resolution.firstAddress()) : resolution.addresses();
        boolean open = false;
        for (String ip : addresses) {
            Connection conn = net.connect(ip, port, udp ? Protocol.UDP : Protocol.TCP);
            hops.addAll(conn.hops());
            Connection.Outcome outcome = conn.outcome();
            open = udp ? outcome != Connection.Outcome.REFUSED : outcome == Connection.Outcome.ESTABLISHED;
            if (busybox) {
                String where = host + " (" + ip + ":" + port + ")";
                if (open) {
                    if (verbose > 0) {
                        err.append(where).append(" open\n");
                    }
                } else if (verbose > 1 || (verbose == 1 && outcome != Connection.Outcome.REFUSED)) {
                    err.append("nc: ").append(where).append(": ").append(strerror(outcome)).append('\n');
                }
            } else {
                String named = host.equals(ip) ? host : host + " (" + ip + ")";
                if (open) {
                    if (verbose > 0) {
                        err.append("Connection to ").append(named).append(' ').append(port).append(" port [")
                                .append(proto).append('/').append(SERVICES.getOrDefault(proto + "/" + port, "*"))
                                .append("] succeeded!\n");
                    }
                } else if (verbose > 0 && !udp) {
                    err.append("nc: connect to ").append(named).append(" port ").append(port).append(" (")
                            .append(proto).append(") ");
                    if (outcome == Connection.Outcome.TIMEOUT && wait != null && wait > 0) {
                        err.append("timed out: Operation now in progress\n");
                    } else {
                        err.append("failed: ").append(strerror(outcome)).append('\n');
                    }
                }
            }
            if (open) {
                break;
            }
        }
        return new ToolResult(open ? 0 : 1, "", err.toString(), hops);
    }

    private static String strerror(Connection.Outcome outcome) {
        return switch (outcome) {
            case REFUSED -> "Connection refused";
            case NO_ROUTE -> "No route to host";
            case TIMEOUT -> "Connection timed out";
            case ESTABLISHED -> "Success";
        };
    }

    /** getaddrinfo's message: glibc on the workstation, musl in Alpine-based netshoot. */
    private static String gaiError(ClientHost client, Resolver.Status status) {
        boolean glibc = client.kind() == ClientHost.Kind.WORKSTATION;
        if (status == Resolver.Status.TIMEOUT) {
            return glibc ? "Temporary failure in name resolution" : "Try again";
        }
        return glibc ? "Name or service not known" : "Name does not resolve";
    }

    private ToolResult usage() {
        if (busybox) {
            return ToolResult.of(1, "", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                    + "Usage: nc [OPTIONS] HOST PORT  - connect\n"
                    + "nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n");
        }
        return ToolResult.of(1, "", "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
                + "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
                + "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
                + "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
                + "\t  [destination] [port]\n");
    }
}
