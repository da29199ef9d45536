package academy.minicluster.web.guard;

import academy.minicluster.web.api.ApiError;
import academy.minicluster.web.errors.FailedRequests;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose body is over {@code quarkus.http.limits.max-body-size} with 413 and words saying so: a JSON
 * error on the API, a short page for a browser's form. Quarkus refuses such a request itself (from its
 * {@code Content-Length}, before the body is read) but with an empty body, which tells a script's author nothing.
 * This handler runs just before Quarkus' own and answers with the words added. It reads the refused body to its end
 * (keeping nothing) before answering, as nginx does: a browser that is still sending when the server closes the
 * connection shows a network error instead of the answer. A body declared over 16 MiB is not read: the answer goes
 * at once and the connection is closed, as Quarkus does.
 *
 * <p>A chunked request ({@code Transfer-Encoding: chunked}, no {@code Content-Length}) says its size only when it
 * ends, and Quarkus' readers cut it off past the limit with the same bare 413, from deep inside the read, where no
 * handler of ours can word it. So this handler reads such a body itself, counting: over the limit, the rest is read
 * and dropped as above and the worded 413 goes out; within it, the body is handed on whole ({@link #PRE_READ},
 * {@link RoutingContext#setBody}, a URL-encoded form's fields decoded into the request's form attributes, where
 * Vert.x puts them when it reads a form), and
 * {@link PreReadBody} gives it to the resource. The login post is left to Quarkus' form login, which reads the
 * request itself: its two fields are far from any limit.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own limit handler (order -2), after request tracing (-1000). */
    static final int ORDER = -500;
    /** A refused body up to this size is read (and dropped) before the answer; a bigger one is cut off. */
    static final long DRAIN_AT_MOST = 16L * 1024 * 1024;
    /** Where a chunked body read here is left for the resource ({@code byte[]}). */
    static final String PRE_READ = BodyLimit.class.getName() + ".body";

    private final long limit;
    private final String message;
    private final String json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                     MemorySize limit) {
        this.limit = limit.asLongValue();
        this.message = "request body too large: limit is " + readable(this.limit);
        try {
            this.json = new ObjectMapper().writeValueAsString(new ApiError(413, "Content Too Large", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    /** The message a refused request gets, e.g. "request body too large: limit is 1 MiB". */
    public String message() {
        return message;
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length == null && chunked(rc.request()) && !LoginOrigin.LOGIN_POST.equals(rc.request().path())) {
            readChunked(rc);
            return;
        }
        long declared = length == null ? -1 : declared(length);
        if (declared <= limit) {
            rc.next();
            return;
        }
        boolean api = api(rc);
        if (declared > DRAIN_AT_MOST) {
            answer(rc, api, true);
            return;
        }
        // Read the body to its end before answering: a browser still sending when the connection closes reports a
        // network error, not the answer. Nothing is kept; past DRAIN_AT_MOST the connection is closed after all.
        HttpServerRequest request = rc.request();
        if (request.isEnded()) {
            answer(rc, api, false);
            return;
        }
        long[] read = {0};
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > DRAIN_AT_MOST && !rc.response().ended()) {
                answer(rc, api, true);
            }
        });
        request.exceptionHandler(failure -> { });
        request.endHandler(done -> {
            if (!rc.response().ended()) {
                answer(rc, api, false);
            }
        });
        request.resume();
    }

    /**
     * Reads a chunked body to its end, keeping it while within the limit: within, it goes on to the routes; over,
     * the worded 413 (the rest read and dropped up to {@link #DRAIN_AT_MOST}, past which the connection is closed).
     */
    private void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.isEnded()) {
            rc.next();
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            // curl asks before it sends a chunked upload; without the go-ahead it waits a second, then sends anyway.
            rc.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        long[] read = {0};
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] <= limit) {
                body.appendBuffer(chunk);
            } else if (read[0] > DRAIN_AT_MOST && !rc.response().ended()) {
                answer(rc, api(rc), true);
            }
        });
        request.exceptionHandler(failure -> {
            if (!rc.response().ended()) {
                rc.fail(400, failure);
            }
        });
        request.endHandler(done -> {
            if (rc.response().ended() || rc.failed()) {
                return;
            }
            if (read[0] > limit) {
                answer(rc, api(rc), false);
                return;
            }
            byte[] bytes = body.getBytes();
            if (formUrlEncoded(request.getHeader("Content-Type"))) {
                // A form's fields, as Vert.x decodes them while reading a form: the resources' @RestForm and the
                // CSRF check read them from there.
                decodeForm(body.toString(StandardCharsets.UTF_8), request.formAttributes());
            }
            rc.setBody(body);
            rc.put(PRE_READ, bytes);
            rc.next();
        });
        request.resume();
    }

    private static boolean chunked(HttpServerRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean formUrlEncoded(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** {@code a=1&b=x+y} into {@code into}, decoded as UTF-8 ({@code +} a space), in order. */
    static void decodeForm(String body, MultiMap into) {
        QueryStringDecoder decoder = new QueryStringDecoder(body, StandardCharsets.UTF_8, false, 10_000);
        decoder.parameters().forEach((name, values) -> values.forEach(value -> into.add(name, value)));
    }

    private static boolean api(RoutingContext rc) {
        return rc.request().path().startsWith("/api/")
                || accepts(rc.request().getHeader("Accept"), "application/json");
    }

    private void answer(RoutingContext rc, boolean api, boolean close) {
        if (!api && !close) {
            // A browser, its body read to the end: the platform's 413 page, in the layout like every error page.
            FailedRequests.show(rc, 413, "What you sent is larger than the platform accepts: the "
                    + message.replace("request body too large: ", ""));
            return;
        }
        HttpServerResponse response = rc.response().setStatusCode(413)
                .putHeader("Content-Type", api ? "application/json" : "text/html; charset=UTF-8");
        if (close) {
            response.putHeader("Connection", "close");
            response.endHandler(done -> rc.request().connection().close());
        }
        response.end(api ? json : page());
    }

    /** The declared length, or 0 when it is not a number (Vert.x refuses such a request itself). */
    private static long declared(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean accepts(String accept, String type) {
        return accept != null && accept.contains(type) && !accept.contains("text/html");
    }

    private String page() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Too much to send · Minicluster Academy</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
                <body>
                <header><a href="/">Minicluster Academy</a></header>
                <main id="main">
                <h1>That was too much to send</h1>
                <p role="alert">What you sent is larger than the platform accepts: the %s. Nothing was saved.</p>
                <p>Go back, make it shorter (for a lab's YAML, split it into several applies), and send it again.</p>
                </main>
                </body>
                </html>
                """.formatted(message.replace("request body too large: ", ""));
    }

    /** 1048576 as "1 MiB", 2048 as "2 KiB", anything else in bytes. */
    static String readable(long bytes) {
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
