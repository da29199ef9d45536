package academy.minicluster.net.dataplane.policy;

import static academy.minicluster.net.dataplane.policy.PolicyFixtures.hostNetworkPod;
import static academy.minicluster.net.dataplane.policy.PolicyFixtures.namespace;
import static academy.minicluster.net.dataplane.policy.PolicyFixtures.pod;
import static academy.minicluster.net.dataplane.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.policy.Peer.HostPeer;
import academy.minicluster.net.dataplane.policy.Peer.PodPeer;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule of NetworkPolicy (semantics section 6) per test, over a small two-node cluster. */
class PolicyIndexTest {

    // Namespaces: x (team=blue), y (team=red); "z" is never listed, so it only has its immutable name label.
    private static final List<Namespace> NAMESPACES = List.of(
            namespace("x", Map.of("team", "blue")), namespace("y", Map.of("team", "red")));

    private static final Pod X_A = pod("x", "a", Map.of("app", "a"), "10.244.1.10", "kind-worker",
            "http:80/TCP", "dns:53/UDP");
    private static final Pod X_B = pod("x", "b", Map.of("app", "b"), "10.244.2.11", "kind-worker2", "http:80/TCP");
    private static final Pod Y_B = pod("y", "b", Map.of("app", "b"), "10.244.1.12", "kind-worker", "http:80/TCP");
    /** Serves "http" on 8080: named ports resolve against it when it is the destination. */
    private static final Pod Y_WEB = pod("y", "web", Map.of("app", "web"), "10.244.2.13", "kind-worker2",
            "http:8080/TCP", "metrics:9090/TCP");
    private static final Pod Z_C = pod("z", "c", Map.of("app", "c"), "10.244.2.14", "kind-worker2", "http:80/TCP");
    private static final Pod X_HOST = hostNetworkPod("x", "h", Map.of("app", "h"), "172.18.0.3", "kind-worker2");

    private static final HostPeer WORKER = HostPeer.node("kind-worker", "172.18.0.2");
    private static final HostPeer WORKER2 = HostPeer.node("kind-worker2", "172.18.0.3");
    private static final HostPeer WORKSTATION = HostPeer.external("172.18.0.1");

    private static final NetworkPolicy X_DENY_ALL_INGRESS = policy("x", "deny-all",
            "{podSelector: {}, policyTypes: [Ingress]}");
    private static final NetworkPolicy X_DENY_ALL_EGRESS = policy("x", "deny-egress",
            "{podSelector: {}, policyTypes: [Egress]}");

    private static PolicyIndex index(NetworkPolicy... policies) {
        return PolicyIndex.of(List.of(policies), NAMESPACES, true);
    }

    private static Flow tcp(Peer from, Peer to, int port) {
        return new Flow(from, to, port, Protocol.TCP);
    }

    private static Flow tcp(Pod from, Pod to, int port) {
        return tcp(new PodPeer(from), new PodPeer(to), port);
    }

    private static List<String> decisions(PolicyDecision decision) {
        return decision.hops().stream().map(Hop::decision).toList();
    }

    // --- isolation ---

