package academy.minicluster.web.guard;

import academy.minicluster.web.api.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSRF for every request that changes something, whatever its content type. quarkus-rest-csrf checks the token of
 * a URL-encoded or multipart form (the hidden {@code csrf-token} field against the {@code csrf-token} cookie) and
 * of any request that carries the {@code X-CSRF-TOKEN} header; it lets every other content type through unchecked
 * ({@code require-form-url-encoded=false}, so that the JSON API works). A cross-site page can post
 * {@code text/plain} or no content type at all without a preflight, so this guard decides those, before any
 * resource runs. A {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} that carries the session cookie:
 *
 * <ol>
 *   <li>is refused (403) when the browser says it comes from another site: {@code Sec-Fetch-Site: cross-site} or
 *       {@code same-site}, or an {@code Origin} (else {@code Referer}) naming another host, or {@code null};</li>
 *   <li>goes on to quarkus-rest-csrf's token check when it is a form ({@code application/x-www-form-urlencoded},
 *       {@code multipart/form-data}) or carries {@code X-CSRF-TOKEN};</li>
 *   <li>goes on when it is {@code Content-Type: application/json} (or {@code +json}): a page of another origin
 *       cannot send that type without a CORS preflight, which this platform never grants, and rule 1 has already
 *       refused what a browser labels cross-site. Scripts signed in with a session cookie (the JSON API) need
 *       nothing more;</li>
 *   <li>is refused (403) otherwise: {@code text/plain}, no content type, anything else.</li>
 * </ol>
 *
 * <p>A request without the session cookie has no authority to borrow, so it is left to the resource (the API then
 * answers 401 or 415 in its own words). The sign-in post is {@link LoginOrigin}'s.
 */
@ApplicationScoped
public class CrossSiteGuard {

    /** After the body limit and the sign-in check, before authentication and the resources. */
    static final int ORDER = BodyLimit.ORDER + 10;

    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Set<String> FORMS = Set.of("application/x-www-form-urlencoded", "multipart/form-data");
    static final String TOKEN_HEADER = "X-CSRF-TOKEN";

    static final String MESSAGE = "cross-site request refused: a request that changes something must come from "
            + "this site's own pages with their CSRF token (the csrf-token form field or the X-CSRF-TOKEN header), "
            + "or be sent as Content-Type: application/json";

    private static final String PAGE = GuardPage.of("Request refused", "This request did not come from Minicluster"
            + " Academy's own pages, so nothing was changed.", "Go back to the page, reload it, and try again from"
            + " there.");

    private final String sessionCookie;
    private final String json;

    CrossSiteGuard(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
                   String sessionCookie) {
        this.sessionCookie = sessionCookie;
        try {
            this.json = new ObjectMapper().writeValueAsString(new ApiError(403, "Forbidden", MESSAGE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!UNSAFE.contains(request.method()) || LoginOrigin.LOGIN_POST.equals(request.path())
                || request.getCookie(sessionCookie) == null || decide(request) == Verdict.LET_THROUGH) {
            rc.next();
            return;
        }
        boolean api = request.path().startsWith("/api/") || !isHtmlAccepted(request.getHeader("Accept"));
        rc.response().setStatusCode(403)
                .putHeader("Content-Type", api ? "application/json" : "text/html; charset=UTF-8")
                .end(api ? json : PAGE);
    }

    /** What becomes of a state-changing request that carries the session cookie. */
    enum Verdict { LET_THROUGH, REFUSE }

    static Verdict decide(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")
                || !LoginOrigin.fromThisSite(request)) {
            return Verdict.REFUSE;
        }
        String type = mediaType(request.getHeader("Content-Type"));
        if (FORMS.contains(type) || request.getHeader(TOKEN_HEADER) != null || isJson(type)) {
            return Verdict.LET_THROUGH;
        }
        return Verdict.REFUSE;
    }

    /** {@code Application/JSON; charset=utf-8} as {@code application/json}; empty when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String type) {
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    private static boolean isHtmlAccepted(String accept) {
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }
}
