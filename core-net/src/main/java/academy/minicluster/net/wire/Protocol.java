package academy.minicluster.net.wire;

import java.util.Locale;

/** The transport protocols Kubernetes knows for ports ({@code protocol: TCP|UDP|SCTP}). */
public enum Protocol {
    TCP, UDP, SCTP;

    /** Parses {@code TCP}, {@code tcp}, ...; a null or empty value is Kubernetes' default, TCP. */
    public static Protocol parse(String value) {
        if (value == null || value.isEmpty()) {
            return TCP;
        }
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** {@code tcp}, as dig, agnhost and SRV names ({@code _http._tcp}) write it. */
    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
