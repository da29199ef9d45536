package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nginx as the official image runs it: the default server on port 80 ({@code /etc/nginx/conf.d/default.conf}) serving
 * {@code /usr/share/nginx/html}, which holds {@code index.html} (the welcome page) and {@code 50x.html}; any other
 * path is nginx's built-in 404 page, which names the version. The access log uses the image's {@code main} format:
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent" "$http_x_forwarded_for"}, written to stdout, so {@code kubectl logs} shows it.
 *
 * <p>The version is fixed at {@value #VERSION} (the last 1.27 mainline release, in {@code nginx:1.27}); the
 * welcome page's {@code Last-Modified} and {@code ETag} are those of a file packaged on that release day.
 */
record NginxProcess(boolean viaEntrypoint) implements Process {

    static final String VERSION = "nginx/1.27.5";

    static final String WELCOME_PAGE = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
            html { color-scheme: light dark; }
            body { width: 35em; margin: 0 auto;
            font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;

    /** 2025-04-16T12:01:11Z: the packaged index.html's modification time. */
    private static final long WELCOME_MTIME = 1744804871L;

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(80, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        List<String> lines = new ArrayList<>();
        if (viaEntrypoint) {
            lines.add("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
            lines.add("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
            lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
            lines.add("10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf");
            lines.add("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
            lines.add("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
            lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
            lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
            lines.add("/docker-entrypoint.sh: Configuration complete; ready for start up");
        }
        lines.add(context.goLog("[notice] 1#1: using the \"epoll\" event method"));
        lines.add(context.goLog("[notice] 1#1: " + VERSION));
        lines.add(context.goLog("[notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) "));
        lines.add(context.goLog("[notice] 1#1: OS: Linux 6.8.0"));
        lines.add(context.goLog("[notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576"));
        lines.add(context.goLog("[notice] 1#1: start worker processes"));
        lines.add(context.goLog("[notice] 1#1: start worker process 29"));
        lines.add(context.goLog("[notice] 1#1: start worker process 30"));
        return lines;
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != 80) {
            return Optional.empty();
        }
        HttpResponse response = answer(request, conn.epochSecond());
        boolean head = request.method().equals("HEAD");
        int bytes = head ? 0 : Wire.utf8Length(response.body());
        log.add(conn.clientIp() + " - - [" + Wire.nginxTimeLocal(conn.epochSecond()) + "] \""
                + request.method() + " " + request.target() + " HTTP/1.1\" " + response.status() + " " + bytes
                + " \"" + Wire.orDash(request.header("Referer")) + "\" \""
                + Wire.orDash(request.header("User-Agent")) + "\" \""
                + Wire.orDash(request.header("X-Forwarded-For")) + "\"");
        return Optional.of(response);
    }

    private static HttpResponse answer(HttpRequest request, long now) {
        // ngx_http_static_handler: other methods than GET/HEAD/POST are refused before the file is looked up;
        // POST is refused once the file is found.
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            return errorPage(405, "405 Not Allowed", now);
        }
        String path = request.path();
        if (!path.equals("/") && !path.equals("/index.html")) {
            return errorPage(404, "404 Not Found", now);
        }
        if (method.equals("POST")) {
            return errorPage(405, "405 Not Allowed", now);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", VERSION);
        headers.put("Date", Wire.httpDate(now));
        headers.put("Content-Type", "text/html");
        headers.put("Content-Length", Integer.toString(Wire.utf8Length(WELCOME_PAGE)));
        headers.put("Last-Modified", Wire.httpDate(WELCOME_MTIME));
        headers.put("Connection", "keep-alive");
        headers.put("ETag", "\"" + Long.toHexString(WELCOME_MTIME) + "-"
                + Integer.toHexString(Wire.utf8Length(WELCOME_PAGE)) + "\"");
        headers.put("Accept-Ranges", "bytes");
        return HttpResponse.of(200, headers, WELCOME_PAGE);
    }

    /** nginx's built-in error page ({@code ngx_http_special_response.c}): CRLF lines, the version in the tail. */
    static HttpResponse errorPage(int status, String title, long now) {
        String body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>" + VERSION + "</center>\r\n</body>\r\n</html>\r\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", VERSION);
        headers.put("Date", Wire.httpDate(now));
        headers.put("Content-Type", "text/html");
        headers.put("Content-Length", Integer.toString(Wire.utf8Length(body)));
        headers.put("Connection", "keep-alive");
        return new HttpResponse(status, title.substring(4), headers, body);
    }
}
