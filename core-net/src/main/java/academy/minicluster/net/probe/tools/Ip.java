package academy.minicluster.net.probe.tools;

import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.probe.NetworkView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip addr}, {@code ip link} and {@code ip route} inside a pod, in the two flavours images ship: busybox's
 * applet ({@code networking/libiproute}: no {@code state} or {@code group}, {@code M-DOWN} on the veth whose peer
 * lives in another namespace, two spaces before a route's {@code src}) and iproute2's (netshoot, agnhost).
 *
 * <p>The pod network is kind's: kindnet's ptp plugin gives {@code eth0} the pod IP with its node's /24, a host route
 * to the gateway (the podCIDR's first address, the node's end of the veth) and the default route through it. The
 * MAC address is the one CNI derives from the IP ({@code 0a:58:} and the address, as on the "Using Source IP"
 * page), and the IPv6 link-local address is its EUI-64. The veth peer's index ({@code eth0@ifN}) is not the node's
 * real one: it is derived from the address so that it stays the same from run to run.
 */
final class Ip implements ClientTool {

    private final boolean busybox;

    Ip(boolean busybox) {
        this.busybox = busybox;
    }

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        ClientHost client = net.client();
        if (client.kind() != ClientHost.Kind.POD) {
            return ToolResult.of(127, "", "minicluster: ip is simulated in a pod's network namespace only\n");
        }
        List<String> args = new ArrayList<>(argv.subList(1, argv.size()));
        boolean inet4Only = false;
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String option = args.remove(0);
            if (option.equals("-4")) {
                inet4Only = true;
            } else if (!option.equals("-6") || busybox) {
                return usageError("option \"" + option + "\" is not simulated");
            }
        }
        String object = args.isEmpty() ? "" : args.remove(0);
        if (!args.isEmpty() && (args.get(0).equals("show") || args.get(0).equals("list") || args.get(0).equals("ls"))) {
            args.remove(0);
        }
        if (!args.isEmpty() && args.get(0).equals("dev")) {
            args.remove(0);
        }
        String device = args.isEmpty() ? "" : args.get(0);
        if (!device.isEmpty() && !device.equals("lo") && !device.equals("eth0")) {
            return ToolResult.of(1, "", busybox ? "ip: can't find device '" + device + "'\n"
                    : "Device \"" + device + "\" does not exist.\n");
        }
        Address pod = new Address(client.ip());
        if (object.isEmpty()) {
            return usageError("");
        }
        if ("address".startsWith(object) || object.equals("addr")) {
            return ToolResult.of(0, links(pod, device, true, inet4Only), "");
        }
        if ("link".startsWith(object)) {
            return ToolResult.of(0, links(pod, device, false, false), "");
        }
        if ("route".startsWith(object) && object.length() >= 1) {
            return ToolResult.of(0, routes(pod), "");
        }
        return busybox ? ToolResult.of(1, "", "ip: invalid argument '" + object + "' to 'ip'\n")
                : ToolResult.of(255, "", "Object \"" + object + "\" is unknown, try \"ip help\".\n");
    }

    private ToolResult usageError(String detail) {
        if (busybox) {
            return ToolResult.of(1, "", "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n"
                    + "Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n");
        }
        return ToolResult.of(255, "", (detail.isEmpty() ? "" : detail + "\n")
                + "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
    }

    private String links(Address pod, String device, boolean addresses, boolean inet4Only) {
        StringBuilder out = new StringBuilder();
        if (device.isEmpty() || device.equals("lo")) {
            out.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue ")
                    .append(busybox ? "qlen 1000" : "state UNKNOWN group default qlen 1000").append('\n');
            out.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
            if (addresses) {
                out.append("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
                if (!inet4Only) {
                    out.append("    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n");
                }
            }
        }
        if (device.isEmpty() || device.equals("eth0")) {
            out.append("2: eth0@if").append(pod.peerIndex()).append(": <BROADCAST,MULTICAST,UP,LOWER_UP")
                    .append(busybox ? ",M-DOWN> mtu 1500 qdisc noqueue \n"
                            : "> mtu 1500 qdisc noqueue state UP group default \n");
            out.append("    link/ether ").append(pod.mac()).append(" brd ff:ff:ff:ff:ff:ff")
                    .append(busybox ? "" : " link-netnsid 0").append('\n');
            if (addresses) {
                out.append("    inet ").append(pod.ip()).append("/24 brd ").append(pod.broadcast())
                        .append(" scope global eth0\n       valid_lft forever preferred_lft forever\n");
                if (!inet4Only) {
                    out.append("    inet6 ").append(pod.linkLocal())
                            .append("/64 scope link \n       valid_lft forever preferred_lft forever\n");
                }
            }
        }
        return out.toString();
    }

    private String routes(Address pod) {
        String src = busybox ? "  src " : " src ";
        return "default via " + pod.gateway() + " dev eth0 \n"
                + pod.network() + "/24 via " + pod.gateway() + " dev eth0" + src + pod.ip() + " \n"
                + pod.gateway() + " dev eth0 scope link" + src + pod.ip() + " \n";
    }

    /** The pod's IPv4 address and what the ptp plugin derives from it. */
    private record Address(String ip) {

        private int[] octets() {
            String[] parts = ip.split("\\.");
            int[] octets = new int[4];
            for (int i = 0; i < 4 && i < parts.length; i++) {
                try {
                    octets[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    octets[i] = 0;
                }
            }
            return octets;
        }

        String network() {
            int[] o = octets();
            return o[0] + "." + o[1] + "." + o[2] + ".0";
        }

        String gateway() {
            int[] o = octets();
            return o[0] + "." + o[1] + "." + o[2] + ".1";
        }

        String broadcast() {
            int[] o = octets();
            return o[0] + "." + o[1] + "." + o[2] + ".255";
        }

        String mac() {
            int[] o = octets();
            return String.format("0a:58:%02x:%02x:%02x:%02x", o[0], o[1], o[2], o[3]);
        }

        /** EUI-64 of the MAC: the universal/local bit flipped, ff:fe in the middle. */
        String linkLocal() {
            int[] o = octets();
            int first = 0x0a ^ 0x02;
            return String.format("fe80::%x:%xff:fe%02x:%x", (first << 8) | 0x58, o[0], o[1], (o[2] << 8) | o[3]);
        }

        /** The node-side veth's interface index: the node's own links come first, then one veth per pod. */
        int peerIndex() {
            return octets()[3] + 3;
        }
    }
}
