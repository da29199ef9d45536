package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientToolsTest {

    private final ClientTools tools = new ClientTools(0);

    @Test
    void missingExecutableInAPodFailsAsKubectlRelaysContainerd() {
        FakeNetwork busybox = FakeNetwork.pod("wget", "nc", ClientTools.BUSYBOX_MARKER);

        ToolResult r = tools.run(List.of("curl", "http://web"), busybox);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).matches("error: Internal error occurred: error executing command in container: "
                + "failed to exec in container: failed to start exec \"[0-9a-f]{64}\": OCI runtime exec failed: "
                + "exec failed: unable to start container process: exec: \"curl\": executable file not found in "
                + "\\$PATH: unknown\n");
        assertThat(r.hops()).isEmpty();
    }

    @Test
    void missingCommandOnTheWorkstationIsBashs127() {
        ToolResult r = tools.run(List.of("agnhost", "connect", "web:80"), FakeNetwork.workstation());

        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).isEqualTo("bash: agnhost: command not found\n");
    }

    @Test
    void absolutePathFindsTheExecutableByItsName() {
        FakeNetwork pod = FakeNetwork.pod("hostname");

        assertThat(tools.run(List.of("/bin/hostname"), pod).stdout()).isEqualTo("client\n");
    }

    @Test
    void hostnameDashIPrintsTheAddress() {
        assertThat(tools.run(List.of("hostname", "-i"), FakeNetwork.pod("hostname")).stdout())
                .isEqualTo("10.244.1.5\n");
    }

    @Test
    void catPrintsTheResolverConfiguration() {
        ToolResult r = tools.run(List.of("cat", "/etc/resolv.conf"), FakeNetwork.pod("cat"));

        assertThat(r.stdout()).isEqualTo("search default.svc.cluster.local svc.cluster.local cluster.local\n"
                + "nameserver 10.96.0.10\noptions ndots:5\n");
    }

    @Test
    void catOfAnotherFileFails() {
        ToolResult r = tools.run(List.of("cat", "/etc/passwd"), FakeNetwork.pod("cat"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("cat: /etc/passwd: No such file or directory\n");
    }

    @Test
    void sleepReturnsAtOnce() {
        assertThat(tools.run(List.of("sleep", "3600"), FakeNetwork.pod("sleep")).exitCode()).isZero();
    }

    @Test
    void echoJoinsItsArguments() {
        assertThat(tools.run(List.of("echo", "a", "b"), FakeNetwork.pod("echo")).stdout()).isEqualTo("a b\n");
    }

    @Test
    void workstationHasCurlAndItsTerminalHidesTheMeter() {
        FakeNetwork ws = FakeNetwork.workstation().listen("172.18.0.3", 30080, FakeNetwork::nginx);

        ToolResult r = tools.run(List.of("curl", "http://172.18.0.3:30080/"), ws);

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("hello from web\n");
    }

    @Test
    void commandTheImageHasButTheModelDoesNotSimulateSaysSo() {
        ToolResult r = tools.run(List.of("ping", "-c", "1", "web"), FakeNetwork.pod("ping"));

        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).startsWith("minicluster: ping is not simulated; simulated commands: agnhost, cat, ");
    }

    @Test
    void inAPodCurlsStdoutIsAPipeByDefaultSoTheMeterIsDrawn() {
        FakeNetwork pod = FakeNetwork.pod("curl").a("web.default.svc.cluster.local.", "10.96.0.12")
                .listen("10.96.0.12", 80, FakeNetwork::nginx);

        ToolResult r = tools.run(List.of("curl", "http://web"), pod);

        assertThat(r.stderr()).startsWith(CurlProgressMeter.HEADER);
    }

    @Test
    void everyKnownCommandHasItsToolAndNoOtherHasOne() {
        for (String command : ClientTools.known()) {
            assertThat(tools.tool(command, FakeNetwork.workstation().client(), true)).as(command)
                    .extracting(ClientTool::name).isEqualTo(command);
        }
        assertThat(tools.tool("ping", FakeNetwork.workstation().client(), true)).isNull();
    }
}
