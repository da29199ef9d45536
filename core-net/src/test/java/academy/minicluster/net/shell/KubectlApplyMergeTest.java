package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-applying a file, as a learner types it: client-side {@code kubectl apply} patches the live object three-way
 * (last-applied record, file, live object), so what {@code scale}, {@code label} and {@code annotate} changed and the
 * file never named survives, and what the file stopped naming is removed.
 */
class KubectlApplyMergeTest {

    /** A Deployment that leaves {@code replicas} to whoever scales it. */
    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
                tier: front
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
                    - containerPort: 8080
            """;

    private static final String SVC = """
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
            """;

    private static final String DNS_LIKE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: dns
            spec:
              selector:
                app: dns
              ports:
              - name: dns
                port: 53
                protocol: UDP
              - name: dns-tcp
                port: 53
                protocol: TCP
            """;

    private final Shell shell = KubectlFixture.emptyCluster();

    private ShellResult ok(String command) {
        ShellResult r = shell.execute(command);
        assertThat(r.exitCode()).as(command + "\n" + r.stderr()).isZero();
        return r;
    }

    private ShellResult apply(String yaml) {
        shell.putFile("web.yaml", yaml);
        return ok("kubectl apply -f web.yaml");
    }

    private String jsonpath(String target, String path) {
        return ok("kubectl get " + target + " -o jsonpath={" + path + "}").stdout();
    }

    @Test
    void reapplyKeepsTheReplicasThatScaleSetWhenTheFileNamesNone() {
        apply(WEB);
        ok("kubectl scale deployment web --replicas=5");

        ShellResult again = apply(WEB);

        assertThat(again.stdout()).isEqualTo("deployment.apps/web unchanged\n");
        assertThat(jsonpath("deployment web", ".spec.replicas")).isEqualTo("5");
    }

    /**
     * Issue 17: an apply that found the object unchanged answers the same question the same way the next time, but
     * only while the object is the same: a write in between (here {@code set image}) is reverted by the next apply.
     */
    @Test
    void anUnchangedReapplyAfterAWriteInBetweenRevertsTheWrite() {
        String web = WEB.replace("spec:\n  selector:", "spec:\n  replicas: 2\n  selector:");
        apply(web);
        assertThat(apply(web).stdout()).isEqualTo("deployment.apps/web unchanged\n");
        ok("kubectl set image deployment/web nginx=nginx:1.27");
        ok("kubectl scale deployment web --replicas=4");

        assertThat(apply(web).stdout()).isEqualTo("deployment.apps/web configured\n");
        assertThat(jsonpath("deployment web", ".spec.template.spec.containers[0].image")).isEqualTo("nginx");
        assertThat(jsonpath("deployment web", ".spec.replicas")).isEqualTo("2");
        assertThat(apply(web).stdout()).isEqualTo("deployment.apps/web unchanged\n");
    }

    /** The same name made again by another command is another object: apply warns and merges as the first time. */
    @Test
    void anUnchangedReapplyAfterTheObjectWasMadeAgainByCreateWarns() {
        apply(SVC);
        assertThat(apply(SVC).stdout()).isEqualTo("service/web unchanged\n");
        ok("kubectl delete svc web");
        ok("kubectl create service nodeport web --tcp=80:80");

        ShellResult again = apply(SVC);

        assertThat(again.stderr()).startsWith("Warning: resource services/web is missing the");
        assertThat(again.stdout()).isEqualTo("service/web configured\n");
        assertThat(apply(SVC).stdout()).isEqualTo("service/web unchanged\n");
    }

    @Test
    void reapplyWithReplicasInTheFileSetsThem() {
        apply(WEB);
        ok("kubectl scale deployment web --replicas=5");

        ShellResult again = apply(WEB.replace("spec:\n  selector:", "spec:\n  replicas: 3\n  selector:"));

        assertThat(again.stdout()).isEqualTo("deployment.apps/web configured\n");
        assertThat(jsonpath("deployment web", ".spec.replicas")).isEqualTo("3");
    }

    @Test
    void reapplyKeepsALabelThatKubectlLabelAdded() {
        apply(WEB);
        ok("kubectl label deploy web team=a");

        apply(WEB);

        assertThat(ok("kubectl get deploy web --show-labels").stdout()).contains("app=web,team=a,tier=front");
    }

