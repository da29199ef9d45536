package academy.minicluster.net.dataplane.ingress;

import java.util.Locale;

/**
 * The host of one Ingress rule ({@code spec.rules[].host}), answering whether a request's Host header is for it.
 *
 * <ul>
 *   <li>A precise host matches a Host header equal to it (case-insensitively, as DNS names compare).
 *   <li>A wildcard host {@code *.foo.com} matches a Host whose first label is one non-empty label and whose rest is
 *       {@code foo.com}: {@code bar.foo.com}, but neither {@code baz.bar.foo.com} nor {@code foo.com}
 *       ({@code ingress.md}, "Hostname wildcards"; ingress-nginx writes it as
 *       {@code server_name ~^(?<subdomain>[\w-]+)\.foo\.com$}).
 *   <li>An empty host ({@link #ANY}) matches every Host: ingress-nginx puts such rules in its catch-all server.
 * </ul>
 * The Host header is compared without its port and without a trailing dot, as nginx does.
 *
 * @param host the rule's host, lower-cased; empty for a rule without host
 */
public record HostRule(String host) {

    /** A rule without host: it matches every request that no rule with a host takes first. */
    public static final HostRule ANY = new HostRule("");

    public HostRule {
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    public static HostRule of(String host) {
        return new HostRule(host);
    }

    public boolean isAny() {
        return host.isEmpty();
    }

    public boolean isWildcard() {
        return host.startsWith("*.");
    }

    /** Whether a request with this Host header (port and trailing dot allowed) is for this rule. */
    public boolean matches(String hostHeader) {
        if (isAny()) {
            return true;
        }
        String requested = normalize(hostHeader);
        if (isWildcard()) {
            String suffix = host.substring(1);  // ".foo.com"
            if (!requested.endsWith(suffix)) {
                return false;
            }
            String first = requested.substring(0, requested.length() - suffix.length());
            return !first.isEmpty() && first.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        }
        return requested.equals(host);
    }

    /**
     * A Host header as nginx compares it with server names: lower-cased, without port, without trailing dot.
     * An IPv6 literal keeps its brackets.
     */
    public static String normalize(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon && (h.startsWith("[") || h.indexOf(':') == colon)) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** {@code web.example.com}, {@code *.example.com}, or {@code *} for a rule without host. */
    @Override
    public String toString() {
        return isAny() ? "*" : host;
    }
}
