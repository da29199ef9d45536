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

/**
 * The error pages of requests that failed outside the resources: a URL no route answers ({@link UnmatchedRequests})
 * and a request a handler failed ({@link FailedRequests}), rerouted here so that the page is rendered in the layout
 * like any other. Opened directly, each is the 404 page of its own address.
 */
@Path("/errors")
@PermitAll
public class ErrorPagesResource {

    /** The header that carries the request's id (operations.RequestTracing sets it on each request's first pass). */
    static final String REQUEST_ID = "X-Request-Id";

    @Inject
    ErrorPages pages;

    @GET
    @Path("not-found")
    @Produces(MediaType.TEXT_HTML)
    public Response notFound(@Context RoutingContext rc) {
        Object unmatched = rc.get(UnmatchedRequests.UNMATCHED_PATH);
        String path = unmatched == null ? rc.request().path() : unmatched.toString();
        return rerouted(pages.page(rc, pages.notFoundPage(path)), rc);
    }

    @GET
    @Path("failed")
    @Produces(MediaType.TEXT_HTML)
    public Response failed(@Context RoutingContext rc) {
        Integer status = rc.get(FailedRequests.STATUS);
        if (status == null) {
            return pages.page(rc, pages.notFoundPage(rc.request().path()));
        }
        String allow = rc.get(FailedRequests.ALLOW);
        Response page = pages.page(rc, pages.statusPage(status, rc.get(FailedRequests.METHOD),
                rc.get(FailedRequests.PATH), allow == null ? "" : allow, rc.get(FailedRequests.REASON),
                ErrorPages.requestId(rc)));
        return rerouted(allow == null ? page : Response.fromResponse(page).header("Allow", allow).build(), rc);
    }

    /**
     * A reroute clears the response's headers: the request's id (which a 500 page quotes) is sent again, as the
     * request's first pass sent it.
     */
    private static Response rerouted(Response page, RoutingContext rc) {
        String requestId = ErrorPages.requestId(rc);
        return requestId.isEmpty() || rc.response().headers().contains(REQUEST_ID) ? page
                : Response.fromResponse(page).header(REQUEST_ID, requestId).build();
    }
}
