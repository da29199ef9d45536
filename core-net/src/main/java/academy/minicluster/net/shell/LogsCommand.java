package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.parseSelector;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl logs POD|TYPE/NAME [-c C] [--tail N]} and {@code logs -l SELECTOR [--prefix]}.
 */
final class LogsCommand {

    private final Cluster cluster;
    private final Terminal terminal;

    LogsCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.terminal = context.terminal();
    }

    ShellResult run(String line, Flags f) {
        if (f.positional.isEmpty() && f.get("selector") != null) {
            return logsOfSelected(line, f);
        }
        if (f.positional.isEmpty()) {
            throw new UsageError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    + "POD or TYPE/NAME is a required argument for the logs command\n"
                    + "See 'kubectl logs -h' for help and examples");
        }
        PodSelection.PodChoice chosen = PodSelection.pod(cluster, f, f.positional.get(0));
        Pod pod = chosen.pod();
        PodSelection.ContainerChoice named = f.positional.size() > 1
                ? new PodSelection.ContainerChoice(f.positional.get(1), "") : PodSelection.container(pod, f);
        String container = named.name();
        List<String> lines = terminal.logs(pod, container);
        if (f.get("tail") != null) {
            int n = Integer.parseInt(f.get("tail"));
            if (n >= 0 && n < lines.size()) {
                lines = lines.subList(lines.size() - n, lines.size());
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        if (out.length() > 0 && terminal.logEndsMidLine(pod, container)) {
            out.setLength(out.length() - 1);
        }
        return new ShellResult(line, 0, out.toString(), chosen.note() + named.note(), List.of());
    }

    /**
     * {@code kubectl logs -l SELECTOR}: the logs of every matching pod (its default container), in name order, each
     * cut to its last 10 lines unless {@code --tail} says otherwise (kubectl's default with a selector), with
     * {@code [pod/NAME/CONTAINER] } before each line under {@code --prefix}. kubectl refuses more than
     * {@code --max-log-requests} (5) pods.
     */
    private ShellResult logsOfSelected(String line, Flags f) {
        LabelSelector selector = parseSelector(f.get("selector"));
        String namespace = namespace(f);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : cluster.store().list(Pod.class, "Pod", namespace)) {
            if (LabelSelectors.matches(selector, p.getMetadata().getLabels())) {
                pods.add(p);
            }
        }
        if (pods.isEmpty()) {
            return new ShellResult(line, 0, "", "No resources found in " + namespace + " namespace.\n", List.of());
        }
        int max = Integer.parseInt(f.get("max-log-requests", "5"));
        if (pods.size() > max) {
            throw new UsageError("error: you are attempting to follow " + pods.size() + " log streams, but maximum "
                    + "allowed concurrency is " + max + ", use --max-log-requests to increase the limit");
        }
        int tail = Integer.parseInt(f.get("tail", "10"));
        StringBuilder out = new StringBuilder();
        for (Pod pod : pods) {
            String container = f.get("container") != null ? f.get("container")
                    : pod.getSpec().getContainers().get(0).getName();
            List<String> lines = terminal.logs(pod, container);
            if (tail >= 0 && tail < lines.size()) {
                lines = lines.subList(lines.size() - tail, lines.size());
            }
            String prefix = f.has("prefix") ? "[pod/" + pod.getMetadata().getName() + "/" + container + "] " : "";
            lines.forEach(l -> out.append(prefix).append(l).append('\n'));
        }
        return ShellResult.ok(line, out.toString());
    }
}
