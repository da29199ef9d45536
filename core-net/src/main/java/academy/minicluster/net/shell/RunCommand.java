package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code kubectl run NAME --image=IMAGE}: a bare pod, attached to ({@code -it}, {@code --rm}: the
 * shell handed to the {@link Shell} through {@code attach}) or not.
 */
final class RunCommand {

    private final Cluster cluster;
    private final Terminal terminal;
    private final ImperativeCreate creation;
    private final Consumer<PodSession> attach;

    RunCommand(KubectlContext context, Consumer<PodSession> attach) {
        this.attach = attach;
        this.cluster = context.cluster();
        this.terminal = context.terminal();
        this.creation = new ImperativeCreate(context);
    }


    // ---- run / expose / scale / label -------------------------------------------------------------------------------

    ShellResult run(String line, Flags f) {
        String name = f.positional.isEmpty() ? null : f.positional.get(0);
        if (name == null) {
            throw new UsageError("error: NAME is required for run");
        }
        String image = f.get("image");
        if (image == null) {
            throw new UsageError("error: required flag(s) \"image\" not set");
        }
        String namespace = namespace(f);
        Map<String, String> labels = new LinkedHashMap<>();
        if (f.get("labels") != null) {
            for (String kv : f.get("labels").split(",")) {
                String[] p = kv.split("=", 2);
                labels.put(p[0], p.length > 1 ? p[1] : "");
            }
        } else {
            labels.put("run", name);
        }
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name).withImage(image);
        List<String> extraArgs = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        extraArgs.addAll(f.command);
        if (!extraArgs.isEmpty()) {
            if (f.has("command")) {
                container.withCommand(extraArgs);
            } else {
                container.withArgs(extraArgs);
            }
        }
        if (f.get("port") != null) {
            container.addNewPort().withContainerPort(Integer.parseInt(f.get("port"))).endPort();
        }
        for (String env : f.all("env")) {
            String[] kv = env.split("=", 2);
            container.addNewEnv().withName(kv[0]).withValue(kv.length > 1 ? kv[1] : "").endEnv();
        }
        // run.go's generator: -i keeps the container's stdin open (once, for the attached session), -t gives a TTY.
        if (f.has("stdin")) {
            container.withStdin(true).withStdinOnce(true);
        }
        if (f.has("tty")) {
            container.withTty(true);
        }
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().withNewSpec().withContainers(container.build())
                .withRestartPolicy(f.get("restart", "Always")).withDnsPolicy("ClusterFirst").endSpec().build();
        boolean interactive = f.has("stdin") || f.has("tty");
        if (interactive && f.has("rm")) {
            // kubectl run --rm -it: the container runs its command attached, then the pod is deleted.
            pod.getSpec().setRestartPolicy("Never");
            cluster.api().create(pod);
            Pod stored = cluster.store().get(Pod.class, "Pod", namespace, name).orElseThrow();
            List<String> argv = extraArgs;
            String shell = PodSession.interactiveShell(f.has("command") || !argv.isEmpty() ? withEntrypoint(image, argv)
                    : defaultArgv(stored, name));
            if (f.has("stdin") && shell != null && PodSession.runningWith(cluster, stored, name, shell)) {
                // kubectl run -it --rm NAME --image=busybox [-- sh]: attached to the shell; the pod goes when it exits.
                attach.accept(new PodSession(namespace, name, name, shell, PodSession.AfterExit.DELETE_POD));
                return new ShellResult(line, 0, "", "If you don't see a command prompt, try pressing enter.\n",
                        List.of());
            }
            ShellResult inside = argv.isEmpty() ? ShellResult.ok(line, "")
                    : terminal.attach(stored, name, f.has("command") ? argv : withEntrypoint(image, argv), line);
            cluster.api().delete("Pod", namespace, name);
            // run.go: a non-zero exit of the attached container is reported after the pod is removed.
            String stderr = inside.exitCode() == 0 ? inside.stderr()
                    : inside.stderr() + "pod " + namespace + "/" + name + " terminated (Error)\n";
            return new ShellResult(line, inside.exitCode(), inside.stdout() + "pod \"" + name + "\" deleted\n",
                    stderr, inside.trace(), inside.observations());
        }
        if (f.has("rm")) {
            throw new UsageError("error: --rm should only be used for attached containers");
        }
        return creation.created(line, f, pod, "created");
    }

    /** What the image runs when the pod gives no command or args (busybox: {@code sh}). */
    private List<String> defaultArgv(Pod pod, String container) {
        return cluster.dataPlane().runtime().container(pod, container).map(c -> c.argv()).orElse(List.of());
    }

    private static List<String> withEntrypoint(String image, List<String> args) {
        // curlimages/curl's entrypoint.sh prepends curl only when the first argument is an option.
        if (CreateCommand.containerName(image).equals("curl") && !args.isEmpty() && args.get(0).startsWith("-")) {
            List<String> argv = new ArrayList<>(List.of("curl"));
            argv.addAll(args);
            return argv;
        }
        return args;
    }
}
