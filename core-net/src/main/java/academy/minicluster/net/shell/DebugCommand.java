package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl debug node/NAME --image=IMAGE [-it] [-- COMMAND...]}.
 */
final class DebugCommand {

    private final Cluster cluster;
    private final Terminal terminal;

    DebugCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.terminal = context.terminal();
    }

    /**
     * {@code kubectl debug node/NAME --image=IMAGE [-it] [-- COMMAND...]}: creates the node's debugging pod (see
     * {@link NodeDebugPod}) and, attached ({@code -i}, or {@code --attach}), shows what its command printed. The
     * command runs in the node's network namespace; the pod stays behind, {@code Completed} or {@code Error} once
     * the command has exited, until the learner deletes it.
     */
    ShellResult run(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: NAME or filename is required for debug");
        }
        String image = f.get("image");
        if (image == null) {
            throw new UsageError("error: you must specify --image when not using --copy-to.");
        }
        boolean stdin = f.has("stdin");
        boolean tty = f.has("tty");
        if (tty && !stdin) {
            throw new UsageError("error: -i/--stdin is required for containers with -t/--tty=true");
        }
        String pullPolicy = f.get("image-pull-policy");
        if (pullPolicy != null && !List.of("Always", "IfNotPresent", "Never", "").contains(pullPolicy)) {
            throw new UsageError("error: invalid image pull policy: " + pullPolicy);
        }
        String target = f.positional.get(0);
        int slash = target.indexOf('/');
        if (slash < 0 || !Kinds.byName(target.substring(0, slash)).map(r -> r.kind().equals("Node")).orElse(false)) {
            throw new UsageError("error: the mini-cluster supports 'kubectl debug node/NAME -it --image=IMAGE -- COMMAND'");
        }
        String nodeName = target.substring(slash + 1);
        Node node = cluster.store().get(Node.class, "Node", "", nodeName)
                .orElseThrow(() -> ApiServer.notFound("Node", nodeName));
        List<String> argv = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        argv.addAll(f.command);
        String namespace = namespace(f);
        String container = f.get("container", "debugger");
        String podName = NodeDebugPod.name(nodeName, cluster.random());
        String header = f.has("quiet") ? "" : NodeDebugPod.announcement(podName, container, nodeName);
        Pod pod = NodeDebugPod.of(podName, namespace, nodeName, container, image, argv, f.has("arguments-only"),
                stdin, tty);
        if (pullPolicy != null && !pullPolicy.isEmpty()) {
            pod.getSpec().getContainers().get(0).setImagePullPolicy(pullPolicy);
        }
        try {
            cluster.api().create(pod);
        } catch (ApiException e) {
            return new ShellResult(line, 1, header, Kubectl.serverError(e, null) + "\n", List.of());
        }
        boolean attach = f.get("attach") != null ? f.has("attach") : stdin;
        if (argv.isEmpty()) {
            // The image's own entrypoint: a shell kept open by -i runs until the pod is deleted.
            return ShellResult.ok(line, header);
        }
        ShellResult r = terminal.onNode(node, image, argv, line);
        cluster.store().get(Pod.class, "Pod", namespace, podName).ifPresent(stored -> {
            // What the command printed is the container's log, attached or not: kubectl logs shows it afterwards.
            terminal.keepOutput(stored, container, r.stdout() + r.stderr());
            if (NodeDebugPod.exited(stored, container, r.exitCode())) {
                cluster.store().touch(stored);
                cluster.reconcile();
            }
        });
        if (!attach) {
            // Not attached: kubectl returns once the pod is created; what the command printed goes to its log.
            return new ShellResult(line, 0, header, "", r.trace(), r.observations());
        }
        return new ShellResult(line, r.exitCode(), header + r.stdout(), r.stderr(), r.trace(), r.observations());
    }
}
