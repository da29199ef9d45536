package academy.minicluster.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error the JSON API answers: the HTTP status, its reason phrase, and a message a person can act
 * on ("commands: 201 commands, the limit is 200").
 */
@Schema(name = "Error", description = "What went wrong, for a person to read.")
public record ApiError(int status, String error, String message) {

    public static Response response(Response.Status status, String message) {
        return response(status.getStatusCode(), status.getReasonPhrase(), message);
    }

    public static Response response(int status, String reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, reason, message)).build();
    }

    public static Response unprocessable(String message) {
        return response(422, "Unprocessable Content", message);
    }
}
