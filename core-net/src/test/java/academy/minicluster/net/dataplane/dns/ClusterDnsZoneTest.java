package academy.minicluster.net.dataplane.dns;

import static academy.minicluster.net.dataplane.dns.DnsFixtures.clusterIp;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.clusterIps;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.endpoint;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.externalName;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.headless;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.namespace;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.notReady;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.pod;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.port;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.ready;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.slice;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.slicePort;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.unnamedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small course cluster: what CoreDNS answers for its Services, endpoints and pods, and why (the hops). */
class ClusterDnsZoneTest {

    private static final List<Namespace> NAMESPACES = List.of(namespace("default"), namespace("prod"),
            namespace("test"), namespace("kube-system"));

    private static final List<Service> SERVICES = List.of(
            clusterIp("kube-system", "kube-dns", "10.96.0.10", port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"),
                    port("metrics", 9153, "TCP")),
            clusterIp("default", "web", "10.96.0.12", port("http", 80, "TCP")),
            clusterIp("default", "empty", "10.96.0.13", unnamedPort(80)),
            headless("default", "db", port("mysql", 3306, "TCP")),
            headless("default", "nothing-ready", port("http", 80, "TCP")),
            externalName("default", "ext", "example.com"),
            externalName("default", "alias", "web.default.svc.cluster.local"),
            externalName("default", "dangling", "nope.default.svc.cluster.local"),
            externalName("default", "ip-ext", "1.2.3.4"),
            clusterIp("prod", "data", "10.96.5.5", port("http", 80, "TCP")),
            clusterIps("default", "dual", List.of("10.96.0.20", "fd00:10:96::20"), port("http", 80, "TCP")));

    private static final List<EndpointSlice> SLICES = List.of(
            slice("kube-system", "kube-dns-8x2lp", "kube-dns", List.of(slicePort("dns", 53, "UDP"),
                    slicePort("dns-tcp", 53, "TCP"), slicePort("metrics", 9153, "TCP")),
                    endpoint("10.244.0.2", true, null, "coredns-1"), endpoint("10.244.0.3", true, null, "coredns-2")),
            slice("default", "web-abc12", "web", List.of(slicePort("http", 8080, "TCP")),
                    endpoint("10.244.2.4", true, null, "web-2"), endpoint("10.244.1.3", true, null, "web-1")),
            slice("default", "db-x7k2p", "db", List.of(slicePort("mysql", 3306, "TCP")),
                    endpoint("10.244.2.7", true, "db-0", "db-0"), endpoint("10.244.1.5", true, "db-1", "db-1"),
                    endpoint("10.244.1.9", false, "db-2", "db-2")),
            slice("default", "nothing-ready-q8m4z", "nothing-ready", List.of(slicePort("http", 80, "TCP")),
                    notReady("10.244.1.30")));

    private static final List<Pod> PODS = List.of(pod("default", "web-1", "10.244.1.3"),
            pod("default", "web-2", "10.244.2.4"), pod("test", "client", "10.244.1.20"));

    private static final ClusterDnsZone ZONE = ClusterDnsZone.of("cluster.local", SERVICES, SLICES, PODS,
            NAMESPACES);

    private static DnsResponse ask(String name, RecordType type) {
        return ZONE.answer(name, type).response();
    }

    private static List<String> data(DnsResponse response) {
        return response.answers().stream().map(DnsRecord::data).toList();
    }

    private static String lastHop(ZoneAnswer answer) {
        return answer.hops().get(answer.hops().size() - 1).decision();
    }

    // ---- ClusterIP Services

