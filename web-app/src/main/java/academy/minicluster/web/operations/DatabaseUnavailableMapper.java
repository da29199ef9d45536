package academy.minicluster.web.operations;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A resource method that found the database unreachable answers 503, not 500.
 *
 * <p>Only Hibernate's connection exception is mapped here, so no other feature's mapper is shadowed; every other
 * database-down failure (and those outside JAX-RS, such as loading the signed-in account) reaches
 * {@link RequestTracing}'s failure handler, which gives the same answer.
 */
public class DatabaseUnavailableMapper {

    @ServerExceptionMapper
    public Response databaseUnavailable(JDBCConnectionException e) {
        return serviceUnavailable();
    }

    public static Response serviceUnavailable() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(DatabaseUnavailable.MESSAGE + "\n")
                .build();
    }
}
