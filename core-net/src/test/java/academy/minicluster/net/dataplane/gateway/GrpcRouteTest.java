package academy.minicluster.net.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GRPCRoute through Envoy Gateway as a learner drives it with grpcurl: the trace says which rule matched and why,
 * grpcurl prints what the real one prints (the echo's JSON, {@code ERROR: Code: ... Message: ...} and exit code
 * 64 + code, the reflection failures), and the route's status and the listener's attachedRoutes count GRPCRoutes.
 * {@code rpc}: Gateway eg, GRPCRoute echo (Echo exactly to echo-v1, the whole service with header
 * {@code version: two} to echo-v2, any method of any service to echo-v1 for host all.example.com).
 */
class GrpcRouteTest {

    private static final String SERVICE = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho";

    private static final String RPC = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: rpc
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: eg
              namespace: rpc
            spec:
              gatewayClassName: eg
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: echo
              namespace: rpc
            spec:
              parentRefs:
              - name: eg
              hostnames: ["grpc.example.com"]
              rules:
              - matches:
                - method:
                    service: gateway_api_conformance.echo_basic.grpcecho.GrpcEcho
                    method: Echo
                backendRefs:
                - name: echo-v1
                  port: 8080
              - matches:
                - method:
                    service: gateway_api_conformance.echo_basic.grpcecho.GrpcEcho
                  headers:
                  - name: version
                    value: two
                backendRefs:
                - name: echo-v2
                  port: 8080
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: all
              namespace: rpc
            spec:
              parentRefs:
              - name: eg
              hostnames: ["all.example.com"]
              rules:
              - backendRefs:
                - name: echo-v1
                  port: 8080
            """ + backend("echo-v1") + backend("echo-v2");

    private static String backend(String name) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {n}
                  namespace: rpc
                spec:
                  selector: {app: {n}}
                  ports:
                  - port: 8080
                    targetPort: 3000
                    appProtocol: kubernetes.io/h2c
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {n}
                  namespace: rpc
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
                        - name: GRPC_ECHO_SERVER
                          value: "1"
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
        shell.putFile("rpc.yaml", RPC);
        shell.putFile("grpcecho.proto", resource("/gateway/conformance/grpcecho.proto"));
        assertThat(shell.execute("kubectl apply -f rpc.yaml").exitCode()).isZero();
        address = shell.execute("kubectl get gtw -n rpc eg -o jsonpath={.status.addresses[0].value}").stdout();
    }

    private ShellResult grpcurl(String flags, String method) {
        return shell.execute("grpcurl -plaintext " + flags + " " + address + ":80 " + SERVICE + "/" + method);
    }

    private static String trace(ShellResult r) {
        return r.trace().stream().map(Hop::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void anExactMethodMatchRoutesAndTheTraceSaysWhy() {
        ShellResult r = grpcurl("-proto grpcecho.proto -authority grpc.example.com", "Echo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("{\n  \"assertions\": {\n    \"fullyQualifiedMethod\": \"/" + SERVICE + "/Echo\",\n")
                .contains("        \"key\": \":authority\",\n        \"value\": \"grpc.example.com\"\n")
                .contains("    \"authority\": \"grpc.example.com\",\n")
                .contains("      \"namespace\": \"rpc\",\n      \"pod\": \"echo-v1-");
        assertThat(trace(r)).contains("[INGRESS] Gateway rpc/eg listener http (host grpc.example.com): GRPCRoute rpc/echo "
                + "rule 1 matched: method Exact " + SERVICE + "/Echo -> Service rpc/echo-v1 port 8080");
    }

    @Test
    void aServiceMatchWithAHeaderTakesTheOtherMethods() {
        ShellResult r = grpcurl("-proto grpcecho.proto -authority grpc.example.com -H 'version: two'", "EchoTwo");
        assertThat(r.stdout()).contains("\"pod\": \"echo-v2-");
        assertThat(trace(r)).contains("GRPCRoute rpc/echo rule 2 matched: method Exact " + SERVICE + "/*, header version: two");
        // Echo with the header: both rules match, the Exact service and method win.
        ShellResult echo = grpcurl("-proto grpcecho.proto -authority grpc.example.com -H 'version: two'", "Echo");
        assertThat(echo.stdout()).contains("\"pod\": \"echo-v1-");
        assertThat(trace(echo)).contains("rule 1 matched: method Exact " + SERVICE + "/Echo (an Exact service and method win)");
    }

    @Test
    void noMatchingRuleIsUnimplementedFromEnvoy() {
        ShellResult r = grpcurl("-proto grpcecho.proto -authority grpc.example.com", "EchoTwo");
        assertThat(r.exitCode()).isEqualTo(64 + 12);
        assertThat(r.stderr()).isEqualTo("ERROR:\n  Code: Unimplemented\n  Message: \n");
        assertThat(trace(r)).contains("no rule of the attached GRPCRoutes or HTTPRoutes matches POST /" + SERVICE + "/EchoTwo")
                .contains("its 404 goes to the client as grpc-status 12 (Unimplemented)");
    }

    @Test
    void theServersOwnUnimplementedMethodIsWordedAsGrpcGo() {
        ShellResult r = grpcurl("-authority all.example.com", "EchoThree");
        assertThat(r.exitCode()).isEqualTo(76);
        assertThat(r.stderr()).isEqualTo("ERROR:\n  Code: Unimplemented\n  Message: method EchoThree not implemented\n");
    }

    @Test
    void reflectionWorksOnlyWhereTheRouteLetsItThrough() {
        ShellResult list = shell.execute("grpcurl -plaintext -authority all.example.com " + address + ":80 list");
        assertThat(list.stdout()).isEqualTo(SERVICE + "\ngrpc.reflection.v1.ServerReflection\n"
                + "grpc.reflection.v1alpha.ServerReflection\n");
        ShellResult methods = shell.execute("grpcurl -plaintext -authority all.example.com " + address + ":80 list " + SERVICE);
        assertThat(methods.stdout()).isEqualTo(SERVICE + ".Echo\n" + SERVICE + ".EchoTwo\n" + SERVICE + ".EchoThree\n");
        // The exact route lets Echo through, not the reflection service grpcurl asks first.
        ShellResult blocked = grpcurl("-authority grpc.example.com", "Echo");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.stderr()).isEqualTo("Error invoking method \"" + SERVICE + "/Echo\": failed to query for service "
                + "descriptor \"" + SERVICE + "\": server does not support the reflection API\n");
        ShellResult unknown = grpcurl("-authority all.example.com", "Nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("Error invoking method \"" + SERVICE + "/Nope\": service \"" + SERVICE
                + "\" does not include a method named \"Nope\"\n");
    }

    @Test
    void usageAndDialErrorsAreGrpcurls() {
        assertThat(shell.execute("grpcurl -plaintext").stderr())
                .isEqualTo("Too few arguments.\nTry 'grpcurl -help' for more details.\n");
        assertThat(shell.execute("grpcurl -plaintext -insecure x:1 list").exitCode()).isEqualTo(2);
        ShellResult tls = shell.execute("grpcurl -authority all.example.com " + address + ":80 list");
        assertThat(tls.stderr()).isEqualTo("Failed to dial target host \"" + address
                + ":80\": tls: first record does not look like a TLS handshake\n");
        ShellResult data = grpcurl("-proto grpcecho.proto -authority all.example.com -d '{\"foo\": 1}'", "Echo");
        assertThat(data.stderr()).isEqualTo("Error invoking method \"" + SERVICE + "/Echo\": error getting request data: "
                + "message type gateway_api_conformance.echo_basic.grpcecho.EchoRequest has no known field named foo\n");
        ShellResult missing = grpcurl("-proto nope.proto", "Echo");
        assertThat(missing.stderr()).startsWith("Failed to process proto source files.: could not parse given files: "
                + "open nope.proto: no such file or directory");
    }

    @Test
    void statusAndAttachedRoutesCountGrpcRoutes() {
        assertThat(shell.execute("kubectl get grpcroute -n rpc echo -o 'jsonpath={.status.parents[0].conditions[*].reason}'")
                .stdout()).isEqualTo("Accepted ResolvedRefs");
        assertThat(shell.execute("kubectl get gtw -n rpc eg -o 'jsonpath={.status.listeners[0].attachedRoutes}'").stdout())
                .isEqualTo("2");
        shell.execute("kubectl delete svc -n rpc echo-v2");
        assertThat(shell.execute("kubectl get grpcroute -n rpc echo -o "
                + "'jsonpath={.status.parents[0].conditions[?(@.type==\"ResolvedRefs\")].reason}'").stdout())
                .isEqualTo("BackendNotFound");
    }

    @Test
    void netshootShipsGrpcurlAndCurlGetsNoHttp1AnswerFromTheGrpcServer() {
        shell.execute("kubectl run -n rpc client --image=nicolaka/netshoot -- sleep infinity");
        ShellResult r = shell.execute("kubectl exec -n rpc client -- grpcurl -plaintext -authority all.example.com "
                + address + ":80 list");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith(SERVICE + "\n");
        ShellResult busybox = shell.execute("kubectl run -n rpc bb --image=busybox -- sleep 3600");
        assertThat(busybox.exitCode()).isZero();
        assertThat(shell.execute("kubectl exec -n rpc bb -- grpcurl -plaintext x:80 list").stderr())
                .contains("exec: \"grpcurl\": executable file not found in $PATH");
    }

    private static String resource(String name) {
        try (InputStream in = GrpcRouteTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