    @Test
    void podSelectedByNoPolicyIsNotIsolatedInEitherDirection() {
        PolicyDecision decision = index().decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.denial()).isEmpty();
        assertThat(decisions(decision)).containsExactly(
                "egress from x/a: not isolated (no NetworkPolicy selects it)",
                "ingress to y/b: not isolated (no NetworkPolicy selects it)");
        assertThat(decision.hops()).allSatisfy(hop -> assertThat(hop.stage()).isEqualTo(Hop.Stage.POLICY));
    }

    @Test
    void ingressIsolationLeavesEgressOpenAndSaysWhichPolicySelectsThePod() {
        PolicyDecision decision = index(X_DENY_ALL_INGRESS).decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.hops().get(0).decision()).isEqualTo(
                "egress from x/a: not isolated (NetworkPolicy x/deny-all selects it, but its policyTypes are [Ingress])");
        assertThat(decision.hops().get(0).decidedBy()).containsExactly(new ObjectRef("NetworkPolicy", "x", "deny-all"));
    }

    @Test
    void emptyIngressRuleListDeniesAllIngressAndNamesThePolicy() {
        PolicyDecision decision = index(X_DENY_ALL_INGRESS).decide(tcp(Y_B, X_A, 80));

        assertThat(decision.allowed()).isFalse();
        Hop denial = decision.denial().orElseThrow();
        assertThat(denial.verdict()).isEqualTo(Hop.Verdict.DROPPED);
        assertThat(denial.decision()).isEqualTo(
                "ingress to x/a port 80/TCP: denied: isolated by NetworkPolicy x/deny-all; no ingress rule allows y/b");
        assertThat(denial.decidedBy()).containsExactly(new ObjectRef("NetworkPolicy", "x", "deny-all"));
    }

    @Test
    void egressRulesWithoutPolicyTypesIsolateEgress() {
        NetworkPolicy onlyDns = policy("x", "only-dns", "{podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}");

        PolicyDecision decision = index(onlyDns).decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isFalse();
        assertThat(decisions(decision)).containsExactly("egress from x/a to y/b port 80/TCP: denied: isolated by "
                + "NetworkPolicy x/only-dns; no egress rule allows y/b (NetworkPolicy x/only-dns rule 1 allows it only "
                + "on 53/UDP)");
    }

    @Test
    void emptyEgressListWithoutPolicyTypesDoesNotIsolateEgress() {
        NetworkPolicy emptyEgress = policy("x", "empty-egress", "{podSelector: {}, egress: []}");

        PolicyDecision decision = index(emptyEgress).decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void withoutPolicyTypesIngressIsIsolatedEvenWithNoIngressRules() {
        NetworkPolicy egressOnlyRules = policy("x", "dns", "{podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}");

        assertThat(index(egressOnlyRules).decide(tcp(Y_B, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void effectivePolicyTypesFollowTheApiServerDefaulting() {
        assertThat(PolicyType.effective(policy("x", "p", "{podSelector: {}}").getSpec()))
                .containsExactly(PolicyType.INGRESS);
        assertThat(PolicyType.effective(policy("x", "p", "{podSelector: {}, egress: []}").getSpec()))
                .containsExactly(PolicyType.INGRESS);
        assertThat(PolicyType.effective(policy("x", "p", "{podSelector: {}, egress: [{}]}").getSpec()))
                .containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
        assertThat(PolicyType.effective(policy("x", "p", "{podSelector: {}, policyTypes: [Egress], ingress: [{}]}").getSpec()))
                .containsExactly(PolicyType.EGRESS);
    }

    @Test
    void policyTypesWithoutIngressIgnoreIngressRules() {
        NetworkPolicy egressOnly = policy("x", "egress-only", "{podSelector: {}, policyTypes: [Egress], egress: [{}], "
                + "ingress: [{from: [{podSelector: {matchLabels: {app: nobody}}}]}]}");

        assertThat(index(egressOnly).decide(tcp(Y_B, X_A, 80)).allowed()).isTrue();
    }

    @Test
    void policiesOfOtherNamespacesDoNotSelectAPod() {
        NetworkPolicy yDenyAll = policy("y", "deny-all", "{podSelector: {}, policyTypes: [Ingress, Egress]}");

        assertThat(index(yDenyAll).decide(tcp(X_A, X_B, 80)).allowed()).isTrue();
    }

    @Test
    void podSelectorOfThePolicyPicksWhichPodsAreIsolated() {
        NetworkPolicy isolateA = policy("x", "isolate-a", "{podSelector: {matchLabels: {app: a}}}");

        assertThat(index(isolateA).decide(tcp(Y_B, X_A, 80)).allowed()).isFalse();
        assertThat(index(isolateA).decide(tcp(Y_B, X_B, 80)).allowed()).isTrue();
    }

    // --- union, both ends ---

    @Test
    void rulesOfAllPoliciesSelectingAPodAddUp() {
        NetworkPolicy allowFromY = policy("x", "allow-from-y",
                "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: red}}}]}]}");

        PolicyDecision decision = index(X_DENY_ALL_INGRESS, allowFromY).decide(tcp(Y_B, X_A, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.hops().get(1).decision()).isEqualTo(
                "ingress to x/a port 80/TCP: allowed by NetworkPolicy x/allow-from-y (rule 1)");
        assertThat(decision.hops().get(1).decidedBy()).containsExactly(new ObjectRef("NetworkPolicy", "x", "allow-from-y"));
    }

    @Test
    void everyAllowingPolicyAndRuleIsNamedInNameOrder() {
        NetworkPolicy second = policy("x", "b-allow", "{podSelector: {}, ingress: [{ports: [{port: 81}]}, {}]}");
        NetworkPolicy first = policy("x", "a-allow", "{podSelector: {}, ingress: [{}]}");

        PolicyDecision decision = index(second, first).decide(tcp(Y_B, X_A, 80));

        assertThat(decision.hops().get(1).decision()).isEqualTo(
                "ingress to x/a port 80/TCP: allowed by NetworkPolicy x/a-allow (rule 1), NetworkPolicy x/b-allow (rule 2)");
    }

    @Test
    void connectionNeedsEgressAllowedAtTheSourceEvenWhenTheDestinationAllowsIt() {
        NetworkPolicy yAllowAll = policy("y", "allow-all", "{podSelector: {}, ingress: [{}]}");

        PolicyDecision decision = index(X_DENY_ALL_EGRESS, yAllowAll).decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.hops()).hasSize(1);
        assertThat(decision.hops().get(0).decision()).isEqualTo(
                "egress from x/a to y/b port 80/TCP: denied: isolated by NetworkPolicy x/deny-egress; "
                        + "no egress rule allows y/b");
    }

    @Test
    void connectionNeedsIngressAllowedAtTheDestinationEvenWhenTheSourceAllowsIt() {
        NetworkPolicy xAllowEgress = policy("x", "allow-egress", "{podSelector: {}, policyTypes: [Egress], egress: [{}]}");
        NetworkPolicy yDenyAll = policy("y", "deny-all", "{podSelector: {}}");

        PolicyDecision decision = index(xAllowEgress, yDenyAll).decide(tcp(X_A, Y_B, 80));

        assertThat(decision.allowed()).isFalse();
        assertThat(decisions(decision)).containsExactly(
                "egress from x/a to y/b port 80/TCP: allowed by NetworkPolicy x/allow-egress (rule 1)",
                "ingress to y/b port 80/TCP: denied: isolated by NetworkPolicy y/deny-all; no ingress rule allows x/a");
    }

    // --- peers ---

    @Test
    void ruleWithoutFromAllowsEveryPeerIncludingAddressesOutsideTheCluster() {
        NetworkPolicy web = policy("x", "web", "{podSelector: {}, ingress: [{ports: [{port: 80}]}]}");

        assertThat(index(web).decide(tcp(WORKSTATION, new PodPeer(X_A), 80)).allowed()).isTrue();
        assertThat(index(web).decide(tcp(new PodPeer(Z_C), new PodPeer(X_A), 80)).allowed()).isTrue();
    }

    @Test
    void podSelectorAlonePicksPodsOfThePolicysOwnNamespace() {
        NetworkPolicy fromB = policy("x", "from-b",
                "{podSelector: {matchLabels: {app: a}}, ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]}");

        assertThat(index(fromB).decide(tcp(X_B, X_A, 80)).allowed()).isTrue();
        assertThat(index(fromB).decide(tcp(Y_B, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void namespaceSelectorAlonePicksEveryPodOfTheMatchingNamespaces() {
        NetworkPolicy fromRed = policy("x", "from-red",
                "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: red}}}]}]}");

        assertThat(index(fromRed).decide(tcp(Y_B, X_A, 80)).allowed()).isTrue();
        assertThat(index(fromRed).decide(tcp(Y_WEB, X_A, 80)).allowed()).isTrue();
        assertThat(index(fromRed).decide(tcp(X_B, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void podAndNamespaceSelectorsInOnePeerMustBothMatch() {
        NetworkPolicy redB = policy("x", "red-b", "{podSelector: {}, ingress: [{from: [{namespaceSelector: "
                + "{matchLabels: {team: red}}, podSelector: {matchLabels: {app: b}}}]}]}");

        assertThat(index(redB).decide(tcp(Y_B, X_A, 80)).allowed()).isTrue();
        assertThat(index(redB).decide(tcp(Y_WEB, X_A, 80)).allowed()).isFalse();
        assertThat(index(redB).decide(tcp(X_B, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void podAndNamespaceSelectorsInSeparatePeersEachAllow() {
        NetworkPolicy redOrB = policy("x", "red-or-b", "{podSelector: {matchLabels: {app: a}}, ingress: [{from: ["
                + "{namespaceSelector: {matchLabels: {team: red}}}, {podSelector: {matchLabels: {app: b}}}]}]}");

        assertThat(index(redOrB).decide(tcp(Y_WEB, X_A, 80)).allowed()).isTrue();
        assertThat(index(redOrB).decide(tcp(X_B, X_A, 80)).allowed()).isTrue();
        assertThat(index(redOrB).decide(tcp(Z_C, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void everyNamespaceCarriesItsImmutableNameLabelEvenWhenNotListed() {
        NetworkPolicy fromZ = policy("x", "from-z", "{podSelector: {}, ingress: [{from: [{namespaceSelector: "
                + "{matchLabels: {kubernetes.io/metadata.name: z}}}]}]}");

        assertThat(index(fromZ).decide(tcp(Z_C, X_A, 80)).allowed()).isTrue();
        assertThat(index(fromZ).decide(tcp(Y_B, X_A, 80)).allowed()).isFalse();
    }

    @Test
    void selectorsNeverMatchHostsOutsideThePodNetwork() {
        NetworkPolicy fromEveryPod = policy("x", "from-every-pod",
                "{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}");

        PolicyDecision decision = index(fromEveryPod).decide(tcp(WORKSTATION, new PodPeer(X_A), 80));

        assertThat(decision.allowed()).isFalse();
        assertThat(decisions(decision)).containsExactly("ingress to x/a port 80/TCP: denied: isolated by "
                + "NetworkPolicy x/from-every-pod; no ingress rule allows 172.18.0.1");
    }

    @Test
    void ipBlockAllowsAddressesInsideTheCidrButNotInItsExcepts() {
        NetworkPolicy fromKindNetwork = policy("x", "from-kind", "{podSelector: {}, ingress: [{from: [{ipBlock: "
                + "{cidr: 172.18.0.0/16, except: [172.18.0.1/32]}}]}]}");

        assertThat(index(fromKindNetwork).decide(tcp(WORKER2, new PodPeer(X_A), 80)).allowed()).isTrue();
        assertThat(index(fromKindNetwork).decide(tcp(WORKSTATION, new PodPeer(X_A), 80)).allowed()).isFalse();
    }

    @Test
    void ipBlockMatchesPodIpsOfThePostDnatFlow() {
        NetworkPolicy toYb = policy("x", "to-y-b", "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: "
                + "{cidr: 10.244.1.12/32}}]}]}");

        assertThat(index(toYb).decide(tcp(X_A, Y_B, 80)).allowed()).isTrue();
        assertThat(index(toYb).decide(tcp(X_A, Y_WEB, 8080)).allowed()).isFalse();
    }

    @Test
    void egressToAnExternalAddressIsJudgedAtTheSourceOnly() {
        NetworkPolicy toInternet = policy("x", "to-internet", "{podSelector: {}, policyTypes: [Egress], egress: [{to: "
                + "[{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]}");

        PolicyDecision decision = index(toInternet).decide(tcp(new PodPeer(X_A), HostPeer.external("93.184.216.34"), 443));

        assertThat(decision.allowed()).isTrue();
        assertThat(decisions(decision)).containsExactly(
                "egress from x/a to 93.184.216.34 port 443/TCP: allowed by NetworkPolicy x/to-internet (rule 1)");
        assertThat(index(toInternet).decide(tcp(X_A, Y_B, 80)).allowed()).isFalse();
    }

    // --- ports ---

    @Test
    void namedPortIsResolvedAgainstTheDestinationPodsContainerPorts() {
        NetworkPolicy toHttp = policy("x", "to-http", "{podSelector: {}, policyTypes: [Egress], egress: [{ports: "
                + "[{port: http}]}]}");

        // x/a calls port 80 "http", but the destination y/web calls 8080 "http".
        assertThat(index(toHttp).decide(tcp(X_A, Y_WEB, 8080)).allowed()).isTrue();
        assertThat(index(toHttp).decide(tcp(X_A, Y_WEB, 80)).allowed()).isFalse();
    }

    @Test
    void namedPortInAnIngressRuleUsesTheSelectedPodsPortNames() {
        NetworkPolicy metrics = policy("y", "metrics", "{podSelector: {}, ingress: [{ports: [{port: metrics}]}]}");

        assertThat(index(metrics).decide(tcp(X_A, Y_WEB, 9090)).allowed()).isTrue();
        assertThat(index(metrics).decide(tcp(X_A, Y_WEB, 8080)).allowed()).isFalse();
    }

    @Test
    void namedPortMustMatchTheContainerPortsProtocolToo() {
        NetworkPolicy dnsOverTcp = policy("x", "dns-tcp", "{podSelector: {}, ingress: [{ports: [{port: dns, protocol: TCP}]}]}");
        NetworkPolicy dnsOverUdp = policy("x", "dns-udp", "{podSelector: {}, ingress: [{ports: [{port: dns, protocol: UDP}]}]}");

        assertThat(index(dnsOverTcp).decide(new Flow(new PodPeer(Y_B), new PodPeer(X_A), 53, Protocol.UDP)).allowed()).isFalse();
        assertThat(index(dnsOverUdp).decide(new Flow(new PodPeer(Y_B), new PodPeer(X_A), 53, Protocol.UDP)).allowed()).isTrue();
    }

    @Test
    void namedPortNeverMatchesADestinationOutsideThePodNetwork() {
        NetworkPolicy toHttp = policy("x", "to-http", "{podSelector: {}, policyTypes: [Egress], egress: [{ports: "
                + "[{port: http}]}]}");

        assertThat(index(toHttp).decide(tcp(new PodPeer(X_A), WORKSTATION, 80)).allowed()).isFalse();
    }

    @Test
    void endPortAllowsTheWholeRangeInclusive() {
        NetworkPolicy range = policy("x", "range", "{podSelector: {}, ingress: [{ports: [{port: 8000, endPort: 8080}]}]}");

        assertThat(index(range).decide(tcp(Y_B, X_A, 8000)).allowed()).isTrue();
        assertThat(index(range).decide(tcp(Y_B, X_A, 8080)).allowed()).isTrue();
        assertThat(index(range).decide(tcp(Y_B, X_A, 8081)).allowed()).isFalse();
        assertThat(index(range).decide(tcp(Y_B, X_A, 7999)).allowed()).isFalse();
    }

    @Test
    void ruleListingOnlyAProtocolAllowsEveryPortOfThatProtocol() {
        NetworkPolicy udp = policy("x", "udp", "{podSelector: {}, ingress: [{ports: [{protocol: UDP}]}]}");

        assertThat(index(udp).decide(new Flow(new PodPeer(Y_B), new PodPeer(X_A), 53, Protocol.UDP)).allowed()).isTrue();
        assertThat(index(udp).decide(tcp(Y_B, X_A, 53)).allowed()).isFalse();
    }

    @Test
    void portWithoutProtocolMeansTcp() {
        NetworkPolicy port53 = policy("x", "port-53", "{podSelector: {}, ingress: [{ports: [{port: 53}]}]}");

        assertThat(index(port53).decide(tcp(Y_B, X_A, 53)).allowed()).isTrue();
        assertThat(index(port53).decide(new Flow(new PodPeer(Y_B), new PodPeer(X_A), 53, Protocol.UDP)).allowed()).isFalse();
    }

    @Test
    void sctpRuleDoesNotAllowTcpOnTheSamePort() {
        NetworkPolicy sctp = policy("x", "sctp", "{podSelector: {}, ingress: [{ports: [{port: 80, protocol: SCTP}]}]}");

        assertThat(index(sctp).decide(tcp(Y_B, X_A, 80)).allowed()).isFalse();
        assertThat(index(sctp).decide(new Flow(new PodPeer(Y_B), new PodPeer(X_A), 80, Protocol.SCTP)).allowed()).isTrue();
    }

    @Test
    void denialPointsAtTheRuleThatAllowsThePeerOnOtherPorts() {
        NetworkPolicy only81 = policy("x", "only-81", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}], "
                + "ports: [{port: 81}, {port: http, protocol: TCP}]}]}");

        PolicyDecision decision = index(only81).decide(tcp(Y_B, X_A, 8080));

        assertThat(decisions(decision)).last().isEqualTo("ingress to x/a port 8080/TCP: denied: isolated by "
                + "NetworkPolicy x/only-81; no ingress rule allows y/b (NetworkPolicy x/only-81 rule 1 allows it only on "
                + "81/TCP, http/TCP)");
    }

    // --- always allowed ---

    @Test
    void podCanAlwaysReachItself() {
        NetworkPolicy denyBoth = policy("x", "deny-both", "{podSelector: {}, policyTypes: [Ingress, Egress]}");

        PolicyDecision decision = index(denyBoth).decide(tcp(X_A, X_A, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decisions(decision)).containsExactly(
                "egress from x/a to itself port 80/TCP: allowed: a pod can always reach itself",
                "ingress to x/a port 80/TCP from itself: allowed: a pod can always reach itself");
    }

    @Test
    void podsOwnNodeCanAlwaysReachIt() {
        PolicyDecision fromOwnNode = index(X_DENY_ALL_INGRESS).decide(tcp(WORKER, new PodPeer(X_A), 80));

        assertThat(fromOwnNode.allowed()).isTrue();
        assertThat(decisions(fromOwnNode)).containsExactly("ingress to x/a port 80/TCP from node kind-worker "
                + "(172.18.0.2): allowed: traffic between a pod and its own node is always allowed");
        assertThat(index(X_DENY_ALL_INGRESS).decide(tcp(WORKER2, new PodPeer(X_A), 80)).allowed()).isFalse();
    }

    @Test
    void podCanAlwaysReachItsOwnNode() {
        assertThat(index(X_DENY_ALL_EGRESS).decide(tcp(new PodPeer(X_A), WORKER, 10250)).allowed()).isTrue();
        assertThat(index(X_DENY_ALL_EGRESS).decide(tcp(new PodPeer(X_A), WORKER2, 10250)).allowed()).isFalse();
    }

    // --- hostNetwork pods: treated as their node ---

    @Test
    void hostNetworkPodIsNotSelectedByAnyPolicy() {
        PolicyDecision decision = index(X_DENY_ALL_INGRESS).decide(tcp(Y_B, X_HOST, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decisions(decision)).last().isEqualTo("ingress to x/h (hostNetwork) port 80/TCP: "
                + "not subject to NetworkPolicy (a hostNetwork pod's traffic is its node's)");
        assertThat(index(X_DENY_ALL_INGRESS).policiesSelecting(X_HOST)).isEmpty();
    }

    @Test
    void hostNetworkPodIsSelectableOnlyByAnIpBlockHoldingItsNodeIp() {
        NetworkPolicy fromPodsOfX = policy("x", "from-x", "{podSelector: {matchLabels: {app: a}}, ingress: [{from: "
                + "[{podSelector: {}}]}]}");
        NetworkPolicy fromWorker2 = policy("x", "from-worker2", "{podSelector: {matchLabels: {app: a}}, ingress: [{from: "
                + "[{ipBlock: {cidr: 172.18.0.3/32}}]}]}");

        assertThat(index(fromPodsOfX).decide(tcp(X_HOST, X_A, 80)).allowed()).isFalse();
        assertThat(index(fromWorker2).decide(tcp(X_HOST, X_A, 80)).allowed()).isTrue();
    }

    @Test
    void hostNetworkPodReachesPodsOfItsOwnNodeAsTheNodeDoes() {
        Pod onWorker2 = X_B;
        assertThat(index(X_DENY_ALL_INGRESS).decide(tcp(X_HOST, onWorker2, 80)).allowed()).isTrue();
    }

    // --- CNI without NetworkPolicy ---

    @Test
    void clusterWhoseCniDoesNotEnforcePoliciesAllowsEverythingAndSaysSo() {
        PolicyIndex flannel = PolicyIndex.of(List.of(X_DENY_ALL_INGRESS), NAMESPACES, false);

        PolicyDecision decision = flannel.decide(tcp(Y_B, X_A, 80));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.hops()).singleElement().satisfies(hop -> {
            assertThat(hop.decision()).isEqualTo("NetworkPolicy not enforced: this cluster's CNI does not implement "
                    + "NetworkPolicy; NetworkPolicy x/deny-all has no effect");
            assertThat(hop.decidedBy()).containsExactly(new ObjectRef("NetworkPolicy", "x", "deny-all"));
        });
    }

    @Test
    void policiesSelectingAPodAreListedInNameOrder() {
        NetworkPolicy onlyB = policy("x", "only-b", "{podSelector: {matchLabels: {app: b}}}");

        assertThat(index(onlyB, X_DENY_ALL_INGRESS, X_DENY_ALL_EGRESS).policiesSelecting(X_A)).containsExactly(
                new ObjectRef("NetworkPolicy", "x", "deny-all"), new ObjectRef("NetworkPolicy", "x", "deny-egress"));
    }

    @Test
    void sameInputGivesTheSameDecisionTextWhateverTheOrderOfPolicies() {
        NetworkPolicy a = policy("x", "a", "{podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}");
        NetworkPolicy b = policy("x", "b", "{podSelector: {}}");

        assertThat(index(a, b).decide(tcp(Y_B, X_A, 80))).isEqualTo(index(b, a).decide(tcp(Y_B, X_A, 80)));
        assertThat(decisions(index(b, a).decide(tcp(Y_B, X_A, 80)))).last().isEqualTo(
                "ingress to x/a port 80/TCP: denied: isolated by NetworkPolicies x/a, x/b; no ingress rule allows y/b");
    }
}
