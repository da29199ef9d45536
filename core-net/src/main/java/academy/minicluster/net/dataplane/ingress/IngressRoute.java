package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.HttpResponse;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where ingress-nginx sends one HTTP request: to a Service ({@link Routed}), to its own 404 page
 * ({@link NotFound}), back to the client with a redirect ({@link Redirect}: to HTTPS, or nginx's 301 to a path with
 * a trailing slash), or answered by nginx itself ({@link Answered}: 400, the default server's {@code /healthz}). Every answer carries the
 * {@link Hop}s (stage {@link Hop.Stage#INGRESS}) that name the Ingress object and rule that decided it.
 */
public sealed interface IngressRoute
        permits IngressRoute.Routed, IngressRoute.NotFound, IngressRoute.Redirect, IngressRoute.Answered {

    /** The decisions ingress-nginx took for this request, in order. */
    List<Hop> hops();

    /**
     * The request goes on to a Service's endpoints (ingress-nginx proxies to endpoint IPs, not the ClusterIP).
     *
     * @param ingress           the Ingress whose rule (or defaultBackend) was chosen
     * @param matchedHost       the rule's host as written ({@code web.example.com}, {@code *.example.com}), empty
     *                          for a rule without host or a defaultBackend of the catch-all server
     * @param matchedPath       the rule's path as written; empty when a defaultBackend answered
     * @param pathType          {@code Exact}, {@code Prefix} or {@code ImplementationSpecific}; empty when a
     *                          defaultBackend answered
     * @param serviceName       the backend Service's name
     * @param namespace         the Ingress's (and so the Service's) namespace
     * @param servicePortNumber {@code backend.service.port.number}, or -1 when the port is given by name
     * @param servicePortName   {@code backend.service.port.name}, or null when given by number
     * @param upstreamTarget    the request target sent to the pod: the original one, or the one
     *                          {@code nginx.ingress.kubernetes.io/rewrite-target} made of it
     * @param defaultBackend    whether an Ingress's {@code spec.defaultBackend} answered rather than a rule's path
     * @param hops              the decisions taken
     */
    record Routed(Ingress ingress, String matchedHost, String matchedPath, String pathType, String serviceName,
                  String namespace, int servicePortNumber, String servicePortName, String upstreamTarget,
                  boolean defaultBackend, List<Hop> hops) implements IngressRoute {

        public Routed {
            Objects.requireNonNull(ingress, "ingress");
            Objects.requireNonNull(serviceName, "serviceName");
            matchedHost = Objects.requireNonNullElse(matchedHost, "");
            matchedPath = Objects.requireNonNullElse(matchedPath, "");
            pathType = Objects.requireNonNullElse(pathType, "");
            namespace = Objects.requireNonNullElse(namespace, "");
            Objects.requireNonNull(upstreamTarget, "upstreamTarget");
            hops = List.copyOf(hops);
        }

        /** {@code 80} or {@code http}: the Service port as the Ingress names it. */
        public String servicePort() {
            return servicePortName != null ? servicePortName : String.valueOf(servicePortNumber);
        }
    }

    /**
     * No rule matched and no defaultBackend applies: the controller answers 404 itself with {@link #BODY}
     * (ingress-nginx's catch-all server does {@code return 404;}, so nginx sends its built-in error page).
     */
    record NotFound(String reason, List<Hop> hops) implements IngressRoute {

        /** The status line's code. */
        public static final int STATUS = 404;

        /**
         * nginx's built-in 404 page as ingress-nginx sends it ({@code server_tokens off}, so no version in the
         * footer), CRLF line ends and all: {@code src/http/ngx_http_special_response.c}.
         */
        public static final String BODY = "<html>\r\n"
                + "<head><title>404 Not Found</title></head>\r\n"
                + "<body>\r\n"
                + "<center><h1>404 Not Found</h1></center>\r\n"
                + "<hr><center>nginx</center>\r\n"
                + "</body>\r\n"
                + "</html>\r\n";

        public NotFound {
            Objects.requireNonNull(reason, "reason");
            hops = List.copyOf(hops);
        }

        /**
         * The response as nginx sends it: {@code Content-Type: text/html}, {@code Content-Length: 146} and
         * {@link #BODY}. The {@code Date} header needs the simulated clock, so the caller adds it.
         */
        public HttpResponse response() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/html");
            headers.put("Content-Length", String.valueOf(BODY.length()));
            return HttpResponse.of(STATUS, headers, BODY);
        }
    }

    /**
     * A redirect: ingress-nginx answers a plain-HTTP request to a host with TLS with status 308
     * ({@code http-redirect-code}) and {@code Location: https://host/path} (a trailing {@code /} of the request URI
     * dropped, as {@code preserve-trailing-slash: "false"} does by default); nginx answers a path that lacks only the
     * trailing {@code /} of a location with 301 and {@code Location: http://host/path/}.
     */
    record Redirect(int status, String location, List<Hop> hops) implements IngressRoute {

        public Redirect {
            Objects.requireNonNull(location, "location");
            hops = List.copyOf(hops);
        }

        /**
         * The response as nginx sends it: its built-in page for the status ({@code 308 Permanent Redirect}), with
         * {@code Content-Type: text/html}, {@code Content-Length} and {@code Location}. The caller adds {@code Date}.
         * The redirect's hop has verdict PASS: the controller answered, nothing was refused.
         */
        public HttpResponse response() {
            String title = status + " " + HttpResponse.reasonPhrase(status);
            String body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                    + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/html");
            headers.put("Content-Length", String.valueOf(body.length()));
            headers.put("Location", location);
            return HttpResponse.of(status, headers, body);
        }
    }

    /**
     * nginx answers by itself, before any Service is asked: {@code 400 Bad Request} for a request target it cannot
     * normalise, and the default server's {@code /healthz} (200, empty body) and {@code /nginx_status} (403).
     *
     * @param status the status code
     * @param reason why, as the trace says it
     */
    record Answered(int status, String reason, List<Hop> hops) implements IngressRoute {

        public Answered {
            Objects.requireNonNull(reason, "reason");
            hops = List.copyOf(hops);
        }

        /**
         * The response as nginx sends it: an empty body for 200 ({@code return 200;} with the template's
         * {@code default_type text/html}), else nginx's built-in page; a 400 closes the connection. The caller adds
         * {@code Date}.
         */
        public HttpResponse response() {
            String body = "";
            if (status != 200) {
                String title = status + " " + HttpResponse.reasonPhrase(status);
                body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/html");
            headers.put("Content-Length", String.valueOf(body.length()));
            if (status == 400) {
                headers.put("Connection", "close");
            }
            return HttpResponse.of(status, headers, body);
        }
    }
}
