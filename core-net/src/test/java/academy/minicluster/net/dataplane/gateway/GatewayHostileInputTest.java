package academy.minicluster.net.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd Gateway API manifests are answered as the API server answers them, never with an internal error. */
class GatewayHostileInputTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: [null]}",
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [null, {name: eg}], rules: [{matches: [null, {}]}]}",
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: [{filters: [{}], backendRefs: [null]}]}",
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {hostnames: [null], rules: [{matches: [{headers: [null, {name: a}]}]}]}",
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: eg}], rules: [{matches: [{path: {type: RegularExpression, value: '(a'}}], backendRefs: [{name: s, port: 80}]}]}",
            "kind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: eg}], rules: [{matches: [{queryParams: [{name: q, value: '[', type: RegularExpression}]}]}]}",
            "kind: Gateway\nmetadata: {name: g}\nspec: {gatewayClassName: eg, listeners: [null]}",
            "kind: Gateway\nmetadata: {name: g}\nspec: {gatewayClassName: eg, listeners: [{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector}}}]}",
            "kind: Gateway\nmetadata: {name: g}\nspec: {gatewayClassName: eg, listeners: [{name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [null]}}]}",
            "kind: Gateway\nmetadata: {name: g}\nspec: {}",
            "kind: GatewayClass\nmetadata: {name: c}\nspec: {}",
            "kind: HTTPRoute\nmetadata: {name: r}",
    })
    void isAnsweredWithoutAnInternalError(String body) {
        Shell shell = Shell.open(Cluster.create());
        shell.putFile("x.yaml", "apiVersion: gateway.networking.k8s.io/v1\n" + body + "\n");
        ShellResult r = shell.execute("kubectl apply -f x.yaml");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("internal error");
        ShellResult get = shell.execute("curl -s -m 1 http://172.18.255.201/");
        assertThat(get.stderr()).doesNotContain("Exception");
        assertThat(shell.execute("kubectl get gtw,httproute,gc -A").exitCode()).isZero();
    }
}
