package academy.minicluster.web.accounts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The one-time page that creates the first admin, opened with the token {@link AdminBootstrap} printed to the
 * server log. Without the token, or once an admin exists, it answers 404: it does not exist for anyone else.
 */
@Path("/setup")
@PermitAll
public class SetupResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance setup(String token, String username, List<String> problems);
    }

    @Inject
    AdminBootstrap bootstrap;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String token) {
        if (!bootstrap.accepts(token)) {
            return notFound();
        }
        return Response.ok(Templates.setup(token, "", List.of())).build();
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String token, @RestForm String username, @RestForm String password,
                           @RestForm String confirmPassword) {
        SignUpForm form = new SignUpForm(username, password, confirmPassword);
        return switch (bootstrap.createFirstAdmin(token, form)) {
            case CREATED -> Response.seeOther(URI.create("/login?signedUp=true&username=" + form.username())).build();
            case INVALID -> Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.setup(token, form.username(), form.problems())).build();
            case BAD_TOKEN, ADMIN_EXISTS -> notFound();
        };
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                .entity("Not found: this setup link is not valid (an admin may already exist).").build();
    }
}
