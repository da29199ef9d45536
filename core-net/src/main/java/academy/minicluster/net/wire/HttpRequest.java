package academy.minicluster.net.wire;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP/1.1 request as a server receives it.
 *
 * @param method  {@code GET}, {@code POST}, ...
 * @param target  the request target: path and query, e.g. {@code /echo?msg=hi}
 * @param headers header names as sent, in order (curl sends Host, User-Agent, Accept)
 * @param body    the request body, empty when none
 */
public record HttpRequest(String method, String target, Map<String, String> headers, String body) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    public static HttpRequest get(String target, String host) {
        return new HttpRequest("GET", target, Map.of("Host", host), "");
    }

    /** The path without the query string. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string without {@code ?}, or empty. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** A header's value, matched case-insensitively as HTTP requires; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            // Header names are ASCII (RFC 9110 tokens): equalsIgnoreCase is what HTTP means, without a lower-cased copy.
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The Host header without a port, lower-cased: what ingress-nginx matches rules against. */
    public String hostWithoutPort() {
        String host = header("Host");
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        String name = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
        return name.toLowerCase(Locale.ROOT);
    }

    public HttpRequest withTarget(String newTarget) {
        return new HttpRequest(method, newTarget, headers, body);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpRequest(method, target, copy, body);
    }
}
