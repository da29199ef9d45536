package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The imperative commands labs use: {@code delete}, {@code create deployment|namespace|secret|service|ingress},
 * {@code run}, {@code expose}, {@code scale}, {@code label}, {@code annotate}, with kubectl's outcome lines.
 */
class KubectlWriteCommandsTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void deleteByKindAndNamePrintsDeleted() {
        assertThat(shell.execute("kubectl delete svc web web-nodeport").stdout())
                .isEqualTo("service \"web\" deleted\nservice \"web-nodeport\" deleted\n");
    }

    @Test
    void deleteOfAGroupedKindNamesItsGroup() {
        assertThat(shell.execute("kubectl delete deployment web").stdout())
                .isEqualTo("deployment.apps \"web\" deleted\n");
    }

    @Test
    void deleteOfAMissingObjectIsNotFound() {
        ShellResult r = shell.execute("kubectl delete svc nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
    }

    @Test
    void deleteBySelectorDeletesEveryMatch() {
        assertThat(shell.execute("kubectl delete pods -l app=web").stdout()).isEqualTo("""
                pod "web-7495cc9b7d-chvjm" deleted
                pod "web-7495cc9b7d-jm7bl" deleted
                pod "web-7495cc9b7d-krfrs" deleted
                """);
    }

    @Test
    void deleteBySelectorWithoutMatchSaysNoResourcesFound() {
        ShellResult r = shell.execute("kubectl delete pods -l app=nothing");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("No resources found\n");
    }

    @Test
    void deleteAllDeletesTheKindInTheNamespace() {
        assertThat(shell.execute("kubectl delete ingress --all").stdout())
                .isEqualTo("ingress.networking.k8s.io \"web\" deleted\n");
    }

    @Test
    void deleteFromFileDeletesItsObjects() {
        assertThat(shell.execute("kubectl delete -f web.yaml").stdout()).isEqualTo("""
                deployment.apps "web" deleted
                service "web" deleted
                service "web-nodeport" deleted
                service "web-lb" deleted
                ingress.networking.k8s.io "web" deleted
                pod "client" deleted
                """);
    }

    @Test
    void deleteOfAKindWithoutNameIsRefused() {
        assertThat(shell.execute("kubectl delete pods").stderr())
                .isEqualTo("error: resource(s) were provided, but no name was specified\n");
    }

    @Test
    void createDeploymentNamesContainerAfterImage() {
        assertThat(shell.execute("kubectl create deployment api --image=nginx:1.27 --replicas=2 --port=80").stdout())
                .isEqualTo("deployment.apps/api created\n");
        assertThat(shell.execute("kubectl get deploy api -o wide").stdout()).contains("   nginx        nginx:1.27   app=api\n");
    }

    @Test
    void createDeploymentThatExistsFailsWithKubectlsPrefix() {
        ShellResult r = shell.execute("kubectl create deployment web --image=nginx");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: failed to create deployment: deployments.apps \"web\" already exists\n");
    }

    @Test
    void createNamespaceTwiceIsAlreadyExists() {
        assertThat(shell.execute("kubectl create namespace dev").stdout()).isEqualTo("namespace/dev created\n");
        assertThat(shell.execute("kubectl create namespace dev").stderr())
                .isEqualTo("Error from server (AlreadyExists): namespaces \"dev\" already exists\n");
    }

    @Test
    void createSecretGenericCountsItsKeys() {
        shell.execute("kubectl create secret generic creds --from-literal=user=admin --from-literal=pw=s3cret");

        assertThat(shell.execute("kubectl get secret creds").stdout()).isEqualTo("""
                NAME    TYPE     DATA   AGE
                creds   Opaque   2      0s
                """);
    }

    @Test
    void createSecretTlsReadsCertAndKey() {
        shell.putFile("tls.crt", "-----BEGIN CERTIFICATE-----\n");
        shell.putFile("tls.key", "-----BEGIN PRIVATE KEY-----\n");

        assertThat(shell.execute("kubectl create secret tls shop-tls --cert=tls.crt --key=tls.key").stdout())
                .isEqualTo("secret/shop-tls created\n");
        assertThat(shell.execute("kubectl get secret shop-tls -o jsonpath={.type}").stdout())
                .isEqualTo("kubernetes.io/tls");
    }

    @Test
    void createServiceClusterIpNamesPortsAfterTheirSpec() {
        assertThat(shell.execute("kubectl create service clusterip api --tcp=80:8080").stdout())
                .isEqualTo("service/api created\n");
        assertThat(shell.execute("kubectl get svc api -o jsonpath={.spec.ports[0]}").stdout())
                .isEqualTo("{\"name\":\"80-8080\",\"port\":80,\"protocol\":\"TCP\",\"targetPort\":8080}");
        assertThat(shell.execute("kubectl get svc api -o jsonpath={.spec.selector}").stdout())
                .isEqualTo("{\"app\":\"api\"}");
    }

    @Test
    void createServiceNodePortTakesTheNodePort() {
        shell.execute("kubectl create service nodeport api --tcp=80:8080 --node-port=30090");

        assertThat(shell.execute("kubectl get svc api").stdout()).isEqualTo("""
                NAME   TYPE       CLUSTER-IP      EXTERNAL-IP   PORT(S)        AGE
                api    NodePort   10.103.200.59   <none>        80:30090/TCP   0s
                """);
    }

    @Test
    void createServiceWithoutPortIsRefused() {
        assertThat(shell.execute("kubectl create service clusterip api").stderr())
                .isEqualTo("error: at least one tcp port specifier must be provided\n");
    }

    @Test
    void createIngressBuildsPrefixAndExactPathsAndTls() {
        assertThat(shell.execute("kubectl create ingress shop --class=nginx "
                + "--rule=shop.example.com/api*=api:80 --rule=shop.example.com/=web:80,tls=shop-tls").stdout())
                .isEqualTo("ingress.networking.k8s.io/shop created\n");
        assertThat(shell.execute("kubectl get ingress shop -o yaml").stdout()).contains("""
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - backend:
                          service:
                            name: api
                            port:
                              number: 80
                        path: /api
                        pathType: Prefix
                      - backend:
                          service:
                            name: web
                            port:
                              number: 80
                        path: /
                        pathType: Exact
                  tls:
                  - hosts:
                    - shop.example.com
                    secretName: shop-tls
                """);
    }

    @Test
    void createIngressWithAMalformedRuleIsRefused() {
        assertThat(shell.execute("kubectl create ingress shop --rule=shop.example.com=web").stderr()).isEqualTo(
                "error: rule shop.example.com=web is invalid and should be in format host/path=svcname:svcport"
                        + "[,tls[=secret]]\n");
    }

    @Test
    void runCreatesAPodWithLabelsPortAndEnv() {
        assertThat(shell.execute("kubectl run api --image=nginx --port=80 --labels=app=api,tier=fe --env=A=1")
                .stdout()).isEqualTo("pod/api created\n");
        assertThat(shell.execute("kubectl get pod api -o jsonpath={.metadata.labels}").stdout())
                .isEqualTo("{\"app\":\"api\",\"tier\":\"fe\"}");
        assertThat(shell.execute("kubectl get pod api -o jsonpath={.spec.containers[0].env}").stdout())
                .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"}]");
    }

    @Test
    void runLabelsThePodRunNameByDefault() {
        shell.execute("kubectl run api --image=nginx");

        assertThat(shell.execute("kubectl get pod api --show-labels").stdout()).contains("   run=api\n");
    }

    @Test
    void runWithCommandSetsTheContainersCommand() {
        shell.execute("kubectl run sleeper --image=busybox --restart=Never --command -- sleep 3600");

        assertThat(shell.execute("kubectl get pod sleeper -o jsonpath={.spec.containers[0].command}").stdout())
                .isEqualTo("[\"sleep\",\"3600\"]");
        assertThat(shell.execute("kubectl get pod sleeper -o jsonpath={.spec.restartPolicy}").stdout())
                .isEqualTo("Never");
    }

    @Test
    void runRmAttachesPrintsTheOutputAndDeletesThePod() {
        ShellResult r = shell.execute("kubectl run tmp --rm -it --restart=Never --image=curlimages/curl -- -s "
                + "-o /dev/null -w %{http_code} http://web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("200pod \"tmp\" deleted\n");
        assertThat(shell.execute("kubectl get pod tmp").exitCode()).isEqualTo(1);
    }

    @Test
    void runRmOfAFailingCommandReportsTheTermination() {
        ShellResult r = shell.execute("kubectl run tmp --rm -it --restart=Never --image=busybox -- wget -qO- -T 1 "
                + "http://no-such-service");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("pod \"tmp\" deleted\n");
        assertThat(r.stderr()).endsWith("pod default/tmp terminated (Error)\n");
    }

    @Test
    void runRmWithoutAttachIsRefused() {
        assertThat(shell.execute("kubectl run tmp --rm --image=busybox").stderr())
                .isEqualTo("error: --rm should only be used for attached containers\n");
    }

    @Test
    void exposeDeploymentCopiesItsSelector() {
        assertThat(shell.execute("kubectl expose deployment web --port=8080 --target-port=80 --name=web2 "
                + "--type=NodePort").stdout()).isEqualTo("service/web2 exposed\n");
        assertThat(shell.execute("kubectl get svc web2 -o wide").stdout()).contains("   app=web\n")
                .contains("8080:");
    }

    @Test
    void exposePodUsesItsContainerPort() {
        shell.execute("kubectl run api --image=nginx --port=80");
        shell.execute("kubectl expose pod api");

        assertThat(shell.execute("kubectl get svc api -o jsonpath={.spec.ports[0].port}/{.spec.selector.run}")
                .stdout()).isEqualTo("80/api");
    }

    @Test
    void exposeWithoutAnyPortIsRefused() {
        shell.execute("kubectl run api --image=nginx");

        assertThat(shell.execute("kubectl expose pod api").stderr()).isEqualTo(
                "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
    }

    @Test
    void scalePrintsScaled() {
        assertThat(shell.execute("kubectl scale deployment web --replicas=2").stdout())
                .isEqualTo("deployment.apps/web scaled\n");
        assertThat(shell.execute("kubectl get deploy web").stdout()).contains(" 2/2 ");
    }

    @Test
    void scaleWithoutReplicasIsRefused() {
        assertThat(shell.execute("kubectl scale deploy web").stderr())
                .isEqualTo("error: required flag(s) \"replicas\" not set\n");
    }

    @Test
    void labelPrintsLabeled() {
        assertThat(shell.execute("kubectl label pod client tier=fe").stdout()).isEqualTo("pod/client labeled\n");
    }

    @Test
    void relabelingWithoutOverwriteIsAnError() {
        shell.execute("kubectl label pod client tier=fe");
        ShellResult r = shell.execute("kubectl label pod client tier=be");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: 'tier' already has a value (fe), and --overwrite is false\n");
    }

    @Test
    void relabelingWithOverwriteIsLabeled() {
        shell.execute("kubectl label pod client tier=fe");

        assertThat(shell.execute("kubectl label pod client tier=be --overwrite").stdout())
                .isEqualTo("pod/client labeled\n");
    }

    @Test
    void removingALabelIsUnlabeled() {
        shell.execute("kubectl label pod client tier=fe");

        assertThat(shell.execute("kubectl label pod client tier-").stdout()).isEqualTo("pod/client unlabeled\n");
        assertThat(shell.execute("kubectl get pod client --show-labels").stdout()).endsWith("   <none>\n");
    }

    @Test
    void labelingWithTheSameValueIsNotLabeled() {
        shell.execute("kubectl label pod client tier=fe");

        assertThat(shell.execute("kubectl label pod client tier=fe").stdout()).isEqualTo("pod/client not labeled\n");
    }

    @Test
    void annotatePrintsAnnotated() {
        assertThat(shell.execute("kubectl annotate svc web note=hello").stdout()).isEqualTo("service/web annotated\n");
        assertThat(shell.execute("kubectl describe svc web").stdout()).contains("Annotations:              note: hello\n");
    }

    @Test
    void forceDeleteWarnsAndSaysForceDeleted() {
        ShellResult r = shell.execute("kubectl delete pod client --force --grace-period=0");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("pod \"client\" force deleted\n");
        assertThat(r.stderr()).isEqualTo("Warning: Immediate deletion does not wait for confirmation that the running "
                + "resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }

    @Test
    void clientDryRunOfCreateDeploymentPrintsTheManifestKubectlWouldSend() {
        ShellResult r = shell.execute("kubectl create deployment api --image=nginx --dry-run=client -o yaml");

        assertThat(r.stdout()).isEqualTo("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  creationTimestamp: null
                  labels:
                    app: api
                  name: api
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: api
                  strategy: {}
                  template:
                    metadata:
                      creationTimestamp: null
                      labels:
                        app: api
                    spec:
                      containers:
                      - image: nginx
                        name: nginx
                        resources: {}
                status: {}
                """);
        assertThat(shell.execute("kubectl get deploy api").exitCode()).isEqualTo(1);
    }

    @Test
    void clientDryRunOfRunPrintsThePod() {
        assertThat(shell.execute("kubectl run api --image=nginx --dry-run=client -o yaml").stdout()).isEqualTo("""
                apiVersion: v1
                kind: Pod
                metadata:
                  creationTimestamp: null
                  labels:
                    run: api
                  name: api
                spec:
                  containers:
                  - image: nginx
                    name: api
                    resources: {}
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                status: {}
                """);
    }

    @Test
    void dryRunWithoutOutputSaysDryRun() {
        assertThat(shell.execute("kubectl create namespace dev --dry-run=client").stdout())
                .isEqualTo("namespace/dev created (dry run)\n");
        assertThat(shell.execute("kubectl get ns dev").exitCode()).isEqualTo(1);
    }
}
