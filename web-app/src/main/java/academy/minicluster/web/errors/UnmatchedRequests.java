package academy.minicluster.web.errors;

import academy.minicluster.web.api.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request no route answered (no resource, no static file, no bundle): Quarkus would send an empty 404. This route
 * comes after every other one; the JSON API gets a JSON 404, anyone else the 404 page, which
 * {@link ErrorPagesResource} renders in the layout (rerouted to it, so that the page has what every page has: the
 * reader, the CSRF token of the sign-out form, the style nonce).
 */
@ApplicationScoped
public class UnmatchedRequests {

    /** Where the 404 page is rendered. */
    static final String NOT_FOUND_PAGE = "/errors/not-found";
    /** Where the unmatched request's path is kept across the reroute ({@link RoutingContext#get}). */
    static final String UNMATCHED_PATH = UnmatchedRequests.class.getName() + ".path";

    void install(@Observes Router router) {
        router.route().last().handler(this::unmatched);
    }

    private void unmatched(RoutingContext rc) {
        if (rc.response().ended() || rc.get(UNMATCHED_PATH) != null) {
            // Already rerouted once: the page's own route is gone (never expected), so no loop.
            rc.response().setStatusCode(404).end();
            return;
        }
        String path = rc.request().path();
        if (ErrorPages.wantsJson(rc)) {
            rc.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(json(
                    new ApiError(404, "Not Found", apiMessage(rc))));
            return;
        }
        rc.put(UNMATCHED_PATH, path);
        rc.reroute(HttpMethod.GET, NOT_FOUND_PAGE);
    }

    /** What the API answers for a path it does not have. */
    static String apiMessage(RoutingContext rc) {
        return "no " + rc.request().method().name() + " " + rc.request().path()
                + " in this API: see /q/openapi for its paths";
    }

    static String json(ApiError error) {
        try {
            return new ObjectMapper().writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
