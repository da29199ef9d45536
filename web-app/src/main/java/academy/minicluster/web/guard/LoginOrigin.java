package academy.minicluster.web.guard;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Protects the login form against login CSRF: another site must not be able to post {@code /j_security_check} from
 * a visitor's browser and so sign them in to an account the attacker controls (whatever they then type, a lab's
 * YAML, lands in the attacker's account). quarkus-rest-csrf's tokens cover the JAX-RS forms, not the form-login
 * mechanism, which reads the post before any resource runs; the session cookie's SameSite attribute does not help
 * either, because the attack needs no cookie, it sets one.
 *
 * <p>The check is the browser's own statement of where a post comes from: every current browser sends
 * {@code Origin} on a form POST (and {@code Referer} unless a policy strips it). A login post is refused with 403
 * when its {@code Origin}, or when absent its {@code Referer}, names another host than the one it was sent to, or is
 * {@code null} (an opaque origin: a sandboxed frame or a stripped referrer). A post with neither header is not from
 * a browser (curl, a test, a load generator) and cannot be forged cross-site, so it is let through. Host and port are
 * compared, not the scheme, so the check holds behind a proxy that ends TLS; a proxy that passes the public host as
 * {@code X-Forwarded-Host} instead of {@code Host} is followed too (a cross-site form cannot set that header, so
 * trusting it costs nothing here).
 */
@ApplicationScoped
public class LoginOrigin {

    /** Where form login posts. */
    public static final String LOGIN_POST = "/j_security_check";

    static final String REFUSED = GuardPage.of("Sign-in refused", "This sign-in did not come from Minicluster"
            + " Academy's own sign-in page, so it was refused.", "<a href=\"/login\">Sign in here</a> instead.");

    void install(@Observes Router router) {
        router.route(LOGIN_POST).order(BodyLimit.ORDER + 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST || fromThisSite(request)) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=UTF-8").end(REFUSED);
    }

    /**
     * Whether the browser says {@code request} comes from this site's own pages: its {@code Origin} (else its
     * {@code Referer}) names the host it was sent to ({@code Host}, or the proxy's {@code X-Forwarded-Host}), or it
     * has neither header (not a browser). Also {@link CrossSiteGuard}'s test.
     */
    static boolean fromThisSite(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        String referer = request.getHeader("Referer");
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        return sameSite(origin, referer, request.getHeader("Host"))
                || forwardedHost != null && sameSite(origin, referer, forwardedHost.split(",")[0]);
    }

    /**
     * Whether a login post with these headers may go on: {@code origin} (else {@code referer}) names {@code host}, or
     * neither is there. Host names are compared; ports too when both say one (a proxy's {@code Host} often leaves
     * out the default port that the browser's {@code Origin} implies).
     */
    static boolean sameSite(String origin, String referer, String host) {
        String claimed = origin != null ? origin : referer;
        if (claimed == null) {
            return true;
        }
        Optional<Authority> from = Authority.of(claimed);
        Optional<Authority> to = host == null ? Optional.empty() : Authority.of("http://" + host.strip());
        return from.isPresent() && to.isPresent() && from.get().sameAs(to.get());
    }

    /** The host and port (-1 when not written) of a URL. */
    record Authority(String host, int port) {
        static Optional<Authority> of(String url) {
            try {
                URI uri = new URI(url.strip());
                return uri.getHost() == null ? Optional.empty()
                        : Optional.of(new Authority(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort()));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        boolean sameAs(Authority other) {
            return host.equals(other.host) && (port == -1 || other.port == -1 || port == other.port);
        }
    }
}
