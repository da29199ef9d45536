package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.DecodeError;
import academy.minicluster.net.api.DecodeResult;
import academy.minicluster.net.api.Decoded;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ManifestDecoder;
import academy.minicluster.net.api.ObjectCopier;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl apply|replace -f FILE|-} (and {@code create -f}): every document of the files, client-side apply's
 * record and three-way merge.
 */
final class ApplyCommand {

    private final Cluster cluster;
    private final Map<String, String> files;
    /** A learner applies the same YAML again and again: its documents are decoded once (see the factory). */
    private final ManifestDecoder decoder = ManifestDecoder.rememberingLastManifest();
    private final ClientSideApply.Unchanged unchanged = new ClientSideApply.Unchanged();

    ApplyCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.files = context.files();
    }


    ShellResult run(String line, Flags f, String stdin, String mode) {
        List<String> sources = f.all("filename");
        if (sources.isEmpty()) {
            throw new UsageError("error: must specify one of -f and -k");
        }
        for (String source : sources) {
            if (!source.equals("-") && !files.containsKey(source)) {
                // kubectl reads every file before it sends anything: a missing one stops the whole command.
                throw new UsageError("error: the path \"" + source + "\" does not exist");
            }
        }
        StringBuilder out = new StringBuilder();
        // Each error as kubectl prints it alone, and as it prints it among several (utilerrors.Aggregate).
        List<String[]> errors = new ArrayList<>();
        // kubectl's warnings (an object apply found without its last-applied record) go to stderr, not counted as errors.
        StringBuilder warnings = new StringBuilder();
        for (String source : sources) {
            String text;
            String name;
            if (source.equals("-")) {
                text = Objects.requireNonNullElse(stdin, "");
                name = "STDIN";
            } else {
                text = files.get(source);
                name = source;
            }
            DecodeResult decoded = decoder.decode(text, name);
            // kubectl finds its own errors (syntax, unknown kinds) while it reads the files, before it sends anything;
            // the server's (strict decoding) come back in document order with the other writes.
            for (DecodeError e : decoded.errors()) {
                if (!e.fromServer()) {
                    errors.add(new String[] {e.printed(), e.message()});
                }
            }
            if (decoded.objects().isEmpty() && decoded.errors().isEmpty()) {
                errors.add(new String[] {"error: no objects passed to " + mode, "no objects passed to " + mode});
            }
            List<Object> inOrder = new ArrayList<>(decoded.objects());
            decoded.errors().stream().filter(DecodeError::fromServer).forEach(inOrder::add);
            inOrder.sort(java.util.Comparator.comparingInt(x -> x instanceof Decoded d ? d.document()
                    : ((DecodeError) x).document()));
            for (Object next : inOrder) {
                cluster.budget().checkpoint();
                if (next instanceof DecodeError e) {
                    errors.add(new String[] {e.printed(), e.message()});
                    continue;
                }
                Decoded d = (Decoded) next;
                // Shared with the decoder's later decodings (it remembers the last manifest): only read here, and
                // copied when it is sent.
                HasMetadata object = d.object();
                String namespaceFlag = null;
                if (f.get("namespace") != null && Kinds.isNamespaced(object.getKind())) {
                    String declared = object.getMetadata().getNamespace();
                    if (declared != null && !declared.equals(f.get("namespace"))) {
                        String m = "the namespace from the provided object \"" + declared
                                + "\" does not match the namespace \"" + f.get("namespace") + "\". You must pass '--namespace="
                                + declared + "' to perform this operation.";
                        errors.add(new String[] {"error: " + m, m});
                        continue;
                    }
                    namespaceFlag = f.get("namespace");
                }
                String type = Kinds.byKind(object.getKind()).map(Kinds.Resource::qualifiedSingular)
                        .orElse(object.getKind().toLowerCase());
                if (f.get("dry-run") != null && !f.get("dry-run").equals("none")) {
                    out.append(type).append('/').append(object.getMetadata().getName()).append(" created (")
                            .append(f.get("dry-run").equals("true") ? "client" : f.get("dry-run")).append(" dry run)\n");
                    continue;
                }
                String objectNamespace = !Kinds.isNamespaced(object.getKind()) ? "" : namespaceFlag != null
                        ? namespaceFlag : Objects.requireNonNullElse(object.getMetadata().getNamespace(), namespace(f));
                if (mode.equals("apply") && Objects.requireNonNullElse(object.getMetadata().getName(), "").isEmpty()) {
                    // apply reads the live object first (info.Get()); the REST client refuses an empty name before
                    // any request, and kubectl adds the resource and the file (AddSourceToErr).
                    String m = "error when retrieving current configuration of:\n" + resourceInfo(object, objectNamespace)
                            + "\nfrom server for: \"" + name + "\": resource name may not be empty";
                    errors.add(new String[] {"error: " + m, m});
                    continue;
                }
                HasMetadata live = cluster.store().get(object.getKind(), objectNamespace,
                        Objects.requireNonNullElse(object.getMetadata().getName(), "")).orElse(null);
                boolean existed = live != null;
                String record = null;
                Map<String, String> annotations = null;
                boolean recorded = object.getMetadata().getAnnotations() != null
                        && object.getMetadata().getAnnotations().containsKey(LastAppliedConfiguration.ANNOTATION);
                if (d.tree() != null && (mode.equals("apply") || f.has("save-config")
                        || (mode.equals("replace") && recorded))) {
                    // Client-side apply records what it applied, for its next three-way merge; create does not,
                    // unless --save-config; replace brings a record the file carries up to date (CreateOrUpdateAnnotation).
                    annotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                            object.getMetadata().getAnnotations(), Map.of()));
                    annotations.remove(LastAppliedConfiguration.ANNOTATION);
                    record = LastAppliedConfiguration.of(d.tree(),
                            Kinds.isNamespaced(object.getKind()) ? objectNamespace : null);
                    annotations.put(LastAppliedConfiguration.ANNOTATION, record);
                }
                ClientSideApply.Patched patched = null;
                if (mode.equals("apply") && live != null && record != null) {
                    // kubectl's patcher: a three-way strategic merge patch against the live object, so what other
                    // commands changed (scale, label) and the file never named survives the apply.
                    try {
                        patched = unchanged.patch(live, record);
                    } catch (ThreeWayMerge.PatchError e) {
                        String m = "error when creating patch with:\noriginal:\n" + Objects.requireNonNullElse(
                                live.getMetadata().getAnnotations(), Map.<String, String>of())
                                .getOrDefault(LastAppliedConfiguration.ANNOTATION, "") + "\nmodified:\n" + record
                                + "\ncurrent:\n" + ObjectOutput.tree(List.of(live), true) + "\nfor: \"" + name
                                + "\": " + e.getMessage();
                        errors.add(new String[] {"error: " + m, m});
                        continue;
                    }
                    if (patched.missingRecord()) {
                        warnings.append(ClientSideApply.missingRecordWarning(Kinds.byKind(object.getKind())
                                .map(Kinds.Resource::plural).orElse(object.getKind().toLowerCase()),
                                object.getMetadata().getName()));
                    }
                }
                try {
                    String outcome = switch (mode) {
                        case "create" -> {
                            cluster.api().create(sent(object, namespaceFlag, annotations));
                            yield "created";
                        }
                        case "replace" -> cluster.api().replace(sent(object, namespaceFlag, annotations)).name();
                        default -> {
                            if (patched == null) {
                                yield cluster.api().apply(sent(object, namespaceFlag, annotations)).name();
                            }
                            if (patched.unchanged()) {
                                yield "unchanged";
                            }
                            cluster.api().apply(patched.object());
                            yield "configured";
                        }
                    };
                    out.append(type).append('/').append(object.getMetadata().getName()).append(' ').append(outcome)
                            .append('\n');
                } catch (ApiException e) {
                    String when = mode.equals("replace") ? "replacing" : existed && mode.equals("apply")
                            ? "applying patch" : "creating";
                    errors.add(new String[] {Kubectl.serverError(e, name, when), "Error from server (" + e.reason()
                            + "): error when " + when + " \"" + name + "\": " + e.statusMessage()});
                }
            }
        }
        StringBuilder err = new StringBuilder(warnings);
        for (String[] e : errors) {
            err.append(errors.size() == 1 ? e[0] : e[1]).append('\n');
        }
        return new ShellResult(line, errors.isEmpty() ? 0 : 1, out.toString(), err.toString(), List.of());
    }

    /**
     * What kubectl sends of a decoded object: a copy of its own (the decoded one stays as the decoder remembers it),
     * in the namespace of {@code --namespace} when given, with the annotations of its last-applied record when made.
     */
    private static HasMetadata sent(HasMetadata decoded, String namespaceFlag, Map<String, String> annotations) {
        HasMetadata object = ObjectCopier.deepCopy(decoded);
        if (namespaceFlag != null) {
            object.getMetadata().setNamespace(namespaceFlag);
        }
        if (annotations != null) {
            object.getMetadata().setAnnotations(annotations);
        }
        return object;
    }

    /** The object as cli-runtime's {@code resource.Info} describes it in an error. */
    private static String resourceInfo(HasMetadata object, String namespace) {
        String apiVersion = object.getApiVersion();
        String plural = Kinds.byKind(object.getKind()).map(Kinds.Resource::plural)
                .orElse(object.getKind().toLowerCase() + "s");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return "Resource: \"" + group + "/" + version + ", Resource=" + plural + "\", GroupVersionKind: \""
                + group + "/" + version + ", Kind=" + object.getKind() + "\"\nName: \"\", Namespace: \"" + namespace + "\"";
    }
}
