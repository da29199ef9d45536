package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get}: the columns of kubectl's printers ({@code pkg/printers/internalversion/printers.go}) aligned
 * by Go's tabwriter, the output formats, and the wording and exit codes of empty and failed lookups.
 */
class KubectlGetTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void podsTableHasKubectlsColumns() {
        assertThat(shell.execute("kubectl get pods").stdout()).isEqualTo("""
                NAME                   READY   STATUS    RESTARTS   AGE
                client                 1/1     Running   0          0s
                web-7495cc9b7d-chvjm   1/1     Running   0          5s
                web-7495cc9b7d-jm7bl   1/1     Running   0          5s
                web-7495cc9b7d-krfrs   1/1     Running   0          5s
                """);
    }

    @Test
    void wideAddsIpNodeNominatedNodeAndReadinessGates() {
        assertThat(shell.execute("kubectl get pods -o wide -l app=web").stdout()).isEqualTo("""
                NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
                web-7495cc9b7d-chvjm   1/1     Running   0          5s    10.244.2.2   worker2   <none>           <none>
                web-7495cc9b7d-jm7bl   1/1     Running   0          5s    10.244.1.3   worker    <none>           <none>
                web-7495cc9b7d-krfrs   1/1     Running   0          5s    10.244.2.3   worker2   <none>           <none>
                """);
    }

    @Test
    void servicesShowTypeClusterIpExternalIpAndPorts() {
        assertThat(shell.execute("kubectl get svc").stdout()).isEqualTo("""
                NAME           TYPE           CLUSTER-IP       EXTERNAL-IP      PORT(S)        AGE
                kubernetes     ClusterIP      10.96.0.1        <none>           443/TCP        5m12s
                web            ClusterIP      10.109.162.249   <none>           80/TCP         4s
                web-lb         LoadBalancer   10.100.99.79     172.18.255.201   80:31047/TCP   2s
                web-nodeport   NodePort       10.103.181.172   <none>           80:30080/TCP   3s
                """);
    }

    @Test
    void wideServicesAddTheSelector() {
        assertThat(shell.execute("kubectl get svc web -o wide").stdout()).isEqualTo("""
                NAME   TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE   SELECTOR
                web    ClusterIP   10.109.162.249   <none>        80/TCP    4s    app=web
                """);
    }

    @Test
    void endpointsListAddressPortPairs() {
        assertThat(shell.execute("kubectl get endpoints web").stdout()).isEqualTo("""
                NAME   ENDPOINTS                                   AGE
                web    10.244.1.3:80,10.244.2.2:80,10.244.2.3:80   4s
                """);
    }

    @Test
    void ingressShowsClassHostsAddressAndPorts() {
        assertThat(shell.execute("kubectl get ingress").stdout()).isEqualTo("""
                NAME   CLASS   HOSTS             ADDRESS          PORTS   AGE
                web    nginx   web.example.com   172.18.255.200   80      1s
                """);
    }

    @Test
    void deploymentWideShowsContainersImagesAndSelector() {
        assertThat(shell.execute("kubectl get deploy -o wide").stdout()).isEqualTo("""
                NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                 SELECTOR
                web    3/3     3            3           5s    whoami       traefik/whoami:v1.10   app=web
                """);
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        assertThat(shell.execute("kubectl get deploy -A").stdout()).isEqualTo("""
                NAMESPACE              NAME                       READY   UP-TO-DATE   AVAILABLE   AGE
                default                web                        3/3     3            3           5s
                envoy-gateway-system   envoy-gateway              1/1     1            1           5m4s
                ingress-nginx          ingress-nginx-controller   1/1     1            1           5m8s
                kube-system            coredns                    2/2     2            2           5m10s
                """);
    }

    @Test
    void showLabelsAddsALabelsColumn() {
        assertThat(shell.execute("kubectl get pods --show-labels -l app=web").stdout()).isEqualTo("""
                NAME                   READY   STATUS    RESTARTS   AGE   LABELS
                web-7495cc9b7d-chvjm   1/1     Running   0          5s    app=web,pod-template-hash=7495cc9b7d
                web-7495cc9b7d-jm7bl   1/1     Running   0          5s    app=web,pod-template-hash=7495cc9b7d
                web-7495cc9b7d-krfrs   1/1     Running   0          5s    app=web,pod-template-hash=7495cc9b7d
                """);
    }

    @Test
    void outputNameIsTypeSlashName() {
        assertThat(shell.execute("kubectl get deploy,ingress -o name").stdout()).isEqualTo("""
                deployment.apps/web
                ingress.networking.k8s.io/web
                """);
    }

    @Test
    void severalKindsArePrintedAsTablesPrefixedWithTheirType() {
        assertThat(shell.execute("kubectl get deploy,rs").stdout()).isEqualTo("""
                NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
                deployment.apps/web   3/3     3            3           5s

                NAME                             DESIRED   CURRENT   READY   AGE
                replicaset.apps/web-7495cc9b7d   3         3         3       5s
                """);
    }

    @Test
    void getAllListsPodsServicesDeploymentsAndReplicaSets() {
        String out = shell.execute("kubectl get all").stdout();

        assertThat(out).startsWith("""
                NAME                       READY   STATUS    RESTARTS   AGE
                pod/client                 1/1     Running   0          0s
                """);
        assertThat(out).contains("\n\nNAME                   TYPE           CLUSTER-IP       EXTERNAL-IP      PORT(S)        AGE\n"
                + "service/kubernetes     ClusterIP      10.96.0.1        <none>           443/TCP        5m12s\n");
        assertThat(out).endsWith("""

                NAME                             DESIRED   CURRENT   READY   AGE
                replicaset.apps/web-7495cc9b7d   3         3         3       5s
                """);
    }

    @Test
    void outputYamlPrintsSortedKeysWithoutEmptyCollections() {
        assertThat(shell.execute("kubectl get svc web -o yaml").stdout()).isEqualTo("""
                apiVersion: v1
                kind: Service
                metadata:
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: |
                      {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"http","port":80,"targetPort":"http"}],"selector":{"app":"web"}}}
                  creationTimestamp: "2026-01-01T09:05:14Z"
                  name: web
                  namespace: default
                  resourceVersion: "1083"
                  uid: 6292b9ad-8ee9-3937-be4e-81c81e4c37a3
                spec:
                  clusterIP: 10.109.162.249
                  clusterIPs:
                  - 10.109.162.249
                  internalTrafficPolicy: Cluster
                  ipFamilies:
                  - IPv4
                  ipFamilyPolicy: SingleStack
                  ports:
                  - name: http
                    port: 80
                    protocol: TCP
                    targetPort: http
                  selector:
                    app: web
                  sessionAffinity: None
                  type: ClusterIP
                status:
                  loadBalancer: {}
                """);
    }

    @Test
    void outputJsonIsIndentedByFourSpaces() {
        assertThat(shell.execute("kubectl get ns default -o json").stdout()).isEqualTo("""
                {
                    "apiVersion": "v1",
                    "kind": "Namespace",
                    "metadata": {
                        "creationTimestamp": "2026-01-01T09:00:01Z",
                        "labels": {
                            "kubernetes.io/metadata.name": "default"
                        },
                        "name": "default",
                        "resourceVersion": "1004",
                        "uid": "%s"
                    },
                    "spec": {
                        "finalizers": [
                            "kubernetes"
                        ]
                    },
                    "status": {
                        "phase": "Active"
                    }
                }
                """.formatted(shell.execute("kubectl get ns default -o jsonpath={.metadata.uid}").stdout()));
    }

    @Test
    void severalObjectsInYamlAreAList() {
        String out = shell.execute("kubectl get ingressclass -o yaml").stdout();

        assertThat(out).startsWith("apiVersion: v1\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: IngressClass\n");
        assertThat(out).endsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    @Test
    void jsonpathPrintsTheValueWithoutNewline() {
        assertThat(shell.execute("kubectl get svc web -o jsonpath={.spec.clusterIP}").stdout())
                .isEqualTo("10.109.162.249");
    }

    @Test
    void jsonpathOverAListRangesItems() {
        assertThat(shell.execute("kubectl get pods -l app=web -o jsonpath={.items[*].status.podIP}").stdout())
                .isEqualTo("10.244.2.2 10.244.1.3 10.244.2.3");
    }

    @Test
    void customColumnsPrintOneColumnPerSpec() {
        assertThat(shell.execute("kubectl get svc -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP").stdout())
                .isEqualTo("""
                        NAME           IP
                        kubernetes     10.96.0.1
                        web            10.109.162.249
                        web-lb         10.100.99.79
                        web-nodeport   10.103.181.172
                        """);
    }

    @Test
    void missingObjectIsNotFoundWithExitCodeOne() {
        ShellResult r = shell.execute("kubectl get pod nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    }

    @Test
    void foundAndMissingNamesPrintBothAndFail() {
        ShellResult r = shell.execute("kubectl get svc web nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("NAME   TYPE");
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
    }

    @Test
    void emptyNamespacedListSaysNoResourcesFoundInTheNamespace() {
        ShellResult r = shell.execute("kubectl get netpol");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    void emptyListAcrossNamespacesSaysNoResourcesFound() {
        assertThat(shell.execute("kubectl get pods -A -l app=nope").stderr()).isEqualTo("No resources found\n");
    }

    @Test
    void emptyListInYamlIsAnEmptyList() {
        assertThat(shell.execute("kubectl get netpol -o yaml").stdout()).isEqualTo("""
                apiVersion: v1
                items: []
                kind: List
                metadata:
                  resourceVersion: ""
                """);
    }

    @Test
    void unknownResourceTypeIsRefused() {
        ShellResult r = shell.execute("kubectl get foo");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: the server doesn't have a resource type \"foo\"\n");
    }

    @Test
    void unknownOutputFormatListsTheAllowedOnes() {
        assertThat(shell.execute("kubectl get svc -o yml").stderr()).isEqualTo(
                "error: unable to match a printer suitable for the output format \"yml\", allowed formats are: "
                        + "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,"
                        + "jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n");
    }

    @Test
    void eventsListWhatTheControllersDid() {
        assertThat(shell.execute("kubectl get events").stdout()).startsWith("""
                LAST SEEN   TYPE     REASON              OBJECT                      MESSAGE
                5s          Normal   ScalingReplicaSet   deployment/web              Scaled up replica set web-7495cc9b7d from 0 to 3
                5s          Normal   SuccessfulCreate    replicaset/web-7495cc9b7d   Created pod: web-7495cc9b7d-krfrs
                """);
    }

    @Test
    void nodesShowRolesAndVersion() {
        assertThat(shell.execute("kubectl get nodes").stdout()).isEqualTo("""
                NAME            STATUS   ROLES           AGE     VERSION
                control-plane   Ready    control-plane   5m18s   v1.33.1
                worker          Ready    <none>          5m18s   v1.33.1
                worker2         Ready    <none>          5m18s   v1.33.1
                """);
    }

    @Test
    void sortByOrdersRowsByTheValue() {
        assertThat(shell.execute("kubectl get pods -l app=web --sort-by=.status.podIP -o name").stdout()).isEqualTo("""
                pod/web-7495cc9b7d-jm7bl
                pod/web-7495cc9b7d-chvjm
                pod/web-7495cc9b7d-krfrs
                """);
    }

    @Test
    void ignoreNotFoundPrintsNothingAndSucceeds() {
        ShellResult r = shell.execute("kubectl get pod nope --ignore-not-found");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout() + r.stderr()).isEmpty();
    }
}
