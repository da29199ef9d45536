package academy.minicluster.net.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP/1.1 response as a server sends it.
 *
 * @param status  the status code
 * @param reason  the reason phrase ({@code OK}, {@code Not Found})
 * @param headers header names as sent, in order
 * @param body    the body text
 */
public record HttpResponse(int status, String reason, Map<String, String> headers, String body) {

    public HttpResponse {
        Objects.requireNonNull(reason, "reason");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** The standard reason phrase of the status codes the simulated servers answer. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 421 -> "Misdirected Request";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** A response with the standard reason phrase. */
    public static HttpResponse of(int status, Map<String, String> headers, String body) {
        return new HttpResponse(status, reasonPhrase(status), headers, body);
    }
}
