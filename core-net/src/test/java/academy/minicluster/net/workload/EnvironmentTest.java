package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path)
                .endFieldRef().endValueFrom().build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "metadata.name, web-7d4b9c-x2x7k",
            "metadata.namespace, shop",
            "metadata.uid, 6c8e1f0a-3b1d-4c55-9e0e-2f4d1c7b9a10",
            "status.podIP, 10.244.1.3",
            "spec.nodeName, worker",
            "status.hostIP, 172.18.0.3",
            "spec.serviceAccountName, web-sa",
            "metadata.labels['app'], web"
    })
    void downwardApiFieldRefIsReadFromThePod(String path, String expected) {
        SimulatedContainer c = run(container("busybox").withEnv(fieldRef("X", path)).build());

        assertThat(c.environment()).containsEntry("X", expected);
    }

    @Test
    void valuesExpandEarlierVariables() {
        Container container = container("busybox").withEnv(fieldRef("MY_POD_IP", "status.podIP"),
                new EnvVar("URL", "http://$(MY_POD_IP):8080/", null)).build();

        assertThat(run(container).environment()).containsEntry("URL", "http://10.244.1.3:8080/");
    }

    @Test
    void aVariableDefinedLaterIsNotExpanded() {
        Container container = container("busybox").withEnv(new EnvVar("URL", "http://$(HOST)/", null),
                new EnvVar("HOST", "web", null)).build();

        assertThat(run(container).environment()).containsEntry("URL", "http://$(HOST)/");
    }

    @Test
    void argsAreExpandedWithTheContainersVariables() {
        Container container = container("hashicorp/http-echo").withEnv(fieldRef("POD", "metadata.name"))
                .withArgs("-text=served by $(POD)", "-listen=:$(PORT)").build();

        assertThat(run(container).argv()).containsExactly("/http-echo", "-text=served by web-7d4b9c-x2x7k",
                "-listen=:$(PORT)");
    }

    @Test
    void theImagesOwnEnvIsNotVisibleToTheKubeletsExpansion() {
        Container container = container("nginx").withEnv(new EnvVar("V", "$(NGINX_VERSION)", null)).build();

        SimulatedContainer nginx = run(container);

        assertThat(nginx.environment()).containsEntry("V", "$(NGINX_VERSION)").containsEntry("NGINX_VERSION", "1.27.5");
    }

    @Test
    void hostnameIsThePodNameAndIsInTheEnvironment() {
        SimulatedContainer c = run(container("busybox").build());

        assertThat(c.hostname()).isEqualTo(POD_NAME);
        assertThat(c.environment()).containsEntry("HOSTNAME", POD_NAME);
    }

    @Test
    void serviceVariablesComeFromTheCallerAndCanBeReferenced() {
        Container container = container("busybox").withEnv(
                new EnvVar("API", "$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)", null)).build();

        SimulatedContainer c = SimulatedContainer.of(podWith(container), container,
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));

        assertThat(c.environment()).containsEntry("API", "10.96.0.1:443");
    }

    @Test
    void aShellScriptSeesItsVariablesAndEchoesToTheLog() {
        Container container = container("busybox").withEnv(fieldRef("NODE", "spec.nodeName"))
                .withCommand("sh", "-c", "echo running on $NODE as ${HOSTNAME}; sleep 3600").build();

        SimulatedContainer c = run(container);

        assertThat(c.isRunning()).isTrue();
        assertThat(c.startupLog()).containsExactly("running on worker as web-7d4b9c-x2x7k");
    }
}
