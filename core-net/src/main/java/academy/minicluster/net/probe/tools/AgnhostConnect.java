package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.dns.SearchList;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /agnhost connect HOST:PORT [--timeout=1s] [--protocol=tcp|udp|sctp]}, as in Kubernetes'
 * {@code test/images/agnhost/connect/connect.go}: silent with exit 0 when the connection opens (for UDP: when the
 * server answers the {@code hostname} datagram); otherwise exit 1 with a line on stderr that starts with the fixed
 * word the e2e tests match: {@code TIMEOUT}, {@code REFUSED}, {@code DNS: lookup web on 10.96.0.10:53: no such
 * host}, {@code OTHER: ...} or {@code UNKNOWN: ...}. Without {@code --timeout} (Go's zero: no deadline) a dropped
 * connection still ends as TIMEOUT, when the kernel gives up.
 */
final class AgnhostConnect implements ClientTool {

    @Override
    public String name() {
        return "agnhost";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        if (argv.size() < 2 || !argv.get(1).equals("connect")) {
            return ToolResult.of(1, "", "Error: unknown command \"" + (argv.size() < 2 ? "" : argv.get(1))
                    + "\" for \"app\"\nRun 'app --help' for usage.\n");
        }
        String protocol = "tcp";
        String udpData = "hostname";
        List<String> args = new ArrayList<>();
        for (int i = 2; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("--")) {
                String flag = arg.substring(2);
                String value;
                int eq = flag.indexOf('=');
                if (eq >= 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                } else if (i + 1 < argv.size()) {
                    value = argv.get(++i);
                } else {
                    return ToolResult.of(1, "", "Error: flag needs an argument: --" + flag + "\n");
                }
                switch (flag) {
                    case "protocol" -> protocol = value;
                    case "udp-data" -> udpData = value;
                    case "timeout", "sctp-data" -> { }
                    default -> {
                        return ToolResult.of(1, "", "Error: unknown flag: --" + flag + "\n");
                    }
                }
            } else {
                args.add(arg);
            }
        }
        if (args.size() != 1) {
            return ToolResult.of(1, "", "Error: accepts 1 arg(s), received " + args.size() + "\n");
        }
        Protocol proto;
        switch (protocol) {
            case "", "tcp" -> proto = Protocol.TCP;
            case "udp" -> proto = Protocol.UDP;
            case "sctp" -> proto = Protocol.SCTP;
            default -> {
                return ToolResult.of(1, "", "Unsupported protocol\n" + protocol);
            }
        }
        String dest = args.get(0);
        int colon = dest.lastIndexOf(':');
        if (colon < 0) {
            return ToolResult.of(1, "", "UNKNOWN: address " + dest + ": missing port in address\n");
        }
        String host = dest.substring(0, colon);
        String portText = dest.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return ToolResult.of(1, "", "DNS: address " + dest + ": invalid port\n");
        }
        List<Hop> hops = new ArrayList<>();
        String ip = host;
        if (!Resolver.isIpv4(host)) {
            // agnhost and grpcurl are Go programs: Go's own resolver walks the search list as glibc does.
            Resolver.Resolution resolution = Resolver.resolve(host, net, SearchList.Resolver.GLIBC);
            hops.addAll(resolution.hops());
            if (!resolution.found()) {
                String server = resolution.server().isEmpty() ? "" : " on " + resolution.server() + ":53";
                String why = resolution.status() == Resolver.Status.TIMEOUT
                        ? "read udp " + net.client().ip() + ":" + ephemeralPort(host) + "->" + resolution.server()
                        + ":53: i/o timeout"
                        : "no such host";
                return new ToolResult(1, "", "DNS: lookup " + host + server + ": " + why + "\n", hops);
            }
            ip = resolution.firstAddress();
        }
        Connection conn = net.connect(ip, port, proto);
        String stderr = switch (proto) {
            case TCP -> switch (conn.outcome()) {
                case ESTABLISHED -> "";
                case TIMEOUT -> "TIMEOUT\n";
                case REFUSED -> "REFUSED\n";
                case NO_ROUTE -> "OTHER: dial tcp " + ip + ":" + port + ": connect: no route to host\n";
            };
            case SCTP -> switch (conn.outcome()) {
                case ESTABLISHED -> "";
                case TIMEOUT -> "TIMEOUT\n";
                case REFUSED -> "OTHER: connection refused\n";
                case NO_ROUTE -> "OTHER: no route to host\n";
            };
            case UDP -> udp(conn, ip, port, udpData);
        };
        // Read after the exchange: a UDP flow's hops grow with the datagram it carried.
        hops.addAll(conn.hops());
        return new ToolResult(stderr.isEmpty() ? 0 : 1, "", stderr, hops);
    }

    private static String udp(Connection conn, String ip, int port, String data) {
        String flow = "read udp " + conn.localAddress() + "->" + ip + ":" + port;
        switch (conn.outcome()) {
            case REFUSED:
                return "REFUSED: " + flow + ": read: connection refused\n";
            case NO_ROUTE:
                return "UNKNOWN: " + flow + ": read: no route to host\n";
            case TIMEOUT:
                return "TIMEOUT: " + flow + ": i/o timeout\n";
            default:
                Optional<String> reply = conn.datagram(data + "\n");
                if (reply.isEmpty()) {
                    return "TIMEOUT: " + flow + ": i/o timeout\n";
                }
                if (reply.get().isEmpty()) {
                    return "OTHER: No data received from the server. Cannot guarantee the server received the "
                            + "request.\n";
                }
                return "";
        }
    }

    /** The source port a Go resolver would have used: fixed per name, so runs repeat. */
    private static int ephemeralPort(String name) {
        return 32768 + Math.floorMod(name.hashCode(), 28232);
    }
}
