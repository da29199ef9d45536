package academy.minicluster.net.shell;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Random;

/**
 * The pod {@code kubectl debug node/NAME} creates (kubectl v1.33 {@code generateNodeDebugPod} with the default
 * {@code general} profile): named {@code node-debugger-NODE-xxxxx}, bound to the node by {@code nodeName} (so the
 * scheduler never sees it), tolerating every taint, never restarted, in the node's network, PID and IPC namespaces,
 * with the node's root filesystem mounted at {@code /host}. It carries no labels, so no Service selects it.
 */
final class NodeDebugPod {

    /** apimachinery's {@code rand.String} alphabet: no vowels, no look-alike digits. */
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private NodeDebugPod() {
    }

    /** {@code node-debugger-worker-x2kqp}: the suffix drawn from the cluster's seeded generator. */
    static String name(String node, Random random) {
        StringBuilder s = new StringBuilder("node-debugger-").append(node).append('-');
        for (int i = 0; i < 5; i++) {
            s.append(SAFE_ALPHABET.charAt(random.nextInt(SAFE_ALPHABET.length())));
        }
        return s.toString();
    }

    /** What kubectl prints to standard output before it creates the pod (unless {@code --quiet}). */
    static String announcement(String pod, String container, String node) {
        return "Creating debugging pod " + pod + " with container " + container + " on node " + node + ".\n";
    }

    /**
     * The pod as kubectl sends it: the command after {@code --} is the container's {@code command}
     * ({@code args} under {@code --arguments-only}); none leaves the image's own entrypoint.
     */
    static Pod of(String name, String namespace, String node, String container, String image, List<String> argv,
                  boolean argsOnly, boolean stdin, boolean tty) {
        ContainerBuilder c = new ContainerBuilder().withName(container).withImage(image)
                .withTerminationMessagePolicy("File").addNewVolumeMount().withName("host-root").withMountPath("/host")
                .endVolumeMount();
        if (stdin) {
            c.withStdin(true);
        }
        if (tty) {
            c.withTty(true);
        }
        if (!argv.isEmpty()) {
            if (argsOnly) {
                c.withArgs(argv);
            } else {
                c.withCommand(argv);
            }
        }
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withContainers(c.build()).withNodeName(node).withRestartPolicy("Never")
                .addNewToleration().withOperator("Exists").endToleration()
                .withHostNetwork(true).withHostPID(true).withHostIPC(true)
                .addNewVolume().withName("host-root").withNewHostPath().withPath("/").endHostPath().endVolume()
                .endSpec().build();
    }

    /**
     * The kubelet's report once the command, the container's main process, has exited: {@code Completed} and phase
     * {@code Succeeded} for exit 0, else {@code Error} and {@code Failed}, with the exit code. A container the
     * runtime could not start ({@code StartError}) or that still runs keeps what the kubelet reported.
     *
     * @return whether the status changed
     */
    static boolean exited(Pod pod, String container, int exitCode) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            if (!s.getName().equals(container) || s.getState() == null || s.getState().getTerminated() == null) {
                continue;
            }
            var terminated = s.getState().getTerminated();
            if ("StartError".equals(terminated.getReason())) {
                return false;
            }
            terminated.setExitCode(exitCode);
            terminated.setReason(exitCode == 0 ? "Completed" : "Error");
            pod.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
            return true;
        }
        return false;
    }
}
