package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl debug node/NAME}: the pod kubectl creates for it ({@code generateNodeDebugPod}, general profile),
 * what kubectl prints, and what the pod looks like afterwards in {@code get}, {@code delete} and {@code events}.
 */
class KubectlDebugNodeTest {

    private final Shell shell = KubectlFixture.webApp();

    private static final String CURL = "kubectl debug node/worker -it --image=nicolaka/netshoot -- "
            + "curl -s -o /dev/null -w %{http_code} http://10.109.162.249";

    private static String podName(ShellResult r) {
        String first = r.stdout().lines().findFirst().orElseThrow();
        return first.substring("Creating debugging pod ".length(), first.indexOf(" with container"));
    }

    @Test
    void attachedRunAnnouncesThePodOnStdoutThenPrintsTheCommandsOutput() {
        ShellResult r = shell.execute(CURL);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).matches("Creating debugging pod node-debugger-worker-[bcdfghjklmnpqrstvwxz2456789]{5} "
                + "with container debugger on node worker\\.\n200");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void thePodStaysBehindCompletedInTheCurrentNamespace() {
        String pod = podName(shell.execute(CURL));

        assertThat(shell.execute("kubectl get pod " + pod).stdout()).isEqualTo(
                "NAME" + " ".repeat(pod.length() - 1) + "READY   STATUS      RESTARTS   AGE\n"
                        + pod + "   0/1     Completed   0          0s\n");
        assertThat(shell.execute("kubectl get pod " + pod + " -o jsonpath={.status.phase}").stdout())
                .isEqualTo("Succeeded");
    }

    @Test
    void thePodRunsInTheNodesNamespacesWithTheHostsRootAtSlashHost() {
        String pod = podName(shell.execute(CURL));

        String spec = shell.execute("kubectl get pod " + pod + " -o jsonpath="
                + "{.spec.nodeName},{.spec.hostNetwork},{.spec.hostPID},{.spec.hostIPC},{.spec.restartPolicy},"
                + "{.spec.tolerations[0].operator},{.spec.volumes[0].hostPath.path},"
                + "{.spec.containers[0].volumeMounts[0].mountPath},{.spec.containers[0].command[0]},"
                + "{.status.podIP}").stdout();
        assertThat(spec).isEqualTo("worker,true,true,true,Never,Exists,/,/host,curl,172.18.0.3");
    }

    @Test
    void aFailingCommandLeavesThePodInError() {
        ShellResult r = shell.execute("kubectl debug node/worker -it --image=nicolaka/netshoot -- "
                + "curl -sS --connect-timeout 1 http://nothere.invalid");
        String pod = podName(r);

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(shell.execute("kubectl get pod " + pod + " --no-headers").stdout()).isEqualTo(pod + "   0/1   Error   0     0s\n");
        assertThat(shell.execute("kubectl get pod " + pod + " -o jsonpath={.status.phase}").stdout())
                .isEqualTo("Failed");
    }

    @Test
    void withoutStdinKubectlOnlyAnnouncesThePod() {
        ShellResult r = shell.execute("kubectl debug node/worker --image=nicolaka/netshoot -- curl -s http://web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Creating debugging pod node-debugger-worker-").endsWith(" on node worker.\n");
        assertThat(r.stdout().lines()).hasSize(1);
    }

    @Test
    void quietSuppressesTheAnnouncement() {
        ShellResult r = shell.execute("kubectl debug node/worker -q -it --image=nicolaka/netshoot -- "
                + "curl -s -o /dev/null -w %{http_code} http://10.109.162.249");

        assertThat(r.stdout()).isEqualTo("200");
    }

    @Test
    void thePodCanBeDeleted() {
        String pod = podName(shell.execute(CURL));

        assertThat(shell.execute("kubectl delete pod " + pod).stdout()).isEqualTo("pod \"" + pod + "\" deleted\n");
        assertThat(shell.execute("kubectl get pod " + pod).stderr())
                .isEqualTo("Error from server (NotFound): pods \"" + pod + "\" not found\n");
    }

    @Test
    void theKubeletsEventsShowAndNoSchedulerEvent() {
        String pod = podName(shell.execute(CURL));

        String events = shell.execute("kubectl get events").stdout();
        assertThat(events).contains("pod/" + pod + "   Container image \"nicolaka/netshoot\" already present on machine")
                .contains("pod/" + pod + "   Created container: debugger")
                .contains("pod/" + pod + "   Started container debugger");
        assertThat(events.lines().filter(l -> l.contains(pod) && l.contains("Scheduled"))).isEmpty();
    }

    @Test
    void eachRunCreatesAnotherPod() {
        String first = podName(shell.execute(CURL));
        String second = podName(shell.execute(CURL));

        assertThat(second).isNotEqualTo(first);
        assertThat(shell.execute("kubectl get pods -o name").stdout()).contains("pod/" + first + "\n")
                .contains("pod/" + second + "\n");
    }

    @Test
    void theDebugPodIsNoEndpointOfAnyService() {
        shell.execute(CURL);

        assertThat(shell.execute("kubectl get endpoints web").stdout())
                .contains("10.244.1.3:80,10.244.2.2:80,10.244.2.3:80").doesNotContain("172.18.0.3");
    }

