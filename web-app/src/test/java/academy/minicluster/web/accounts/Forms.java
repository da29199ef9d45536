package academy.minicluster.web.accounts;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Test helpers: a page's CSRF token (cookie and hidden field, as a browser has them), accounts, sign-in. */
public final class Forms {

    public static final String PASSWORD = "correct horse battery staple";

    /** The double-submit pair a form page hands out: the csrf-token cookie and the form's hidden field. */
    public record Csrf(String cookie, String field) {
    }

    private Forms() {
    }

    /** GETs {@code path} (with {@code session}'s cookies if any) and reads the CSRF token from its first form. */
    public static Csrf csrf(String path, Map<String, String> cookies) {
        Response page = given().cookies(cookies).redirects().follow(false).get(path);
        Document html = Jsoup.parse(page.asString());
        return new Csrf(page.getCookie("csrf-token"), html.select("input[name=csrf-token]").attr("value"));
    }

    /** A POST of a form from {@code page}, carrying its CSRF token and the given cookies. */
    public static RequestSpecification formPost(String page, Map<String, String> cookies) {
        Csrf csrf = csrf(page, cookies);
        return given().redirects().follow(false).cookies(cookies).cookie("csrf-token", csrf.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.field());
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers {@code username} (committed), unless it exists. */
    public static void ensureAccount(String username, Role first, Role... more) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(username).isEmpty()) {
                Account.register(username, PASSWORD, first, more);
            }
        });
    }

    /** Signs in through the login form; returns the session cookies (the login cookie and the session token). */
    public static Map<String, String> signIn(String username, String password) {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        String session = r.getCookie("quarkus-credential");
        String token = r.getCookie(WebSessions.COOKIE);
        if (session == null || token == null) {
            throw new AssertionError("sign-in of " + username + " set no session cookie: " + r.statusLine()
                    + " " + r.getHeader("Location"));
        }
        return Map.of("quarkus-credential", session, WebSessions.COOKIE, token);
    }
}
