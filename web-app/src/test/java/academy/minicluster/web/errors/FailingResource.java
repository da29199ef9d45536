package academy.minicluster.web.errors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource that fails as a bug would (tests only: Quarkus serves test classes in @QuarkusTest). */
@Path("/test-only/failing")
@PermitAll
public class FailingResource {

    static final String SECRET = "the failure's own words, never shown";

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        throw new IllegalStateException(SECRET);
    }

    /** Reads JSON only: a form sent to it is 415, which RESTEasy answers before this method runs. */
    @POST
    @Path("/json-only")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_HTML)
    public String jsonOnly(String body) {
        return "read";
    }

    @GET
    @Path("/api")
    @Produces(MediaType.APPLICATION_JSON)
    public String api() {
        throw new IllegalStateException(SECRET);
    }
}
