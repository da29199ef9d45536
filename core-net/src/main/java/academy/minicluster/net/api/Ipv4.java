package academy.minicluster.net.api;

/** IPv4 addresses as ints, and CIDR arithmetic: enough for podCIDRs, the Service CIDR and ipBlocks. */
public final class Ipv4 {

    private Ipv4() {
    }

    /** Parses dotted-quad; throws IllegalArgumentException for anything else. */
    public static int parse(String address) {
        long value = parseOrNegative(address);
        if (value < 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return (int) value;
    }

    public static boolean isValid(String address) {
        return parseOrNegative(address) >= 0;
    }

    /**
     * The address as an unsigned value, or -1 when it is not four dot-separated decimal octets (one to three ASCII
     * digits each, at most 255). Scanned by hand: every packet's walk parses addresses.
     */
    public static long parseOrNegative(String address) {
        int length = address.length();
        long value = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < length && i - start < 4) {
                char c = address.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= length || address.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == length ? value : -1;
    }

    public static String format(int address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }

    /** A CIDR block such as 10.244.1.0/24. */
    public record Cidr(int network, int prefixLength) {

        public static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            int address = Ipv4.parse(cidr.substring(0, slash));
            return new Cidr(address & mask(prefix), prefix);
        }

        static int mask(int prefix) {
            return prefix == 0 ? 0 : -1 << (32 - prefix);
        }

        public boolean contains(String address) {
            long value = parseOrNegative(address);
            return value >= 0 && contains((int) value);
        }

        public boolean contains(int address) {
            return (address & mask(prefixLength)) == network;
        }

        public long size() {
            return 1L << (32 - prefixLength);
        }

        /** The i-th address of the block (0 = the network address). */
        public String address(long offset) {
            return Ipv4.format((int) (network + offset));
        }

        public long offsetOf(String address) {
            return Integer.toUnsignedLong(Ipv4.parse(address) - network);
        }

        @Override
        public String toString() {
            return Ipv4.format(network) + "/" + prefixLength;
        }
    }
}
