package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get} of several kinds at once ({@code svc,ep}, {@code all}, {@code all,ingress}): one table per
 * kind, in the order asked, separated by a blank line; rows named {@code type/name} (kubectl's
 * {@code MultipleTypesRequested}) whenever several types were asked for, even if only one of them has objects.
 */
class KubectlGetSeveralKindsTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void servicesAndEndpointsAreTwoTablesOfPrefixedNames() {
        assertThat(shell.execute("kubectl get svc,ep").stdout()).isEqualTo("""
                NAME                   TYPE           CLUSTER-IP       EXTERNAL-IP      PORT(S)        AGE
                service/kubernetes     ClusterIP      10.96.0.1        <none>           443/TCP        5m12s
                service/web            ClusterIP      10.109.162.249   <none>           80/TCP         4s
                service/web-lb         LoadBalancer   10.100.99.79     172.18.255.201   80:31047/TCP   2s
                service/web-nodeport   NodePort       10.103.181.172   <none>           80:30080/TCP   3s

                NAME                     ENDPOINTS                                   AGE
                endpoints/kubernetes     172.18.0.2:6443                             5m12s
                endpoints/web            10.244.1.3:80,10.244.2.2:80,10.244.2.3:80   4s
                endpoints/web-lb         10.244.1.3:80,10.244.2.2:80,10.244.2.3:80   2s
                endpoints/web-nodeport   10.244.1.3:80,10.244.2.2:80,10.244.2.3:80   3s
                """);
    }

    @Test
    void allOnAFreshClusterPrefixesTheOnlyKindFound() {
        Shell fresh = KubectlFixture.emptyCluster();

        assertThat(fresh.execute("kubectl get all").stdout()).isEqualTo("""
                NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
                service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m6s
                """);
    }

    @Test
    void allCanBeCombinedWithOtherKinds() {
        String out = shell.execute("kubectl get all,ingress").stdout();

        assertThat(out).startsWith("NAME                       READY   STATUS    RESTARTS   AGE\npod/client ");
        assertThat(out).endsWith("""

                NAME                             DESIRED   CURRENT   READY   AGE
                replicaset.apps/web-7495cc9b7d   3         3         3       5s

                NAME                            CLASS   HOSTS             ADDRESS          PORTS   AGE
                ingress.networking.k8s.io/web   nginx   web.example.com   172.18.255.200   80      1s
                """);
    }

    @Test
    void aSelectorFiltersEveryKind() {
        // The Deployment of web.yaml carries no labels itself: only its ReplicaSet and pods match.
        assertThat(shell.execute("kubectl get deploy,rs,po -l app=web -o name").stdout()).isEqualTo("""
                replicaset.apps/web-7495cc9b7d
                pod/web-7495cc9b7d-chvjm
                pod/web-7495cc9b7d-jm7bl
                pod/web-7495cc9b7d-krfrs
                """);
    }

    @Test
    void wideWidensEveryTable() {
        String out = shell.execute("kubectl get deploy,svc -o wide").stdout();

        assertThat(out).startsWith("""
                NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                 SELECTOR
                deployment.apps/web   3/3     3            3           5s    whoami       traefik/whoami:v1.10   app=web

                NAME                   TYPE           CLUSTER-IP       EXTERNAL-IP      PORT(S)        AGE     SELECTOR
                """);
    }

    @Test
    void allNamespacesPutsTheNamespaceBeforeThePrefixedName() {
        String out = shell.execute("kubectl get all -A").stdout();

        assertThat(out).contains("\nkube-system            deployment.apps/coredns                    2/2 ")
                .contains("\n\nNAMESPACE              NAME                               TYPE ")
                .contains("\ndefault                service/kubernetes                 ClusterIP ")
                .contains("\nenvoy-gateway-system   deployment.apps/envoy-gateway              1/1 ");
    }

    @Test
    void aKindWithoutObjectsPrintsNoTable() {
        shell.execute("kubectl create namespace shop");
        shell.execute("kubectl create deployment api --image=nginx -n shop --replicas=0");

        assertThat(shell.execute("kubectl get deploy,rs,po -n shop").stdout()).isEqualTo("""
                NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
                deployment.apps/api   0/0     0            0           0s

                NAME                            DESIRED   CURRENT   READY   AGE
                replicaset.apps/api-546944795   0         0         0       0s
                """);
    }

    @Test
    void nothingFoundInAnyKindSaysSoOnceForTheNamespace() {
        shell.execute("kubectl create namespace empty");

        ShellResult r = shell.execute("kubectl get deploy,rs,po -n empty");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("No resources found in empty namespace.\n");
    }

    @Test
    void noHeadersDropsTheHeadersAndTheBlankLines() {
        assertThat(shell.execute("kubectl get deploy,rs --no-headers").stdout()).isEqualTo("""
                deployment.apps/web   3/3   3     3     5s
                replicaset.apps/web-7495cc9b7d   3     3     3     5s
                """);
    }

    @Test
    void anUnknownTypeInTheListFailsTheWholeCommand() {
        ShellResult r = shell.execute("kubectl get svc,nothing");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("error: the server doesn't have a resource type \"nothing\"\n");
    }

    @Test
    void aTypeNamedTwiceIsListedOnce() {
        assertThat(shell.execute("kubectl get deploy,deploy").stdout()).isEqualTo("""
                NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                web    3/3     3            3           5s
                """);
    }
}