    @Test
    void anUnknownNodeCreatesNothing() {
        ShellResult r = shell.execute("kubectl debug node/nowhere -it --image=busybox -- ls");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): nodes \"nowhere\" not found\n");
        assertThat(shell.execute("kubectl get pods -o name").stdout()).doesNotContain("node-debugger");
    }

    @Test
    void anImageIsRequired() {
        assertThat(shell.execute("kubectl debug node/worker -it -- ls").stderr())
                .isEqualTo("error: you must specify --image when not using --copy-to.\n");
    }

    @Test
    void ttyNeedsStdin() {
        assertThat(shell.execute("kubectl debug node/worker -t --image=busybox -- ls").stderr())
                .isEqualTo("error: -i/--stdin is required for containers with -t/--tty=true\n");
    }

    @Test
    void aNameIsRequired() {
        assertThat(shell.execute("kubectl debug --image=busybox").stderr())
                .isEqualTo("error: NAME or filename is required for debug\n");
    }

    @Test
    void withoutACommandTheImagesShellKeptOpenByStdinLeavesThePodRunning() {
        String pod = podName(shell.execute("kubectl debug node/worker2 -it --image=busybox"));

        assertThat(shell.execute("kubectl get pod " + pod + " -o jsonpath={.status.phase},{.spec.nodeName}").stdout())
                .isEqualTo("Running,worker2");
    }

    @Test
    void thePodGoesToTheNamespaceAsked() {
        shell.execute("kubectl create namespace tools");

        String pod = podName(shell.execute("kubectl debug node/worker -n tools -it --image=nicolaka/netshoot -- "
                + "hostname"));

        assertThat(shell.execute("kubectl get pods -n tools -o name").stdout()).isEqualTo("pod/" + pod + "\n");
    }

    @Test
    void theControlPlaneNodeCanBeDebuggedDespiteItsTaint() {
        ShellResult r = shell.execute("kubectl debug node/control-plane -it --image=nicolaka/netshoot -- hostname -i");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(shell.execute("kubectl get pod " + podName(r) + " -o jsonpath={.spec.nodeName},{.status.podIP}")
                .stdout()).isEqualTo("control-plane,172.18.0.2");
    }

    @Test
    void describeShowsTheHostPathAndTheOneTolerationOfEverything() {
        String pod = podName(shell.execute(CURL));

        String out = shell.execute("kubectl describe pod " + pod).stdout();
        assertThat(out).contains("""
                Volumes:
                  host-root:
                    Type:          HostPath (bare host directory volume)
                    Path:          /
                    HostPathType:  \n""");
        assertThat(out).contains("\nQoS Class:         BestEffort\nNode-Selectors:    <none>\nTolerations:       op=Exists\nEvents:");
        assertThat(out).contains("    Command:\n      curl\n").contains("      /host from host-root (rw)\n");
    }

    private static String nodeOfANewPod(Shell shell) {
        shell.execute("kubectl create deployment spread --image=nginx");
        return shell.execute("kubectl get pods -l app=spread -o jsonpath={.items[0].spec.nodeName}").stdout();
    }

    @Test
    void completedDebugPodsTakeNoRoomOnTheirNodeForTheScheduler() {
        String chosen = nodeOfANewPod(KubectlFixture.webApp());
        Shell debugged = KubectlFixture.webApp();
        for (int i = 0; i < 3; i++) {
            debugged.execute("kubectl debug node/" + chosen + " -it --image=busybox -- true");
        }

        assertThat(debugged.execute("kubectl get pods --no-headers").stdout()).contains("Completed");
        assertThat(nodeOfANewPod(debugged)).isEqualTo(chosen);
    }

    @Test
    void policiesStillSeeTheDebugPodsTrafficAsTheNodesWhichNoPodSelectorAllows() {
        shell.execute("kubectl apply -f -", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: same-namespace-only
                spec:
                  podSelector:
                    matchLabels:
                      app: web
                  ingress:
                  - from:
                    - podSelector: {}
                """);

        // From worker2 to the web pod on worker: another node's address, which only an ipBlock could allow.
        ShellResult r = shell.execute("kubectl debug node/worker2 -it --image=nicolaka/netshoot -- "
                + "curl -sS --connect-timeout 1 http://10.244.1.3/");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(shell.execute("kubectl exec client -- curl -s -o /dev/null -w %{http_code} http://10.244.1.3/")
                .stdout()).isEqualTo("200");
    }

    @Test
    void anUnknownPullPolicyIsRefusedBeforeAnythingIsCreated() {
        ShellResult r = shell.execute("kubectl debug node/worker -it --image=busybox --image-pull-policy=Sometimes -- ls");

        assertThat(r.stderr()).isEqualTo("error: invalid image pull policy: Sometimes\n");
        assertThat(shell.execute("kubectl get pods -o name").stdout()).doesNotContain("node-debugger");
    }

    @Test
    void aMissingNamespaceFailsTheCreateAfterTheAnnouncement() {
        ShellResult r = shell.execute("kubectl debug node/worker -n nowhere -it --image=busybox -- true");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("Creating debugging pod node-debugger-worker-");
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): namespaces \"nowhere\" not found\n");
    }

    @Test
    void logsOfTheDebugPodPrintWhatTheCommandPrinted() {
        String pod = podName(shell.execute(CURL));

        ShellResult logs = shell.execute("kubectl logs " + pod);

        assertThat(logs.exitCode()).isZero();
        assertThat(logs.stdout()).isEqualTo("200");
    }

    @Test
    void logsOfTheDebugPodKeepTheCommandsErrorsToo() {
        String pod = podName(shell.execute("kubectl debug node/worker -it --image=nicolaka/netshoot -- "
                + "curl -sS --connect-timeout 1 http://nothere.invalid"));

        assertThat(shell.execute("kubectl logs " + pod).stdout())
                .isEqualTo("curl: (6) Could not resolve host: nothere.invalid\n");
    }

    @Test
    void logsOfADebugPodThatWasNotAttachedHoldTheOutputKubectlDidNotShow() {
        ShellResult r = shell.execute("kubectl debug node/worker --image=busybox -- hostname");
        String pod = podName(r);

        assertThat(shell.execute("kubectl logs " + pod).stdout()).isEqualTo("worker\n");
    }
}
