package academy.minicluster.net.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request through Envoy Gateway as a learner sends it, and the trace that explains it: the rule chosen and why, the
 * weighted choice, the Service and endpoint. {@code shop}: Gateway eg, HTTPRoute web (/ to web, /api to api-v1 and
 * api-v2 weighted 90/10, a RegularExpression header match), echo-basic backends.
 */
class GatewayRoutingTest {

    private static final String SHOP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: eg
              namespace: shop
            spec:
              gatewayClassName: eg
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: web
              namespace: shop
            spec:
              parentRefs:
              - name: eg
              hostnames: ["shop.example.com"]
              rules:
              - backendRefs:
                - name: web
                  port: 80
              - matches:
                - path: {type: PathPrefix, value: /api}
                backendRefs:
                - name: api-v1
                  port: 80
                  weight: 90
                - name: api-v2
                  port: 80
                  weight: 10
              - matches:
                - headers:
                  - name: x-canary
                    type: RegularExpression
                    value: "(yes|true)"
                backendRefs:
                - name: api-v2
                  port: 80
            """ + backend("web") + backend("api-v1") + backend("api-v2");

    private static String backend(String name) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {n}
                  namespace: shop
                spec:
                  selector: {app: {n}}
                  ports:
                  - port: 80
                    targetPort: 3000
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {n}
                  namespace: shop
                spec:
                  selector:
                    matchLabels: {app: {n}}
                  template:
                    metadata:
                      labels: {app: {n}}
                    spec:
                      containers:
                      - name: echo
                        image: registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0
                        env:
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        - name: NAMESPACE
                          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
                """.replace("{n}", name);
    }

    private Shell shell;
    private String address;

    @BeforeEach
    void apply() {
        shell = Shell.open(Cluster.create());
        shell.putFile("shop.yaml", SHOP);
        assertThat(shell.execute("kubectl apply -f shop.yaml").exitCode()).isZero();
        address = shell.execute("kubectl get gtw -n shop eg -o jsonpath={.status.addresses[0].value}").stdout();
    }

    private ShellResult curl(String path, String... headers) {
        StringBuilder line = new StringBuilder("curl -s -H 'Host: shop.example.com'");
        for (String h : headers) {
            line.append(" -H '").append(h).append("'");
        }
        return shell.execute(line.append(" http://").append(address).append(path).toString());
    }

    private static String trace(ShellResult r) {
        return r.trace().stream().map(Hop::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void theLongestPrefixWinsAndTheTraceSaysWhyAndWhichWeight() {
        ShellResult r = curl("/api/items");
        assertThat(r.stdout()).contains("\"pod\": \"api-v");
        assertThat(trace(r)).containsPattern("\\[INGRESS\\] Gateway shop/eg listener http \\(host shop.example.com\\): "
                + "HTTPRoute shop/web rule 2 matched: PathPrefix /api \\(longest prefix\\), weight (90|10) of 100 -> "
                + "Service shop/api-v[12] port 80");
        assertThat(trace(r)).contains("[INGRESS] envoy proxies to endpoint ");
    }

    @Test
    void aRegularExpressionHeaderMatchRunsOnRe2j() {
        assertThat(curl("/", "X-Canary: yes").stdout()).contains("\"pod\": \"api-v2-");
        assertThat(curl("/", "X-Canary: yess").stdout()).contains("\"pod\": \"web-");
    }

    @Test
    void aHostNoRouteServesIsEnvoys404() {
        ShellResult r = shell.execute("curl -s -o /dev/null -w %{http_code} -H 'Host: other.example.com' http://" + address + "/");
        assertThat(r.stdout()).isEqualTo("404");
        assertThat(trace(r)).contains("no HTTPRoute attached to a listener on this port serves host other.example.com");
    }

    @Test
    void aServiceWithoutReadyEndpointsIsNoHealthyUpstream() {
        shell.execute("kubectl scale deployment web -n shop --replicas=0");
        ShellResult r = shell.execute("curl -s -i -H 'Host: shop.example.com' http://" + address + "/");
        assertThat(r.stdout()).startsWith("HTTP/1.1 503 Service Unavailable").endsWith("no healthy upstream");
    }

    @Test
    void aNetworkPolicyJudgesTheEnvoyPodAsTheClient() {
        shell.putFile("deny.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: deny-all
                  namespace: shop
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                """);
        shell.execute("kubectl apply -f deny.yaml");
        ShellResult r = curl("/");
        assertThat(r.stdout()).startsWith("upstream connect error or disconnect/reset before headers");
        assertThat(trace(r)).contains("envoy-gateway-system/envoy-shop-eg-");
    }

    @Test
    void anHttpsListenerTerminatesTlsWithItsCertificateRefAndRoutesThePlainRequest() throws Exception {
        shell.putFile("web.crt", resource("/ingress/web-example-com.crt"));
        shell.putFile("web.key", resource("/ingress/web-example-com.key"));
        assertThat(shell.execute("kubectl create secret tls web-tls -n shop --cert=web.crt --key=web.key").exitCode())
                .isZero();
        shell.putFile("https.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: eg
                  namespace: shop
                spec:
                  gatewayClassName: eg
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: 80
                  - name: https
                    protocol: HTTPS
                    port: 443
                    hostname: web.example.com
                    tls:
                      certificateRefs:
                      - name: web-tls
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: secure
                  namespace: shop
                spec:
                  parentRefs:
                  - name: eg
                    sectionName: https
                  rules:
                  - backendRefs:
                    - name: web
                      port: 80
                """);
        assertThat(shell.execute("kubectl apply -f https.yaml").exitCode()).isZero();
        ShellResult r = shell.execute("curl -sk --resolve web.example.com:443:" + address + " https://web.example.com/x");
        assertThat(r.stdout()).contains("\"pod\": \"web-").contains("\"X-Forwarded-Proto\": [\n   \"https\"");
        assertThat(trace(r)).contains("envoy: SNI web.example.com -> listener https of Gateway shop/eg, certificate of "
                + "Secret shop/web-tls (TLS terminated at the Gateway)");
        assertThat(shell.execute("kubectl get gtw -n shop eg -o jsonpath={.status.listeners[1].attachedRoutes}").stdout())
                .isEqualTo("1");
        ShellResult other = shell.execute("curl -sk --resolve other.example.com:443:" + address + " https://other.example.com/");
        assertThat(other.exitCode()).isNotZero();
        ShellResult plain = shell.execute("curl -s http://" + address + ":443/");
        assertThat(plain.exitCode()).isEqualTo(52);   // curl: (52) Empty reply from server
    }

    private static String resource(String name) throws java.io.IOException {
        try (var in = GatewayRoutingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aListenerAddedLaterGetsItsPortOnTheProxyService() {
        shell.putFile("more.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: eg
                  namespace: shop
                spec:
                  gatewayClassName: eg
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: 80
                  - name: alt
                    protocol: HTTP
                    port: 8080
                """);
        ShellResult applied = shell.execute("kubectl apply -f more.yaml");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        assertThat(shell.execute("kubectl get svc -n envoy-gateway-system -l gateway.envoyproxy.io/owning-gateway-name=eg "
                + "-o 'jsonpath={.items[0].spec.ports[*].port}'").stdout()).isEqualTo("80 8080");
        assertThat(shell.execute("kubectl get gtw -n shop eg -o 'jsonpath={.status.listeners[*].attachedRoutes} "
                + "{.metadata.generation} {.status.conditions[0].observedGeneration}'").stdout()).isEqualTo("1 1 2 2");
        ShellResult r = shell.execute("curl -s -H 'Host: shop.example.com' http://" + address + ":8080/");
        assertThat(r.stdout()).as(trace(r)).contains("\"pod\": \"web-");
    }

    @Test
    void explainKnowsTheGatewayKinds() {
        ShellResult r = shell.execute("kubectl explain httproute.spec.rules.matches.path");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("KIND:       HTTPRoute\nVERSION:    gateway.networking.k8s.io/v1\n");
    }

    @Test
    void deletingTheGatewayRemovesItsProxy() {
        shell.execute("kubectl delete gateway -n shop eg");
        assertThat(shell.execute("kubectl get deploy,svc -n envoy-gateway-system -o name").stdout())
                .isEqualTo("deployment.apps/envoy-gateway\nservice/envoy-gateway\n");
    }
}
