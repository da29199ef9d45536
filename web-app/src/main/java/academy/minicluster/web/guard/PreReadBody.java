package academy.minicluster.web.guard;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Hands a chunked body that {@link BodyLimit} has already read to the resource. Quarkus REST reads a body from the
 * connection; once read there is nothing left there (it would see an empty body), so the bytes are given to it as
 * the request's entity before any resource is matched. Requests whose body was not read by {@code BodyLimit} (all
 * those with a {@code Content-Length}) are left alone.
 */
public class PreReadBody {

    @ServerRequestFilter(preMatching = true)
    public void handOn(ContainerRequestContext request, RoutingContext rc) {
        byte[] body = rc.get(BodyLimit.PRE_READ);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }
}
