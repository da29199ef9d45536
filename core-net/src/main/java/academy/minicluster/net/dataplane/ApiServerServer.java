package academy.minicluster.net.dataplane;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver on the control plane's port 6443, reached through Service {@code kubernetes} (10.96.0.1:443):
 * TLS with a certificate from the cluster's own CA, and 403 for an anonymous request — enough to show that the
 * path works, as {@code curl -k https://kubernetes.default} does on a real cluster.
 */
final class ApiServerServer implements Server {

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        if (!tls) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "text/plain; charset=utf-8");
            return Optional.of(HttpResponse.of(400, h, "Client sent an HTTP request to an HTTPS server.\n"));
        }
        String body = "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n"
                + "  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"" + request.path() + "\\\"\",\n"
                + "  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}";
        hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-apiserver answered 403: the request carries no credentials"));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return Optional.of(HttpResponse.of(403, h, body));
    }

    @Override
    public TlsHandshake tls(String sni, Connection decrypted, Peer peer, Trace hops) {
        return new TlsHandshake(true, "CN=kube-apiserver", "CN=kubernetes",
                List.of("kind-control-plane", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                        "kubernetes.default.svc.cluster.local", "localhost"), false, "", decrypted);
    }
}
