package academy.minicluster.net.workload;

import java.util.Objects;

/**
 * One connection as the serving process sees it.
 *
 * @param clientIp    the source address the server sees: after kube-proxy's SNAT when there was one, so
 *                    {@code /clientip}, whoami's {@code RemoteAddr} and nginx's access log show the masquerade
 * @param clientPort  the source port the server sees
 * @param serverIp    the destination address after DNAT (the pod IP)
 * @param serverPort  the destination port after DNAT (the container's port)
 * @param epochSecond the simulated time of the request, in seconds since the epoch (time comes in, never read)
 */
public record ConnectionInfo(String clientIp, int clientPort, String serverIp, int serverPort, long epochSecond) {

    public ConnectionInfo {
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(serverIp, "serverIp");
    }

    /** {@code ip:port} as Go's {@code net/http} puts it in {@code Request.RemoteAddr} ({@code [v6]:port} for IPv6). */
    public String remoteAddr() {
        return hostPort(clientIp, clientPort);
    }

    /** {@code ip:port} of the server side. */
    public String localAddr() {
        return hostPort(serverIp, serverPort);
    }

    static String hostPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
