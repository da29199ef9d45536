package academy.minicluster.net.shell;

/**
 * UTF-8 lengths and prefixes of strings, without encoding them (an output may be megabytes): the shell's output
 * limit and the web-app's storage quota count bytes with it.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The number of bytes {@code s} takes in UTF-8. */
    public static long length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            int width = width(s, i);
            bytes += width;
            if (width == 4) {
                i++;
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code s} within {@code maxBytes} bytes of UTF-8, never splitting a character. */
    static String prefix(String s, long maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int width = width(s, i);
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += width == 4 ? 2 : 1;
        }
        return s.substring(0, i);
    }

    private static int width(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return 4;
        }
        return 3;
    }
}