    @Test
    void reapplyKeepsLabelsAndAnnotationsOnServicesAndPods() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                spec:
                  containers:
                  - name: c
                    image: busybox
                """;
        shell.putFile("pod.yaml", pod);
        shell.putFile("svc.yaml", SVC);
        ok("kubectl apply -f pod.yaml -f svc.yaml");
        ok("kubectl label pod client team=a");
        ok("kubectl label svc web team=a");
        ok("kubectl annotate svc web note=kept");

        ShellResult again = ok("kubectl apply -f pod.yaml -f svc.yaml");

        assertThat(again.stdout()).isEqualTo("pod/client unchanged\nservice/web unchanged\n");
        assertThat(jsonpath("pod client", ".metadata.labels.team")).isEqualTo("a");
        assertThat(jsonpath("svc web", ".metadata.labels.team")).isEqualTo("a");
        assertThat(jsonpath("svc web", ".metadata.annotations.note")).isEqualTo("kept");
    }

    @Test
    void aLabelRemovedFromTheFileIsRemovedByTheNextApply() {
        apply(WEB);

        ShellResult again = apply(WEB.replace("    tier: front\n", ""));

        assertThat(again.stdout()).isEqualTo("deployment.apps/web configured\n");
        assertThat(ok("kubectl get deploy web --show-labels").stdout()).contains(" app=web\n");
    }

    @Test
    void aContainerPortRemovedFromTheFileIsRemovedByTheNextApply() {
        apply(WEB);

        apply(WEB.replace("        - containerPort: 8080\n", ""));

        assertThat(jsonpath("deploy web", ".spec.template.spec.containers[0].ports[*].containerPort")).isEqualTo("80");
    }

    @Test
    void anImageChangeInTheFileRollsTheDeploymentOut() {
        apply(WEB);

        ShellResult again = apply(WEB.replace("image: nginx", "image: nginx:1.27"));

        assertThat(again.stdout()).isEqualTo("deployment.apps/web configured\n");
        assertThat(jsonpath("deploy web", ".spec.template.spec.containers[0].image")).isEqualTo("nginx:1.27");
    }

    @Test
    void switchingTheStrategyToRecreateDropsTheDefaultedRollingUpdate() {
        apply(WEB);

        apply(WEB.replace("spec:\n  selector:", "spec:\n  strategy:\n    type: Recreate\n  selector:"));

        assertThat(jsonpath("deploy web", ".spec.strategy")).isEqualTo("{\"type\":\"Recreate\"}");
    }

    @Test
    void reapplyKeepsTheAllocatedClusterIPAndNodePort() {
        apply(SVC);
        String ip = jsonpath("svc web", ".spec.clusterIP");
        String nodePort = jsonpath("svc web", ".spec.ports[0].nodePort");

        ShellResult again = apply(SVC.replace("app: web", "app: web2"));

        assertThat(again.stdout()).isEqualTo("service/web configured\n");
        assertThat(jsonpath("svc web", ".spec.clusterIP")).isEqualTo(ip);
        assertThat(jsonpath("svc web", ".spec.ports[0].nodePort")).isEqualTo(nodePort);
        assertThat(jsonpath("svc web", ".spec.selector.app")).isEqualTo("web2");
    }

    @Test
    void reapplyingAServiceWithOnePortNumberOverTwoProtocolsChangesNothing() {
        apply(DNS_LIKE);

        ShellResult again = apply(DNS_LIKE);

        assertThat(again.stdout()).isEqualTo("service/dns unchanged\n");
        assertThat(jsonpath("svc dns", ".spec.ports[*].protocol")).isEqualTo("UDP TCP");
    }

    @Test
    void applyOverAnObjectMadeByCreateWarnsAndMergesTwoWay() {
        ok("kubectl create deployment web --image=nginx --replicas=2");

        ShellResult r = apply(WEB);

        assertThat(r.stdout()).isEqualTo("deployment.apps/web configured\n");
        assertThat(r.stderr()).isEqualTo("Warning: resource deployments/web is missing the "
                + "kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. "
                + "kubectl apply should only be used on resources created declaratively by either kubectl create "
                + "--save-config or kubectl apply. The missing annotation will be patched automatically.\n");
        // Two-way: nothing is deleted, since there is no record of what was applied before.
        assertThat(jsonpath("deploy web", ".spec.replicas")).isEqualTo("2");
        assertThat(jsonpath("deploy web", ".metadata.labels.tier")).isEqualTo("front");
    }

    @Test
    void theSecondApplyOverAnObjectMadeByCreateNoLongerWarns() {
        ok("kubectl create deployment web --image=nginx");
        apply(WEB);

        ShellResult again = apply(WEB);

        assertThat(again.stderr()).isEmpty();
        assertThat(again.stdout()).isEqualTo("deployment.apps/web unchanged\n");
    }

    @Test
    void applyOverAPodMadeByRunWarnsWithThePodsResourceName() {
        ok("kubectl run client --image=busybox");
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                  labels:
                    run: client
                spec:
                  containers:
                  - name: client
                    image: busybox
                """;

        ShellResult r = apply(pod);

