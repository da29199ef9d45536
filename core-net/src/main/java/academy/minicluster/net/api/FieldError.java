package academy.minicluster.net.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One validation failure, worded as kube-apiserver words it (apimachinery {@code field.Error}):
 * {@code spec.ports[1].name: Required value}, {@code spec.ports[0].port: Invalid value: 0: must be between 1 and
 * 65535, inclusive}.
 */
public record FieldError(String field, Type type, Object value, String detail) {

    /** The error types of apimachinery's {@code field.ErrorType}, with their wording. */
    public enum Type {
        REQUIRED("Required value"),
        INVALID("Invalid value"),
        DUPLICATE("Duplicate value"),
        NOT_SUPPORTED("Unsupported value"),
        FORBIDDEN("Forbidden"),
        NOT_FOUND("Not found"),
        TOO_LONG("Too long"),
        TOO_MANY("Too many");

        private final String wording;

        Type(String wording) {
            this.wording = wording;
        }

        public String wording() {
            return wording;
        }
    }

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(field, Type.REQUIRED, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Type.INVALID, value, detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(field, Type.DUPLICATE, value, "");
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Type.FORBIDDEN, null, detail);
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(field, Type.NOT_FOUND, value, "");
    }

    public static FieldError notSupported(String field, Object value, List<String> supported) {
        String detail = supported.isEmpty() ? "" : "supported values: "
                + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        return new FieldError(field, Type.NOT_SUPPORTED, value, detail);
    }

    /**
     * The same error with its value printed as given, unquoted: for values kube-apiserver prints in Go syntax,
     * such as {@code []string{"10.96.0.5"}}.
     */
    public FieldError rawValue() {
        return new FieldError(field, type, new RawValue(String.valueOf(value)), detail);
    }

    private record RawValue(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The body after the field path, as {@code field.Error.ErrorBody()} builds it. */
    public String body() {
        StringBuilder s = new StringBuilder(type.wording());
        if (type == Type.INVALID || type == Type.DUPLICATE || type == Type.NOT_SUPPORTED || type == Type.NOT_FOUND
                || (type == Type.TOO_MANY && value != null)) {
            s.append(": ").append(quote(value));
        }
        if (!detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    private static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }
}
