package academy.minicluster.net.dataplane.gateway;

import academy.minicluster.net.dataplane.ingress.IngressPath;
import academy.minicluster.net.wire.HttpRequest;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTPRoute filters Envoy applies ({@code apis/v1/httproute_types.go}, {@code HTTPRouteFilter}):
 * {@code RequestHeaderModifier} (set replaces, add appends to an existing value with a comma, remove deletes; names
 * are case-insensitive), {@code URLRewrite} (hostname, and the path replaced whole or by prefix),
 * {@code RequestRedirect} (scheme, hostname, port, path, status code; the port left out of {@code Location} when it
 * is the scheme's well-known one) and {@code ResponseHeaderModifier}. {@code RequestMirror}, {@code CORS} and
 * {@code ExtensionRef} are accepted and not simulated.
 */
public final class GatewayFilters {

    private GatewayFilters() {
    }

    /** The request after a rule's filters, or the redirect they asked for. */
    public record Outcome(HttpRequest request, String redirect, int redirectStatus, List<String> applied) {

        /** {@code ; RequestHeaderModifier, URLRewrite path /foo}: for the trace, empty when no filter applied. */
        public String describe() {
            return applied.isEmpty() ? "" : " (filters: " + String.join(", ", applied) + ")";
        }
    }

    /** How the request reached the Gateway: its listener's scheme and port, which a redirect keeps unless it sets them. */
    public record Entry(String scheme, int port) {
    }

    public static Outcome apply(List<HTTPRouteFilter> filters, HTTPRouteMatch match, HttpRequest request, Entry entry) {
        HttpRequest current = request;
        List<String> applied = new ArrayList<>();
        for (HTTPRouteFilter f : GatewayRouter.list(filters)) {
            switch (Objects.requireNonNullElse(f.getType(), "")) {
                case "RequestHeaderModifier" -> {
                    current = modifyRequest(f.getRequestHeaderModifier(), current);
                    applied.add("RequestHeaderModifier");
                }
                case "URLRewrite" -> {
                    current = rewrite(f.getUrlRewrite(), match, current);
                    applied.add("URLRewrite to " + current.target());
                }
                case "RequestRedirect" -> {
                    HTTPRequestRedirectFilter r = f.getRequestRedirect();
                    return new Outcome(current, location(r, match, current, entry),
                            Objects.requireNonNullElse(r.getStatusCode(), 302), applied);
                }
                default -> {
                    // RequestMirror, CORS, ExtensionRef, ExternalAuth: not simulated.
                }
            }
        }
        return new Outcome(current, null, 0, applied);
    }

    /** A backendRef's own RequestHeaderModifier (and URLRewrite), applied after the rule's. */
    public static HttpRequest backendRequest(HTTPBackendRef ref, HttpRequest request) {
        HttpRequest current = request;
        for (HTTPRouteFilter f : GatewayRouter.list(ref.getFilters())) {
            if ("RequestHeaderModifier".equals(f.getType())) {
                current = modifyRequest(f.getRequestHeaderModifier(), current);
            }
        }
        return current;
    }

    /** The response headers after the rule's and the backendRef's ResponseHeaderModifiers (names lower case). */
    public static Map<String, String> responseHeaders(List<HTTPRouteFilter> filters, HTTPBackendRef ref,
                                                      Map<String, String> headers) {
        Map<String, String> current = headers;
        List<HTTPRouteFilter> all = new ArrayList<>(GatewayRouter.list(filters));
        all.addAll(GatewayRouter.list(ref.getFilters()));
        for (HTTPRouteFilter f : all) {
            if ("ResponseHeaderModifier".equals(f.getType()) && f.getResponseHeaderModifier() != null) {
                current = modify(f.getResponseHeaderModifier(), current, true);
            }
        }
        return current;
    }

    private static HttpRequest modifyRequest(HTTPHeaderFilter filter, HttpRequest request) {
        if (filter == null) {
            return request;
        }
        return new HttpRequest(request.method(), request.target(), modify(filter, request.headers(), false),
                request.body());
    }

    private static Map<String, String> modify(HTTPHeaderFilter filter, Map<String, String> headers, boolean lowerCase) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        for (HTTPHeader h : GatewayRouter.list(filter.getSet())) {
            String key = existingKey(out, h.getName());
            out.remove(key);
            out.put(lowerCase ? h.getName().toLowerCase(Locale.ROOT) : h.getName(), h.getValue());
        }
        for (HTTPHeader h : GatewayRouter.list(filter.getAdd())) {
            String key = existingKey(out, h.getName());
            if (out.containsKey(key)) {
                out.put(key, out.get(key) + "," + h.getValue());
            } else {
                out.put(lowerCase ? h.getName().toLowerCase(Locale.ROOT) : h.getName(), h.getValue());
            }
        }
        for (String name : GatewayRouter.list(filter.getRemove())) {
            out.remove(existingKey(out, name));
        }
        return out;
    }

    private static String existingKey(Map<String, String> headers, String name) {
        for (String k : headers.keySet()) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return name;
    }

    private static HttpRequest rewrite(HTTPURLRewriteFilter filter, HTTPRouteMatch match, HttpRequest request) {
        HttpRequest current = request;
        if (filter.getHostname() != null) {
            Map<String, String> headers = new LinkedHashMap<>(current.headers());
            headers.remove(existingKey(headers, "Host"));
            Map<String, String> withHost = new LinkedHashMap<>();
            withHost.put("Host", filter.getHostname());
            withHost.putAll(headers);
            current = new HttpRequest(current.method(), current.target(), withHost, current.body());
        }
        if (filter.getPath() != null) {
            String query = current.query().isEmpty() ? "" : "?" + current.query();
            current = current.withTarget(newPath(filter.getPath(), match, current.path()) + query);
        }
        return current;
    }

    /** {@code ReplaceFullPath}, or {@code ReplacePrefixMatch} of the matched PathPrefix (element-wise). */
    static String newPath(HTTPPathModifier modifier, HTTPRouteMatch match, String path) {
        if ("ReplaceFullPath".equals(modifier.getType())) {
            return Objects.requireNonNullElse(modifier.getReplaceFullPath(), "/");
        }
        String prefix = match == null || match.getPath() == null ? "/"
                : Objects.requireNonNullElse(match.getPath().getValue(), "/");
        String replacement = Objects.requireNonNullElse(modifier.getReplacePrefixMatch(), "/");
        String trimmedPrefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String rest = IngressPath.prefix(prefix).matches(path) && path.startsWith(trimmedPrefix)
                ? path.substring(trimmedPrefix.length()) : path;
        if (replacement.endsWith("/") && rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (!replacement.endsWith("/") && !rest.isEmpty() && !rest.startsWith("/")) {
            rest = "/" + rest;
        }
        String result = replacement + rest;
        return result.isEmpty() ? "/" : result;
    }

    /** The {@code Location} of a RequestRedirect. */
    static String location(HTTPRequestRedirectFilter r, HTTPRouteMatch match, HttpRequest request, Entry entry) {
        String scheme = entry.scheme();
        int listenerPort = entry.port();
        String newScheme = r.getScheme() != null ? r.getScheme() : scheme;
        String host = r.getHostname() != null ? r.getHostname() : request.hostWithoutPort();
        int port;
        if (r.getPort() != null) {
            port = r.getPort();
        } else if (r.getScheme() != null) {
            port = "https".equals(r.getScheme()) ? 443 : 80;
        } else {
            port = listenerPort;
        }
        boolean wellKnown = ("http".equals(newScheme) && port == 80) || ("https".equals(newScheme) && port == 443);
        String path = r.getPath() == null ? request.path() : newPath(r.getPath(), match, request.path());
        String query = request.query().isEmpty() ? "" : "?" + request.query();
        return newScheme + "://" + host + (wellKnown ? "" : ":" + port) + path + query;
    }
}
