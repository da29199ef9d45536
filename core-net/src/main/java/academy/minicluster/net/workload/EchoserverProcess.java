package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code registry.k8s.io/echoserver}: nginx on 8080 whose one location answers any method and path from Lua
 * ({@code content_by_lua_block}) with what it received, as {@code text/plain}. Two generations of the answer exist,
 * and the kubernetes.io pages show both:
 * <ul>
 *   <li>up to 1.9 ({@code echoserver:1.4} of "Using Source IP" and of hello-minikube): {@code CLIENT VALUES:},
 *       {@code SERVER VALUES:} ({@code nginx: 1.10.0 - lua: 10001}), {@code HEADERS RECEIVED:} (keys lower-cased
 *       and sorted, as {@code ngx.req.get_headers()} gives them) and {@code BODY:}, printed unescaped with
 *       {@code ngx.say}; an absent query prints {@code query=nil} and the body is printed without a final newline;</li>
 *   <li>1.10 and the e2e builds ({@code test/images/echoserver/nginx.conf}): a lua-resty-template page,
 *       {@code Hostname:} ({@code $HOSTNAME}), {@code Pod Information:} (from {@code POD_NAME}, {@code NODE_NAME},
 *       {@code POD_NAMESPACE}, {@code POD_IP} when the pod sets them by the downward API), {@code Server values:},
 *       {@code Request Information:}, {@code Request Headers:} and {@code Request Body:}, each value HTML-escaped
 *       ({@code {{...}}}), and {@code Server: echoserver}.</li>
 * </ul>
 * The nginx versions per tag come from the images' published answers (1.10: nginx 1.13.3, lua 10008). nginx's
 * access log ({@code combined} format) goes to stdout.
 */
record EchoserverProcess() implements Process {

    static final int PORT = 8080;

    /** What generation of the Lua answer an image tag runs, and the nginx and ngx_lua versions it reports. */
    enum Generation {
        CLIENT_VALUES("1.10.0", "10001"),
        V1_10("1.13.3", "10008"),
        E2E_2_0("1.12.2", "10010"),
        E2E_2_3("1.14.2", "10015");

        final String nginxVersion;
        final String luaVersion;

        Generation(String nginxVersion, String luaVersion) {
            this.nginxVersion = nginxVersion;
            this.luaVersion = luaVersion;
        }

        static Generation of(String image) {
            String tag = ImageKind.tag(image);
            int dot = tag.indexOf('.');
            Integer major = Flags.integer(dot < 0 ? tag : tag.substring(0, dot));
            Integer minor = dot < 0 ? Integer.valueOf(0) : Flags.integer(leadingDigits(tag.substring(dot + 1)));
            if (major == null || minor == null) {
                return V1_10; // "latest" and other names: the last 1.x build
            }
            if (major <= 1) {
                return minor < 10 && major == 1 || major == 0 ? CLIENT_VALUES : V1_10;
            }
            return minor < 3 && major == 2 ? E2E_2_0 : E2E_2_3;
        }

