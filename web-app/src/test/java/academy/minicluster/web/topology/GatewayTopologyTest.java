package academy.minicluster.web.topology;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.workspace.HopView;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateways in the topology view and in trace drawings, as Ingresses are shown: the Gateway with its address and
 * listeners, each HTTPRoute and GRPCRoute attached to it with whether it was accepted and the Services it sends to
 * (lines to them in the drawing, dashed for a route not accepted), and a curl's Gateway hop naming the route.
 */
class GatewayTopologyTest {

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
                  weight: 90
                - name: web-canary
                  port: 80
                  weight: 10
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: rpc
              namespace: shop
            spec:
              parentRefs:
              - name: eg
                sectionName: https
              rules:
              - backendRefs:
                - name: web
                  port: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 80
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: whoami
                    image: traefik/whoami:v1.10
            """;

    private static Shell shell;
    private static Cluster cluster;
    private static String address;

    @BeforeAll
    static void apply() {
        cluster = Cluster.create();
        shell = Shell.open(cluster);
        shell.putFile("shop.yaml", SHOP);
        ShellResult r = shell.execute("kubectl apply -f shop.yaml");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        address = shell.execute("kubectl get gtw -n shop eg -o jsonpath={.status.addresses[0].value}").stdout();
        assertThat(address).isNotEmpty();
    }

    @Test
    void theTextViewListsGatewaysWithTheirRoutesAsItListsIngresses() {
        String text = Topology.of(cluster).text();
        assertThat(text).contains("Gateways:\n  Gateway shop/eg (class eg, " + address + ") listeners http HTTP/80\n"
                + "    HTTPRoute shop/web shop.example.com: Accepted -> Service shop/web:80 weight 90, "
                + "Service shop/web-canary:80 weight 10\n"
                + "    GRPCRoute shop/rpc *: not accepted (NoMatchingParent) -> Service shop/web:80\n"
                + "NetworkPolicies:\n");
        // Envoy Gateway's own Deployment and Service live in a system namespace, like ingress-nginx's.
        assertThat(text).doesNotContain("envoy-shop-eg");
    }

    @Test
    void aClusterWithoutGatewaysSaysSo() {
        assertThat(Topology.of(Cluster.create()).text()).contains("Gateways:\n  none\n");
    }

    @Test
    void theDrawingLinksEachRouteToItsServicesDashedWhenNotAccepted() {
        String svg = TopologySvg.render(Topology.of(cluster));
        assertThat(svg).contains("<g class=\"gateway\"><title>Gateway shop/eg (class eg) " + address
                + " listeners http HTTP/80</title>");
        assertThat(svg).contains("<title>HTTPRoute shop/web shop.example.com: Accepted</title>")
                .contains("<title>GRPCRoute shop/rpc *: not accepted (NoMatchingParent)</title>")
                .contains("✗ GRPCRoute rpc");
        assertThat(svg).contains("stroke=\"#00695c\" stroke-width=\"1.5\" aria-hidden=\"true\"/>")
                .contains("stroke=\"#00695c\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" aria-hidden=\"true\"/>");
        assertThat(svg).contains("1 Gateways");
    }

    @Test
    void aCurlsGatewayHopNamesTheRouteThatMatched() {
        ShellResult r = shell.execute("curl -s -H 'Host: shop.example.com' http://" + address + "/");
        List<HopView> hops = hops(r);
        HopView gateway = hops.stream().filter(h -> h.decider().equals("Gateway shop/eg")).findFirst().orElseThrow();
        assertThat(gateway.passed()).isTrue();
        // The Results pane's trace row prints every decider: the Gateway, then the route that matched.
        assertThat(gateway.deciders()).startsWith("Gateway shop/eg, HTTPRoute shop/web");
        assertThat(gateway.text()).contains("(Gateway shop/eg, HTTPRoute shop/web");
    }

    @Test
    void aGatewayHopThatStopsNamesTheGatewayAndWhereItStopped() {
        ShellResult r = shell.execute("curl -s -H 'Host: nowhere.example.com' http://" + address + "/");
        HopView stopped = hops(r).stream().filter(h -> !h.passed()).findFirst().orElseThrow();
        assertThat(stopped.verdict()).isEqualTo("NOT_FOUND");
        assertThat(stopped.deciders()).contains("Gateway shop/eg");
    }

    private static List<HopView> hops(ShellResult r) {
        return r.trace().stream().map(h -> new HopView(h.stage().name(), h.decision(),
                h.decidedBy().stream().map(Object::toString).toList(), h.verdict().name())).toList();
    }
}
