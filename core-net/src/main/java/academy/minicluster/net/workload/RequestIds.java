package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;

/**
 * The request ids the proxies add ({@code X-Request-ID} from ingress-nginx, {@code X-Request-Id} from Envoy). Both
 * draw a random one; ours derive from the request's target and the client's address and port, so that the same
 * request gives the same answer byte for byte. Every request through a proxy gets one: no String.format here.
 */
final class RequestIds {

    private RequestIds() {
    }

    /** A hash of target, client IP and client port as one text, read part by part (no concatenated copy). */
    static long hash(HttpRequest request, ConnectionInfo peer) {
        return hash(hash(hash(1125899906842597L, request.target()), peer.clientIp()),
                Integer.toString(peer.clientPort()));
    }

    private static long hash(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** {@code String.format("%016x", value)}. */
    static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
