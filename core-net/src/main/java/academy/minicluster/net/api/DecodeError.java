package academy.minicluster.net.api;

import java.util.Objects;

/**
 * Why one document of a manifest could not be turned into an object, worded as kubectl prints it.
 *
 * <p>{@code message} is the text kubectl prints for this error. Errors that kube-apiserver returns (strict decoding:
 * unknown fields, wrong types) start with {@code Error from server (BadRequest): }; errors kubectl finds itself
 * (YAML syntax, unknown kind, missing kind/apiVersion, our size limits) do not, and kubectl prefixes them with
 * {@code error: } when it prints a single one — {@link #printed()} does that. {@code line} is the line in the whole
 * source where the problem is (or where its document starts), for editors; the YAML messages themselves carry
 * kubectl's line number, which counts from the start of the document, as kubectl parses each document alone.
 */
public record DecodeError(String source, int document, Integer line, String message) {

    private static final String FROM_SERVER = "Error from server";

    public DecodeError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** True when a real cluster's API server (not kubectl) would have produced this error. */
    public boolean fromServer() {
        return message.startsWith(FROM_SERVER);
    }

    /** The line as kubectl prints it when it is the only error: {@code error: } before kubectl's own errors. */
    public String printed() {
        return fromServer() ? message : "error: " + message;
    }
}
