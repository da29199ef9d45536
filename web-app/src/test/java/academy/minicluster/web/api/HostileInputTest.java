package academy.minicluster.web.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ClusterLimits;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile inputs of issue 11 against the real server: a ReDoS ingress path and grep pattern, replicas bombs and
 * every route around the old counts, through {@code POST /api/v1/simulations} (a playground workspace: {@code
 * academy.minicluster.web.workspace.WorkspaceLimitsTest}), each
 * refused or capped by the mini-cluster's own limits (README "Limits"). Each test has a generous timeout that a
 * backtracking regex or an uncapped controller would exceed by far; the assertions are on the answers.
 */
@QuarkusTest
class HostileInputTest {

    private static final ClusterLimits LIMITS = ClusterLimits.DEFAULTS;
    private static final String AS = "a".repeat(48);

    private static JsonNode results(String manifests, List<String> commands) throws Exception {
        return SimulationsResourceTest.simulate(SimulationsResourceTest.request("default", 1, manifests, commands))
                .then().statusCode(200).extract().as(JsonNode.class).get("results");
    }

    private static JsonNode last(JsonNode results) {
        return results.get(results.size() - 1);
    }

    private static String deployment(String kind, int replicas) {
        return """
                apiVersion: apps/v1
                kind: %s
                metadata:
                  name: bomb
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: bomb}
                  template:
                    metadata:
                      labels: {app: bomb}
                    spec:
                      containers:
                      - name: web
                        image: traefik/whoami
                """.formatted(kind, replicas);
    }

