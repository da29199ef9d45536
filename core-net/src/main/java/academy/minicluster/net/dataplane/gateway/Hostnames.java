package academy.minicluster.net.dataplane.gateway;

import java.util.Optional;

/**
 * Gateway API hostnames ({@code apis/v1/shared_types.go} {@code Hostname}, {@code Listener.hostname},
 * {@code HTTPRouteSpec.hostnames}): a wildcard {@code *.example.com} matches <em>any number</em> of labels in front
 * ({@code foo.bar.example.com} matches, {@code example.com} does not) — unlike Ingress, whose wildcard covers exactly
 * one label. A missing hostname matches every host.
 */
final class Hostnames {

    private Hostnames() {
    }

    /** Whether a request's host (port removed, lower case) is covered by {@code pattern} (null: any host). */
    static boolean matches(String pattern, String host) {
        if (pattern == null || pattern.isEmpty()) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);   // ".example.com"
            return host.endsWith(suffix) && host.length() > suffix.length();
        }
        return pattern.equals(host);
    }

    /**
     * The hostnames a route gets on a listener: the intersection of the listener's hostname and the route's
     * ({@code HTTPRouteSpec.hostnames}: "the more specific of the two"), empty when they do not intersect.
     * A missing side matches anything: the result is the other side (empty when both are missing: every host).
     */
    static Optional<String> intersection(String listener, String route) {
        if (listener == null || listener.isEmpty()) {
            return Optional.of(route == null ? "" : route);
        }
        if (route == null || route.isEmpty() || route.equals(listener)) {
            return Optional.of(listener);
        }
        boolean listenerWild = listener.startsWith("*.");
        boolean routeWild = route.startsWith("*.");
        if (!routeWild && listenerWild) {
            return matches(listener, route) ? Optional.of(route) : Optional.empty();
        }
        if (routeWild && !listenerWild) {
            return matches(route, listener) ? Optional.of(listener) : Optional.empty();
        }
        if (routeWild) {
            // Both wildcards: the longer one, if it lies within the other.
            String l = listener.substring(1);
            String r = route.substring(1);
            if (r.endsWith(l)) {
                return Optional.of(route);
            }
            if (l.endsWith(r)) {
                return Optional.of(listener);
            }
        }
        return Optional.empty();
    }

    /**
     * How specific a hostname is, for choosing among those that match a host: an exact name beats every wildcard,
     * a longer wildcard beats a shorter one, and no hostname at all comes last.
     */
    static int specificity(String hostname) {
        if (hostname == null || hostname.isEmpty()) {
            return 0;
        }
        return hostname.startsWith("*.") ? hostname.length() : 100_000 + hostname.length();
    }
}
