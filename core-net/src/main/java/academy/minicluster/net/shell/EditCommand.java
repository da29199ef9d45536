package academy.minicluster.net.shell;

import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.DecodeResult;
import academy.minicluster.net.api.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl edit TYPE NAME | TYPE/NAME}. kubectl opens the object's YAML in {@code $EDITOR} (vi by default)
 * and writes back what was saved. A shell here has no terminal to run an editor in, so:
 * <ul>
 *   <li>given standard input ({@code kubectl edit deploy/web < web.yaml}, or the web workspace sending its editor's
 *   buffer), that is the edited object: written back as {@code deployment.apps/web edited}, or
 *   {@code Edit cancelled, no changes made.} when nothing changed;</li>
 *   <li>without it, kubectl's own error when the editor cannot start ({@code error: unable to launch the editor
 *   "vi"}), with what to do instead.</li>
 * </ul>
 * {@link #buffer} is the hook for the web workspace: the YAML kubectl would open, for its editor.
 */
final class EditCommand {

    static final String EDITOR = "vi";

    private final KubectlContext context;
    private final ManifestDecoder decoder = new ManifestDecoder();

    EditCommand(KubectlContext context) {
        this.context = context;
    }

    private static final String NO_RESOURCES = "error: You must provide one or more resources by argument or "
            + "filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
            + "   '<resource> <name>'\n   '<resource>'";

    private Flags flags(List<String> args) throws Flags.UnknownFlag {
        return context.flags(args, Map.of(), "output", "filename", "windows-line-endings", "save-config",
                "validate", "field-manager", "subresource", "show-managed-fields", "output-patch", "record");
    }

    /** The object as kubectl edit shows it in the editor (YAML, as {@code get -o yaml}), or empty when none. */
    Optional<String> buffer(List<String> args) {
        try {
            Flags f = flags(args);
            KubectlContext.Target t = KubectlContext.targets(f.positional, NO_RESOURCES).get(0);
            HasMetadata o = context.get(t, KubectlContext.namespace(f));
            return Optional.of(ObjectOutput.yaml(ObjectOutput.tree(List.of(o), true)));
        } catch (Flags.UnknownFlag | RuntimeException e) {
            return Optional.empty();
        }
    }

    ShellResult run(String line, List<String> args, String stdin) throws Flags.UnknownFlag {
        Flags f = flags(args);
        List<KubectlContext.Target> targets = KubectlContext.targets(f.positional, NO_RESOURCES);
        KubectlContext.Target t = targets.get(0);
        HasMetadata live = context.get(t, KubectlContext.namespace(f));
        if (stdin == null) {
            return KubectlContext.fail(line, "error: unable to launch the editor \"" + EDITOR + "\"\n"
                    + "(this shell has no terminal for an editor: open the object in the workspace's editor, or pass "
                    + "the edited YAML on standard input: kubectl edit " + t.resource().singular() + "/" + t.name()
                    + " < edited.yaml)");
        }
        DecodeResult decoded = decoder.decode(stdin, "edited");
        if (!decoded.errors().isEmpty()) {
            return KubectlContext.fail(line, "error: " + decoded.errors().get(0).message());
        }
        if (decoded.objects().isEmpty()) {
            return ShellResult.ok(line, "Edit cancelled, no changes made.\n");
        }
        HasMetadata edited = decoded.objects().get(0).object();
        if (!live.getKind().equals(edited.getKind()) || !live.getMetadata().getName().equals(
                edited.getMetadata().getName())) {
            return KubectlContext.fail(line, "error: At least one of apiVersion, kind and name was changed");
        }
        if (edited.getMetadata().getNamespace() == null) {
            edited.getMetadata().setNamespace(live.getMetadata().getNamespace());
        }
        ApiServer.Outcome outcome = context.cluster().api().apply(edited);
        if (outcome == ApiServer.Outcome.unchanged) {
            return ShellResult.ok(line, "Edit cancelled, no changes made.\n");
        }
        return ShellResult.ok(line, t.typeSlashName() + " edited\n");
    }
}
