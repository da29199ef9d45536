package academy.minicluster.net.workload;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.List;
import java.util.Map;

/**
 * What a process can know about where it runs.
 *
 * @param image          the image reference as written in the pod
 * @param podName        the pod's name
 * @param hostname       what {@code os.Hostname()} answers: the pod's {@code spec.hostname} or name (the node's
 *                       name with {@code hostNetwork})
 * @param podIp          the pod's IP ({@code status.podIP}), empty before one is assigned
 * @param startedAt      epoch second the container started (pod {@code status.startTime}, else creation time, else 0)
 * @param environment    the process environment
 * @param declaredPorts  the container's {@code ports} (only the unknown-image behaviour listens on them)
 */
record ProcessContext(String image, String podName, String hostname, String podIp, long startedAt,
                      Map<String, String> environment, List<ContainerPort> declaredPorts) {

    ProcessContext {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        declaredPorts = List.copyOf(declaredPorts);
    }

    String goLog(String line) {
        return Wire.goLog(startedAt, line);
    }
}
