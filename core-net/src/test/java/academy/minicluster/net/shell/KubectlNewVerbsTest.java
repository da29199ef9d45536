package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl patch}, {@code set}, {@code rollout}, {@code wait} and {@code edit}, with kubectl's output and
 * error wording, and the unknown-verb suggestion.
 */
class KubectlNewVerbsTest {

    private final Shell shell = KubectlFixture.webApp();

    private ShellResult ok(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private String jsonpath(String target, String path) {
        return ok("kubectl get " + target + " -o jsonpath={" + path + "}").stdout();
    }

    private String error(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(1);
        return r.stderr();
    }

    // ---- patch ----

    @Test
    void strategicPatchMergesContainersByName() {
        assertThat(ok("kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                + "[{\"name\":\"whoami\",\"image\":\"traefik/whoami:v1.11\"}]}}}}'").stdout())
                .isEqualTo("deployment.apps/web patched\n");

        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].image"))
                .isEqualTo("traefik/whoami:v1.11");
        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].ports[0].containerPort"))
                .isEqualTo("80");
    }

    @Test
    void strategicPatchAddsEnvByName() {
        ok("kubectl patch deploy/web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"whoami\","
                + "\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}}}}'");
        ok("kubectl patch deploy/web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"whoami\","
                + "\"env\":[{\"name\":\"B\",\"value\":\"2\"}]}]}}}}'");

        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].env[*].name")).isEqualTo("B A");
    }

