package academy.minicluster.web.guard;

import academy.minicluster.web.errors.FailedRequests;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Refuses a request whose address (its request line) or headers are over the platform's limits with 414 or 431 in
 * words: the error page for a browser, a JSON error for the API. Vert.x refuses a request head over
 * {@code quarkus.http.limits.max-initial-line-length} or {@code max-header-size} itself, while decoding it, before any
 * route runs, with an empty answer and the connection closed; no option or hook of Quarkus or Vert.x changes that
 * answer ({@code HttpServerOptionsCustomizer} sets the same two numbers, nothing more). So the platform's limits are
 * these ({@link #MAX_REQUEST_LINE}, {@link #MAX_HEADERS}: what Vert.x enforced before), and Vert.x's are set a few
 * times higher (application.properties) as the last guard, for heads no browser sends.
 */
@ApplicationScoped
public class RequestHeadLimits {

    /** The longest request line read ("GET /path?query HTTP/1.1"): Quarkus' own default. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** The most bytes of header lines read (names, values, ": " and line ends): Quarkus' own default, 20 KiB. */
    public static final int MAX_HEADERS = 20 * 1024;
    /** After request tracing (-1000, so a refusal carries its request id), before the body and sign-in. */
    static final int ORDER = -900;

    /** The length of "HTTP/1.1" and the two spaces of a request line. */
    private static final int REQUEST_LINE_FRAME = " HTTP/1.1".length() + 1;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (FailedRequests.rerouted(rc)) {
            // The error page of this very request: its head is the refused one.
            rc.next();
            return;
        }
        int requestLine = request.method().name().length() + request.uri().length() + REQUEST_LINE_FRAME;
        if (requestLine > MAX_REQUEST_LINE) {
            FailedRequests.show(rc, 414, "The address is " + requestLine + " characters long; the platform reads "
                    + "addresses of up to " + MAX_REQUEST_LINE);
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        if (headers > MAX_HEADERS) {
            FailedRequests.show(rc, 431, "The request's headers, its cookies among them, come to " + headers
                    + " bytes; the platform reads up to " + MAX_HEADERS);
            return;
        }
        rc.next();
    }
}
