package academy.minicluster.web.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How every JSON body is read, whatever its shape: within {@link #CONSTRAINTS} (nesting at most
 * {@value #MAX_NESTING} deep, numbers at most {@value #MAX_NUMBER_LENGTH} digits: a 100,000-digit number or 100,000
 * nested arrays is refused at once, before it costs anything), nothing after the value (trailing garbage is an
 * error, not ignored), and any body Jackson refuses answered {@code 400} with an {@link ApiError} saying what and
 * where, never a 500. Applied to Quarkus' own ObjectMapper (the API's records) and to {@link #MAPPER}
 * (the simulations' hand-checked reader).
 */
@Singleton
public class JsonInput implements ObjectMapperCustomizer {

    /** Deeper than any request this API reads (a simulation is 3 levels) by far. */
    public static final int MAX_NESTING = 64;
    /** A seed is at most 19 digits; a few more for a negative sign or a mistyped float. */
    public static final int MAX_NUMBER_LENGTH = 100;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_LENGTH).build();

    /** A reader of request bodies with the constraints above. */
    public static final ObjectMapper MAPPER = configure(new ObjectMapper(
            JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build()));

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
        return mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** What is wrong with a body, with its line and column when Jackson knows them. */
    public static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return "the request body is not valid JSON: " + what
                + (where == null || where.getLineNr() < 0 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }

    /** A JSON body Quarkus' reader refused (a value of the wrong type, a missing value): 400, in words. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, describe(e));
    }

    /**
     * A body of the wrong shape for the record read (an array where an object belongs, a string for a number):
     * Quarkus' own mapper of this exception, more specific than {@link #malformed}, answers a bare 400 outside dev
     * mode; this one says what is wrong.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, describe(e));
    }

    /**
     * Quarkus' JSON reader answers a body it cannot parse at all (malformed, too deep, a number too long) with a bare
     * 400 ({@code WebApplicationException} caused by Jackson's exception): the same 400 with the words. Any other
     * {@code WebApplicationException} keeps its own response, as without this mapper.
     */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json
                ? ApiError.response(Response.Status.BAD_REQUEST, describe(json))
                : e.getResponse();
    }
}
