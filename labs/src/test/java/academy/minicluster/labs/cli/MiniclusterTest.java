package academy.minicluster.labs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniclusterTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Minicluster.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: whoami
                      image: traefik/whoami
            """;

    @Test
    void runPrintsATerminalSession(@TempDir Path dir) throws Exception {
        Path web = Files.writeString(dir.resolve("web.yaml"), WEB);

        Run r = run("run", "-f", web.toString(), "-c", "kubectl get deployment web");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("$ kubectl apply -f " + web + "\ndeployment.apps/web created\n"
                + "$ kubectl get deployment web\nNAME   READY   UP-TO-DATE   AVAILABLE   AGE\n");
    }

    @Test
    void runJsonHasOneEntryPerApplyAndCommandWithTraces(@TempDir Path dir) throws Exception {
        Path web = Files.writeString(dir.resolve("web.yaml"), WEB);
        Path script = Files.writeString(dir.resolve("cmds.sh"), """
                # expose it, then reach it through a node port from the workstation
                kubectl expose deployment web --port=80 --type=NodePort
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: note
                EOF
                curl -sS http://172.18.0.3:1/
                """);

        Run r = run("run", "--json", "-f", web.toString(), "--commands", script.toString());

        assertThat(r.status()).isZero();
        JsonNode results = new ObjectMapper().readTree(r.out()).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("command").asText()).isEqualTo("kubectl apply -f " + web);
        assertThat(results.get(2).get("stdout").asText()).isEqualTo("configmap/note created\n");
        JsonNode curl = results.get(3);
        assertThat(curl.get("exitCode").asInt()).isEqualTo(7);
        assertThat(curl.get("stderr").asText()).startsWith("curl: (7)");
        assertThat(curl.get("trace")).isNotEmpty();
        assertThat(curl.get("trace").get(0).fieldNames()).toIterable()
                .containsExactly("stage", "decision", "decidedBy", "verdict");
    }

    @Test
    void sameInputSameBytes() {
        String[] args = {"run", "--json", "--seed", "7", "-c", "kubectl create deployment web --image=traefik/whoami",
                "-c", "kubectl expose deployment web --port=80 --type=NodePort", "-c", "kubectl get svc web -o yaml"};

        assertThat(run(args).out()).isEqualTo(run(args).out());
    }

    @Test
    void unknownProfileIsMisuse() {
        Run r = run("run", "--profile", "calico", "-c", "kubectl get pods");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("minicluster: error: unknown profile \"calico\"").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileIsMisuse() {
        Run r = run("run", "-f", "/no/such/file.yaml");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("minicluster: error: /no/such/file.yaml: no such file\n");
    }

    @Test
    void unknownOptionIsMisuse() {
        assertThat(run("run", "--frobnicate").status()).isEqualTo(2);
    }

    @Test
    void shellReadsPipedLinesWithHereDocuments() {
        ShellCommand.in = new ByteArrayInputStream(("kubectl apply -f - <<EOF\n" + WEB + "EOF\n"
                + "kubectl get deploy web -o name\nhistory\nexit\nkubectl get pods\n").getBytes(StandardCharsets.UTF_8));
        try {
            Run r = run("shell");

            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("$ kubectl apply -f - <<EOF\n").contains("deployment.apps/web created\n")
                    .contains("$ kubectl get deploy web -o name\ndeployment.apps/web\n")
                    .contains("    2  kubectl get deploy web -o name")
                    .doesNotContain("$ kubectl get pods");
        } finally {
            ShellCommand.in = System.in;
        }
    }

    @Test
    void profilesListsEveryProfileWithItsDescription() {
        Run r = run("profiles");

        assertThat(r.out()).contains("default ").contains("no-network-policy ").contains("ipvs ");
    }

    @Test
    void labsListsTheBuiltInLabs() {
        assertThat(run("labs").out()).contains("fix-wrong-selector").contains("services-and-clusterip");
    }

    @Test
    void gradeOfTheStartingStateExitsOneWithExplanations() {
        Run r = run("grade", "fix-wrong-selector");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).startsWith("fix-wrong-selector (v1): 0/6\n")
                .contains("Service default/web selects app=web; no pod in default has that label");
    }

    @Test
    void gradeJsonOfAKubectlTranscriptWithFullMarksExitsZero(@TempDir Path dir) throws Exception {
        Path t = Files.writeString(dir.resolve("fix.sh"), "kubectl delete service web\n"
                + "kubectl expose deployment web --port=80\n");

        Run r = run("grade", "--json", "fix-wrong-selector", t.toString());

        assertThat(r.status()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("score").asInt()).isEqualTo(doc.get("max").asInt());
        assertThat(doc.get("checks").get(0).fieldNames()).toIterable().containsExactly("id", "title", "verdict",
                "points", "maxPoints", "explanation", "command", "trace", "symptom", "cause");
    }

    @Test
    void gradeAsALearnerShowsSymptomsUntilTheLabsFeedbackRevealsTheCause() {
        Run instructor = run("grade", "troubleshoot-the-shop");
        Run learner = run("grade", "troubleshoot-the-shop", "--as-learner", "--hints-taken", "3",
                "--failed-checks", "10");

        assertThat(instructor.out()).contains("selects app=api-server");
        // A troubleshooting lab: symptoms only, whatever the learner did; the trace is still shown.
        assertThat(learner.out()).doesNotContain("selects app=api-server")
                .contains("Service shop/api has 0 ready endpoints, expected 2\n")
                .contains("[SERVICE] Service shop/api port 80/TCP");

        Run guided = run("grade", "first-clusterip-service", "--as-learner");
        Run afterAHint = run("grade", "first-clusterip-service", "--as-learner", "--hints-taken", "1");
        assertThat(guided.out()).contains("curl: (6) Could not resolve host: hello; expected HTTP 200\n")
                .doesNotContain("; stopped at DNS:");
        assertThat(afterAHint.out()).isEqualTo(run("grade", "first-clusterip-service").out());
    }

    @Test
    void gradeOfAnUnknownLabIsMisuse() {
        Run r = run("grade", "no-such-lab");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown lab \"no-such-lab\"");
    }

    @Test
    void lintOfABrokenLabFileExitsOneWithItsLine(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntitel: typo\n");

        Run r = run("lint", "--json", lab.toString());

        assertThat(r.status()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("labs").get(0).get("findings").toString()).contains("broken.yaml:2 titel");
    }
}
