package academy.minicluster.web.guard;

import academy.minicluster.web.accounts.PasswordIdentityProvider;
import academy.minicluster.web.accounts.SignInReason;
import academy.minicluster.web.accounts.SignInThrottle;
import academy.minicluster.web.accounts.WebSessions;
import academy.minicluster.web.api.ApiError;
import academy.minicluster.web.operations.DatabaseUnavailable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.UnauthorizedExceptionMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How a request that is not (or no longer) signed in is answered. Pages keep form login's answer, a redirect to
 * {@code /login}; the JSON API ({@code /api/**}) answers {@code 401} with a JSON {@link ApiError} instead, which a
 * script can read (a 302 to an HTML page is of no use to it). A sign-in refused by the throttle gets {@code 429} with
 * {@code Retry-After}. A request with a session cookie that no longer counts (signed out, expired) is told to drop
 * it. A request a page's script sends (htmx, the draft's fetch) gets a {@code 401} it can show in place
 * ({@link #SIGNED_OUT_PAGE}).
 */
@ApplicationScoped
public class AuthenticationAnswers {

    static final String API_MESSAGE = "authentication required: sign in (POST /j_security_check with j_username and "
            + "j_password) and send the session cookies it sets with each request";

    /**
     * What a page's script (htmx's console command, apply or check; the editor's draft) gets when its session has
     * ended. Form login's redirect would be followed inside the request and the login page swapped into the console
     * as a fragment; a redirect of the whole page (HX-Redirect) would throw away what the learner typed since the
     * draft was last kept. So the answer is a 401 whose alert app.js shows where the answer would have gone, and the
     * page stays.
     */
    static final String SIGNED_OUT_PAGE = GuardPage.of("Signed out", "Your session has ended, so nothing was done."
            + " Sign in again at /login in another tab, then come back and try again: what you typed on this page is"
            + " still here.", "<a href=\"/login\" target=\"_blank\">Sign in</a>");

    private final String loginCookie;
    private final String unauthorizedJson;

    AuthenticationAnswers(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name",
            defaultValue = "quarkus-credential") String loginCookie) {
        this.loginCookie = loginCookie;
        try {
            this.unauthorizedJson = new ObjectMapper().writeValueAsString(
                    new ApiError(401, "Unauthorized", API_MESSAGE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(SecurityHeaders.ORDER + 1).failureHandler(this::failed);
    }

    /** Authentication failures that happen before any resource runs (a bad session cookie, a refused sign-in). */
    private void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure == null || DatabaseUnavailable.causedBy(failure) || rc.response().ended()) {
            rc.next();
            return;
        }
        AuthenticationFailedException refused = find(failure, AuthenticationFailedException.class);
        SignInThrottle.Throttled throttled = refused == null ? null
                : refused.getAttribute(PasswordIdentityProvider.THROTTLED);
        if (throttled != null) {
            long seconds = throttled.retryAfterSeconds();
            long minutes = (seconds + 59) / 60;
            rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(seconds))
                    .putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end(GuardPage.of("Too many sign-in attempts", "Too many sign-ins failed for this username or"
                            + " from this address. Try again in " + minutes + " minute" + (minutes == 1 ? "" : "s")
                            + ".", "<a href=\"/login\">Back to sign-in</a>"));
            return;
        }
        if (refused == null) {
            rc.next();
            return;
        }
        if (!LoginOrigin.LOGIN_POST.equals(rc.request().path()) && rc.request().getCookie(loginCookie) != null) {
            // The cookies sign nobody in any more: the browser should stop sending them.
            rc.response().addCookie(Cookie.cookie(loginCookie, "").setPath("/").setMaxAge(0));
            rc.response().addCookie(Cookie.cookie(WebSessions.COOKIE, "").setPath("/").setMaxAge(0));
        }
        if (isApi(rc)) {
            rc.response().setStatusCode(401).putHeader("Content-Type", "application/json").end(unauthorizedJson);
            return;
        }
        if (fromPageScript(rc)) {
            signedOut(rc);
            return;
        }
        rc.next();
    }

    /**
     * An anonymous call to a resource that needs a role: 401 JSON on the API, 401 in place for htmx, form login's
     * redirect elsewhere.
     */
    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext rc) {
        if (isApi(rc)) {
            return Uni.createFrom().item(ApiError.response(Response.Status.UNAUTHORIZED, API_MESSAGE));
        }
        if (fromPageScript(rc)) {
            keepPageToReturnTo(rc);
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED).type("text/html;charset=UTF-8")
                    .header("Cache-Control", "no-store").entity(SIGNED_OUT_PAGE).build());
        }
        return new UnauthorizedExceptionMapper().handle(rc);
    }

    /**
     * A request a page's script sent (htmx, or a {@code fetch} such as the editor's draft): the answer is shown
     * within that page, so a redirect to the login page would be read as the answer. Browsers mark such requests
     * {@code Sec-Fetch-Mode: same-origin} or {@code cors} (a page load is {@code navigate}); htmx also says so itself.
     */
    static boolean fromPageScript(RoutingContext rc) {
        String mode = rc.request().getHeader("Sec-Fetch-Mode");
        return "true".equals(rc.request().getHeader("HX-Request")) || "same-origin".equals(mode)
                || "cors".equals(mode);
    }

    /** Answers a page script's request whose session has ended ({@link #SIGNED_OUT_PAGE}). */
    private static void signedOut(RoutingContext rc) {
        keepPageToReturnTo(rc);
        rc.response().setStatusCode(401).putHeader("Content-Type", "text/html; charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(SIGNED_OUT_PAGE);
    }

    /**
     * The page an htmx request came from (its {@code HX-Current-URL}), to return to after signing in, as form login
     * keeps a page asked for in {@link SignInReason#REDIRECT_COOKIE}: the request's own address is a POST's, which a
     * browser cannot open. Only a page of this site (form login checks that too when it sends the browser back), and
     * only an address a cookie can carry as it is.
     */
    private static void keepPageToReturnTo(RoutingContext rc) {
        String page = rc.request().getHeader("HX-Current-URL");
        if (page == null || !COOKIE_VALUE.matcher(page).matches()) {
            return;
        }
        URI request = URI.create(rc.request().absoluteURI());
        if (page.startsWith(request.getScheme() + "://" + request.getRawAuthority() + "/")) {
            // Vert.x's cookie, as form login writes it (a JAX-RS cookie would put the address in quotes).
            rc.response().addCookie(Cookie.cookie(SignInReason.REDIRECT_COOKIE, page).setPath("/")
                    .setSameSite(CookieSameSite.LAX).setHttpOnly(true));
        }
    }

    /** RFC 6265's cookie-octets, at most 2,000 of them. */
    private static final Pattern COOKIE_VALUE =
            Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{1,2000}");

    static boolean isApi(RoutingContext rc) {
        return rc.request().path().startsWith("/api/");
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
