package academy.minicluster.net.workload;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.trace.Trace;

/**
 * A TLS ClientHello on a proxy's listener.
 *
 * @param conn      the connection as the proxy sees it
 * @param sni       the server name the client asked for, or null
 * @param decrypted the connection's stream once the handshake succeeds
 * @param trace     the client's connection trace: the proxy adds which certificate it chose, or why none
 */
public record TlsHello(ConnectionInfo conn, String sni, Connection decrypted, Trace trace) {
}
