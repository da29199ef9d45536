package academy.minicluster.net.dataplane.gateway;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewaySmokeTest {
    @Test
    void smoke() throws Exception {
        Shell shell = Shell.open(Cluster.create());
        try (InputStream in = getClass().getResourceAsStream("/gateway/conformance/base-manifests.yaml")) {
            shell.putFile("base.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        print(shell, "kubectl apply -f base.yaml");
        shell.putFile("route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: gateway-conformance-infra-test
                  namespace: gateway-conformance-infra
                spec:
                  parentRefs:
                  - name: same-namespace
                  rules:
                  - backendRefs:
                    - name: infra-backend-v1
                      port: 8080
                """);
        print(shell, "kubectl apply -f route.yaml");
        print(shell, "kubectl get gc,gtw,httproute -A");
        print(shell, "kubectl get pods,svc -n envoy-gateway-system");
        print(shell, "kubectl get httproute -n gateway-conformance-infra gateway-conformance-infra-test -o yaml");
        print(shell, "kubectl get gtw -n gateway-conformance-infra same-namespace -o yaml");
        String ip = shell.execute("kubectl get gtw -n gateway-conformance-infra same-namespace -o jsonpath={.status.addresses[0].value}").stdout();
        print(shell, "curl -s -i http://" + ip + "/hello?x=1");
        print(shell, "kubectl describe httproute -n gateway-conformance-infra gateway-conformance-infra-test");
    }

    private static void print(Shell shell, String line) {
        ShellResult r = shell.execute(line);
        System.out.println("$ " + line + "\n" + r.stdout() + r.stderr() + "[exit " + r.exitCode() + "]");
        r.trace().forEach(h -> System.out.println("   " + h));
    }
}
