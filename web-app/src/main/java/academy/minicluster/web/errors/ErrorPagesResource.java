package academy.minicluster.web.errors;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The 404 page of a URL no route answers ({@link UnmatchedRequests} reroutes such a request here). */
@Path(UnmatchedRequests.NOT_FOUND_PAGE)
@PermitAll
public class ErrorPagesResource {

    @Inject
    ErrorPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response notFound(@Context RoutingContext rc) {
        Object unmatched = rc.get(UnmatchedRequests.UNMATCHED_PATH);
        String path = unmatched == null ? rc.request().path() : unmatched.toString();
        return pages.page(rc, pages.notFoundPage(path));
    }
}
