package academy.minicluster.web.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.json.TraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimulationsResourceTest {

    /** Two whoami pods behind a NodePort Service, as in the README's example. */
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: whoami
                    image: traefik/whoami
                    ports:
                    - containerPort: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector:
                app: web
              ports:
              - port: 80
                targetPort: 80
                nodePort: 30080
            """;

    static final String CURL = "curl -sS http://172.18.0.3:30080/";

    @Test
    void aManifestAndACurlAnswerWithStdoutAndTheTrace() throws Exception {
        JsonNode results = simulate(request("default", 1, WEB, List.of("kubectl get pods", CURL)))
                .then().statusCode(200).contentType("application/json").extract().as(JsonNode.class).get("results");

        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("command").asText()).isEqualTo("kubectl apply -f manifests.yaml");
        assertThat(results.get(0).get("stdout").asText())
                .isEqualTo("deployment.apps/web created\nservice/web created\n");
        JsonNode curl = results.get(2);
        assertThat(curl.get("command").asText()).isEqualTo(CURL);
        assertThat(curl.get("exitCode").asInt()).isZero();
        assertThat(curl.get("stdout").asText()).startsWith("Hostname: web-").contains("GET / HTTP/1.1");
        assertThat(curl.get("trace").findValuesAsText("stage")).contains("CLIENT", "SERVICE", "CONTAINER");
        assertThat(curl.get("trace").get(1).get("decidedBy").get(0).asText()).isEqualTo("Service default/web");
        assertThat(curl.get("trace").get(1).get("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void theAnswerIsTheJsonOfMiniclusterRunByteForByte() throws Exception {
        String body = request("single-worker", 7, WEB, List.of(CURL));

        String first = simulate(body).then().statusCode(200).extract().asString();
        String second = simulate(body).then().statusCode(200).extract().asString();

        assertThat(first).isEqualTo(second);
        assertThat(first).startsWith("{\n  \"results\" : [ {\n    \"command\" : \"kubectl apply -f manifests.yaml\",");
        JsonNode hop = TraceJson.MAPPER.readTree(first).get("results").get(1).get("trace").get(0);
        assertThat(hop.fieldNames()).toIterable().containsExactly("stage", "decision", "decidedBy", "verdict");
    }

    @Test
    void aFailingCommandKeepsItsExitCodeAndStderr() throws Exception {
        JsonNode result = simulate(request("default", 1, "", List.of("kubectl get service nope")))
                .then().statusCode(200).extract().as(JsonNode.class).get("results").get(0);

        assertThat(result.get("exitCode").asInt()).isEqualTo(1);
        assertThat(result.get("stderr").asText())
                .isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
        assertThat(result.get("trace")).isEmpty();
    }

    @Test
    void anUnknownProfileIs422NamingTheKnownOnes() throws Exception {
        Response r = simulate(request("huge", 1, "", List.of("kubectl get pods")));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("message")).startsWith("unknown profile \"huge\" (known: default,");
    }

    // Issue 11: the old limits (200 commands, 500 objects counted in the YAML before applying) were bypassed by
    // here-documents, a leading tab and one long entry; the mini-cluster now counts what it runs and stores.
    @Test
    void tooManyCommandsIs422NamingTheLimit() throws Exception {
        List<String> commands = java.util.Collections.nCopies(1001, "kubectl get pods");

        Response r = simulate(request("default", 1, "", commands));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("message")).isEqualTo("minicluster: this session has run 1000 commands, "
                + "its limit (max-commands): start a new session to run more");
    }

    @Test
    void objectsPastTheLimitAreRefusedByTheClusterAsUnderAQuota() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c").append(i).append("\n---\n");
        }

        JsonNode apply = simulate(request("default", 1, yaml.toString(), List.of()))
                .then().statusCode(200).extract().as(JsonNode.class).get("results").get(0);

        assertThat(apply.get("exitCode").asInt()).isEqualTo(1);
        assertThat(apply.get("stderr").asText()).contains("is forbidden: exceeded quota: minicluster-limits, "
                + "requested: count/objects=1, used: count/objects=1000, limited: count/objects=1000");
    }

    @Test
    void exactlyTheLimitsAreAllowed() throws Exception {
        assertThat(simulate(request("default", 1, "", java.util.Collections.nCopies(200, "kubectl get ns")))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String huge = "{\"manifests\":\"" + "#".repeat(1_100_000) + "\"}";

        assertThat(simulate(huge).statusCode()).isEqualTo(413);
    }

    @Test
    void malformedJsonIs400WithAMessage() {
        Response r = simulate("{\"profile\": \"default\", ");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("message")).startsWith("the request body is not valid JSON:");
    }

    @Test
    void aWrongFieldTypeIs400NamingTheField() {
        assertThat(simulate("{\"commands\":\"kubectl get pods\"}").jsonPath().getString("message"))
                .isEqualTo("commands must be an array of strings, not a string");
        assertThat(simulate("{\"seed\":\"one\"}").statusCode()).isEqualTo(400);
        assertThat(simulate("{\"command\":[]}").jsonPath().getString("message"))
                .startsWith("unknown field \"command\"");
        assertThat(simulate("[]").jsonPath().getString("message"))
                .isEqualTo("the request body must be a JSON object, not an array");
    }

    @Test
    void malformedYamlIsKubectlsErrorNotAServerError() throws Exception {
        JsonNode result = simulate(request("default", 1, "kind: [unclosed", List.of()))
                .then().statusCode(200).extract().as(JsonNode.class).get("results").get(0);

        assertThat(result.get("exitCode").asInt()).isEqualTo(1);
        assertThat(result.get("stderr").asText()).startsWith("error:");
    }

    @Test
    @TestSecurity(user = "api-learner", roles = "learner")
    void aLearnerMaySimulate() throws Exception {
        assertThat(simulate(request("default", 1, "", List.of("kubectl get ns"))).statusCode()).isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "api-instructor", roles = "instructor")
    void anInstructorMaySimulate() throws Exception {
        assertThat(simulate(request("default", 1, "", List.of("kubectl get ns"))).statusCode()).isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "api-admin", roles = {"admin", "instructor"})
    void anAdminMaySimulate() throws Exception {
        assertThat(simulate(request("default", 1, "", List.of("kubectl get ns"))).statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescribesTheSimulationsEndpoint() {
        String openapi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        assertThat(openapi).contains("/api/v1/simulations", "/api/v1/labs/{id}", "SimulationRequest",
                "SimulationResults", "\"422\"", "\"413\"");
    }

    static String request(String profile, long seed, String manifests, List<String> commands) throws Exception {
        ObjectNode body = TraceJson.MAPPER.createObjectNode();
        body.put("profile", profile);
        body.put("seed", seed);
        body.put("manifests", manifests);
        ArrayNode c = body.putArray("commands");
        commands.forEach(c::add);
        return TraceJson.MAPPER.writeValueAsString(body);
    }

    static Response simulate(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/simulations");
    }
}
