package academy.minicluster.web.errors;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Vert.x routes that fail outside any resource, as a bug in a route handler would (tests only): one throws, one fails
 * the request with a status; one that Quarkus' HTTP security guards.
 */
@ApplicationScoped
public class FailingRoutes {

    static final String THROWS = "/test-only/vertx/throws";
    static final String FAILS_WITH_405 = "/test-only/vertx/fails-405";
    /** Guarded by Quarkus' HTTP security for instructors (application.properties, test profile). */
    static final String INSTRUCTORS_ONLY = "/test-only/instructors-only";

    void install(@Observes Router router) {
        router.get(THROWS).handler(rc -> {
            throw new IllegalStateException(FailingResource.SECRET);
        });
        router.get(FAILS_WITH_405).handler(rc -> {
            rc.response().putHeader("Allow", "POST");
            rc.fail(405);
        });
        router.get(INSTRUCTORS_ONLY).handler(rc -> rc.response().end("for instructors"));
    }
}
