package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NslookupTest {

    private final ClientTools tools = new ClientTools(0);

    private static FakeNetwork busybox() {
        return FakeNetwork.pod("nslookup", ClientTools.BUSYBOX_MARKER).a("web.default.svc.cluster.local.",
                "10.96.0.12");
    }

    private static FakeNetwork netshoot() {
        return FakeNetwork.pod("nslookup", "dig").a("web.default.svc.cluster.local.", "10.96.0.12");
    }

    private ToolResult nslookup(FakeNetwork net, String... args) {
        List<String> argv = new ArrayList<>(List.of("nslookup"));
        argv.addAll(List.of(args));
        return tools.run(argv, net);
    }

    @Test
    void busyboxAsksAShortNameUnderEverySearchDomainForAAndAaaa() {
        FakeNetwork net = busybox();

        ToolResult r = nslookup(net, "web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                Server:\t\t10.96.0.10
                Address:\t10.96.0.10:53

                Name:\tweb.default.svc.cluster.local
                Address: 10.96.0.12

                ** server can't find web.svc.cluster.local: NXDOMAIN

                ** server can't find web.cluster.local: NXDOMAIN


                ** server can't find web.svc.cluster.local: NXDOMAIN

                ** server can't find web.cluster.local: NXDOMAIN

                """);
        assertThat(net.questions).hasSize(6).doesNotContain("web. A @10.96.0.10");
    }

    @Test
    void busyboxAsksADottedNameOnlyAsGivenIgnoringNdots() {
        FakeNetwork net = busybox();

        ToolResult r = nslookup(net, "web.default");

        assertThat(net.questions).containsExactly("web.default. A @10.96.0.10", "web.default. AAAA @10.96.0.10");
        assertThat(r.stdout()).contains("** server can't find web.default: NXDOMAIN\n");
    }

    @Test
    void busyboxFullNameAnswersWithAnEmptyAaaaBlock() {
        ToolResult r = nslookup(busybox(), "web.default.svc.cluster.local");

        assertThat(r.stdout()).isEqualTo("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n"
                + "Name:\tweb.default.svc.cluster.local\nAddress: 10.96.0.12\n\n\n");
    }

    @Test
    void busyboxTimeout() {
        ToolResult r = nslookup(busybox().silentDns("10.96.0.10"), "web");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo(";; connection timed out; no servers could be reached\n\n");
    }

    @Test
    void bindUsesTheSearchListLikeTheCLibrary() {
        ToolResult r = nslookup(netshoot(), "web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                Server:\t\t10.96.0.10
                Address:\t10.96.0.10#53

                Name:\tweb.default.svc.cluster.local
                Address: 10.96.0.12

                """);
    }

    @Test
    void bindNxdomainExitsOneNamingTheNameAsTyped() {
        ToolResult r = nslookup(netshoot(), "web.x");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n"
                + "** server can't find web.x: NXDOMAIN\n\n");
    }

    @Test
    void bindAsksTheServerGivenOnTheCommandLine() {
        FakeNetwork net = netshoot();

        nslookup(net, "web.default.svc.cluster.local.", "10.96.0.11");

        assertThat(net.questions).containsExactly("web.default.svc.cluster.local. A @10.96.0.11");
    }

    @Test
    void bindTimeout() {
        ToolResult r = nslookup(netshoot().silentDns("10.96.0.10"), "web");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo(";; communications error to 10.96.0.10#53: timed out\n"
                + ";; communications error to 10.96.0.10#53: timed out\n;; no servers could be reached\n\n");
    }
}
