package academy.minicluster.web.guard;

import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The headers every response carries, whatever route answers it (pages, fragments, the API, static files, Quarkus'
 * own redirects and errors), written just before the response's headers go out:
 *
 * <ul>
 *   <li>{@code Content-Security-Policy} {@value #CSP}: scripts, styles, images, fonts and requests from this origin
 *       only, no inline script anywhere (the templates carry none), no plugins, no {@code <base>}, no framing, forms
 *       post only here. A script an author smuggled into a page would not run even if a renderer let it through.
 *       No inline style either, but for {@code <style>} elements carrying the request's random nonce: CodeMirror
 *       writes its styles into one, and reads the nonce from the layout's {@code <meta name="csp-nonce">}
 *       ({@link CspNonce}); htmx's own indicator style is turned off in app.js.</li>
 *   <li>{@code X-Frame-Options: DENY} (for browsers without {@code frame-ancestors}),
 *       {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin} (a lab's link to another site
 *       does not learn which lab page sent the learner), {@code Cross-Origin-Opener-Policy: same-origin}.</li>
 *   <li>{@code Secure} on every cookie set ({@link CookieSecurity}): always with
 *       {@code minicluster.cookies.secure=true}, and for a request that came over HTTPS (directly, or through a proxy that says so in
 *       {@code X-Forwarded-Proto} when {@code quarkus.http.proxy.proxy-address-forwarding} is on).</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before everything else: even a request refused early (413, 403) carries the headers. */
    static final int ORDER = -2000;

    /** The policy, with {@code %s} for the request's style nonce. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-%s'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /** Where a request's nonce is kept ({@link RoutingContext#get}): {@link CspNonce} gives it to the templates. */
    static final String NONCE = SecurityHeaders.class.getName() + ".nonce";

    /** Name and value of each fixed header, in the order written. */
    static final List<String[]> HEADERS = List.of(
            new String[] {"X-Frame-Options", "DENY"},
            new String[] {"X-Content-Type-Options", "nosniff"},
            new String[] {"Referrer-Policy", "same-origin"},
            new String[] {"Cross-Origin-Opener-Policy", "same-origin"});

    private final CookieSecurity cookies;
    private final SecureRandom random = new SecureRandom();

    SecurityHeaders(@ConfigProperty(name = "minicluster.cookies.secure", defaultValue = "false") boolean secure) {
        this.cookies = secure ? CookieSecurity.ALWAYS_SECURE : CookieSecurity.SECURE_OVER_HTTPS;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::add);
    }

    private void add(RoutingContext rc) {
        if (rc.get(NONCE) != null) {
            // Rerouted (errors.UnmatchedRequests): the headers are already on their way, with this nonce.
            rc.next();
            return;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        rc.put(NONCE, nonce);
        rc.addHeadersEndHandler(done -> {
            MultiMap headers = rc.response().headers();
            headers.set("Content-Security-Policy", policy(nonce));
            for (String[] header : HEADERS) {
                headers.set(header[0], header[1]);
            }
            if (cookies.secure(rc.request().isSSL())) {
                List<String> setCookies = headers.getAll("Set-Cookie");
                if (!setCookies.isEmpty()) {
                    headers.remove("Set-Cookie");
                    setCookies.forEach(c -> headers.add("Set-Cookie", withSecure(c)));
                }
                markSecure(rc);
            }
        });
        rc.next();
    }

    /** The policy of a response whose pages' style elements carry {@code nonce}. */
    public static String policy(String nonce) {
        return CSP.formatted(nonce);
    }

    /**
     * Cookies set with {@code addCookie} (Quarkus' form login and CSRF cookies among them) wait in the request's
     * cookie jar, which Vert.x writes as Set-Cookie headers only after the headers-end handlers: they are marked
     * Secure where they wait. Only the ones this response sends (changed), never the ones the browser sent.
     */
    private static void markSecure(RoutingContext rc) {
        for (Cookie cookie : rc.request().cookies()) {
            if (cookie instanceof ServerCookie sent && sent.isChanged() && !cookie.isSecure()) {
                cookie.setSecure(true);
            }
        }
    }

    /** {@code name=value; Path=/} with {@code ; Secure} added, unless it says Secure already. */
    static String withSecure(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            if (attribute.strip().toLowerCase(Locale.ROOT).equals("secure")) {
                return setCookie;
            }
        }
        return setCookie + "; Secure";
    }

    /** When a response's cookies are marked {@code Secure}. */
    public enum CookieSecurity {
        /** {@code minicluster.cookies.secure=true}: the platform is only ever reached over HTTPS. */
        ALWAYS_SECURE,
        /** The default: for requests that came over HTTPS (directly or, with proxy forwarding on, via the proxy). */
        SECURE_OVER_HTTPS;

        boolean secure(boolean https) {
            return this == ALWAYS_SECURE || https;
        }
    }
}
