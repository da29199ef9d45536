package academy.minicluster.net.workload;

import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;

/**
 * One HTTP request on a proxy's listener ({@link Listener.Kind#INGRESS_CONTROLLER}).
 *
 * @param request the request as the client sent it
 * @param conn    the connection as the proxy sees it (the client after any SNAT, its own address and port)
 * @param tls     whether it came over TLS the proxy terminated
 * @param trace   the client's connection trace: the proxy adds what it decided (route, upstream) and its upstream
 *                leg's hops
 */
public record ProxiedRequest(HttpRequest request, ConnectionInfo conn, boolean tls, Trace trace) {
}
