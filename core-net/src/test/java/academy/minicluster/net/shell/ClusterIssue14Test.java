package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** kube-proxy's modes, the service-proxy-name label, type changes by apply, describe endpointslice (issue 14 §2). */
class ClusterIssue14Test {

    private static Shell webApp(String profile) {
        Shell shell = Shell.open(Cluster.create(ClusterProfile.named(profile).orElseThrow(), Cluster.DEFAULT_SEED,
                ClusterLimits.DEFAULTS));
        shell.putFile("web.yaml", KubectlFixture.resource("/shell/web.yaml"));
        assertThat(shell.execute("kubectl apply -f web.yaml").exitCode()).isZero();
        return shell;
    }

    /** A ClusterIP on a port the Service does not define: dropped by iptables, refused by nftables and IPVS. */
    @ParameterizedTest(name = "{0}: exit {1}")
    @CsvSource(delimiter = '|', value = {
            "default|28|curl: (28) Connection timed out after",
            "nftables|7|curl: (7) Failed to connect to web port 8080",
            "ipvs|7|curl: (7) Failed to connect to web port 8080"})
    void anUndefinedPortOfAClusterIp(String profile, int exit, String error) {
        ShellResult r = webApp(profile).execute("kubectl exec client -- curl -sS --connect-timeout 2 http://web:8080/");

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(exit);
        assertThat(r.stderr()).startsWith(error);
    }

    @Test
    void aServiceLabelledForAnotherProxyGetsNoKubeProxyRules() {
        Shell shell = webApp("default");
        assertThat(shell.execute("kubectl exec client -- curl -s -o /dev/null -w '%{http_code}' http://web/").stdout())
                .isEqualTo("200");
        shell.execute("kubectl label svc web service.kubernetes.io/service-proxy-name=other-proxy");

        ShellResult r = shell.execute("kubectl exec client -- curl -sS --connect-timeout 2 http://web/");
        assertThat(r.exitCode()).isEqualTo(28);
    }

    @Test
    void applyTurningAClusterIpServiceIntoAnExternalNameClearsWhatWasAllocated() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: db}
                spec:
                  ports: [{port: 5432}]
                """);
        assertThat(shell.execute("kubectl apply -f svc.yaml").exitCode()).isZero();
        shell.putFile("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: db}
                spec:
                  type: ExternalName
                  externalName: db.example.com
                  ports: [{port: 5432}]
                """);

        ShellResult r = shell.execute("kubectl apply -f svc.yaml");

        assertThat(r.stdout()).as(r.stderr()).isEqualTo("service/db configured\n");
        assertThat(shell.execute("kubectl get svc db -o jsonpath='{.spec.type} [{.spec.clusterIP}] "
                + "[{.spec.clusterIPs}] [{.spec.ipFamilies}] [{.spec.ipFamilyPolicy}]'").stdout())
                .isEqualTo("ExternalName [] [] [] []");
    }

    @Test
    void describeEndpointSliceListsEachEndpointWithItsConditions() {
        Shell shell = webApp("default");
        String name = shell.execute("kubectl get endpointslice -l kubernetes.io/service-name=web -o name").stdout()
                .strip();

        String out = shell.execute("kubectl describe " + name).stdout();

        assertThat(out).contains("AddressType:  IPv4\n").contains("Ports:\n  Name  Port  Protocol\n"
                + "  ----  ----  --------\n  http  80    TCP\nEndpoints:\n  - Addresses:  10.244.");
        assertThat(out.split("    Conditions:\n      Ready:    true\n", -1)).hasSize(4);
        assertThat(out).contains("    TargetRef:  Pod/web-").contains("    NodeName:   worker");
    }
}
