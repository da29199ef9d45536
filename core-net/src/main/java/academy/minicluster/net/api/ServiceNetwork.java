package academy.minicluster.net.api;

import java.util.List;
import java.util.Objects;

/**
 * The API server's Service address space: {@code --service-cluster-ip-range} and
 * {@code --service-node-port-range}. It answers whether a requested ClusterIP or nodePort can be had, where the static
 * and dynamic bands lie (KEP-3070: users pick from the static lower band, automatic allocation prefers the upper
 * band), and words the allocators' refusals exactly as kube-apiserver does. Which addresses are taken is the object
 * store's knowledge; these checks are pure.
 *
 * @param serviceCidr an IPv4 CIDR such as {@code 10.96.0.0/12}
 * @param nodePortMin first port of the node port range, {@code 30000} by default
 * @param nodePortMax last port of the node port range, {@code 32767} by default
 */
public record ServiceNetwork(String serviceCidr, int nodePortMin, int nodePortMax) {

    /** kind's (and kubeadm's) defaults. */
    public static final ServiceNetwork DEFAULT = new ServiceNetwork("10.96.0.0/12", 30000, 32767);

    public ServiceNetwork {
        Objects.requireNonNull(serviceCidr, "serviceCidr");
        int slash = serviceCidr.indexOf('/');
        if (slash < 0 || Formats.parseIpv4(serviceCidr.substring(0, slash)) < 0) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + serviceCidr);
        }
        int bits;
        try {
            bits = Integer.parseInt(serviceCidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + serviceCidr, e);
        }
        if (bits < 8 || bits > 30) {
            throw new IllegalArgumentException("service CIDR prefix must be between /8 and /30: " + serviceCidr);
        }
        if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
            throw new IllegalArgumentException("invalid node port range " + nodePortMin + "-" + nodePortMax);
        }
    }

    private int prefixBits() {
        return Integer.parseInt(serviceCidr.substring(serviceCidr.indexOf('/') + 1));
    }

    private long network() {
        long ip = Formats.parseIpv4(serviceCidr.substring(0, serviceCidr.indexOf('/')));
        long mask = (0xFFFFFFFFL << (32 - prefixBits())) & 0xFFFFFFFFL;
        return ip & mask;
    }

    private long size() {
        return 1L << (32 - prefixBits());
    }

    private long broadcast() {
        return network() + size() - 1;
    }

    /** True when the address lies inside the service CIDR (network and broadcast address included). */
    public boolean containsClusterIp(String ip) {
        long value = Formats.parseIpv4(ip);
        return value >= 0 && value >= network() && value <= broadcast();
    }

    /** True when the allocator can hand out this address: inside the CIDR, not the network or broadcast address. */
    public boolean isAllocatableClusterIp(String ip) {
        long value = Formats.parseIpv4(ip);
        return value > network() && value < broadcast();
    }

    /**
     * Size of the static (lower) ClusterIP band: {@code min(max(16, cidrSize/16), 256)}, 0 for ranges under 16
     * addresses ({@code ipallocator.calculateRangeOffset}).
     */
    public int ipStaticBandSize() {
        long size = size();
        if (size < 16) {
            return 0;
        }
        return (int) Math.min(Math.max(16, size / 16), 256);
    }

    /** First address the allocator hands out: the one after the network address. */
    public String ipStaticBandStart() {
        return format(network() + 1);
    }

    /** Last address of the static band ({@code 10.96.1.0} for {@code 10.96.0.0/12}). */
    public String ipStaticBandEnd() {
        return format(network() + ipStaticBandSize());
    }

    /** First address of the dynamic band, where automatic allocation looks first. */
    public String ipDynamicBandStart() {
        return format(network() + 1 + ipStaticBandSize());
    }

    /** Last allocatable address: the one before the broadcast address. */
    public String ipDynamicBandEnd() {
        return format(broadcast() - 1);
    }

    /** True when the address is in the static band (where users should pick their fixed ClusterIPs). */
    public boolean inIpStaticBand(String ip) {
        long value = Formats.parseIpv4(ip);
        return value > network() && value <= network() + ipStaticBandSize();
    }

    /** The nth address of the CIDR (0 is the network address): {@code 10.96.0.10} is {@code ipAt(10)}. */
    public String ipAt(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " outside " + serviceCidr);
        }
        return format(network() + offset);
    }

    /** The address's offset from the network address, or -1 outside the CIDR. */
    public long offsetOf(String ip) {
        return containsClusterIp(ip) ? Formats.parseIpv4(ip) - network() : -1;
    }

    /** True when the port is inside the node port range. */
    public boolean containsNodePort(int port) {
        return port >= nodePortMin && port <= nodePortMax;
    }

    /** Size of the static node port band: {@code min(max(16, rangeSize/32), 128)} (86 for 30000-32767). */
    public int nodePortStaticBandSize() {
        int size = nodePortMax - nodePortMin + 1;
        if (size < 16) {
            return 0;
        }
        return Math.min(Math.max(16, size / 32), 128);
    }

    /** Last port of the static band: 30085 by default. */
    public int nodePortStaticBandEnd() {
        return nodePortMin + nodePortStaticBandSize() - 1;
    }

    /** First port of the dynamic band: 30086 by default. */
    public int nodePortDynamicBandStart() {
        return nodePortMin + nodePortStaticBandSize();
    }

    /** The range as kube-apiserver prints it: {@code 30000-32767}. */
    public String nodePortRange() {
        return nodePortMin + "-" + nodePortMax;
    }

    // ---- the allocators' refusals, worded as pkg/registry/core/service/storage/alloc.go words them ------------------

    /**
     * A requested ClusterIP the allocator cannot take. Outside every Service CIDR the multi-CIDR allocator (GA since
     * 1.33) answers "the provided network does not match the current range"; the network or broadcast address of
     * the CIDR is "not in the valid range".
     */
    public FieldError clusterIpOutOfRange(List<String> clusterIPs, String ip) {
        String reason = containsClusterIp(ip)
                ? "provided IP " + ip + " is not in the valid range"
                : "the provided network does not match the current range";
        return FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                "failed to allocate IP " + ip + ": " + reason);
    }

    /** {@code spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated}. */
    public FieldError clusterIpAlreadyAllocated(List<String> clusterIPs, String ip) {
        return FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                "failed to allocate IP " + ip + ": provided IP is already allocated");
    }

    /** {@code spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767}. */
    public FieldError nodePortOutOfRange(int portIndex, int nodePort) {
        return FieldError.invalid("spec.ports[" + portIndex + "].nodePort", nodePort,
                "provided port is not in the valid range. The range of valid ports is " + nodePortRange());
    }

    /** {@code spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated}. */
    public FieldError nodePortAlreadyAllocated(int portIndex, int nodePort) {
        return FieldError.invalid("spec.ports[" + portIndex + "].nodePort", nodePort,
                "provided port is already allocated");
    }

    private static String format(long ip) {
        return ((ip >> 24) & 0xFF) + "." + ((ip >> 16) & 0xFF) + "." + ((ip >> 8) & 0xFF) + "." + (ip & 0xFF);
    }
}
