package academy.minicluster.net.dataplane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** CoreDNS's {@code parse_test.go} cases that kubeadm's Corefile (no multicluster, no zonal) can meet. */
class ZoneNameTest {

    @Test
    void srvNameGivesPortAndProtocolWithoutUnderscores() {
        assertEquals(new RecordRequest("http", "tcp", "", "webs", "mynamespace", RecordRequest.Kind.SVC),
                ZoneName.parse("_http._tcp.webs.mynamespace.svc"));
    }

    @Test
    void oneLabelLeftOfTheServiceIsAnEndpoint() {
        assertEquals(new RecordRequest("", "", "1-2-3-4", "webs", "mynamespace", RecordRequest.Kind.SVC),
                ZoneName.parse("1-2-3-4.webs.mynamespace.svc"));
    }

    @Test
    void emptySegmentsAreKeptAsEmptyParts() {
        assertEquals(new RecordRequest("", "", "", "webs", "mynamespace", RecordRequest.Kind.SVC),
                ZoneName.parse("..webs.mynamespace.svc"));
    }

    @Test
    void apexAndBareTypesAreBranches() {
        assertInstanceOf(ZoneName.Branch.class, ZoneName.parse(""));
        assertInstanceOf(ZoneName.Branch.class, ZoneName.parse("svc"));
        assertInstanceOf(ZoneName.Branch.class, ZoneName.parse("pod"));
    }

    @Test
    void podNamesAndNamespacesAlone() {
        assertEquals(new RecordRequest("", "", "", "10-244-1-5", "default", RecordRequest.Kind.POD),
                ZoneName.parse("10-244-1-5.default.pod"));
        assertEquals(new RecordRequest("", "", "", "", "default", RecordRequest.Kind.SVC),
                ZoneName.parse("default.svc"));
    }

    @Test
    void otherNamesAreInvalidRequests() {
        assertInstanceOf(ZoneName.NotKubernetes.class, ZoneName.parse("web.default"));
        assertEquals(new ZoneName.TooLong("mynamespace", RecordRequest.Kind.SVC),
                ZoneName.parse("a.pin._zone.webs.mynamespace.svc"));
    }
}
