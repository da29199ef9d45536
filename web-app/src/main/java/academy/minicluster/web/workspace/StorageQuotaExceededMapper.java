package academy.minicluster.web.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import academy.minicluster.labs.json.TraceJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 413 Content Too Large for an entry over the storage quota: the learner's storage cannot take it. The JSON API gets
 * its error object ({@code status}, {@code error}, {@code message}); the workspace pages get the message as text,
 * which the console shows where the entry's output would have gone (app.js).
 */
public class StorageQuotaExceededMapper {

    static final int STATUS = 413;
    static final String REASON = "Content Too Large";

    @ServerExceptionMapper
    public Response quotaExceeded(StorageQuotaExceeded e, UriInfo uri) {
        if (uri.getPath().startsWith("/api/")) {
            ObjectNode n = TraceJson.MAPPER.createObjectNode();
            n.put("status", STATUS);
            n.put("error", REASON);
            n.put("message", e.getMessage());
            return Response.status(STATUS).type(MediaType.APPLICATION_JSON).entity(GradeJson.write(n)).build();
        }
        return Response.status(STATUS).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(e.getMessage() + "\n").build();
    }
}