    @Test
    void strategicPatchDeleteDirectiveRemovesAnElement() {
        ok("kubectl set env deployment/web A=1 B=2");

        ok("kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":"
                + "\"whoami\",\"env\":[{\"name\":\"A\",\"$patch\":\"delete\"}]}]}}}}'");

        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].env[*].name")).isEqualTo("B");
    }

    @Test
    void aPatchMayBeYaml() {
        ok("kubectl patch deployment web -p 'spec: {replicas: 2}'");

        assertThat(jsonpath("deployment web", ".spec.replicas")).isEqualTo("2");
    }

    @Test
    void theSamePatchTwiceSaysNoChange() {
        ok("kubectl patch svc web -p '{\"spec\":{\"selector\":{\"app\":\"web\"}}}'");

        assertThat(ok("kubectl patch svc web -p '{\"spec\":{\"selector\":{\"app\":\"web\"}}}'").stdout())
                .isEqualTo("service/web patched (no change)\n");
    }

    @Test
    void mergePatchReplacesListsWhole() {
        assertThat(ok("kubectl patch svc web --type merge -p '{\"spec\":{\"ports\":[{\"name\":\"alt\",\"port\":8080,"
                + "\"targetPort\":80}]}}'").stdout()).isEqualTo("service/web patched\n");

        assertThat(jsonpath("svc web", ".spec.ports[*].port")).isEqualTo("8080");
    }

    @Test
    void mergePatchNullDeletesAKey() {
        ok("kubectl label svc web team=a");
        ok("kubectl patch svc web --type=merge -p '{\"metadata\":{\"labels\":{\"team\":null}}}'");

        assertThat(jsonpath("svc web", ".metadata.labels.team")).isEmpty();
    }

    @Test
    void jsonPatchReplacesByPosition() {
        assertThat(ok("kubectl patch deployment web --type=json -p '[{\"op\":\"replace\",\"path\":"
                + "\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]'").stdout())
                .isEqualTo("deployment.apps/web patched\n");

        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].image")).isEqualTo("nginx:1.27");
    }

    @Test
    void jsonPatchAddAndRemove() {
        ok("kubectl patch svc web --type json -p '[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":"
                + "{\"x\":\"y\",\"z\":\"w\"}},{\"op\":\"remove\",\"path\":\"/metadata/labels/x\"}]'");

        assertThat(jsonpath("svc web", ".metadata.labels")).isEqualTo("{\"z\":\"w\"}");
    }

    @Test
    void aWrongPatchTypeIsRefusedAsKubectlDoes() {
        assertThat(error("kubectl patch svc web --type yaml -p '{}'"))
                .isEqualTo("error: --type must be one of [json merge strategic], not \"yaml\"\n");
    }

    @Test
    void aPatchIsRequired() {
        assertThat(error("kubectl patch svc web"))
                .isEqualTo("error: must specify --patch or --patch-file containing the contents of the patch\n");
    }

    @Test
    void aJsonPatchThatIsNotAListIsABadRequest() {
        assertThat(error("kubectl patch svc web --type json -p '{\"op\":\"remove\"}'")).isEqualTo(
                "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n");
    }

    @Test
    void aJsonPatchOnAMissingPathIsInvalid() {
        assertThat(error("kubectl patch svc web --type json -p '[{\"op\":\"replace\",\"path\":\"/spec/nope\","
                + "\"value\":1}]'")).isEqualTo("The request is invalid: jsonpatch replace operation does not apply: "
                + "doc is missing key: /spec/nope: missing value\n");
    }

    @Test
    void anUnknownFieldIsAStrictDecodingError() {
        assertThat(error("kubectl patch svc web -p '{\"spec\":{\"colour\":\"blue\"}}'")).isEqualTo(
                "Error from server (BadRequest): strict decoding error: unknown field \"spec.colour\"\n");
        assertThat(jsonpath("svc web", ".spec.selector.app")).isEqualTo("web");
    }

    @Test
    void aPatchThatIsNeitherJsonNorYamlCannotBeParsed() {
        assertThat(error("kubectl patch svc web -p '{\"spec\":'")).startsWith("error: unable to parse \"{\\\"spec\\\":\": yaml: ");
    }

    @Test
    void patchingAMissingObjectIsNotFound() {
        assertThat(error("kubectl patch svc nope -p '{}'"))
                .isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
    }

    @Test
    void patchFileIsRead() {
        shell.putFile("replicas.yaml", "spec:\n  replicas: 1\n");

        ok("kubectl patch deployment web --patch-file replicas.yaml");

        assertThat(jsonpath("deployment web", ".spec.replicas")).isEqualTo("1");
    }

    @Test
    void aPatchedUnschedulableNodeTakesNoNewPods() {
        assertThat(ok("kubectl patch node worker -p '{\"spec\":{\"unschedulable\":true}}'").stdout())
                .isEqualTo("node/worker patched\n");
        ok("kubectl patch node worker2 -p '{\"spec\":{\"unschedulable\":true}}'");
        ok("kubectl run late --image=nginx");

        assertThat(jsonpath("pod late", ".spec.nodeName")).isEmpty();
        assertThat(ok("kubectl describe pod late").stdout()).contains("0/3 nodes are available: 1 node(s) had "
                + "untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    }

    // ---- set ----

    @Test
    void setImageChangesTheNamedContainer() {
        assertThat(ok("kubectl set image deployment/web whoami=traefik/whoami:v1.11").stdout())
                .isEqualTo("deployment.apps/web image updated\n");
        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].image"))
                .isEqualTo("traefik/whoami:v1.11");
    }

    @Test
    void setImageOfAnUnknownContainer() {
        assertThat(error("kubectl set image deployment/web nginx=nginx"))
                .isEqualTo("error: unable to find container named \"nginx\"\n");
    }

    @Test
    void setEnvAddsAndRemoves() {
        assertThat(ok("kubectl set env deployment/web MODE=blue LEVEL=3").stdout())
                .isEqualTo("deployment.apps/web env updated\n");
        ok("kubectl set env deployment/web LEVEL-");

        assertThat(ok("kubectl set env deployment/web --list").stdout())
                .isEqualTo("# deployment web, container whoami\nMODE=blue\n");
    }

    @Test
    void setResourcesSetsLimitsAndRequests() {
        assertThat(ok("kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m")
                .stdout()).isEqualTo("deployment.apps/web resource requirements updated\n");

        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].resources.limits.memory"))
                .isEqualTo("512Mi");
        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].resources.requests.cpu"))
                .isEqualTo("100m");
    }

    @Test
    void setSelectorOnAService() {
        assertThat(ok("kubectl set selector svc web app=other").stdout()).isEqualTo("service/web selector updated\n");
        assertThat(jsonpath("svc web", ".spec.selector.app")).isEqualTo("other");
    }

    @Test
    void setSelectorOnADeploymentIsRefused() {
        assertThat(error("kubectl set selector deployment web app=x"))
                .isEqualTo("error: setting a selector is only supported for Services\n");
    }

    @Test
    void kubectlHasNoSetProbe() {
        assertThat(error("kubectl set probe deployment/web --readiness --get-url=http://:80/"))
                .isEqualTo("error: unknown flag: --readiness\nSee 'kubectl set --help' for usage.\n");
        assertThat(error("kubectl set probe deployment/web"))
                .isEqualTo("error: unknown command \"probe deployment/web\"\nSee 'kubectl set -h' for help and "
                        + "examples\n");
    }

    // ---- rollout ----

    @Test
    void rolloutStatusOfASettledDeployment() {
        assertThat(ok("kubectl rollout status deployment/web").stdout())
                .isEqualTo("deployment \"web\" successfully rolled out\n");
    }

    @Test
    void rolloutStatusOfADeploymentWhosePodsNeverGetReady() {
        shell.putFile("unready.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: unready}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: unready}}
                  template:
                    metadata: {labels: {app: unready}}
                    spec:
                      containers:
                      - name: whoami
                        image: traefik/whoami:v1.10
                        readinessProbe: {httpGet: {path: /, port: 9999}}
                """);
        ok("kubectl apply -f unready.yaml");

        ShellResult r = shell.execute("kubectl rollout status deployment/unready");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("Waiting for deployment \"unready\" rollout to finish: 0 of 2 updated replicas "
                + "are available...\n");
        assertThat(r.stderr()).isEqualTo("error: timed out waiting for the condition\n");
        assertThat(error("kubectl wait --for=condition=Available deployment/unready --timeout=10s"))
                .isEqualTo("error: timed out waiting for the condition on deployments/unready\n");
    }

    @Test
    void rolloutHistoryListsTheReplicaSetsRevisions() {
        ok("kubectl set image deployment/web whoami=traefik/whoami:v1.11");

        assertThat(ok("kubectl rollout history deployment/web").stdout()).isEqualTo("""
                deployment.apps/web\s
                REVISION  CHANGE-CAUSE
                1         <none>
                2         <none>

                """);
    }

    @Test
    void rolloutHistoryShowsTheChangeCause() {
        ok("kubectl annotate deployment web kubernetes.io/change-cause='image v1.11'");
        ok("kubectl set image deployment/web whoami=traefik/whoami:v1.11");

        assertThat(ok("kubectl rollout history deployment/web").stdout()).isEqualTo("""
                deployment.apps/web\s
                REVISION  CHANGE-CAUSE
                1         <none>
                2         image v1.11

                """);
    }

    @Test
    void rolloutUndoGoesBackAndRenumbers() {
        ok("kubectl set image deployment/web whoami=traefik/whoami:v1.11");

        assertThat(ok("kubectl rollout undo deployment/web").stdout()).isEqualTo("deployment.apps/web rolled back\n");
        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].image"))
                .isEqualTo("traefik/whoami:v1.10");
        assertThat(ok("kubectl rollout history deployment/web").stdout()).contains("2         <none>\n3         <none>\n")
                .doesNotContain("1         <none>");
    }

    @Test
    void rolloutUndoWithoutHistory() {
        assertThat(error("kubectl rollout undo deployment/web"))
                .isEqualTo("error: no rollout history found for deployment \"web\"\n");
        assertThat(error("kubectl rollout undo deployment/web --to-revision=7"))
                .isEqualTo("error: unable to find specified revision 7 in history\n");
    }

    @Test
    void rolloutRestartStampsTheTemplate() {
        assertThat(ok("kubectl rollout restart deployment web").stdout()).isEqualTo("deployment.apps/web restarted\n");
        assertThat(jsonpath("deployment web", ".spec.template.metadata.annotations"))
                .contains("kubectl.kubernetes.io/restartedAt");
        assertThat(ok("kubectl rollout history deployment/web").stdout()).contains("2         <none>");
    }

    // ---- wait ----

    @Test
    void waitForAvailableDeployment() {
        assertThat(ok("kubectl wait --for=condition=Available deployment/web").stdout())
                .isEqualTo("deployment.apps/web condition met\n");
    }

    @Test
    void waitForReadyPodsBySelector() {
        assertThat(ok("kubectl wait --for=condition=Ready pod -l app=web --timeout=60s").stdout()).isEqualTo("""
                pod/web-7495cc9b7d-chvjm condition met
                pod/web-7495cc9b7d-jm7bl condition met
                pod/web-7495cc9b7d-krfrs condition met
                """);
    }

    @Test
    void waitForJsonpath() {
        assertThat(ok("kubectl wait --for=jsonpath='{.spec.replicas}'=3 deployment/web").stdout())
                .isEqualTo("deployment.apps/web condition met\n");
    }

    @Test
    void waitThatCannotBeMetTimesOut() {
        ShellResult r = shell.execute("kubectl wait --for=jsonpath='{.spec.replicas}'=5 deployment/web --timeout=5s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: timed out waiting for the condition on deployments/web\n");
    }

    @Test
    void waitForDeleteOfADeletedObject() {
        ok("kubectl delete svc web");

        assertThat(ok("kubectl wait --for=delete svc/web").stdout()).isEmpty();
        assertThat(error("kubectl wait --for=delete svc/web-nodeport --timeout=1s"))
                .isEqualTo("error: timed out waiting for the condition on services/web-nodeport\n");
    }

    @Test
    void waitForAnUnknownCondition() {
        assertThat(error("kubectl wait --for=ready pod/x")).isEqualTo("error: unrecognized condition: \"ready\"\n");
    }

    @Test
    void waitForARelaxedJsonpathAndAQuotedValue() {
        assertThat(ok("kubectl wait --for=jsonpath=.status.phase=Running pod -l app=web").stdout()).hasLineCount(3);
        assertThat(ok("kubectl wait --for=jsonpath='{.kind}'=\"Deployment\" deploy/web").stdout())
                .isEqualTo("deployment.apps/web condition met\n");
    }

    @Test
    void waitWithAZeroTimeoutChecksOnce() {
        assertThat(error("kubectl wait --for=jsonpath='{.spec.replicas}'=5 deployment/web --timeout=0"))
                .isEqualTo("error: condition not met for deployments/web\n");
    }

    @Test
    void waitWithoutForNamesNoCondition() {
        assertThat(error("kubectl wait deployment/web")).isEqualTo("error: unrecognized condition: []\n");
    }

    // ---- edit ----

    @Test
    void editWithoutAnEditorSaysWhy() {
        assertThat(error("kubectl edit svc web")).startsWith("error: unable to launch the editor \"vi\"\n");
    }

    @Test
    void editReadsTheEditedObjectFromStdin() {
        String yaml = shell.execute("kubectl get svc web -o yaml").stdout().replace("app: web", "app: other");

        assertThat(shell.execute("kubectl edit svc/web", yaml).stdout()).isEqualTo("service/web edited\n");
        assertThat(jsonpath("svc web", ".spec.selector.app")).isEqualTo("other");
    }

    @Test
    void theWorkspaceHookShowsTheObjectsYaml() {
        assertThat(shell.editBuffer("kubectl edit svc web")).hasValueSatisfying(y -> assertThat(y)
                .contains("kind: Service").contains("name: web"));
        assertThat(shell.editBuffer("kubectl edit svc nope")).isEmpty();
    }

    @Test
    void patchByFileNamesTheObjectsOfTheFile() {
        assertThat(ok("kubectl patch -f web.yaml --type merge -p '{\"metadata\":{\"labels\":{\"team\":\"a\"}}}'")
                .stdout()).startsWith("deployment.apps/web patched\nservice/web patched\n");
        assertThat(jsonpath("svc web-nodeport", ".metadata.labels.team")).isEqualTo("a");
    }

    @Test
    void rolloutOfAKindWithoutRevisionsIsRefusedAsKubectlDoes() {
        assertThat(error("kubectl rollout history svc/web"))
                .isEqualTo("error: no history viewer has been implemented for \"Service\"\n");
        assertThat(error("kubectl rollout undo svc/web"))
                .isEqualTo("error: no rollbacker has been implemented for \"Service\"\n");
        assertThat(error("kubectl rollout restart svc/web"))
                .isEqualTo("error: services \"web\" restarting is not supported\n");
        assertThat(error("kubectl rollout undo deployment/web --to-revision=two")).startsWith(
                "error: invalid argument \"two\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"two\": "
                        + "invalid syntax\n");
    }

    @Test
    void theSameCommandsPrintTheSameTextEveryTime() {
        String[] script = {"kubectl set image deployment/web whoami=traefik/whoami:v1.11",
            "kubectl patch deployment web -p '{\"spec\":{\"replicas\":2}}'", "kubectl rollout restart deployment/web",
            "kubectl rollout history deployment/web", "kubectl rollout undo deployment/web --to-revision=1",
            "kubectl get pods -o wide", "kubectl get rs", "kubectl wait --for=condition=Ready pod --all"};
        Shell other = KubectlFixture.webApp();
        for (String line : script) {
            ShellResult a = shell.execute(line);
            ShellResult b = other.execute(line);
            assertThat(b.stdout()).as(line).isEqualTo(a.stdout());
            assertThat(b.stderr()).as(line).isEqualTo(a.stderr());
            assertThat(a.exitCode()).as(line + ": " + a.stderr()).isZero();
        }
    }

    // ---- unknown verbs ----

    @Test
    void aMisspelledVerbSuggestsTheRealOne() {
        assertThat(error("kubectl pach svc web"))
                .isEqualTo("error: unknown command \"pach\" for \"kubectl\"\n\nDid you mean this?\n\tpatch\n");
    }

    @Test
    void theSuggestionIsNeverTheVerbTyped() {
        assertThat(Kubectl.suggest("patch")).doesNotContain("\tpatch\n");
        assertThat(Kubectl.suggest("get")).doesNotContain("\tget\n").contains("\tset\n");
    }
}