        assertThat(r.stderr()).startsWith("Warning: resource pods/client is missing the ");
    }

    @Test
    void aContainerWithoutANameStopsTheApplyBeforeAnythingIsSent() {
        apply(WEB);
        shell.putFile("web.yaml", WEB.replace("- name: nginx\n        image: nginx", "- image: nginx:1.27"));

        ShellResult r = shell.execute("kubectl apply -f web.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: error when creating patch with:\noriginal:\n{")
                .endsWith("for: \"web.yaml\": map: map[image:nginx:1.27 ports:[map[containerPort:80] "
                        + "map[containerPort:8080]]] does not contain declared merge key: name\n");
        assertThat(jsonpath("deploy web", ".spec.template.spec.containers[0].image")).isEqualTo("nginx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-web.yaml", "ingress.yaml", "dns.yaml", "netpol.yaml", "services.yaml",
            "host-network.yaml", "pod-network.yaml", "readiness.yaml"})
    void reapplyingAScenarioManifestLeavesEveryObjectUnchanged(String manifest) {
        shell.putFile("m.yaml", KubectlFixture.resource("/scenarios/" + manifest));
        String created = ok("kubectl apply -f m.yaml").stdout();

        ShellResult again = ok("kubectl apply -f m.yaml");

        assertThat(again.stdout()).isEqualTo(created.replace(" created\n", " unchanged\n"));
        assertThat(again.stderr()).isEmpty();
    }

    private static final String OTHER_KINDS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: conf
            data:
              a: "1"
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: ext-1
              labels:
                kubernetes.io/service-name: ext
            addressType: IPv4
            ports:
            - name: ""
              port: 80
              protocol: TCP
            endpoints:
            - addresses: ["10.0.0.1"]
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: other
            spec:
              controller: example.com/other
            """;

    @Test
    void reapplyingConfigMapsPoliciesSlicesAndClassesMergesToo() {
        apply(OTHER_KINDS);
        ok("kubectl label cm conf team=a");

        ShellResult unchanged = apply(OTHER_KINDS);
        ShellResult changed = apply(OTHER_KINDS.replace("a: \"1\"", "a: \"2\"").replace("10.0.0.1", "10.0.0.2"));

        assertThat(unchanged.stdout()).isEqualTo("configmap/conf unchanged\nnetworkpolicy.networking.k8s.io/deny "
                + "unchanged\nendpointslice.discovery.k8s.io/ext-1 unchanged\ningressclass.networking.k8s.io/other "
                + "unchanged\n");
        assertThat(changed.stdout()).isEqualTo("configmap/conf configured\nnetworkpolicy.networking.k8s.io/deny "
                + "unchanged\nendpointslice.discovery.k8s.io/ext-1 configured\ningressclass.networking.k8s.io/other "
                + "unchanged\n");
        assertThat(jsonpath("cm conf", ".data.a") + " " + jsonpath("cm conf", ".metadata.labels.team"))
                .isEqualTo("2 a");
        assertThat(jsonpath("endpointslice ext-1", ".endpoints[*].addresses[0]")).isEqualTo("10.0.0.2");
    }

    @Test
    void anAtomicListTheServerDefaultedIsPatchedOnEveryApply() {
        // EndpointSlice ports are atomic and the server fills in name "" and protocol TCP: the live list never equals
        // the file's, so kubectl sends it again each time, as against a real cluster.
        String slice = OTHER_KINDS.substring(OTHER_KINDS.indexOf("apiVersion: discovery"),
                OTHER_KINDS.indexOf("---\napiVersion: networking.k8s.io/v1\nkind: IngressClass"))
                .replace("- name: \"\"\n  port: 80\n  protocol: TCP", "- port: 80");
        apply(slice);

        assertThat(apply(slice).stdout()).isEqualTo("endpointslice.discovery.k8s.io/ext-1 configured\n");
        assertThat(jsonpath("endpointslice ext-1", ".ports[0].protocol")).isEqualTo("TCP");
    }

    @Test
    void theSameCommandsGiveTheSameOutputByteForByte() {
        String first = session();
        String second = session();

        assertThat(second).isEqualTo(first);
    }

    private static String session() {
        Shell s = KubectlFixture.emptyCluster();
        StringBuilder out = new StringBuilder();
        s.putFile("web.yaml", WEB);
        for (String c : new String[] {"kubectl apply -f web.yaml", "kubectl scale deploy web --replicas=4",
                "kubectl label deploy web team=a", "kubectl apply -f web.yaml", "kubectl get deploy web -o yaml"}) {
            ShellResult r = s.execute(c);
            out.append(r.exitCode()).append(r.stdout()).append(r.stderr());
        }
        return out.toString();
    }
}
