package academy.minicluster.net.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.244.0.0/16}, {@code ::/0}), parsed the way kube-apiserver
 * parses legacy CIDR fields such as a NetworkPolicy's {@code ipBlock.cidr} ({@code netutils.ParseCIDRSloppy}):
 * leading zeros in IPv4 octets are tolerated and host bits beyond the prefix are masked off
 * ({@code 10.0.0.1/24} is the network {@code 10.0.0.0/24}; the API server only warns about it).
 *
 * <p>The address arithmetic is done here on bytes, with no resolver involved: parsing never touches the network.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address/prefix}; empty when it is not a valid CIDR value. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        byte[] address = parseAddress(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (address == null || prefixText.isEmpty() || prefixText.length() > 3
                || !prefixText.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > address.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(mask(address, prefix), prefix));
    }

    /**
     * Parses a literal IPv4 ({@code 10.244.1.5}) or IPv6 ({@code fd00::1}) address to its 4 or 16 bytes;
     * {@code null} when the text is not an address.
     */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseIPv6(text) : parseIPv4(text);
    }

    /** Whether {@code ip} (a literal address) lies in this network; an address of the other family never does. */
    public boolean contains(String ip) {
        byte[] address = parseAddress(ip);
        return address != null && address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    /** Whether {@code other} lies entirely inside this network (equal networks included). */
    public boolean covers(Cidr other) {
        return other.network.length == network.length && other.prefixLength >= prefixLength
                && Arrays.equals(mask(other.network, prefixLength), network);
    }

    /** Whether {@code other} lies inside this network and is smaller: what {@code ipBlock.except} must be. */
    public boolean strictlyContains(Cidr other) {
        return covers(other) && other.prefixLength > prefixLength;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIPv4() {
        return network.length == 4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefixLength == prefixLength && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The network in canonical form: {@code 10.0.0.0/24}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (isIPv4()) {
            for (int i = 0; i < 4; i++) {
                s.append(i == 0 ? "" : ".").append(network[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                s.append(i == 0 ? "" : ":").append(Integer.toHexString(((network[i] & 0xff) << 8) | (network[i + 1] & 0xff)));
            }
        }
        return s.append('/').append(prefixLength).toString();
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static byte[] parseIPv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            // Go's sloppy parser takes leading zeros as decimal; more than three digits only if they are zeros.
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    private static byte[] parseIPv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        byte[] headBytes = parseGroups(head, doubleColon < 0);
        byte[] tailBytes = parseGroups(tail, true);
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        int total = headBytes.length + tailBytes.length;
        if (doubleColon < 0 ? total != 16 : total > 14) {
            return null;
        }
        byte[] address = new byte[16];
        System.arraycopy(headBytes, 0, address, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, address, 16 - tailBytes.length, tailBytes.length);
        return address;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address. */
    private static byte[] parseGroups(String text, boolean mayEndWithIPv4) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] groups = text.split(":", -1);
        byte[] bytes = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                byte[] v4 = mayEndWithIPv4 ? parseIPv4(group) : null;
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, length, 4);
                length += 4;
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (char c : group.toCharArray()) {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
        }
        return Arrays.copyOf(bytes, length);
    }
}
