package academy.minicluster.net.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gateway API kinds through kubectl: validation as kube-apiserver words a CRD's rules, printer columns, describe. */
class GatewayApiKubectlTest {

    private Shell shell;

    @BeforeEach
    void fresh() {
        shell = Shell.open(Cluster.create());
    }

    private ShellResult apply(String yaml) {
        shell.putFile("x.yaml", yaml);
        return shell.execute("kubectl apply -f x.yaml");
    }

    private static String route(String rules) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: web
                spec:
                  parentRefs:
                  - name: eg
                  rules:
                """ + rules;
    }

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: eg
            spec:
              gatewayClassName: eg
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            """;

    @Test
    void aPathThatDoesNotStartWithASlashIsRefusedWithTheCrdsRule() {
        ShellResult r = apply(route("""
                  - matches:
                    - path:
                        type: PathPrefix
                        value: api
                """));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an "
                + "absolute path and start with '/' when type one of ['Exact', 'PathPrefix']");
    }

    @Test
    void moreThanSixteenRulesAreTooMany() {
        ShellResult r = apply(route("  - {}\n".repeat(17)));
        assertThat(r.stderr()).contains("spec.rules: Too many: 17: must have at most 16 items");
    }

    @Test
    void anUnknownPathTypeIsAnUnsupportedValue() {
        ShellResult r = apply(route("""
                  - matches:
                    - path:
                        type: Regex
                        value: /api
                """));
        assertThat(r.stderr()).contains("spec.rules[0].matches[0].path.type: Unsupported value: \"Regex\": "
                + "supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"");
    }

    @Test
    void aServiceBackendWithoutPortIsRefused() {
        ShellResult r = apply(route("""
                  - backendRefs:
                    - name: web
                """));
        assertThat(r.stderr()).contains("spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for "
                + "Service reference");
    }

    @Test
    void anUnknownFieldIsAStrictDecodingError() {
        ShellResult r = apply(route("""
                  - matchs: []
                """));
        assertThat(r.stderr()).contains("strict decoding error: unknown field \"spec.rules[0].matchs\"");
    }

    @Test
    void theCrdsDefaultsAreStored() {
        apply(route("""
                  - backendRefs:
                    - name: web
                      port: 80
                """));
        assertThat(shell.execute("kubectl get httproute web -o 'jsonpath={.spec.rules[0].matches[0].path.type} "
                + "{.spec.rules[0].backendRefs[0].weight} {.spec.parentRefs[0].kind}'").stdout())
                .isEqualTo("PathPrefix 1 Gateway");
    }

    @Test
    void gatewayClassEgIsInstalledAndAccepted() {
        assertThat(shell.execute("kubectl get gatewayclass").stdout()).isEqualTo("""
                NAME   CONTROLLER                                      ACCEPTED   AGE
                eg     gateway.envoyproxy.io/gatewayclass-controller   True       4m56s
                """);
    }

    @Test
    void aGatewayGetsAnAddressFromThePoolAndIsProgrammed() {
        apply(GATEWAY);
        assertThat(shell.execute("kubectl get gtw").stdout()).isEqualTo("""
                NAME   CLASS   ADDRESS          PROGRAMMED   AGE
                eg     eg      172.18.255.201   True         2s
                """);
        assertThat(shell.execute("kubectl get svc -n envoy-gateway-system -l "
                + "gateway.envoyproxy.io/owning-gateway-name=eg -o name").stdout())
                .isEqualTo("service/envoy-default-eg-e41e7b31\n");
    }

    @Test
    void aGatewayOfAClassNobodyControlsStaysPending() {
        apply(GATEWAY.replace("gatewayClassName: eg", "gatewayClassName: other"));
        assertThat(shell.execute("kubectl get gateway eg").stdout()).contains("other   <none>    Unknown");
        assertThat(shell.execute("kubectl get gateway eg -o jsonpath={.status.conditions[0].reason}").stdout())
                .isEqualTo("Pending");
    }

    @Test
    void httpRoutesListTheirHostnames() {
        apply(route("""
                  - backendRefs:
                    - name: web
                      port: 80
                """).replace("spec:\n", "spec:\n  hostnames: [\"www.example.com\", \"*.example.org\"]\n"));
        assertThat(shell.execute("kubectl get httproutes").stdout()).isEqualTo("""
                NAME   HOSTNAMES                             AGE
                web    ["www.example.com","*.example.org"]   0s
                """);
    }

    @Test
    void shortNamesReachTheKinds() {
        assertThat(shell.execute("kubectl get gtw").stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(shell.execute("kubectl get refgrant -A").stderr()).isEqualTo("No resources found\n");
    }

    @Test
    void describeShowsTheRouteAsKubectlsGenericDescriber() {
        apply(GATEWAY);
        apply(route("""
                  - backendRefs:
                    - name: web
                      port: 80
                """));
        String out = shell.execute("kubectl describe httproute web").stdout();
        assertThat(out).startsWith("Name:         web\nNamespace:    default\n");
        assertThat(out).contains("API Version:  gateway.networking.k8s.io/v1\n");
        assertThat(out).contains("  Parent Refs:\n    Group:  gateway.networking.k8s.io\n    Kind:   Gateway\n    Name:   eg\n");
        assertThat(out).contains("Reason:                BackendNotFound");
        assertThat(out).endsWith("Events:       <none>\n");
    }
}
