package academy.minicluster.web.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
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

    /** A JSON body Quarkus' reader refused (malformed, too deep, a value of the wrong type): 400, in words. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, describe(e));
    }
}
