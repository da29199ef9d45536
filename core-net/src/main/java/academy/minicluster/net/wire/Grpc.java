package academy.minicluster.net.wire;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * gRPC as the model carries it: a call is an HTTP/2 request (prior knowledge, h2c on plain ports) {@code POST
 * /SERVICE/METHOD} with {@code content-type: application/grpc}, its metadata as headers and {@code :authority} as
 * the Host header; the answer is HTTP 200 with {@code content-type: application/grpc} and the trailers
 * {@code grpc-status} and {@code grpc-message} (folded into the headers). Message bodies travel as their protobuf
 * JSON form, as {@code grpcurl} reads and prints them (the model simulates no protobuf encoding).
 *
 * <p>Server reflection ({@code grpc.reflection.v1.ServerReflection/ServerReflectionInfo}) carries, in this model,
 * one line per request: {@code list_services} or {@code file_containing_symbol NAME}; the answer lists
 * {@code service NAME} and {@code method NAME} lines.
 */
public final class Grpc {

    public static final String CONTENT_TYPE = "application/grpc";
    public static final String REFLECTION_V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    public static final String REFLECTION_V1ALPHA = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
    public static final String LIST_SERVICES = "list_services";
    public static final String FILE_CONTAINING_SYMBOL = "file_containing_symbol ";

    /** The status codes of {@code google.golang.org/grpc/codes}, with Go's {@code String()} names. */
    public enum Code {
        OK, CANCELED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
        RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE,
        DATA_LOSS, UNAUTHENTICATED;

        public int number() {
            return ordinal();
        }

        /** Go's name: {@code Unimplemented}, {@code NotFound}, {@code OK}. */
        public String goName() {
            if (this == OK) {
                return "OK";
            }
            if (this == CANCELED) {
                return "Canceled";
            }
            StringBuilder s = new StringBuilder();
            for (String part : name().split("_")) {
                s.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
            return s.toString();
        }

        public static Code of(int number) {
            return number >= 0 && number < values().length ? values()[number] : UNKNOWN;
        }

        /** Envoy's {@code Grpc::Utility::httpToGrpcStatus}: how its own HTTP answers reach a gRPC client. */
        public static Code fromHttp(int status) {
            return switch (status) {
                case 400 -> INTERNAL;
                case 401 -> UNAUTHENTICATED;
                case 403 -> PERMISSION_DENIED;
                case 404 -> UNIMPLEMENTED;
                case 429, 502, 503, 504 -> UNAVAILABLE;
                default -> UNKNOWN;
            };
        }
    }

    private Grpc() {
    }

    /** Whether a request is a gRPC call (its content type is {@code application/grpc}, with or without a suffix). */
    public static boolean isGrpc(HttpRequest request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE);
    }

    /** A gRPC answer: HTTP 200, the message (empty on an error) and the status trailers. */
    public static HttpResponse response(Code code, String message, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPE);
        headers.putAll(extraHeaders);
        headers.put("grpc-status", Integer.toString(code.number()));
        if (!message.isEmpty()) {
            headers.put("grpc-message", message);
        }
        return new HttpResponse(200, "OK", headers, body);
    }

    /** The status an HTTP answer carries for a gRPC client: its trailers, or the HTTP status when it has none. */
    public static Code status(HttpResponse response) {
        String status = header(response, "grpc-status");
        if (status == null) {
            return response.status() == 200 ? Code.UNKNOWN : Code.fromHttp(response.status());
        }
        try {
            return Code.of(Integer.parseInt(status.trim()));
        } catch (NumberFormatException e) {
            return Code.UNKNOWN;
        }
    }

    /** The {@code grpc-message} trailer, or "". */
    public static String message(HttpResponse response) {
        String m = header(response, "grpc-message");
        return m == null ? "" : m;
    }

    public static String header(HttpResponse response, String name) {
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
