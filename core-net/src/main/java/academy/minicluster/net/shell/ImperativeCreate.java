package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.checkOutput;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What {@code create}, {@code run}, {@code expose} and {@code debug} share: the object they built is created (or,
 * with {@code --dry-run}, only shown) and reported as kubectl reports it.
 */
final class ImperativeCreate {

    private final Cluster cluster;

    ImperativeCreate(KubectlContext context) {
        this.cluster = context.cluster();
    }

    /**
     * Creates what an imperative command built, or with {@code --dry-run=client|server} only shows it; prints
     * {@code deployment.apps/web created}, {@code ... created (dry run)}, or the object in the {@code -o} format.
     * A client dry run shows the object as kubectl built it: no server fields, Go's zero values
     * ({@code creationTimestamp: null}, {@code status: {}}), a namespace only when {@code -n} was given.
     */
    ShellResult created(String line, Flags f, HasMetadata object, String verb) {
        String dryRun = f.get("dry-run", "none");
        if (!List.of("none", "client", "server").contains(dryRun)) {
            throw new UsageError("error: Invalid dry-run value (" + dryRun
                    + "). Must be \"none\", \"server\", or \"client\".");
        }
        String output = f.get("output", "");
        if (!output.isEmpty() && !List.of("yaml", "json", "name").contains(output)) {
            checkOutput(output);
        }
        HasMetadata shown = object;
        if (dryRun.equals("none")) {
            cluster.api().create(object);
            shown = cluster.store().get(object.getKind(), Kinds.isNamespaced(object.getKind())
                    ? object.getMetadata().getNamespace() : "", object.getMetadata().getName()).orElse(object);
        } else if (f.get("namespace") == null) {
            object.getMetadata().setNamespace(null);
        }
        String type = Kinds.byKind(object.getKind()).map(Kinds.Resource::qualifiedSingular)
                .orElse(object.getKind().toLowerCase());
        String ref = type + "/" + object.getMetadata().getName();
        return switch (output) {
            case "yaml" -> ShellResult.ok(line, ObjectOutput.yaml(dryRun.equals("none")
                    ? ObjectOutput.tree(List.of(shown), true) : ObjectOutput.unsaved(shown)));
            case "json" -> ShellResult.ok(line, ObjectOutput.json(dryRun.equals("none")
                    ? ObjectOutput.tree(List.of(shown), true) : ObjectOutput.unsaved(shown)));
            case "name" -> ShellResult.ok(line, ref + "\n");
            default -> ShellResult.ok(line, ref + " " + verb + switch (dryRun) {
                case "client" -> " (dry run)";
                case "server" -> " (server dry run)";
                default -> "";
            } + "\n");
        };
    }
}
