import academy.minicluster.labs.cli.Minicluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@code minicluster run --json} (and {@code grade --json}) over the repository's fixed inputs and writes one
 * file per case, so that two builds of the tool can be compared byte for byte (issue 16: "outputs stay
 * byte-identical"). A single-file program, run against any build of the tool:
 *
 * <pre>java -cp labs/target/minicluster.jar labs/scripts/RunOutputs.java OUTDIR</pre>
 *
 * from the repository's root (inputs are read from the working tree, so both builds see the same inputs). The
 * inputs: core-net's scenarios (each manifest file applied, then a probe set derived from it: every bare pod curls
 * and looks up every Service port, the workstation curls every nodePort, LoadBalancer and Ingress rule; and the
 * recorded session {@code determinism.sh}), every built-in lab's reference solutions, alternative and wrong answers
 * (the lab's start, the answer, then the probe commands its grade ran; and the grade itself), and the Gateway API
 * conformance cases (base manifests, setup, manifests, and every step's requests and the routes' status).
 *
 * <p>Everything is passed to the tool as command lines with here-documents, never as file paths, so no path of
 * this machine appears in an output; grade's submissions are written under {@code labs/target/compare-inputs},
 * a relative path that is the same for every build.
 */
public class RunOutputs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EOF = "RUN_OUTPUTS_EOF";
    private static final Path SCENARIOS = Path.of("core-net/src/test/resources/scenarios");
    private static final Path LABS = Path.of("labs/src/main/resources/labs");
    private static final Path GATEWAY = Path.of("core-net/src/test/resources/gateway/conformance");
    private static final Path SUBMISSIONS = Path.of("labs/target/compare-inputs");
    /** The ingress-nginx controller's LoadBalancer address in the default profile (MetalLB's first address). */
    private static final String INGRESS_IP = "172.18.255.200";
    /** The worker node's address: every node serves every nodePort. */
    private static final String NODE_IP = "172.18.0.3";
    /** A weighted distribution's requests, capped: enough to see the endpoint choice, not the suite's 400. */
    private static final int MAX_DISTRIBUTION_REQUESTS = 20;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp minicluster.jar RunOutputs.java OUTDIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(SUBMISSIONS);
        scenarios(out.resolve("scenarios"));
        labs(out.resolve("labs"));
        gatewayConformance(out.resolve("gateway-conformance"));
    }

    // ---- scenarios

    private static void scenarios(Path out) throws IOException {
        for (Path file : list(SCENARIOS, ".yaml")) {
            String manifests = Files.readString(file);
            StringBuilder script = new StringBuilder(apply(manifests));
            script.append("kubectl get pods,services,endpointslices,ingresses,networkpolicies -A -o wide\n");
            probes(manifests, script);
            write(out, name(file), run(List.of(), script.toString()));
        }
        // netpol.yaml with each of the policies NetworkPolicyScenarioTest applies to it.
        String netpol = Files.readString(SCENARIOS.resolve("netpol.yaml"));
        for (Path file : list(SCENARIOS.resolve("netpol"), ".yaml")) {
            StringBuilder script = new StringBuilder(apply(netpol)).append(apply(Files.readString(file)));
            probes(netpol, script);
            write(out, "netpol." + name(file), run(List.of(), script.toString()));
        }
        // The recorded session, its `kubectl apply -f FILE` lines inlined from the scenario directory.
        StringBuilder session = new StringBuilder();
        for (String line : Files.readAllLines(SCENARIOS.resolve("determinism.sh"))) {
            String[] words = line.split(" ");
            if (line.startsWith("kubectl apply -f ") && words.length == 4 && Files.exists(SCENARIOS.resolve(words[3]))) {
                session.append(apply(Files.readString(SCENARIOS.resolve(words[3]))));
            } else if (!line.startsWith("#")) {
                session.append(line).append('\n');
            }
        }
        write(out, "determinism", run(List.of(), session.toString()));
    }

    /** Every bare pod to every Service port (curl, nslookup); the workstation to nodePorts, LBs and Ingress rules. */
    private static void probes(String manifests, StringBuilder script) throws IOException {
        List<JsonNode> docs = documents(manifests);
        List<JsonNode> pods = docs.stream().filter(d -> kind(d, "Pod")).toList();
        for (JsonNode svc : docs.stream().filter(d -> kind(d, "Service")).toList()) {
            String name = svc.path("metadata").path("name").asText();
            String ns = svc.path("metadata").path("namespace").asText("default");
            for (JsonNode port : svc.path("spec").path("ports")) {
                int p = port.path("port").asInt();
                for (JsonNode pod : pods) {
                    String exec = "kubectl exec -n " + pod.path("metadata").path("namespace").asText("default") + " "
                            + pod.path("metadata").path("name").asText() + " -- ";
                    script.append(exec).append("curl -sS -m 2 http://").append(name).append('.').append(ns)
                            .append(':').append(p).append("/\n");
                    script.append(exec).append("nslookup ").append(name).append('.').append(ns).append('\n');
                }
                if (port.has("nodePort")) {
                    script.append("curl -sS -m 2 http://").append(NODE_IP).append(':')
                            .append(port.get("nodePort").asInt()).append("/\n");
                }
                if (svc.path("spec").path("type").asText().equals("LoadBalancer")) {
                    script.append("curl -sS -m 2 http://$(kubectl get service -n ").append(ns).append(' ').append(name)
                            .append(" -o jsonpath='{.status.loadBalancer.ingress[0].ip}'):").append(p).append("/\n");
                }
            }
        }
        for (JsonNode ing : docs.stream().filter(d -> kind(d, "Ingress")).toList()) {
            for (JsonNode rule : ing.path("spec").path("rules")) {
                String host = rule.path("host").asText("");
                for (JsonNode path : rule.path("http").path("paths")) {
                    script.append("curl -sS -m 2 ");
                    if (!host.isEmpty() && !host.startsWith("*")) {
                        script.append("-H 'Host: ").append(host).append("' ");
                    }
                    script.append("http://").append(INGRESS_IP).append(path.path("path").asText("/")).append('\n');
                }
            }
        }
    }

    // ---- labs

    private static void labs(Path out) throws IOException {
        for (String id : Files.readAllLines(LABS.resolve("index.txt"))) {
            if (id.isBlank() || id.startsWith("#")) {
                continue;
            }
            JsonNode lab = YAML.readTree(LABS.resolve(id + ".yaml").toFile());
            for (String group : List.of("solutions", "alternativeAnswers", "wrongAnswers")) {
                for (JsonNode answer : lab.path(group)) {
                    String name = id + "." + group + "." + answer.path("id").asText();
                    List<String> grade = new ArrayList<>(List.of("grade", id, "--json"));
                    if (!answer.path("manifests").asText().isBlank()) {
                        Path f = SUBMISSIONS.resolve(name + ".yaml");
                        Files.writeString(f, answer.get("manifests").asText());
                        grade.add(f.toString());
                    }
                    if (!answer.path("commands").asText().isBlank()) {
                        Path f = SUBMISSIONS.resolve(name + ".sh");
                        Files.writeString(f, answer.get("commands").asText());
                        grade.add(f.toString());
                    }
                    answer.path("answers").fields().forEachRemaining(e -> {
                        grade.add("--answer");
                        grade.add(e.getKey() + "=" + e.getValue().asText());
                    });
                    String graded = tool(grade.toArray(String[]::new));
                    write(out, name + ".grade", graded);

                    StringBuilder script = new StringBuilder();
                    script.append(apply(lab.path("start").path("manifests").asText("")));
                    script.append(lab.path("start").path("commands").asText("")).append('\n');
                    script.append(apply(answer.path("manifests").asText("")));
                    script.append(answer.path("commands").asText("")).append('\n');
                    for (JsonNode check : JSON.readTree(graded.substring(graded.indexOf('\n') + 1)).path("checks")) {
                        if (!check.path("command").asText().isBlank()) {
                            script.append(check.get("command").asText()).append('\n');
                        }
                    }
                    List<String> options = List.of("--profile", lab.path("profile").asText("default"),
                            "--seed", lab.path("seed").asText("1"));
                    write(out, name + ".run", run(options, script.toString()));
                }
            }
        }
    }

    // ---- Gateway API conformance cases

    private static void gatewayConformance(Path out) throws IOException {
        String base = apply(Files.readString(GATEWAY.resolve("base-manifests.yaml")));
        String files = writeFile("tls.crt", Files.readString(Path.of("core-net/src/test/resources/ingress/web-example-com.crt")))
                + writeFile("tls.key", Files.readString(Path.of("core-net/src/test/resources/ingress/web-example-com.key")))
                + writeFile("grpcecho.proto", Files.readString(GATEWAY.resolve("grpcecho.proto")));
        for (Path file : list(GATEWAY.resolve("cases"), ".yaml")) {
            JsonNode spec = YAML.readTree(file.toFile());
            StringBuilder script = new StringBuilder(base).append(files);
            for (JsonNode c : spec.path("setup")) {
                script.append(c.asText()).append('\n');
            }
            script.append(apply(spec.path("manifests").asText("")
                    .replace("{GATEWAY_CLASS_NAME}", "eg")
                    .replace("{GATEWAY_CONTROLLER_NAME}", "gateway.envoyproxy.io/gatewayclass-controller")));
            for (JsonNode step : spec.path("steps")) {
                if (step.has("run")) {
                    script.append(step.get("run").asText()).append('\n');
                }
                if (step.has("gateway")) {
                    String[] gw = step.get("gateway").asText().split("/");
                    script.append("GW=$(kubectl get gateway -n ").append(gw[0]).append(' ').append(gw[1])
                            .append(" -o jsonpath='{.status.addresses[0].value}')\n");
                }
                for (JsonNode request : step.path("requests")) {
                    script.append(request.has("grpc") ? grpcurl(request) : curl(request)).append('\n');
                }
                if (step.has("distribution")) {
                    int count = Math.min(step.get("distribution").path("count").asInt(), MAX_DISTRIBUTION_REQUESTS);
                    for (int i = 0; i < count; i++) {
                        script.append(curl(step.get("distribution").path("request"))).append('\n');
                    }
                }
                script.append("kubectl get gateways,httproutes,grpcroutes -A -o yaml\n");
            }
            write(out, name(file), run(List.of(), script.toString()));
        }
    }

    /** The conformance test's curl (GatewayConformanceTest.send), to the Gateway's address in $GW. */
    private static String curl(JsonNode request) {
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
            int port = request.path("port").asInt(443);
            String host = request.path("sni").asText(request.path("host").asText("$GW"));
            if (request.has("sni") && request.has("host")) {
                line.append(" -H 'Host: ").append(request.get("host").asText()).append("'");
            }
            line.append(" -k --resolve ").append(host).append(':').append(port).append(":$GW")
                    .append(" 'https://").append(host).append(port == 443 ? "" : ":" + port)
                    .append(request.path("path").asText("/")).append("'");
        } else {
            int port = request.path("port").asInt(80);
            line.append(" \"http://$GW").append(port == 80 ? "" : ":" + port)
                    .append(request.path("path").asText("/")).append('"');
        }
        return line.toString();
    }

    /** The conformance test's grpcurl (GatewayConformanceTest.sendGrpc). */
    private static String grpcurl(JsonNode request) {
        JsonNode grpc = request.get("grpc");
        StringBuilder line = new StringBuilder("grpcurl -plaintext -proto grpcecho.proto");
        if (grpc.has("authority")) {
            line.append(" -authority '").append(grpc.get("authority").asText()).append("'");
        }
        grpc.path("metadata").fields().forEachRemaining(h ->
                line.append(" -H '").append(h.getKey()).append(": ").append(h.getValue().asText()).append("'"));
        line.append(" \"$GW\":").append(request.path("port").asInt(80))
                .append(" gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/").append(grpc.path("method").asText("Echo"));
        return line.toString();
    }

    // ---- helpers

    /** Runs the tool in this JVM; the output is what it printed on standard output and standard error, and its status. */
    private static String tool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Minicluster.execute(new PrintWriter(out), new PrintWriter(err), args);
        return "exit " + status + (err.toString().isEmpty() ? "" : " stderr " + err.toString().strip()) + "\n" + out;
    }

    private static String run(List<String> options, String script) {
        List<String> args = new ArrayList<>(List.of("run", "--json"));
        args.addAll(options);
        args.add("-c");
        args.add(script);
        return tool(args.toArray(String[]::new));
    }

    private static String apply(String manifests) {
        return manifests.isBlank() ? "" : "kubectl apply -f - <<'" + EOF + "'\n" + manifests.stripTrailing() + "\n" + EOF + "\n";
    }

    private static String writeFile(String name, String content) {
        return "cat > " + name + " <<'" + EOF + "'\n" + content.stripTrailing() + "\n" + EOF + "\n";
    }

    private static List<JsonNode> documents(String manifests) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifests)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && d.isObject()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    private static boolean kind(JsonNode doc, String kind) {
        return doc.path("kind").asText().equals(kind);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String name(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".txt"), content, StandardCharsets.UTF_8);
    }
}
