package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate ingress-nginx presents in a TLS handshake: either the one in a {@code kubernetes.io/tls} Secret
 * named by an Ingress's {@code spec.tls}, or the controller's own "Kubernetes Ingress Controller Fake Certificate"
 * ({@link #FAKE}) it falls back to whenever it has nothing better.
 *
 * <p>Names are written the way curl prints them ({@code subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake
 * Certificate}): relative names in the certificate's order, separated by {@code "; "}.
 *
 * @param subject          the subject, curl-style
 * @param issuer           the issuer, curl-style
 * @param subjectAltNames  the DNS subject alternative names
 * @param commonName       the subject's CN, empty when none (ingress-nginx still accepts a CN match for a host)
 * @param selfSigned       whether subject and issuer are the same
 * @param fake             whether this is the controller's fake certificate
 * @param secret           the Secret it came from; null for the fake certificate
 * @param hops             how it was chosen (stage INGRESS)
 */
public record TlsCertificate(String subject, String issuer, List<String> subjectAltNames, String commonName,
                             boolean selfSigned, boolean fake, ObjectRef secret, List<Hop> hops) {

    /**
     * What ingress-nginx generates at start when no {@code --default-ssl-certificate} is given: self-signed,
     * {@code O=Acme Co}, {@code CN=Kubernetes Ingress Controller Fake Certificate}, SAN {@code ingress.local}.
     */
    public static final TlsCertificate FAKE = new TlsCertificate(
            "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
            "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
            List.of("ingress.local"), "Kubernetes Ingress Controller Fake Certificate", true, true, null, List.of());

    public TlsCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        subjectAltNames = List.copyOf(subjectAltNames);
        commonName = Objects.requireNonNullElse(commonName, "");
        hops = List.copyOf(hops);
    }

    /**
     * Whether a client with the default CA bundle trusts it. Self-signed and fake certificates are not trusted
     * (curl exit 60 without {@code -k}); the model has no CA bundle, so any other certificate is taken as issued
     * by a public CA.
     */
    public boolean trustedByDefault() {
        return !fake && !selfSigned;
    }

    /**
     * Whether the certificate is valid for {@code host}: a DNS SAN equal to it, a {@code *.} SAN covering its first
     * label, or (ingress-nginx's fallback after Go's {@code VerifyHostname}) the CN. A wildcard host
     * {@code *.foo.com} is covered by the SAN {@code *.foo.com} itself.
     */
    public boolean covers(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String san : subjectAltNames) {
            if (nameCovers(san, h)) {
                return true;
            }
        }
        return !commonName.isEmpty() && nameCovers(commonName, h);
    }

    private static boolean nameCovers(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.equals(host)) {
            return true;
        }
        if (p.startsWith("*.") && !host.startsWith("*")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(p.substring(1));
        }
        return false;
    }

    /** The same certificate, chosen for the reasons in {@code why}. */
    public TlsCertificate withHops(List<Hop> why) {
        return new TlsCertificate(subject, issuer, subjectAltNames, commonName, selfSigned, fake, secret, why);
    }

    /** The handshake a client sees when the controller presents this certificate. */
    public TlsHandshake handshake(Connection http) {
        return new TlsHandshake(true, subject, issuer, subjectAltNames, trustedByDefault(), "", http);
    }

    /**
     * A Secret key's bytes, as a controller reads a TLS Secret: from {@code data} (base64) or {@code stringData};
     * empty when absent or not base64. ingress-nginx and Envoy Gateway read {@code tls.crt} and {@code tls.key} so.
     */
    public static byte[] secretBytes(io.fabric8.kubernetes.api.model.Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            try {
                return java.util.Base64.getMimeDecoder().decode(secret.getData().get(key));
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    /**
     * Reads the first certificate of a PEM (or DER) {@code tls.crt}. Empty when it is not a certificate: ingress-nginx
     * then serves the fake certificate.
     */
    public static Optional<TlsCertificate> parse(byte[] tlsCrt, ObjectRef secret) {
        if (tlsCrt == null || tlsCrt.length == 0) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(tlsCrt));
            List<String> sans = dnsNames(cert);
            String subject = curlName(cert.getSubjectX500Principal());
            String issuer = curlName(cert.getIssuerX500Principal());
            boolean selfSigned = cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
            return Optional.of(new TlsCertificate(subject, issuer, sans, commonName(cert.getSubjectX500Principal()),
                    selfSigned, false, secret, List.of()));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> dnsNames(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
        List<String> names = new ArrayList<>();
        if (alternatives != null) {
            for (List<?> entry : alternatives) {
                if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0))) {  // GeneralName dNSName
                    names.add(String.valueOf(entry.get(1)));
                }
            }
        }
        return names;
    }

    private static final Map<String, String> KEYWORDS = Map.of("1.2.840.113549.1.9.1", "emailAddress");

    /** {@code C=US; O=Let's Encrypt; CN=R3}: most significant name first, as curl prints with OpenSSL. */
    static String curlName(X500Principal principal) {
        List<String> parts = new ArrayList<>();
        for (Rdn rdn : rdns(principal)) {
            parts.add(rdn.getType() + "=" + rdn.getValue());
        }
        return String.join("; ", parts);
    }

    private static String commonName(X500Principal principal) {
        String cn = "";
        for (Rdn rdn : rdns(principal)) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                cn = String.valueOf(rdn.getValue());
            }
        }
        return cn;
    }

    /** The relative names, most significant first (LdapName keeps the rightmost RFC 2253 name at index 0). */
    private static List<Rdn> rdns(X500Principal principal) {
        try {
            return new LdapName(principal.getName(X500Principal.RFC2253, KEYWORDS)).getRdns();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }
}
