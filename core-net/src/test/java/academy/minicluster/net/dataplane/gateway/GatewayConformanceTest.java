package academy.minicluster.net.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Gateway API conformance suite's HTTPRoute and Gateway cases as data: each file under
 * {@code gateway/conformance/cases} holds a case's manifests (from kubernetes-sigs/gateway-api
 * {@code conformance/tests/*.yaml}) and its expectations (from the matching {@code .go}), in steps. The cluster starts
 * from the suite's base manifests ({@code conformance/base/manifests.yaml}, GatewayClass {@code eg}); every request
 * is a {@code curl} from the workstation to the Gateway's address, read as the suite reads echo-basic's answer.
 *
 * <p>Case format: {@code setup} (commands run first; files {@code tls.crt} and {@code tls.key} hold a certificate for
 * web.example.com), {@code manifests} (applied next), then {@code steps}, each with optional {@code run} (a command
 * that must succeed), {@code gateway} ({@code namespace/name}, whose address requests go to), {@code requests}
 * ({@code host}, {@code path}, {@code method}, {@code port}, {@code headers}, {@code echoSetHeaders}; expected
 * {@code status} (200), {@code backend} (the pod name's Deployment prefix), {@code namespace}, {@code expectedPath},
 * {@code expectedHost}, {@code requestHeaders}, {@code absentHeaders}, {@code responseHeaders},
 * {@code absentResponseHeaders}, {@code location}, {@code backendHeader}: a request header whose value must start
 * the pod's name), {@code conditions} on routes' parents ({@code route},
 * {@code parent}, {@code type}, {@code status}, {@code reason}), {@code listeners} ({@code gateway},
 * {@code listener}, {@code attachedRoutes}), {@code scheme: https} (a TLS request to port 443 with the host as SNI,
 * as the suite's tls.MakeTLSRequest... makes it; {@code sni} sets another server name than the host), {@code jsonpath} checks ({@code get}, {@code path}, {@code equals}) and
 * {@code distribution} (requests {@code count} spread by weight over backends, within 10 percentage points).
 *
 * <p>gRPC cases (the suite's {@code grpcroute-*} tests): a request with {@code grpc} ({@code method} Echo, EchoTwo or
 * EchoThree of echo-basic's {@code GrpcEcho}, {@code authority}, {@code metadata}) is a {@code grpcurl -plaintext
 * -proto grpcecho.proto} call (the suite's compiled client needs no reflection either); {@code code} is the
 * expected gRPC status (OK by default), {@code backend}/{@code namespace} are read from the EchoResponse's
 * context and {@code requestHeaders} from its assertions' headers. Conditions take {@code kind} (HTTPRoute).
 */
class GatewayConformanceTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cluster.Snapshot base;

    private static synchronized Cluster.Snapshot base() {
        if (base == null) {
            Cluster cluster = Cluster.create();
            Shell shell = Shell.open(cluster);
            shell.putFile("base.yaml", resource("/gateway/conformance/base-manifests.yaml"));
            ShellResult r = shell.execute("kubectl apply -f base.yaml");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            base = cluster.snapshot();
        }
        return base;
    }

    @TestFactory
    Stream<DynamicNode> conformanceCases() throws IOException, URISyntaxException {
        Path dir = Path.of(GatewayConformanceTest.class.getResource("/gateway/conformance/cases").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(file -> {
            JsonNode spec = read(file);
            return DynamicTest.dynamicTest(spec.path("name").asText(file.getFileName().toString()), () -> run(spec));
        });
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(JsonNode spec) {
        Shell shell = Shell.open(base().fork());
        // What the suite creates itself before the tests (MustCreateSelfSignedCertSecret): a certificate and key
        // any setup command can turn into a Secret.
        shell.putFile("tls.crt", resource("/ingress/web-example-com.crt"));
        shell.putFile("tls.key", resource("/ingress/web-example-com.key"));
        shell.putFile("grpcecho.proto", resource("/gateway/conformance/grpcecho.proto"));
        for (JsonNode command : spec.path("setup")) {
            ShellResult r = shell.execute(command.asText());
            assertThat(r.exitCode()).as("setup %s: %s", command.asText(), r.stderr()).isZero();
        }
        if (spec.has("manifests")) {
            shell.putFile("case.yaml", spec.get("manifests").asText()
                    .replace("{GATEWAY_CLASS_NAME}", "eg")
                    .replace("{GATEWAY_CONTROLLER_NAME}", "gateway.envoyproxy.io/gatewayclass-controller"));
            ShellResult r = shell.execute("kubectl apply -f case.yaml");
            assertThat(r.exitCode()).as("apply: %s", r.stderr()).isZero();
        }
        int stepNumber = 0;
        for (JsonNode step : spec.path("steps")) {
            stepNumber++;
            String where = spec.path("name").asText() + " step " + stepNumber;
            if (step.has("run")) {
                ShellResult r = shell.execute(step.get("run").asText());
                assertThat(r.exitCode()).as("%s: %s: %s", where, step.get("run").asText(), r.stderr()).isZero();
            }
            for (JsonNode c : step.path("conditions")) {
                checkCondition(shell, c, where);
            }
            for (JsonNode l : step.path("listeners")) {
                String[] gw = l.get("gateway").asText().split("/");
                String got = shell.execute("kubectl get gateway -n " + gw[0] + " " + gw[1]
                        + " -o 'jsonpath={.status.listeners[?(@.name==\"" + l.get("listener").asText()
                        + "\")].attachedRoutes}'").stdout();
                assertThat(got).as("%s: attachedRoutes of %s", where, l).isEqualTo(l.get("attachedRoutes").asText());
            }
            for (JsonNode j : step.path("jsonpath")) {
                ShellResult r = shell.execute("kubectl get " + j.get("get").asText() + " -o 'jsonpath=" + j.get("path").asText() + "'");
                assertThat(r.stdout()).as("%s: %s %s (%s)", where, j.get("get").asText(), j.get("path").asText(),
                        r.stderr()).isEqualTo(j.get("equals").asText());
            }
            String address = null;
            if (step.has("gateway")) {
                String[] gw = step.get("gateway").asText().split("/");
                address = shell.execute("kubectl get gateway -n " + gw[0] + " " + gw[1]
                        + " -o jsonpath={.status.addresses[0].value}").stdout();
                assertThat(address).as("%s: address of Gateway %s", where, step.get("gateway").asText()).isNotEmpty();
            }
            int n = 0;
            for (JsonNode request : step.path("requests")) {
                n++;
                checkRequest(shell, address, request, where + " request " + n);
            }
            if (step.has("distribution")) {
                checkDistribution(shell, address, step.get("distribution"), where);
            }
        }
    }

    private static void checkCondition(Shell shell, JsonNode c, String where) {
        String[] route = c.get("route").asText().split("/");
        String[] parent = c.get("parent").asText().split("/");
        String kind = c.path("kind").asText("HTTPRoute").toLowerCase(Locale.ROOT);
        String json = shell.execute("kubectl get " + kind + " -n " + route[0] + " " + route[1] + " -o json").stdout();
        JsonNode status = parse(json).path("status").path("parents");
        JsonNode found = null;
        for (JsonNode p : status) {
            JsonNode ref = p.path("parentRef");
            String ns = ref.path("namespace").asText(route[0]);
            if (ref.path("name").asText().equals(parent[1]) && ns.equals(parent[0])) {
                for (JsonNode cond : p.path("conditions")) {
                    if (cond.path("type").asText().equals(c.get("type").asText())) {
                        found = cond;
                    }
                }
            }
        }
        assertThat(found).as("%s: condition %s of %s for parent %s in %s", where, c.get("type").asText(),
                c.get("route").asText(), c.get("parent").asText(), status).isNotNull();
        assertThat(found.path("status").asText()).as("%s: %s status (%s)", where, c, found).isEqualTo(c.get("status").asText());
        if (c.has("reason")) {
            assertThat(found.path("reason").asText()).as("%s: %s reason", where, c).isEqualTo(c.get("reason").asText());
        }
    }

    /** What curl printed with {@code -i}: status, headers (names lower case) and body. */
    private record Response(int status, Map<String, String> headers, String body, ShellResult result) {
    }

    private static Response send(Shell shell, String address, JsonNode request) {
        StringBuilder line = new StringBuilder("curl -s -i");
        String method = request.path("method").asText("GET");
        if (!method.equals("GET")) {
            line.append(" -X ").append(method);
        }
        boolean https = request.path("scheme").asText("http").equals("https");
        if (request.has("host") && !https) {
            line.append(" -H 'Host: ").append(request.get("host").asText()).append("'");
        }
        Iterator<Map.Entry<String, JsonNode>> headers = request.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> h = headers.next();
            line.append(" -H '").append(h.getKey()).append(": ").append(h.getValue().asText()).append("'");
        }
        if (request.has("echoSetHeaders")) {
            List<String> items = new ArrayList<>();
            request.get("echoSetHeaders").fields().forEachRemaining(e -> items.add(e.getKey() + ":" + e.getValue().asText()));
            line.append(" -H 'X-Echo-Set-Header: ").append(String.join(",", items)).append("'");
        }
        if (https) {
            // The suite dials the Gateway's address with the host as SNI and Host (tls.MakeTLSRequest...); curl
            // does that with --resolve. -k: the suite trusts the Secret's own certificate, which this one is not
            // issued for (web.example.com), and the check here is routing, not the chain.
            int port = request.path("port").asInt(443);
            String host = request.path("sni").asText(request.path("host").asText(address));
            if (request.has("sni") && request.has("host")) {
                line.append(" -H 'Host: ").append(request.get("host").asText()).append("'");
            }
            line.append(" -k --resolve ").append(host).append(':').append(port).append(':').append(address)
                    .append(" 'https://").append(host).append(port == 443 ? "" : ":" + port)
                    .append(request.path("path").asText("/")).append("'");
        } else {
            int port = request.path("port").asInt(80);
            line.append(" 'http://").append(address).append(port == 80 ? "" : ":" + port)
                    .append(request.path("path").asText("/")).append("'");
        }
        ShellResult r = shell.execute(line.toString());
        String out = r.stdout().replace("\r\n", "\n");
        int blank = out.indexOf("\n\n");
        String head = blank < 0 ? out : out.substring(0, blank);
        String body = blank < 0 ? "" : out.substring(blank + 2);
        String[] lines = head.split("\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : 0;
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                h.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Response(status, h, body, r);
    }

    private static final String GRPC_SERVICE = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho";

    /** A gRPC call with grpcurl: its exit code, the EchoResponse (on OK) and the trace. */
    private static ShellResult sendGrpc(Shell shell, String address, JsonNode request) {
        JsonNode grpc = request.get("grpc");
        StringBuilder line = new StringBuilder("grpcurl -plaintext -proto grpcecho.proto");
        if (grpc.has("authority")) {
            line.append(" -authority '").append(grpc.get("authority").asText()).append("'");
        }
        grpc.path("metadata").fields().forEachRemaining(h ->
                line.append(" -H '").append(h.getKey()).append(": ").append(h.getValue().asText()).append("'"));
        int port = request.path("port").asInt(80);
        line.append(' ').append(address).append(':').append(port).append(' ').append(GRPC_SERVICE).append('/')
                .append(grpc.path("method").asText("Echo"));
        return shell.execute(line.toString());
    }

    private static void checkGrpc(Shell shell, String address, JsonNode request, String where) {
        ShellResult r = sendGrpc(shell, address, request);
        String context = where + " " + request + "\n" + r.stdout() + r.stderr() + "\n"
                + r.trace().stream().map(Hop::toString).collect(Collectors.joining("\n"));
        String code = request.path("code").asText("OK");
        if (!code.equals("OK")) {
            assertThat(r.exitCode()).as(context).isNotZero();
            assertThat(r.stderr()).as(context).contains("  Code: " + code + "\n");
            return;
        }
        assertThat(r.exitCode()).as(context).isZero();
        JsonNode assertions = parse(r.stdout()).path("assertions");
        assertThat(assertions.path("fullyQualifiedMethod").asText()).as(context)
                .isEqualTo("/" + GRPC_SERVICE + "/" + request.get("grpc").path("method").asText("Echo"));
        if (request.has("backend")) {
            assertThat(assertions.path("context").path("pod").asText()).as(context)
                    .startsWith(request.get("backend").asText() + "-");
        }
        if (request.has("namespace")) {
            assertThat(assertions.path("context").path("namespace").asText()).as(context)
                    .isEqualTo(request.get("namespace").asText());
        }
        Map<String, String> seen = new LinkedHashMap<>();
        assertions.path("headers").forEach(h -> seen.merge(h.path("key").asText(), h.path("value").asText(),
                (a, b) -> a + "," + b));
        Iterator<Map.Entry<String, JsonNode>> want = request.path("requestHeaders").fields();
        while (want.hasNext()) {
            Map.Entry<String, JsonNode> h = want.next();
            assertThat(seen.get(h.getKey().toLowerCase(Locale.ROOT))).as(context + "\nrequest header " + h.getKey())
                    .isEqualTo(h.getValue().asText());
        }
        for (JsonNode absent : request.path("absentHeaders")) {
            assertThat(seen).as(context).doesNotContainKey(absent.asText().toLowerCase(Locale.ROOT));
        }
    }

    private static void checkRequest(Shell shell, String address, JsonNode request, String where) {
        if (request.has("grpc")) {
            checkGrpc(shell, address, request, where);
            return;
        }
        Response response = send(shell, address, request);
        String context = where + " " + request + "\n" + response.result().stdout() + response.result().stderr() + "\n"
                + response.result().trace().stream().map(Hop::toString).collect(Collectors.joining("\n"));
        int expected = request.path("status").asInt(200);
        assertThat(response.status()).as(context).isEqualTo(expected);
        if (request.has("location")) {
            assertThat(response.headers().get("location")).as(context)
                    .isEqualTo(request.get("location").asText().replace("{GW}", address));
        }
        Iterator<Map.Entry<String, JsonNode>> rh = request.path("responseHeaders").fields();
        while (rh.hasNext()) {
            Map.Entry<String, JsonNode> h = rh.next();
            assertThat(response.headers().get(h.getKey().toLowerCase(Locale.ROOT))).as(context + "\nresponse header " + h.getKey())
                    .isEqualTo(h.getValue().asText());
        }
        for (JsonNode absent : request.path("absentResponseHeaders")) {
            assertThat(response.headers()).as(context).doesNotContainKey(absent.asText().toLowerCase(Locale.ROOT));
        }
        if (expected != 200 || !(request.has("backend") || request.has("backendHeader"))) {
            return;
        }
        assertThat(response.headers().get("content-type")).as(context).isEqualTo("application/json");
        JsonNode echo = parse(response.body());
        if (request.has("backend")) {
            assertThat(echo.path("pod").asText()).as(context).startsWith(request.get("backend").asText() + "-");
        }
        if (request.has("namespace")) {
            assertThat(echo.path("namespace").asText()).as(context).isEqualTo(request.get("namespace").asText());
        }
        assertThat(echo.path("path").asText()).as(context)
                .isEqualTo(request.path("expectedPath").asText(request.path("path").asText("/")));
        if (request.has("expectedHost")) {
            assertThat(echo.path("host").asText()).as(context).isEqualTo(request.get("expectedHost").asText());
        }
        Map<String, String> seen = new LinkedHashMap<>();
        echo.path("headers").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            seen.put(e.getKey().toLowerCase(Locale.ROOT), String.join(",", values));
        });
        Iterator<Map.Entry<String, JsonNode>> want = request.path("requestHeaders").fields();
        while (want.hasNext()) {
            Map.Entry<String, JsonNode> h = want.next();
            assertThat(seen.get(h.getKey().toLowerCase(Locale.ROOT))).as(context + "\nrequest header " + h.getKey())
                    .isEqualTo(h.getValue().asText());
        }
        for (JsonNode absent : request.path("absentHeaders")) {
            assertThat(seen).as(context).doesNotContainKey(absent.asText().toLowerCase(Locale.ROOT));
        }
        if (request.has("backendHeader")) {
            // The header a backendRef's own filter set names the backend that received the request.
            String header = seen.get(request.get("backendHeader").asText().toLowerCase(Locale.ROOT));
            assertThat(header).as(context).isNotNull();
            assertThat(echo.path("pod").asText()).as(context).startsWith(header + "-");
        }
    }

    private static void checkDistribution(Shell shell, String address, JsonNode distribution, String where) {
        int count = distribution.path("count").asInt(200);
        Map<String, Integer> hits = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String pod;
            if (distribution.path("request").has("grpc")) {
                ShellResult r = sendGrpc(shell, address, distribution.path("request"));
                assertThat(r.exitCode()).as("%s: %s", where, r.stderr()).isZero();
                pod = parse(r.stdout()).path("assertions").path("context").path("pod").asText();
            } else {
                Response r = send(shell, address, distribution.path("request"));
                assertThat(r.status()).as(where).isEqualTo(200);
                pod = parse(r.body()).path("pod").asText();
            }
            String backend = pod.substring(0, pod.lastIndexOf('-', pod.lastIndexOf('-') - 1));
            hits.merge(backend, 1, Integer::sum);
        }
        Iterator<Map.Entry<String, JsonNode>> weights = distribution.path("weights").fields();
        int total = 0;
        Map<String, Integer> expected = new LinkedHashMap<>();
        while (weights.hasNext()) {
            Map.Entry<String, JsonNode> w = weights.next();
            expected.put(w.getKey(), w.getValue().asInt());
            total += w.getValue().asInt();
        }
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            double want = 100.0 * e.getValue() / total;
            double got = 100.0 * hits.getOrDefault(e.getKey(), 0) / count;
            assertThat(Math.abs(want - got)).as("%s: %s got %s%% of requests, weight says %s%% (%s)", where, e.getKey(),
                    got, want, hits).isLessThanOrEqualTo(e.getValue() == 0 ? 0.0 : 10.0);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = GatewayConformanceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
