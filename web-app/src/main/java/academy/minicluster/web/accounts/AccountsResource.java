package academy.minicluster.web.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Signing up, in and out. Signing in itself is Quarkus' form authentication: the login page posts to
 * {@code /j_security_check}, which checks the password against {@link Account} and sets the encrypted session
 * cookie; signing out removes that cookie.
 */
@Path("/")
@PermitAll
public class AccountsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean signedUp, String username,
                                             Optional<SignInReason> reason);

        static native TemplateInstance signup(String username, List<String> problems);
    }

    @Inject
    Viewer viewer;

    @Inject
    WebSessions sessions;

    @Inject
    SessionKey sessionKey;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@RestQuery boolean error, @RestQuery boolean signedUp, @RestQuery String username,
                                  @CookieParam(SignInReason.REDIRECT_COOKIE) String wanted) {
        return Templates.login(error, signedUp, username == null ? "" : username, SignInReason.of(wanted));
    }

    @GET
    @Path("signup")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signupPage() {
        return Templates.signup("", List.of());
    }

    @POST
    @Path("signup")
    @Produces(MediaType.TEXT_HTML)
    public Response signup(@RestForm String username, @RestForm String password,
                           @RestForm("confirmPassword") String confirmPassword, RoutingContext rc) {
        SignUpForm form = new SignUpForm(username, password, confirmPassword);
        List<String> problems = form.problems();
        Optional<Long> created = Optional.empty();
        if (problems.isEmpty()) {
            created = register(form);
            problems = created.isPresent() ? List.of()
                    : List.of("The username \"" + form.username() + "\" is already taken: choose another.");
        }
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signup(form.username(), problems)).build();
        }
        // Signed in at once, as the login form would: the session's row and both cookies.
        sessions.open(created.get(), rc);
        sessionKey.signIn(form.username(), rc);
        return Response.seeOther(URI.create("/course")).build();
    }

    /** The new account's id; empty when the name is taken. */
    private static Optional<Long> register(SignUpForm form) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Account.findByUsername(form.username()).isPresent()) {
                    return Optional.<Long>empty();
                }
                return Optional.of(Account.register(form.username(), form.password(), Role.LEARNER).id);
            });
        } catch (RuntimeException e) {
            // Two people chose the same name at the same moment: the unique constraint decided.
            if (hasCause(e, "account_username_unique")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean hasCause(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends the session: its {@link WebSessions} row is deleted, so the cookies stop working everywhere (even copies),
     * and the browser is told to drop them. A POST with the CSRF token, so no other site can sign a person out.
     */
    @POST
    @Path("logout")
    public Response logout(@CookieParam(WebSessions.COOKIE) String token) {
        if (token != null && !token.isBlank()) {
            sessions.close(token);
        }
        NewCookie expired = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).build();
        NewCookie expiredToken = new NewCookie.Builder(WebSessions.COOKIE).value("").path("/").maxAge(0)
                .httpOnly(true).build();
        return Response.seeOther(URI.create("/")).cookie(expired, expiredToken).build();
    }
}
