package academy.minicluster.net.dataplane.dns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed without any lookup (never {@code InetAddress.getByName}, which may query DNS).
 * CoreDNS decides record types with Go's {@code net.ParseIP}: a string that parses is an address (A or AAAA), any
 * other string is a name (CNAME). This class is that decision, plus the text forms DNS needs: the canonical form
 * dig prints (RFC 5952 for IPv6), the dashed label CoreDNS builds from it, and the reverse name PTR questions use.
 */
record IpAddress(byte[] bytes) implements Comparable<IpAddress> {

    IpAddress {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Parses like Go's {@code net.ParseIP}: dotted quad without leading zeros, or IPv6 text; empty otherwise. */
    static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        byte[] v4 = parseV4(text);
        return v4 == null ? Optional.empty() : Optional.of(new IpAddress(v4));
    }

    static boolean isIp(String text) {
        return parse(text).isPresent();
    }

    boolean isV4() {
        return bytes.length == 4;
    }

    /** {@code 10.96.0.10}, or {@code 2001:db8::1} (lower case, longest zero run compressed, RFC 5952). */
    String canonical() {
        if (isV4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /**
     * The label CoreDNS uses for an endpoint without a hostname ({@code endpointHostname}): the address as written
     * with {@code .} or {@code :} replaced by {@code -}, e.g. {@code 10-244-1-3}, {@code 5678-abcd--1}.
     */
    String dashed() {
        return canonical().replace('.', '-').replace(':', '-');
    }

    /** {@code 10.0.96.10.in-addr.arpa.} or the 32 reversed nibbles under {@code ip6.arpa.}. */
    String reverseName() {
        StringBuilder s = new StringBuilder();
        if (isV4()) {
            for (int i = 3; i >= 0; i--) {
                s.append(bytes[i] & 0xff).append('.');
            }
            return s.append("in-addr.arpa.").toString();
        }
        for (int i = 15; i >= 0; i--) {
            int b = bytes[i] & 0xff;
            s.append(Character.forDigit(b & 0xf, 16)).append('.').append(Character.forDigit(b >> 4, 16)).append('.');
        }
        return s.append("ip6.arpa.").toString();
    }

    /**
     * The address a reverse name stands for, like CoreDNS' {@code dnsutil.ExtractAddressFromReverse}: exactly four
     * labels under in-addr.arpa or 32 nibbles under ip6.arpa; empty for anything else (a partial reverse zone).
     */
    static Optional<IpAddress> fromReverseName(String fqdn) {
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.endsWith(".in-addr.arpa")) {
            String[] labels = name.substring(0, name.length() - ".in-addr.arpa".length()).split("\\.", -1);
            if (labels.length != 4) {
                return Optional.empty();
            }
            return parse(labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0]);
        }
        if (name.endsWith(".ip6.arpa")) {
            String[] labels = name.substring(0, name.length() - ".ip6.arpa".length()).split("\\.", -1);
            if (labels.length != 32) {
                return Optional.empty();
            }
            byte[] out = new byte[16];
            for (int i = 0; i < 32; i++) {
                String l = labels[31 - i];
                if (l.length() != 1 || Character.digit(l.charAt(0), 16) < 0) {
                    return Optional.empty();
                }
                int nibble = Character.digit(l.charAt(0), 16);
                out[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
            }
            return Optional.of(new IpAddress(out));
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(IpAddress other) {
        if (bytes.length != other.bytes.length) {
            return Integer.compare(bytes.length, other.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static Optional<IpAddress> parseV6(String text) {
        String s = text;
        byte[] tailV4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) > 0) {
            tailV4 = parseV4(s.substring(lastColon + 1));
            if (tailV4 == null) {
                return Optional.empty();
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return Optional.empty();
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        if (tailV4 != null) {
            System.arraycopy(tailV4, 0, out, 12, 4);
        }
        return Optional.of(new IpAddress(out));
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] fields = part.split(":", -1);
        int[] out = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.isEmpty() || f.length() > 4) {
                return null;
            }
            int v = 0;
            for (char c : f.toCharArray()) {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }
}
