package academy.minicluster.web.errors;

import academy.minicluster.web.api.ApiError;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * A request that fails outside the resources, where {@link ErrorPages}' mappers do not reach: a Vert.x route that
 * throws, a failure before the request reaches its resource, a status a handler fails the request with (405, 413,
 * 415, ...). Quarkus would answer with its own bare page; here a browser gets the platform's error page for that
 * status (rerouted to {@link ErrorPagesResource}, so that it has the layout, the reader and the CSRF token) and an
 * API client its JSON error. A failure of ours (500) is logged with the request id, which the page shows, and its
 * words are never sent.
 *
 * <p>Sign-in (401, the form login's redirect) and worker-pool exhaustion (503) stay Quarkus' to answer: they are
 * handed on. A signed-in reader refused by Quarkus' HTTP security gets the 403 page.
 */
@ApplicationScoped
public class FailedRequests {

    private static final Logger LOG = Logger.getLogger(FailedRequests.class);

    /** Where the error page of a failed request is rendered. */
    static final String FAILED_PAGE = "/errors/failed";
    /** The failed request's status, kept across the reroute. */
    static final String STATUS = FailedRequests.class.getName() + ".status";
    /** The failed request's path and method, kept across the reroute. */
    static final String PATH = FailedRequests.class.getName() + ".path";
    static final String METHOD = FailedRequests.class.getName() + ".method";
    /** What the refusing handler said, or "" (the page then says what the status means). */
    static final String REASON = FailedRequests.class.getName() + ".reason";
    /** The {@code Allow} header of a 405, kept across the reroute (which clears the response's headers). */
    static final String ALLOW = FailedRequests.class.getName() + ".allow";

    /** Before Quarkus' own failure handler (the last route), after everything that may fail a request. */
    static final int ORDER = Integer.MIN_VALUE + 100;

    void install(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::failed);
    }

    private void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (rc.response().headWritten() || rc.get(STATUS) != null || quarkusAnswers(failure)) {
            // Already answered, the error page itself failing (no loop: Quarkus answers), or sign-in's business.
            rc.next();
            return;
        }
        int status = failure instanceof ForbiddenException ? 403 : rc.statusCode() > 0 ? rc.statusCode()
                : failure instanceof HttpException http ? http.getStatusCode() : 500;
        if (status >= 500) {
            Object requestId = rc.get("requestId");
            LOG.errorf(failure, "%s %s failed (%d), request %s", rc.request().method().name(), rc.request().path(),
                    status, requestId == null ? "" : requestId);
        }
        show(rc, status, "");
    }

    /**
     * Answers {@code rc} with the error page of {@code status} (a browser) or its JSON error (the API, a client that
     * asks for JSON). For handlers that refuse a request before any resource, as this handler does for failures.
     */
    public static void show(RoutingContext rc, int status, String reason) {
        if (ErrorPages.wantsJson(rc)) {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(UnmatchedRequests.json(new ApiError(status, reasonPhrase(status),
                            ErrorPages.apiMessage(status, rc.request().method().name(), rc.request().path(),
                                    status >= 500 ? ErrorPages.requestId(rc) : reason))));
            return;
        }
        rc.put(STATUS, status);
        rc.put(REASON, reason);
        rc.put(PATH, rc.request().path());
        rc.put(METHOD, rc.request().method().name());
        String allow = rc.response().headers().get("Allow");
        if (allow != null) {
            rc.put(ALLOW, allow);
        }
        if (rc.request().isEnded()) {
            // The body is read (a refused one drained to its end): the page's GET has none. Nothing may see the
            // refused body's headers again: a length over the limit refused once more, a form type read (and waited
            // for) again.
            rc.request().headers().remove("Content-Length").remove("Transfer-Encoding").remove("Content-Type");
        }
        rc.reroute(HttpMethod.GET, FAILED_PAGE);
    }

    /** Whether {@code rc} is a failed request rerouted to its error page ({@link #show}). */
    public static boolean rerouted(RoutingContext rc) {
        return rc.get(STATUS) != null;
    }

    /**
     * Sign-in (an anonymous request that needs an account: form login's redirect, the API's 401) and worker-pool
     * exhaustion are Quarkus' to answer. A refusal of a signed-in reader by Quarkus' HTTP security
     * ({@code quarkus.http.auth.permission}, {@code HttpSecurity} path policies: a {@link ForbiddenException} on the
     * routing context) is not: it gets the 403 page.
     */
    private static boolean quarkusAnswers(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof RejectedExecutionException;
    }

    static String reasonPhrase(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
