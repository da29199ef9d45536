package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.parseSelector;
import static academy.minicluster.net.shell.KubectlArgs.targets;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.DecodeResult;
import academy.minicluster.net.api.Decoded;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ManifestDecoder;
import academy.minicluster.net.shell.Kubectl.UsageError;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl delete}: {@code -f}, {@code TYPE NAME}, {@code TYPE/NAME}, {@code -l}, {@code --all}.
 */
final class DeleteCommand {

    private final Cluster cluster;
    private final Map<String, String> files;
    private final ManifestDecoder decoder = new ManifestDecoder();

    DeleteCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.files = context.files();
    }

    ShellResult run(String line, Flags f, String stdin) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        boolean force = f.has("force");
        if (force && f.get("grace-period") != null && !f.get("grace-period").equals("0")
                && !f.get("grace-period").equals("-1")) {
            throw new UsageError("error: --force and --grace-period greater than 0 cannot be specified together");
        }
        String deleted = force ? "force deleted" : "deleted";
        if (force) {
            err.append("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                    + "terminated. The resource may continue to run on the cluster indefinitely.\n");
        }
        int warnings = err.length();
        String namespace = namespace(f);
        if (!f.all("filename").isEmpty()) {
            for (String source : f.all("filename")) {
                String text = source.equals("-") ? stdin : files.get(source);
                if (text == null) {
                    err.append("error: the path \"").append(source).append("\" does not exist\n");
                    continue;
                }
                DecodeResult decoded = decoder.decode(text, source.equals("-") ? "STDIN" : source);
                decoded.errors().forEach(e -> err.append(e.printed()).append('\n'));
                for (Decoded d : decoded.objects()) {
                    HasMetadata o = d.object();
                    String ns = o.getMetadata().getNamespace() == null ? namespace : o.getMetadata().getNamespace();
                    deleteOne(o.getKind(), ns, o.getMetadata().getName(), deleted, out, err, f.has("ignore-not-found"));
                }
            }
        } else {
            if (f.positional.isEmpty()) {
                throw new UsageError("error: You must provide one or more resources by argument or filename.\n"
                        + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                        + "   '<resource> <name>'\n   '<resource>'");
            }
            List<Target> targets = targets(f);
            for (Target t : targets) {
                String ns = t.resource().namespaced() ? namespace : "";
                if (t.name() != null) {
                    deleteOne(t.resource().kind(), ns, t.name(), deleted, out, err, f.has("ignore-not-found"));
                } else if (f.has("all") || f.get("selector") != null) {
                    LabelSelector selector = f.get("selector") == null ? new LabelSelector()
                            : parseSelector(f.get("selector"));
                    List<HasMetadata> matching = new ArrayList<>();
                    for (HasMetadata o : t.resource().namespaced()
                            ? cluster.store().list(HasMetadata.class, t.resource().kind(), ns)
                            : cluster.store().listAny(t.resource().kind())) {
                        if (LabelSelectors.matches(selector, o.getMetadata().getLabels())) {
                            matching.add(o);
                        }
                    }
                    if (matching.isEmpty()) {
                        out.append("No resources found\n");
                    }
                    for (HasMetadata o : matching) {
                        deleteOne(t.resource().kind(), ns, o.getMetadata().getName(), deleted, out, err, false);
                    }
                } else {
                    throw new UsageError("error: resource(s) were provided, but no name was specified");
                }
            }
        }
        return new ShellResult(line, err.length() > warnings ? 1 : 0, out.toString(), err.toString(), List.of());
    }

    /** Deletes one object; {@code deleted} is the word kubectl prints, {@code force deleted} under {@code --force}. */
    private void deleteOne(String kind, String namespace, String name, String deleted, StringBuilder out,
                           StringBuilder err, boolean ignoreNotFound) {
        try {
            cluster.api().delete(kind, namespace, name);
            String type = Kinds.byKind(kind).map(Kinds.Resource::qualifiedSingular).orElse(kind.toLowerCase());
            out.append(type).append(" \"").append(name).append("\" ").append(deleted).append('\n');
        } catch (ApiException e) {
            if (!(ignoreNotFound && e.reason() == ApiException.Reason.NotFound)) {
                err.append("Error from server (").append(e.reason()).append("): ").append(e.getMessage()).append('\n');
            }
        }
    }
}