        private static String leadingDigits(String s) {
            int end = 0;
            while (end < s.length() && Character.isDigit(s.charAt(end))) {
                end++;
            }
            return s.substring(0, end);
        }
    }

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(PORT, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of();
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != PORT) {
            return Optional.empty();
        }
        Generation generation = Generation.of(context.image());
        String body = generation == Generation.CLIENT_VALUES
                ? clientValues(request, conn, generation) : template(request, conn, context, generation);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", generation == Generation.CLIENT_VALUES ? "nginx/" + generation.nginxVersion : "echoserver");
        headers.put("Date", Wire.httpDate(conn.epochSecond()));
        headers.put("Content-Type", "text/plain");
        headers.put("Transfer-Encoding", "chunked");
        headers.put("Connection", "keep-alive");
        log.add(conn.clientIp() + " - - [" + Wire.nginxTimeLocal(conn.epochSecond()) + "] \"" + request.method() + " "
                + request.target() + " HTTP/1.1\" 200 " + chunkedBytes(body) + " \""
                + Wire.orDash(request.header("Referer")) + "\" \"" + Wire.orDash(request.header("User-Agent")) + "\"");
        return Optional.of(HttpResponse.of(200, headers, body));
    }

    /** {@code $body_bytes_sent} of a body written by one {@code ngx.say}: one chunk and the last, empty one. */
    private static int chunkedBytes(String body) {
        int length = Wire.utf8Length(body);
        return Integer.toHexString(length).length() + 2 + length + 2 + "0\r\n\r\n".length();
    }

    /** The nginx.conf of echoserver 1.4: {@code ngx.say} line by line, nothing escaped. */
    private static String clientValues(HttpRequest request, ConnectionInfo conn, Generation generation) {
        StringBuilder out = new StringBuilder(512);
        out.append("CLIENT VALUES:\n");
        out.append("client_address=").append(conn.clientIp()).append('\n');
        out.append("command=").append(request.method()).append('\n');
        out.append("real path=").append(request.target()).append('\n');
        out.append("query=").append(request.target().contains("?") ? request.query() : "nil").append('\n');
        out.append("request_version=1.1\n");
        out.append("request_uri=").append(requestUri(request, conn)).append('\n');
        out.append('\n');
        out.append("SERVER VALUES:\n");
        out.append("server_version=nginx: ").append(generation.nginxVersion).append(" - lua: ")
                .append(generation.luaVersion).append('\n');
        out.append('\n');
        out.append("HEADERS RECEIVED:\n");
        luaHeaders(request).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        out.append("BODY:\n");
        out.append(request.body().isEmpty() ? "-no body in request-" : request.body());
        return out.toString();
    }

    /** test/images/echoserver/nginx.conf's template; a line holding only a {@code {% %}} tag prints nothing. */
    private static String template(HttpRequest request, ConnectionInfo conn, ProcessContext context,
                                   Generation generation) {
        Map<String, String> env = context.environment();
        StringBuilder out = new StringBuilder(768);
        out.append("\n\nHostname: ").append(escape(env.getOrDefault("HOSTNAME", "N/A"))).append("\n\n");
        out.append("Pod Information:\n");
        if (env.containsKey("POD_NAME")) {
            out.append("\tnode name:\t").append(escape(env.getOrDefault("NODE_NAME", "N/A"))).append('\n');
            out.append("\tpod name:\t").append(escape(env.get("POD_NAME"))).append('\n');
            out.append("\tpod namespace:\t").append(escape(env.getOrDefault("POD_NAMESPACE", "N/A"))).append('\n');
            out.append("\tpod IP:\t").append(escape(env.getOrDefault("POD_IP", "N/A"))).append('\n');
        } else {
            out.append("\t-no pod information available-\n");
        }
        out.append("\nServer values:\n");
        out.append("\tserver_version=nginx: ").append(generation.nginxVersion).append(" - lua: ")
                .append(generation.luaVersion).append("\n\n");
        out.append("Request Information:\n");
        out.append("\tclient_address=").append(conn.clientIp()).append('\n');
        out.append("\tmethod=").append(escape(request.method())).append('\n');
        out.append("\treal path=").append(escape(request.target())).append('\n');
        out.append("\tquery=").append(escape(request.query())).append('\n');
        out.append("\trequest_version=1.1\n");
        out.append("\trequest_scheme=http\n");
        out.append("\trequest_uri=").append(escape(requestUri(request, conn))).append("\n\n");
        out.append("Request Headers:\n");
        luaHeaders(request).forEach((k, v) -> out.append('\t').append(escape(k)).append('=').append(escape(v))
                .append("  \n"));
        out.append("\nRequest Body:\n");
        out.append(request.body().isEmpty() ? "\t-no body in request-" : escape(request.body())).append("\n\n");
        return out.toString();
    }

    /**
     * {@code ngx.var.scheme.."://"..ngx.var.host..":"..ngx.var.server_port..ngx.var.request_uri}: {@code $host} is the
     * Host header without its port, lower-cased (the server name {@code _} when there is none), the port the one
     * the connection reached.
     */
    private static String requestUri(HttpRequest request, ConnectionInfo conn) {
        String host = request.hostWithoutPort();
        return "http://" + (host.isEmpty() ? "_" : host) + ":" + conn.serverPort() + request.target();
    }

    /** {@code ngx.req.get_headers()}'s keys lower-cased, then {@code table.sort}: byte order. */
    private static TreeMap<String, String> luaHeaders(HttpRequest request) {
        TreeMap<String, String> headers = new TreeMap<>();
        request.headers().forEach((k, v) -> headers.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return headers;
    }

    /** lua-resty-template's {@code {{ }}} escaping, as the image vendors it: {@code /} is left alone. */
    private static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String entity = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                out.append(entity != null ? entity : String.valueOf(s.charAt(i)));
            }
        }
        return out == null ? s : out.toString();
    }
}
