package academy.minicluster.net.dataplane.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code nginx.ingress.kubernetes.io/*} annotations that decide routing, read once per Ingress when the routing
 * table is compiled (ingress-nginx's {@code annotations/rewrite} and {@code annotations/portinredirect} parsers),
 * never again per request.
 *
 * <p>Booleans are read with Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE
 * false False}; any other value is invalid and ingress-nginx falls back to the default, as it does for a missing one.
 *
 * @param rewriteTarget         {@code rewrite-target}, taken apart into text and captures; empty when not set
 * @param useRegex              {@code use-regex} (default false)
 * @param sslRedirect           {@code ssl-redirect} (default true, the ConfigMap's {@code ssl-redirect})
 * @param forceSslRedirect      {@code force-ssl-redirect} (default false)
 * @param preserveTrailingSlash {@code preserve-trailing-slash} (default false): whether the HTTPS redirect keeps a
 *                              trailing {@code /} of the request URI
 * @param usePortInRedirects    {@code use-port-in-redirects} (default false): whether the HTTPS redirect names port 443
 */
public record IngressAnnotations(RewriteTarget rewriteTarget, boolean useRegex, boolean sslRedirect, boolean forceSslRedirect,
                                 boolean preserveTrailingSlash, boolean usePortInRedirects) {

    public static final String PREFIX = "nginx.ingress.kubernetes.io/";
    public static final String USE_REGEX = PREFIX + "use-regex";
    public static final String REWRITE_TARGET = PREFIX + "rewrite-target";
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    public static final String FORCE_SSL_REDIRECT = PREFIX + "force-ssl-redirect";
    public static final String PRESERVE_TRAILING_SLASH = PREFIX + "preserve-trailing-slash";
    public static final String USE_PORT_IN_REDIRECTS = PREFIX + "use-port-in-redirects";

    /** An Ingress without annotations: ingress-nginx's defaults. */
    public static final IngressAnnotations DEFAULTS = new IngressAnnotations(RewriteTarget.NONE, false, true, false, false, false);

    /**
     * The catch-all server's own default location: ingress-nginx gives it a zero {@code rewrite.Config} (no rewrite,
     * no redirect of either kind), even when a rule-less Ingress's defaultBackend serves it.
     */
    public static final IngressAnnotations NONE = new IngressAnnotations(RewriteTarget.NONE, false, false, false, false, false);

    public IngressAnnotations {
        rewriteTarget = rewriteTarget == null ? RewriteTarget.NONE : rewriteTarget;
    }

    /** The annotations of {@code ingress}, parsed as ingress-nginx parses them. */
    public static IngressAnnotations of(Ingress ingress) {
        Map<String, String> a = ingress.getMetadata().getAnnotations();
        if (a == null || a.isEmpty()) {
            return DEFAULTS;
        }
        return new IngressAnnotations(RewriteTarget.parse(a.get(REWRITE_TARGET)),
                bool(a.get(USE_REGEX)).orElse(false),
                bool(a.get(SSL_REDIRECT)).orElse(true),
                bool(a.get(FORCE_SSL_REDIRECT)).orElse(false),
                bool(a.get(PRESERVE_TRAILING_SLASH)).orElse(false),
                bool(a.get(USE_PORT_IN_REDIRECTS)).orElse(false));
    }

    /**
     * Whether a location with this path rewrites: ingress-nginx's {@code needsRewrite}, a target that is set and
     * differs from the path.
     */
    public boolean rewrites(String path) {
        return !rewriteTarget.isEmpty() && !rewriteTarget.text().equals(path);
    }

    /** Go's {@code strconv.ParseBool}; empty when the value is missing or invalid. */
    static Optional<Boolean> bool(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
