package academy.minicluster.net.probe;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a TLS handshake, as far as a client needs it to decide what to print.
 *
 * @param established       whether the handshake completed; if not, {@link #failure()} says why (curl exit 35)
 * @param subject           the certificate's subject, e.g. {@code CN=web.example.com}, or
 *                          {@code O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate}
 * @param issuer            the certificate's issuer
 * @param subjectAltNames   the DNS names the certificate is valid for
 * @param trustedByDefault  whether a client with the default CA bundle trusts the issuer (self-signed and the
 *                          controller's fake certificate are not: curl exit 60 unless {@code -k})
 * @param failure           why the handshake failed, worded as OpenSSL words it; empty when established
 * @param http              the HTTP exchange over the encrypted channel, once established (null when not)
 */
public record TlsHandshake(boolean established, String subject, String issuer, List<String> subjectAltNames,
                           boolean trustedByDefault, String failure, Connection http) {

    public TlsHandshake {
        subjectAltNames = List.copyOf(subjectAltNames);
        failure = Objects.requireNonNullElse(failure, "");
    }

    public static TlsHandshake failed(String failure) {
        return new TlsHandshake(false, "", "", List.of(), false, failure, null);
    }

    /** Whether the certificate covers {@code host}: an exact SAN, or a {@code *.} SAN covering one label. */
    public boolean covers(String host) {
        for (String san : subjectAltNames) {
            if (san.equalsIgnoreCase(host)) {
                return true;
            }
            if (san.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equalsIgnoreCase(san.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
