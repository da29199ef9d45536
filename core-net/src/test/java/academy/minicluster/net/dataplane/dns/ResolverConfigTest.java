package academy.minicluster.net.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigOptionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the kubelet writes into a pod's resolv.conf and hosts file on a kind node, for each dnsPolicy. */
class ResolverConfigTest {

    private final ResolverConfig kind = ResolverConfig.kind();

    private static PodBuilder podIn(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPodIP("10.244.1.20").addNewPodIP().withIp("10.244.1.20").endPodIP().endStatus();
    }

    private static Pod withPolicy(String policy, boolean hostNetwork) {
        return podIn("test", "client").editSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).endSpec()
                .build();
    }

    @Test
    void clusterFirstIsTheDefaultAndUsesClusterDnsWithNdots5() {
        Pod pod = podIn("test", "client").build();

        assertThat(kind.resolvConf(pod)).containsExactly(
                "search test.svc.cluster.local svc.cluster.local cluster.local",
                "nameserver 10.96.0.10",
                "options ndots:5");
        assertThat(kind.forPod(pod).dnsPolicy()).isEqualTo("ClusterFirst");
    }

    @Test
    void clusterFirstAppendsTheNodesSearchDomainsButNotItsOptions() {
        ResolverConfig corp = ResolverConfig.of(List.of("10.96.0.10"), "cluster.local",
                List.of("nameserver 192.168.1.1", "search corp.example cluster.local", "options edns0"));

        assertThat(corp.resolvConf(withPolicy("ClusterFirst", false))).containsExactly(
                "search test.svc.cluster.local svc.cluster.local cluster.local corp.example",
                "nameserver 10.96.0.10",
                "options ndots:5");
    }

    @Test
    void defaultPolicyCopiesTheKindNodesResolvConf() {
        PodDnsConfig config = kind.forPod(withPolicy("Default", false));

        assertThat(config.resolvConfLines()).containsExactly(
                "nameserver 172.18.0.1",
                "options edns0 trust-ad ndots:0");
        assertThat(config.applied()).isEqualTo("Default");
    }

    @Test
    void hostNetworkPodWithClusterFirstFallsBackToDefault() {
        PodDnsConfig config = kind.forPod(withPolicy("ClusterFirst", true));

        assertThat(config.applied()).isEqualTo("Default");
        assertThat(config.nameservers()).containsExactly("172.18.0.1");
        assertThat(config.explanation()).contains("falls back to Default").contains("ClusterFirstWithHostNet");
    }

    @Test
    void clusterFirstWithHostNetGivesAHostNetworkPodClusterDns() {
        assertThat(kind.resolvConf(withPolicy("ClusterFirstWithHostNet", true))).containsExactly(
                "search test.svc.cluster.local svc.cluster.local cluster.local",
                "nameserver 10.96.0.10",
                "options ndots:5");
    }

    @Test
    void noneUsesOnlyTheDnsConfig() {
        Pod pod = podIn("test", "client").editSpec().withDnsPolicy("None")
                .withDnsConfig(new PodDNSConfigBuilder().withNameservers("1.1.1.1").withSearches("example.com")
                        .withOptions(new PodDNSConfigOptionBuilder().withName("ndots").withValue("2").build())
                        .build())
                .endSpec().build();

        assertThat(kind.resolvConf(pod)).containsExactly(
                "search example.com",
                "nameserver 1.1.1.1",
                "options ndots:2");
    }

    @Test
    void dnsConfigIsMergedWithDuplicatesRemovedAndPodOptionsWinning() {
        Pod pod = podIn("test", "client").editSpec()
                .withDnsConfig(new PodDNSConfigBuilder().withNameservers("10.96.0.10", "1.1.1.1")
                        .withSearches("svc.cluster.local", "corp.example")
                        .withOptions(new PodDNSConfigOptionBuilder().withName("ndots").withValue("1").build(),
                                new PodDNSConfigOptionBuilder().withName("single-request-reopen").build())
                        .build())
                .endSpec().build();

        assertThat(kind.resolvConf(pod)).containsExactly(
                "search test.svc.cluster.local svc.cluster.local cluster.local corp.example",
                "nameserver 10.96.0.10",
                "nameserver 1.1.1.1",
                "options ndots:1 single-request-reopen");
    }

    @Test
    void atMostThreeNameserversWithTheKubeletsWarning() {
        Pod pod = podIn("test", "client").editSpec()
                .withDnsConfig(new PodDNSConfigBuilder().withNameservers("1.1.1.1", "8.8.8.8", "9.9.9.9").build())
                .endSpec().build();

        PodDnsConfig config = kind.forPod(pod);

        assertThat(config.nameservers()).containsExactly("10.96.0.10", "1.1.1.1", "8.8.8.8");
        assertThat(config.events()).containsExactly("Nameserver limits were exceeded, some nameservers have been "
                + "omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8");
    }

    @Test
    void missingClusterDnsMakesClusterFirstFallBackToDefault() {
        ResolverConfig noClusterDns = ResolverConfig.of(List.of(), "cluster.local",
                ResolverConfig.KIND_NODE_RESOLV_CONF);

        PodDnsConfig config = noClusterDns.forPod(podIn("test", "client").build());

        assertThat(config.nameservers()).containsExactly("172.18.0.1");
        assertThat(config.events()).singleElement().asString().startsWith(
                "kubelet does not have ClusterDNS IP configured");
    }

    @Test
    void podHostsFileHasTheKubeletHeaderLoopbackAndThePodIp() {
        assertThat(kind.etcHosts(podIn("test", "client").build())).containsExactly(
                "# Kubernetes-managed hosts file.",
                "127.0.0.1\tlocalhost",
                "::1\tlocalhost ip6-localhost ip6-loopback",
                "fe00::0\tip6-localnet",
                "fe00::0\tip6-mcastprefix",
                "fe00::1\tip6-allnodes",
                "fe00::2\tip6-allrouters",
                "10.244.1.20\tclient");
    }

    @Test
    void podWithHostnameAndSubdomainGetsItsFqdnInTheHostsFile() {
        Pod pod = podIn("default", "db-0").editSpec().withHostname("db-0").withSubdomain("db").endSpec().build();

        assertThat(kind.etcHosts(pod)).contains("10.244.1.20\tdb-0.db.default.svc.cluster.local\tdb-0");
    }

    @Test
    void hostAliasesAreAppendedUnderTheirOwnComment() {
        Pod pod = podIn("test", "client").editSpec().addNewHostAlias().withIp("203.0.113.5")
                .withHostnames("foo.local", "bar.local").endHostAlias().endSpec().build();

        assertThat(kind.etcHosts(pod)).endsWith("", "# Entries added by HostAliases.",
                "203.0.113.5\tfoo.local\tbar.local");
    }

    @Test
    void hostNetworkPodGetsTheNodesHostsFile() {
        List<String> node = ResolverConfig.nodeEtcHosts("kind-worker", List.of("172.18.0.3", "fc00:f853:ccd:e793::3"));

        List<String> hosts = kind.etcHosts(withPolicy("ClusterFirstWithHostNet", true), node);

        assertThat(hosts.get(0)).isEqualTo("# Kubernetes-managed hosts file (host network).");
        assertThat(hosts).endsWith("172.18.0.3\tkind-worker", "fc00:f853:ccd:e793::3\tkind-worker");
    }

    @Test
    void nodeHostsFileIsDockersFormat() {
        assertThat(ResolverConfig.nodeEtcHosts("kind-control-plane", List.of("172.18.0.2"))).containsExactly(
                "127.0.0.1\tlocalhost",
                "::1\tlocalhost ip6-localhost ip6-loopback",
                "fe00::0\tip6-localnet",
                "ff00::0\tip6-mcastprefix",
                "ff02::1\tip6-allnodes",
                "ff02::2\tip6-allrouters",
                "172.18.0.2\tkind-control-plane");
    }

    @Test
    void longPodNamesAreTruncatedTo63CharactersInTheHostsFile() {
        String name = "a".repeat(62) + "-b";

        assertThat(kind.etcHosts(podIn("test", name).build())).last().isEqualTo("10.244.1.20\t" + "a".repeat(62));
    }
}
