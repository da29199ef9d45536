package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientImagesTest {

    @Test
    void busyboxCarriesWgetNcNslookupButNoCurlNorDig() {
        SimulatedContainer busybox = run(container("busybox:1.36").withCommand("sleep", "3600").build());

        assertThat(busybox.executables()).contains("wget", "nc", "nslookup", "ping", "hostname", "cat", "sleep",
                "sh", "ls", "echo", "env");
        assertThat(busybox.hasExecutable("curl")).isFalse();
        assertThat(busybox.hasExecutable("dig")).isFalse();
        assertThat(busybox.hasExecutable("/bin/wget")).isTrue();
    }

    @Test
    void busyboxWithSleepRunsAndListensOnNothing() {
        SimulatedContainer busybox = run(container("busybox").withCommand("sleep", "3600").build());

        assertThat(busybox.isRunning()).isTrue();
        assertThat(busybox.listeners()).isEmpty();
    }

    @Test
    void busyboxWithoutCommandExitsAtOnceAndADeploymentCrashLoops() {
        SimulatedContainer busybox = run(container("busybox").build());

        assertThat(busybox.argv()).containsExactly("sh");
        assertThat(busybox.state()).isEqualTo(new ContainerState.Terminated(0, "Completed", ""));
        assertThat(busybox.state().statusColumn("Always")).isEqualTo("CrashLoopBackOff");
        assertThat(busybox.state().statusColumn("Never")).isEqualTo("Completed");
    }

    @Test
    void busyboxShellWithStdinOpenKeepsRunning() {
        SimulatedContainer interactive = run(container("busybox").withStdin(true).withTty(true).build());

        assertThat(interactive.isRunning()).isTrue();
    }

    @Test
    void curlImagesArgsReplaceCmdAndKeepTheEntrypoint() {
        SimulatedContainer curl = run("curlimages/curl", "-s", "http://web");

        assertThat(curl.argv()).containsExactly("/entrypoint.sh", "-s", "http://web");
        assertThat(curl.isRunning()).isFalse();
        assertThat(curl.state().statusColumn("Always")).isEqualTo("CrashLoopBackOff");
    }

    @Test
    void curlImagesEntrypointRunsAnArgumentThatIsACommand() {
        // /entrypoint.sh: "if the first argument is a flag or not a command, prepend curl" - sleep is a command.
        SimulatedContainer curl = run("curlimages/curl:8.14.1", "sleep", "3600");

        assertThat(curl.isRunning()).isTrue();
    }

    @Test
    void curlImageWithCommandSleepRuns() {
        SimulatedContainer curl = run(container("curlimages/curl").withCommand("sleep", "3600").build());

        assertThat(curl.argv()).containsExactly("sleep", "3600");
        assertThat(curl.isRunning()).isTrue();
        assertThat(curl.hasExecutable("curl")).isTrue();
    }

    @Test
    void curlImageWithoutArgsRunsCurlWhichComplains() {
        SimulatedContainer curl = run(container("curlimages/curl").build());

        assertThat(curl.state()).isEqualTo(new ContainerState.Terminated(2, "Error",
                "curl: try 'curl --help' or 'curl --manual' for more information"));
    }

    @Test
    void netshootCarriesTheNetworkToolbox() {
        SimulatedContainer netshoot = run(container("nicolaka/netshoot").withCommand("sleep", "infinity").build());

        assertThat(netshoot.executables()).contains("curl", "dig", "nslookup", "nc", "ping", "ip", "wget", "host",
                "tcpdump");
        assertThat(netshoot.isRunning()).isTrue();
    }

    @Test
    void netshootWithoutCommandRunsZshWhichExits() {
        assertThat(run(container("nicolaka/netshoot").build()).isRunning()).isFalse();
    }

    @Test
    void pauseRunsForeverAndListensOnNothing() {
        SimulatedContainer pause = run(container("registry.k8s.io/pause:3.10").build());

        assertThat(pause.kind()).isEqualTo(ImageKind.PAUSE);
        assertThat(pause.isRunning()).isTrue();
        assertThat(pause.listeners()).isEmpty();
        assertThat(pause.hasExecutable("sh")).isFalse();
    }

    @Test
    void aCommandTheImageLacksIsAStartError() {
        SimulatedContainer busybox = run(container("busybox").withCommand("curl", "http://web").build());

        ContainerState.Terminated state = (ContainerState.Terminated) busybox.state();
        assertThat(state.exitCode()).isEqualTo(128);
        assertThat(state.reason()).isEqualTo("StartError");
        assertThat(state.message()).isEqualTo("failed to create containerd task: failed to create shim task: "
                + "OCI runtime create failed: runc create failed: unable to start container process: "
                + "exec: \"curl\": executable file not found in $PATH: unknown");
        assertThat(busybox.notRunningReason()).get().asString().startsWith("StartError (exit code 128)");
    }
}
