package academy.minicluster.net.workload;

import academy.minicluster.net.api.GoValue;
import academy.minicluster.net.wire.Grpc;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * echo-basic with {@code GRPC_ECHO_SERVER} set: the conformance suite's gRPC backend
 * (kubernetes-sigs/gateway-api-conformance-images {@code echo-basic/grpc/grpc.go}, {@code grpcecho.proto}). A
 * grpc-go server on {@code HTTP_PORT} (3000, h2c only) serving
 * {@code gateway_api_conformance.echo_basic.grpcecho.GrpcEcho}: {@code Echo} and {@code EchoTwo} answer an
 * {@code EchoResponse} whose {@code assertions} hold the fully qualified method, the request's metadata (with
 * {@code :authority}), the authority and the pod's context ({@code NAMESPACE}, {@code INGRESS_NAME},
 * {@code SERVICE_NAME}, {@code POD_NAME}); {@code EchoThree} is unimplemented ({@code method EchoThree not
 * implemented}). Server reflection (v1 and v1alpha) is registered. What grpc-go answers to anything else: an
 * unknown service or method ({@code Unimplemented}), and an HTTP/1.1 request (a bogus HTTP/2 greeting: the
 * connection is closed without an answer). The TLS server ({@code TLS_SERVER_CERT}) is not simulated.
 */
record GrpcEchoProcess(int port, Map<String, String> context) implements Process {

    static final String SERVICE = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho";
    private static final List<String> METHODS = List.of("Echo", "EchoTwo", "EchoThree");
    private static final String REQUEST_TYPE = "gateway_api_conformance.echo_basic.grpcecho.EchoRequest";
    private static final List<String> SERVICES = List.of(SERVICE, "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");

    static GrpcEchoProcess of(Map<String, String> environment) {
        String http = environment.getOrDefault("HTTP_PORT", "");
        Integer port = Flags.integer(http.isEmpty() ? "3000" : http);
        // The proto's Context, in its field order; protojson leaves empty strings out.
        Map<String, String> context = new LinkedHashMap<>();
        context.put("namespace", environment.getOrDefault("NAMESPACE", ""));
        context.put("ingress", environment.getOrDefault("INGRESS_NAME", ""));
        context.put("serviceName", environment.getOrDefault("SERVICE_NAME", ""));
        context.put("pod", environment.getOrDefault("POD_NAME", ""));
        return new GrpcEchoProcess(port == null ? 3000 : port, context);
    }

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(port, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of("plaintext server listening at 0.0.0.0:" + port);
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext processContext, List<String> log) {
        int port = conn.serverPort();
        if (port != this.port || !Grpc.isGrpc(request)) {
            // grpc-go reads an HTTP/2 client preface; anything else is a bogus greeting and the connection closes.
            return Optional.empty();
        }
        String path = request.target();
        if (path.equals(Grpc.REFLECTION_V1) || path.equals(Grpc.REFLECTION_V1ALPHA)) {
            return Optional.of(reflection(request.body()));
        }
        int slash = path.lastIndexOf('/');
        String service = slash > 0 ? path.substring(1, slash) : "";
        String method = slash > 0 ? path.substring(slash + 1) : "";
        if (!service.equals(SERVICE)) {
            return Optional.of(Grpc.response(Grpc.Code.UNIMPLEMENTED, "unknown service " + service, "", Map.of()));
        }
        if (!METHODS.contains(method)) {
            return Optional.of(Grpc.response(Grpc.Code.UNIMPLEMENTED, "unknown method " + method + " for service "
                    + service, "", Map.of()));
        }
        if (method.equals("EchoThree")) {
            return Optional.of(Grpc.response(Grpc.Code.UNIMPLEMENTED, "method EchoThree not implemented", "", Map.of()));
        }
        log.add("Received over plaintext: ");
        return Optional.of(Grpc.response(Grpc.Code.OK, "", echo(path, request), Map.of()));
    }

    /** The reflection service's answer to one request line of the model's reflection stream. */
    private static HttpResponse reflection(String body) {
        String line = body.trim();
        StringBuilder out = new StringBuilder();
        if (line.equals(Grpc.LIST_SERVICES)) {
            SERVICES.forEach(s -> out.append("service ").append(s).append('\n'));
            return Grpc.response(Grpc.Code.OK, "", out.toString(), Map.of());
        }
        if (line.startsWith(Grpc.FILE_CONTAINING_SYMBOL)) {
            String symbol = line.substring(Grpc.FILE_CONTAINING_SYMBOL.length()).trim();
            if (symbol.equals(SERVICE) || METHODS.stream().anyMatch(m -> symbol.equals(SERVICE + "." + m))) {
                out.append("service ").append(SERVICE).append('\n');
                METHODS.forEach(m -> out.append("method ").append(m).append(" ").append(REQUEST_TYPE).append('\n'));
                return Grpc.response(Grpc.Code.OK, "", out.toString(), Map.of());
            }
            if (SERVICES.contains(symbol)) {
                out.append("service ").append(symbol).append("\nmethod ServerReflectionInfo\n");
                return Grpc.response(Grpc.Code.OK, "", out.toString(), Map.of());
            }
            return Grpc.response(Grpc.Code.NOT_FOUND, "symbol not found: " + symbol, "", Map.of());
        }
        return Grpc.response(Grpc.Code.INVALID_ARGUMENT, "invalid MessageRequest: " + line, "", Map.of());
    }

    /**
     * The {@code EchoResponse} as protojson prints it (two-space indentation, camelCase names, empty fields left
     * out). grpc-go hands the metadata over as a map, which Go iterates in random order; here it is sorted.
     */
    private String echo(String path, HttpRequest request) {
        TreeMap<String, List<String>> metadata = new TreeMap<>();
        String authority = "";
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String key = h.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("host")) {
                authority = h.getValue();
                key = ":authority";
            } else if (key.equals("te") || key.equals("content-length") || key.equals("grpc-timeout")
                    || key.equals("grpc-encoding")) {
                continue;   // grpc-go keeps its reserved headers out of the metadata
            }
            metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(h.getValue());
        }
        StringBuilder out = new StringBuilder(512);
        out.append("{\n  \"assertions\": {\n    \"fullyQualifiedMethod\": ").append(GoValue.jsonString(path));
        out.append(",\n    \"headers\": [");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : metadata.entrySet()) {
            for (String v : e.getValue()) {
                out.append(first ? "\n" : ",\n").append("      {\n        \"key\": ").append(GoValue.jsonString(e.getKey()))
                        .append(",\n        \"value\": ").append(GoValue.jsonString(v)).append("\n      }");
                first = false;
            }
        }
        out.append("\n    ]");
        if (!authority.isEmpty()) {
            out.append(",\n    \"authority\": ").append(GoValue.jsonString(authority));
        }
        List<String> fields = new ArrayList<>();
        context.forEach((k, v) -> {
            if (!v.isEmpty()) {
                fields.add("      " + GoValue.jsonString(k) + ": " + GoValue.jsonString(v));
            }
        });
        if (!fields.isEmpty()) {
            out.append(",\n    \"context\": {\n").append(String.join(",\n", fields)).append("\n    }");
        }
        return out.append("\n  }\n}").toString();
    }
}
