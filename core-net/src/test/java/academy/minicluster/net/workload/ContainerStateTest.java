package academy.minicluster.net.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerStateTest {

    @ParameterizedTest(name = "exit {0} ({1}) under {2}: {3}")
    @CsvSource({
            "0, Completed, Always, CrashLoopBackOff",
            "0, Completed, OnFailure, Completed",
            "0, Completed, Never, Completed",
            "1, Error, Always, CrashLoopBackOff",
            "1, Error, OnFailure, CrashLoopBackOff",
            "1, Error, Never, Error",
            "128, StartError, Never, StartError"
    })
    void statusColumnFollowsTheRestartPolicy(int exitCode, String reason, String policy, String column) {
        assertThat(new ContainerState.Terminated(exitCode, reason, "").statusColumn(policy)).isEqualTo(column);
    }

    @ParameterizedTest(name = "running under {0}")
    @CsvSource({"Always", "Never"})
    void aRunningContainerIsRunning(String policy) {
        assertThat(new ContainerState.Running().statusColumn(policy)).isEqualTo("Running");
    }
}