    @Test
    void clusterIpServiceAnswersItsClusterIpWithTtl30() {
        DnsResponse r = ask("web.default.svc.cluster.local", RecordType.A);

        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.authoritative()).isTrue();
        assertThat(r.answers()).containsExactly(
                new DnsRecord("web.default.svc.cluster.local.", 30, RecordType.A, "10.96.0.12"));
    }

    @Test
    void clusterIpAnswerNamesTheServiceInItsHop() {
        ZoneAnswer a = ZONE.answer("web.default.svc.cluster.local.", RecordType.A);

        assertThat(a.hops()).singleElement().satisfies(h -> {
            assertThat(h.stage()).isEqualTo(Hop.Stage.DNS);
            assertThat(h.decision()).isEqualTo(
                    "CoreDNS: web.default.svc.cluster.local. A -> 10.96.0.12 (ClusterIP of Service default/web)");
            assertThat(h.decidedBy()).containsExactly(new ObjectRef("Service", "default", "web"));
            assertThat(h.passed()).isTrue();
        });
    }

    @Test
    void clusterIpServiceWithoutEndpointsStillAnswers() {
        assertThat(data(ask("empty.default.svc.cluster.local.", RecordType.A))).containsExactly("10.96.0.13");
    }

    @Test
    void aaaaForIpv4OnlyServiceIsNoDataWithSoa() {
        ZoneAnswer a = ZONE.answer("web.default.svc.cluster.local.", RecordType.AAAA);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.response().isNoData()).isTrue();
        assertThat(a.response().authority()).containsExactly(ZONE.soa());
        assertThat(lastHop(a)).isEqualTo("CoreDNS: NODATA: web.default.svc.cluster.local. has no AAAA record, only A "
                + "(ClusterIP of Service default/web)");
    }

    @Test
    void dualStackServiceAnswersEachFamilySeparately() {
        assertThat(data(ask("dual.default.svc.cluster.local.", RecordType.A))).containsExactly("10.96.0.20");
        assertThat(data(ask("dual.default.svc.cluster.local.", RecordType.AAAA))).containsExactly("fd00:10:96::20");
    }

    // ---- NXDOMAIN vs NODATA

    @Test
    void unknownServiceIsNxdomainWithSoaAndSaysWhichNamespace() {
        ZoneAnswer a = ZONE.answer("web.prod.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(a.response().authority()).containsExactly(ZONE.soa());
        assertThat(lastHop(a)).isEqualTo("CoreDNS: NXDOMAIN: no Service named web in namespace prod");
        assertThat(a.hops().get(0).verdict()).isEqualTo(Hop.Verdict.NOT_FOUND);
    }

    @Test
    void serviceInUnknownNamespaceIsNxdomain() {
        ZoneAnswer a = ZONE.answer("web.staging.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lastHop(a)).isEqualTo("CoreDNS: NXDOMAIN: namespace staging does not exist");
    }

    @Test
    void svcBranchIsNoData() {
        DnsResponse r = ask("svc.cluster.local.", RecordType.A);

        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.answers()).isEmpty();
        assertThat(r.authority()).containsExactly(ZONE.soa());
    }

    @Test
    void namespaceBranchIsNoData() {
        assertThat(ask("prod.svc.cluster.local.", RecordType.A).isNoData()).isTrue();
    }

    @Test
    void podBranchIsNoData() {
        assertThat(ask("pod.cluster.local.", RecordType.A).isNoData()).isTrue();
        assertThat(ask("default.pod.cluster.local.", RecordType.A).isNoData()).isTrue();
    }

    @Test
    void branchOfUnknownNamespaceIsNxdomain() {
        assertThat(ask("staging.svc.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void zoneApexHasNoAddressButIsNoData() {
        assertThat(ask("cluster.local.", RecordType.A).isNoData()).isTrue();
    }

    @Test
    void namesOutsideSvcAndPodAreNxdomain() {
        assertThat(ask("foo.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("web.default.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void tooManyLabelsIsNxdomain() {
        assertThat(ask("a.b.c.web.default.svc.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void namesMatchCaseInsensitivelyAndKeepTheAskedCase() {
        DnsResponse r = ask("WEB.Default.SVC.Cluster.Local.", RecordType.A);

        assertThat(r.answers()).containsExactly(
                new DnsRecord("WEB.Default.SVC.Cluster.Local.", 30, RecordType.A, "10.96.0.12"));
    }

    // ---- headless Services and endpoints

    @Test
    void headlessServiceAnswersOneAPerReadyEndpointOrderedByIp() {
        ZoneAnswer a = ZONE.answer("db.default.svc.cluster.local.", RecordType.A);

        assertThat(data(a.response())).containsExactly("10.244.1.5", "10.244.2.7");
        assertThat(a.hops().get(0).decidedBy()).contains(new ObjectRef("Service", "default", "db"),
                new ObjectRef("EndpointSlice", "default", "db-x7k2p"), new ObjectRef("Pod", "default", "db-0"));
    }

    @Test
    void headlessServiceWithNoReadyEndpointsIsNxdomain() {
        ZoneAnswer a = ZONE.answer("nothing-ready.default.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lastHop(a)).isEqualTo("CoreDNS: NXDOMAIN: headless Service default/nothing-ready has no ready "
                + "endpoints (1 endpoint is not ready)");
    }

    @Test
    void endpointWithoutReadyConditionCountsAsReady() {
        EndpointSlice unknownReadiness = slice("default", "db-u", "db", List.of(slicePort("mysql", 3306, "TCP")),
                endpoint("10.244.3.3", null, null, null));
        ClusterDnsZone zone = ClusterDnsZone.of("cluster.local", SERVICES, List.of(unknownReadiness), PODS,
                NAMESPACES);

        assertThat(data(zone.answer("db.default.svc.cluster.local.", RecordType.A).response()))
                .containsExactly("10.244.3.3");
    }

    @Test
    void endpointHostnameNamesOneEndpointOfTheService() {
        assertThat(data(ask("db-0.db.default.svc.cluster.local.", RecordType.A))).containsExactly("10.244.2.7");
    }

    @Test
    void notReadyEndpointHostnameIsNxdomain() {
        ZoneAnswer a = ZONE.answer("db-2.db.default.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lastHop(a)).isEqualTo("CoreDNS: NXDOMAIN: Service default/db has no ready endpoint named db-2 "
                + "(1 endpoint is not ready)");
    }

    @Test
    void endpointsOfClusterIpServiceAnswerByDashedIp() {
        assertThat(data(ask("10-244-1-3.web.default.svc.cluster.local.", RecordType.A)))
                .containsExactly("10.244.1.3");
    }

    @Test
    void podHostnameUnderSubdomainResolvesOnlyWithAServiceNamedSubdomain() {
        // The EndpointSlice controller sets hostname only when a Service named like spec.subdomain selects the pod;
        // without that Service there is nothing to answer from.
        assertThat(ask("db-0.nosvc.default.svc.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(data(ask("db-1.db.default.svc.cluster.local.", RecordType.A))).containsExactly("10.244.1.5");
    }

    @Test
    void fqdnSlicesAreIgnored() {
        EndpointSlice fqdn = slice("default", "db-fqdn", "db", "FQDN", List.of(slicePort("mysql", 3306, "TCP")),
                ready("db.example.com"));
        ClusterDnsZone zone = ClusterDnsZone.of("cluster.local", SERVICES, List.of(fqdn), PODS, NAMESPACES);

        assertThat(zone.answer("db.default.svc.cluster.local.", RecordType.A).response().rcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    // ---- SRV

    @Test
    void srvForNamedPortOfClusterIpServiceHasWeight100AndTargetAddressInAdditional() {
        DnsResponse r = ask("_http._tcp.web.default.svc.cluster.local.", RecordType.SRV);

        assertThat(r.answers()).containsExactly(new DnsRecord("_http._tcp.web.default.svc.cluster.local.", 30,
                RecordType.SRV, "0 100 80 web.default.svc.cluster.local."));
        assertThat(r.additional()).containsExactly(
                new DnsRecord("web.default.svc.cluster.local.", 30, RecordType.A, "10.96.0.12"));
    }

    @Test
    void srvForUnnamedPortDoesNotExist() {
        ZoneAnswer a = ZONE.answer("_http._tcp.empty.default.svc.cluster.local.", RecordType.SRV);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lastHop(a)).contains("SRV names only match named ports: this Service has no named port");
    }

    @Test
    void srvWithWrongProtocolDoesNotExist() {
        assertThat(ask("_http._udp.web.default.svc.cluster.local.", RecordType.SRV).rcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void srvOfHeadlessServiceTargetsEachReadyEndpointWithWeightFloor100OverN() {
        DnsResponse r = ask("_mysql._tcp.db.default.svc.cluster.local.", RecordType.SRV);

        assertThat(data(r)).containsExactly("0 50 3306 db-1.db.default.svc.cluster.local.",
                "0 50 3306 db-0.db.default.svc.cluster.local.");
        assertThat(r.additional()).extracting(DnsRecord::name, DnsRecord::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple("db-1.db.default.svc.cluster.local.", "10.244.1.5"),
                org.assertj.core.groups.Tuple.tuple("db-0.db.default.svc.cluster.local.", "10.244.2.7"));
    }

    @Test
    void srvOnServiceNameListsEveryPortIncludingUnnamedOnes() {
        assertThat(data(ask("kube-dns.kube-system.svc.cluster.local.", RecordType.SRV))).containsExactly(
                "0 33 53 kube-dns.kube-system.svc.cluster.local.",
                "0 33 9153 kube-dns.kube-system.svc.cluster.local.");
        assertThat(data(ask("empty.default.svc.cluster.local.", RecordType.SRV)))
                .containsExactly("0 100 80 empty.default.svc.cluster.local.");
    }

    @Test
    void srvWithUdpProtocolPicksTheUdpPort() {
        assertThat(data(ask("_dns._udp.kube-dns.kube-system.svc.cluster.local.", RecordType.SRV)))
                .containsExactly("0 100 53 kube-dns.kube-system.svc.cluster.local.");
    }

    // ---- ExternalName

    @Test
    void externalNameIsACnameAndTheRestComesFromUpstream() {
        ZoneAnswer a = ZONE.answer("ext.default.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.response().answers()).containsExactly(
                new DnsRecord("ext.default.svc.cluster.local.", 30, RecordType.CNAME, "example.com."));
        assertThat(a.hops().get(0).decision()).isEqualTo("CoreDNS: ext.default.svc.cluster.local. CNAME example.com. "
                + "(externalName of Service default/ext); example.com. is outside cluster.local., its A record comes "
                + "from upstream (forward . /etc/resolv.conf)");
    }

    @Test
    void externalNamePointingIntoTheClusterIsFollowed() {
        assertThat(ask("alias.default.svc.cluster.local.", RecordType.A).answers()).containsExactly(
                new DnsRecord("alias.default.svc.cluster.local.", 30, RecordType.CNAME,
                        "web.default.svc.cluster.local."),
                new DnsRecord("web.default.svc.cluster.local.", 30, RecordType.A, "10.96.0.12"));
    }

    @Test
    void externalNamePointingAtMissingClusterNameIsNoData() {
        ZoneAnswer a = ZONE.answer("dangling.default.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.response().answers()).isEmpty();
        assertThat(a.hops()).extracting(Hop::decision).contains("CoreDNS: drops the CNAME to "
                + "nope.default.svc.cluster.local.: no Service named nope in namespace default");
    }

    @Test
    void externalNameThatLooksLikeAnIpIsNotAnswered() {
        ZoneAnswer a = ZONE.answer("ip-ext.default.svc.cluster.local.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lastHop(a)).contains("externalName \"1.2.3.4\", which is not a DNS name");
    }

    @Test
    void namesBelowAnExternalNameServiceDoNotExist() {
        assertThat(ask("www.ext.default.svc.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void cnameQuestionForClusterIpServiceIsNoData() {
        assertThat(ask("web.default.svc.cluster.local.", RecordType.CNAME).isNoData()).isTrue();
    }

    @Test
    void srvOfExternalNameServiceIsNoData() {
        assertThat(ask("ext.default.svc.cluster.local.", RecordType.SRV).isNoData()).isTrue();
    }

    // ---- pods

    @Test
    void podsInsecureAnswersAnyDashedIpInAnExistingNamespace() {
        ZoneAnswer a = ZONE.answer("10-244-9-9.default.pod.cluster.local.", RecordType.A);

        assertThat(data(a.response())).containsExactly("10.244.9.9");
        assertThat(a.hops().get(0).decision()).contains("no Pod in namespace default has this IP, CoreDNS does not "
                + "check");
    }

    @Test
    void podRecordHopNamesThePodThatHasTheIp() {
        ZoneAnswer a = ZONE.answer("10-244-1-3.default.pod.cluster.local.", RecordType.A);

        assertThat(a.hops().get(0).decidedBy()).containsExactly(new ObjectRef("Pod", "default", "web-1"));
    }

    @Test
    void podNameThatIsNotAnIpIsNxdomain() {
        assertThat(ask("web-1.default.pod.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void podInUnknownNamespaceIsNxdomain() {
        assertThat(ask("10-244-1-3.staging.pod.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void dashedIpv6PodNameAnswersAaaa() {
        assertThat(data(ask("fd00-10-244--5.default.pod.cluster.local.", RecordType.AAAA)))
                .containsExactly("fd00:10:244::5");
    }

    @Test
    void podsVerifiedAnswersOnlyForExistingPods() {
        ClusterDnsZone verified = ZONE.withPodsMode(ClusterDnsZone.PodsMode.VERIFIED);

        assertThat(verified.answer("10-244-1-3.default.pod.cluster.local.", RecordType.A).response().answers())
                .hasSize(1);
        assertThat(verified.answer("10-244-9-9.default.pod.cluster.local.", RecordType.A).response().rcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void podsDisabledAnswersNoPodNames() {
        ClusterDnsZone disabled = ZONE.withPodsMode(ClusterDnsZone.PodsMode.DISABLED);

        assertThat(disabled.answer("10-244-1-3.default.pod.cluster.local.", RecordType.A).response().rcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    // ---- TXT, PTR, SOA, NS

    @Test
    void dnsVersionIsTxt110WithTtl28800() {
        assertThat(ask("dns-version.cluster.local.", RecordType.TXT).answers()).containsExactly(
                new DnsRecord("dns-version.cluster.local.", 28800, RecordType.TXT, "\"1.1.0\""));
    }

    @Test
    void dnsVersionHasNoAddress() {
        assertThat(ask("dns-version.cluster.local.", RecordType.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void txtForAServiceIsNoData() {
        assertThat(ask("web.default.svc.cluster.local.", RecordType.TXT).isNoData()).isTrue();
    }

    @Test
    void ptrOfClusterIpNamesTheService() {
        ZoneAnswer a = ZONE.answer("12.0.96.10.in-addr.arpa.", RecordType.PTR);

        assertThat(a.response().answers()).containsExactly(
                new DnsRecord("12.0.96.10.in-addr.arpa.", 30, RecordType.PTR, "web.default.svc.cluster.local."));
        assertThat(a.hops().get(0).decision()).isEqualTo("CoreDNS: 12.0.96.10.in-addr.arpa. PTR "
                + "web.default.svc.cluster.local. (10.96.0.12 is the ClusterIP of Service default/web)");
    }

    @Test
    void ptrOfHeadlessEndpointUsesItsHostname() {
        assertThat(data(ask("7.2.244.10.in-addr.arpa.", RecordType.PTR)))
                .containsExactly("db-0.db.default.svc.cluster.local.");
    }

    @Test
    void ptrOfEndpointWithoutHostnameUsesTheDashedIp() {
        assertThat(data(ask("3.1.244.10.in-addr.arpa.", RecordType.PTR)))
                .containsExactly("10-244-1-3.web.default.svc.cluster.local.");
    }

    @Test
    void ptrOfIpv6ClusterIpUsesNibbles() {
        String reverse = "0.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.";

        assertThat(data(ask(reverse, RecordType.PTR))).containsExactly("dual.default.svc.cluster.local.");
    }

    @Test
    void ptrOfUnknownAddressFallsThroughToAnUpstreamNxdomain() {
        ZoneAnswer a = ZONE.answer("99.9.244.10.in-addr.arpa.", RecordType.PTR);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(a.response().authoritative()).isFalse();
        assertThat(lastHop(a)).contains("falls through");
    }

    @Test
    void soaIsWrittenAsCoreDnsWritesIt() {
        assertThat(ZONE.withSoaSerial(1700000000L).soa()).isEqualTo(new DnsRecord("cluster.local.", 30,
                RecordType.SOA, "ns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 30"));
    }

    @Test
    void soaSerialFollowsTheNewestObject() {
        Service created = clusterIp("default", "new", "10.96.0.99", port("http", 80, "TCP"));
        created.getMetadata().setCreationTimestamp("2026-11-26T20:00:00Z");
        ClusterDnsZone zone = ClusterDnsZone.of("cluster.local", List.of(created), List.of(), List.of(), NAMESPACES);

        assertThat(zone.soa().data()).contains(" 1795723200 ");
    }

    @Test
    void soaQuestionAtTheApexAnswersTheSoa() {
        assertThat(ask("cluster.local.", RecordType.SOA).answers()).containsExactly(ZONE.soa());
    }

    @Test
    void nsAtTheApexNamesTheKubeDnsService() {
        DnsResponse r = ask("cluster.local.", RecordType.NS);

        assertThat(data(r)).containsExactly("kube-dns.kube-system.svc.cluster.local.");
        assertThat(r.additional()).containsExactly(
                new DnsRecord("kube-dns.kube-system.svc.cluster.local.", 30, RecordType.A, "10.96.0.10"));
    }

    @Test
    void nsDnsNameAnswersTheClusterDnsAddress() {
        assertThat(data(ask("ns.dns.cluster.local.", RecordType.A))).containsExactly("10.96.0.10");
    }

    // ---- the zone itself

    @Test
    void isInZoneCoversTheClusterZoneAndTheReverseZones() {
        assertThat(ZONE.isInZone("web.default.svc.cluster.local")).isTrue();
        assertThat(ZONE.isInZone("CLUSTER.LOCAL.")).isTrue();
        assertThat(ZONE.isInZone("12.0.96.10.in-addr.arpa.")).isTrue();
        assertThat(ZONE.isInZone("example.com.")).isFalse();
        assertThat(ZONE.isInZone("notcluster.local.")).isFalse();
    }

    @Test
    void askingForANameOutsideTheZoneIsAProgrammingError() {
        assertThatThrownBy(() -> ZONE.answer("example.com.", RecordType.A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forwards it upstream");
    }

    @Test
    void sameObjectsInAnyOrderGiveTheSameAnswers() {
        List<Service> services = new ArrayList<>(SERVICES);
        List<EndpointSlice> slices = new ArrayList<>(SLICES);
        Collections.reverse(services);
        Collections.reverse(slices);
        ClusterDnsZone other = ClusterDnsZone.of("cluster.local.", services, slices, PODS, NAMESPACES);

        for (String name : List.of("db.default.svc.cluster.local.", "_mysql._tcp.db.default.svc.cluster.local.",
                "kube-dns.kube-system.svc.cluster.local.", "web.default.svc.cluster.local.")) {
            for (RecordType type : List.of(RecordType.A, RecordType.SRV)) {
                assertThat(other.answer(name, type)).isEqualTo(ZONE.answer(name, type));
            }
        }
    }
}
