package academy.minicluster.net.api;

/** IPv4 addresses as ints, and CIDR arithmetic: enough for podCIDRs, the Service CIDR and ipBlocks. */
public final class Ipv4 {

    private Ipv4() {
    }

    /** Parses dotted-quad; throws IllegalArgumentException for anything else. */
    public static int parse(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static boolean isValid(String address) {
        try {
            parse(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
            return Ipv4.isValid(address) && contains(Ipv4.parse(address));
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