    private static String configMaps(int count, String indent) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(indent).append("apiVersion: v1\n").append(indent).append("kind: ConfigMap\n").append(indent)
                    .append("metadata:\n").append(indent).append("  name: cm-").append(i).append('\n')
                    .append(indent).append("---\n");
        }
        return s.toString();
    }

    private static final String COUNT_PODS = "kubectl get pods -A --no-headers | wc -l";
    private static final String COUNT_CONFIGMAPS = "kubectl get configmaps --no-headers | wc -l";

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReDosIngressPathIsAnsweredAndTheServerAnswersAfterwards() throws Exception {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: redos
                  annotations:
                    nginx.ingress.kubernetes.io/use-regex: "true"
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: redos.example.com
                    http:
                      paths:
                      - path: /((a+)+)+b
                        pathType: ImplementationSpecific
                        backend: {service: {name: web, port: {number: 80}}}
                """;
        String address = last(results("", List.of("kubectl get svc -n ingress-nginx ingress-nginx-controller "
                + "-o jsonpath={.status.loadBalancer.ingress[0].ip}"))).get("stdout").asText();

        JsonNode r = results(ingress, List.of("curl -s -o /dev/null -w %{http_code} --resolve redos.example.com:80:"
                + address + " http://redos.example.com/" + AS + "!"));

        assertThat(r.get(0).get("exitCode").asInt()).as(r.get(0).get("stderr").asText()).isZero();
        assertThat(last(r).get("stdout").asText()).isEqualTo("404");
        assertThat(results("", List.of("kubectl get ns")).get(0).get("exitCode").asInt()).isZero();
    }

    @Test
    void anIngressPathNginxCannotCompileIsDeniedByTheWebhook() throws Exception {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: broken
                  annotations:
                    nginx.ingress.kubernetes.io/use-regex: "true"
                spec:
                  ingressClassName: nginx
                  rules:
                  - http:
                      paths:
                      - path: /(a+)\\1
                        pathType: ImplementationSpecific
                        backend: {service: {name: web, port: {number: 80}}}
                """;

        JsonNode apply = results(ingress, List.of()).get(0);

        assertThat(apply.get("exitCode").asInt()).isEqualTo(1);
        assertThat(apply.get("stderr").asText()).contains("admission webhook \"validate.nginx.ingress.kubernetes.io\" "
                + "denied the request").contains("uses a backreference");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReDosGrepPatternIsAnswered() throws Exception {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: redos\ndata:\n  k: " + AS + "!\n";

        JsonNode r = results(cm, List.of("kubectl get configmap redos -o yaml | grep -E '^  k: ((a+)+)+b'",
                "kubectl get configmap redos -o yaml | grep -c -E '^  k: ((a+)+)+!$'"));

        assertThat(r.get(1).get("exitCode").asInt()).isEqualTo(1);
        assertThat(r.get(2).get("stdout").asText()).isEqualTo("1\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionReplicasOfADeploymentAreCappedAtThePodLimit() throws Exception {
        JsonNode r = results(deployment("Deployment", 1_000_000), List.of(COUNT_PODS,
                "kubectl get rs -l app=bomb -o jsonpath={.items[0].status.conditions[0].message}",
                "kubectl describe deployment bomb | grep ReplicaFailure"));

        assertThat(r.get(0).get("exitCode").asInt()).as(r.get(0).get("stderr").asText()).isZero();
        assertThat(r.get(1).get("stdout").asText()).isEqualTo(LIMITS.maxPods() + "\n");
        assertThat(r.get(3).get("stdout").asText()).contains("ReplicaFailure").contains("True")
                .contains("FailedCreate");
        assertThat(r.get(2).get("stdout").asText()).startsWith("pods \"bomb-")
                .endsWith("is forbidden: exceeded quota: minicluster-limits, requested: pods=1, used: pods="
                        + LIMITS.maxPods() + ", limited: pods=" + LIMITS.maxPods());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionReplicasByReplicaSetScaleAndCreateAreCapped() throws Exception {
        JsonNode rs = results(deployment("ReplicaSet", 1_000_000), List.of(COUNT_PODS));
        JsonNode scaled = results(deployment("Deployment", 1), List.of("kubectl scale deployment bomb "
                + "--replicas=1000000", COUNT_PODS));
        JsonNode created = results("", List.of("kubectl create deployment big --image=traefik/whoami "
                + "--replicas=1000000", COUNT_PODS));

        assertThat(last(rs).get("stdout").asText()).isEqualTo(LIMITS.maxPods() + "\n");
        assertThat(last(scaled).get("stdout").asText()).isEqualTo(LIMITS.maxPods() + "\n");
        assertThat(last(created).get("stdout").asText()).isEqualTo(LIMITS.maxPods() + "\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHereDocumentOfAThousandObjectsIsRefusedPastTheObjectLimit() throws Exception {
        String script = "kubectl apply -f - <<EOF\n" + configMaps(1100, "") + "EOF\n";

        JsonNode r = results("", List.of(script, COUNT_CONFIGMAPS));

        assertThat(r.get(0).get("exitCode").asInt()).isEqualTo(1);
        assertThat(r.get(0).get("stderr").asText()).contains("Error from server (Forbidden): error when creating "
                + "\"STDIN\": configmaps \"cm-").contains("exceeded quota: minicluster-limits");
        assertThat(Integer.parseInt(last(r).get("stdout").asText().strip())).isLessThan(LIMITS.maxObjects());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLeadingTabLineDoesNotSkipTheCount() throws Exception {
        JsonNode r = results("\t\n" + configMaps(1100, ""), List.of(COUNT_CONFIGMAPS));

        int stored = Integer.parseInt(last(r).get("stdout").asText().strip());
        assertThat(stored).isLessThan(LIMITS.maxObjects());
        if (r.get(0).get("exitCode").asInt() == 0) {
            assertThat(stored).isZero();
        } else {
            assertThat(r.get(0).get("stderr").asText()).satisfiesAnyOf(
                    e -> assertThat(e).contains("exceeded quota: minicluster-limits"),
                    e -> assertThat(e).startsWith("error:"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aKindListOfAThousandItemsIsRefusedPastTheObjectLimit() throws Exception {
        StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 0; i < 1100; i++) {
            list.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: item-").append(i).append('\n');
        }

        JsonNode r = results(list.toString(), List.of(COUNT_CONFIGMAPS));

        assertThat(r.get(0).get("stderr").asText()).contains("exceeded quota: minicluster-limits");
        assertThat(Integer.parseInt(last(r).get("stdout").asText().strip())).isLessThan(LIMITS.maxObjects());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneCommandsEntryOfTwentyThousandLinesIs422NamingTheLimit() throws Exception {
        Response r = SimulationsResourceTest.simulate(SimulationsResourceTest.request("default", 1, "",
                List.of("kubectl get ns\n".repeat(20_000))));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("message")).isEqualTo("minicluster: this session has run "
                + LIMITS.maxCommands() + " commands, its limit (max-commands): start a new session to run more");
    }

    /** A thousand listings of 250 pods as YAML would print about 400 MB: the session's output limit stops it. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anOutputBombIs422NamingTheOutputLimit() throws Exception {
        // About 6 s of CPU on a quiet machine (printing 32 MiB of YAML): a patient client, as CI machines are busy.
        Response r = given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 110_000)))
                .contentType("application/json").body(SimulationsResourceTest.request("default", 1, "",
                        List.of("kubectl create deployment web --image=traefik/whoami --replicas=250\n"
                                + "kubectl get pods -A -o yaml\n".repeat(999))))
                .post("/api/v1/simulations");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("message")).isEqualTo("minicluster: this session has printed "
                + LIMITS.maxOutputBytes() + " bytes, its limit (max-output-bytes): start a new session to run more");
    }
}
