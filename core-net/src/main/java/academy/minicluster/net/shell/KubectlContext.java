package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Kinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every verb's class ({@link GetCommand}, {@link ApplyCommand}, {@link PatchCommand}, {@link ExecCommand}, ...)
 * is made with: the cluster, the shell's files and terminal; the flags every command takes, and how a command names
 * one object.
 */
record KubectlContext(Cluster cluster, Map<String, String> files, Terminal terminal) {

    /** The flags every kubectl command accepts (kubectl's global flags), as {@link Kubectl} knows them. */
    static final Set<String> GLOBAL = Set.of("namespace", "kubeconfig", "context", "request-timeout");

    /** One object a command names: its resource type and name. */
    record Target(Kinds.Resource resource, String name) {
        String typeSlashName() {
            return resource.qualifiedSingular() + "/" + name;
        }
    }

    Flags flags(List<String> args, Map<String, String> shorthands, String... known) throws Flags.UnknownFlag {
        Set<String> all = new HashSet<>(GLOBAL);
        all.addAll(List.of(known));
        return Flags.parse(args, all, shorthands);
    }

    static String namespace(Flags f) {
        return f.get("namespace", "default");
    }

    static Kinds.Resource resource(String type) {
        return Kinds.byName(type).orElseThrow(() ->
                new Kubectl.UsageError("error: the server doesn't have a resource type \"" + type + "\""));
    }

    /**
     * The objects named as {@code TYPE NAME...} or {@code TYPE/NAME...}, as cli-runtime's
     * {@code ResourceTypeOrNameArgs} reads them; {@code required} words the error when nothing is named.
     */
    static List<Target> targets(List<String> args, String required) {
        if (args.isEmpty()) {
            throw new Kubectl.UsageError(required);
        }
        if (args.get(0).contains("/")) {
            return args.stream().map(a -> {
                int slash = a.indexOf('/');
                if (slash < 0) {
                    throw new Kubectl.UsageError("error: there is no need to specify a resource type as a separate "
                            + "argument when passing arguments in resource/name form (e.g. 'kubectl get "
                            + "resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
                }
                return new Target(resource(a.substring(0, slash)), a.substring(slash + 1));
            }).toList();
        }
        Kinds.Resource r = resource(args.get(0));
        if (args.size() == 1) {
            throw new Kubectl.UsageError(required);
        }
        return args.subList(1, args.size()).stream().map(n -> new Target(r, n)).toList();
    }

    /** The stored object (read only), or kube-apiserver's NotFound. */
    HasMetadata get(Target t, String namespace) {
        String ns = t.resource().namespaced() ? namespace : "";
        return cluster.store().get(t.resource().kind(), ns, t.name())
                .orElseThrow(() -> ApiServer.notFound(t.resource().kind(), t.name()));
    }

    static ShellResult fail(String line, String message) {
        return ShellResult.error(line, 1, message.endsWith("\n") ? message : message + "\n");
    }
}
