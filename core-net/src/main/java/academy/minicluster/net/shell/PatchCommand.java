package academy.minicluster.net.shell;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.DecodeResult;
import academy.minicluster.net.api.GoValue;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ManifestDecoder;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json]}, as
 * kubectl's {@code pkg/cmd/patch} and kube-apiserver's PATCH handler do it: the patch (JSON or YAML) applied to the
 * stored object — strategic merge by the field tags of k8s.io/api ({@link ThreeWayMerge}: containers by name, ports
 * by containerPort, env by name, ...), JSON merge patch (RFC 7386) or JSON patch (RFC 6902) — then decoded strictly
 * (an unknown field is refused) and written through the API server. Prints {@code deployment.apps/web patched}, or
 * {@code patched (no change)} when the object came out the same.
 */
final class PatchCommand {

    /** kubectl's {@code --type} values, as its error lists them ({@code sets.List}: sorted). */
    enum PatchType {
        JSON, MERGE, STRATEGIC;

        static final String NAMES = "[json merge strategic]";
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KubectlContext context;
    private final ManifestDecoder decoder = new ManifestDecoder();

    PatchCommand(KubectlContext context) {
        this.context = context;
    }

    ShellResult run(String line, List<String> args) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of("p", "patch"), "patch", "patch-file", "type", "filename", "output",
                "dry-run", "local", "field-manager", "subresource", "record", "allow-missing-template-keys",
                "show-managed-fields", "template");
        String patch = f.get("patch", "");
        String patchFile = f.get("patch-file", "");
        if (!patch.isEmpty() && !patchFile.isEmpty()) {
            throw new Kubectl.UsageError("error: cannot specify --patch and --patch-file together");
        }
        if (patch.isEmpty() && patchFile.isEmpty()) {
            throw new Kubectl.UsageError("error: must specify --patch or --patch-file containing the contents of the patch");
        }
        String typeName = f.get("type", "strategic");
        PatchType type;
        try {
            type = PatchType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Kubectl.UsageError("error: --type must be one of " + PatchType.NAMES + ", not \"" + typeName + "\"");
        }
        if (!patchFile.isEmpty()) {
            patch = context.files().get(patchFile);
            if (patch == null) {
                throw new Kubectl.UsageError("error: unable to read patch file: open " + patchFile
                        + ": no such file or directory");
            }
        }
        JsonNode patchTree;
        try {
            patchTree = ManifestDecoder.yamlToJson(patch);
        } catch (IllegalArgumentException e) {
            throw new Kubectl.UsageError("error: unable to parse " + GoValue.quote(f.get("patch", "")) + ": "
                    + e.getMessage());
        }
        List<KubectlContext.Target> targets = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (String file : f.all("filename")) {
            String text = context.files().get(file);
            if (text == null) {
                throw new Kubectl.UsageError("error: the path \"" + file + "\" does not exist");
            }
            DecodeResult named = decoder.decode(text, file);
            if (!named.errors().isEmpty()) {
                throw new Kubectl.UsageError(named.errors().get(0).printed());
            }
            for (var d : named.objects()) {
                HasMetadata o = d.object();
                targets.add(new KubectlContext.Target(Kinds.byKind(o.getKind()).orElseThrow(), o.getMetadata().getName()));
                namespaces.add(o.getMetadata().getNamespace() == null ? KubectlContext.namespace(f)
                        : o.getMetadata().getNamespace());
            }
        }
        if (targets.isEmpty() || !f.positional.isEmpty()) {
            for (KubectlContext.Target t : KubectlContext.targets(f.positional,
                    "error: You must provide one or more resources by argument or filename.\n"
                            + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                            + "   '<resource> <name>'\n   '<resource>'")) {
                targets.add(t);
                namespaces.add(KubectlContext.namespace(f));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            KubectlContext.Target t = targets.get(i);
            HasMetadata live = context.get(t, namespaces.get(i));
            HasMetadata patched = apply(live, type, patchTree);
            boolean changed = context.cluster().api().apply(patched) != ApiServer.Outcome.unchanged;
            out.append(t.typeSlashName()).append(changed ? " patched\n" : " patched (no change)\n");
        }
        return ShellResult.ok(line, out.toString());
    }

    /** The stored object with the patch applied, decoded as the API server decodes it; throws its refusals. */
    HasMetadata apply(HasMetadata live, PatchType type, JsonNode patch) {
        JsonNode current = JSON.valueToTree(live);
        JsonNode result = switch (type) {
            case STRATEGIC -> {
                if (!(patch instanceof ObjectNode object)) {
                    throw badRequest("json: cannot unmarshal " + jsonType(patch) + " into Go value of type "
                            + "map[string]interface {}");
                }
                try {
                    yield ThreeWayMerge.strategicMergePatch(current, object, live.getKind());
                } catch (ThreeWayMerge.PatchError e) {
                    throw new ApiException(ApiException.Reason.BadRequest, e.getMessage());
                }
            }
            case MERGE -> mergePatch(current, patch);
            case JSON -> JsonPatch.apply(current, patch);
        };
        String name = live.getMetadata().getName();
        if (!Objects.equals(result.path("metadata").path("name").asText(null), name)) {
            throw badRequest("the name of the object (" + result.path("metadata").path("name").asText("")
                    + ") does not match the name on the URL (" + name + ")");
        }
        String text;
        try {
            text = JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw badRequest(String.valueOf(e.getMessage()));
        }
        DecodeResult decoded = decoder.decode(text, "patch");
        if (!decoded.errors().isEmpty()) {
            String message = decoded.errors().get(0).message();
            int strict = message.indexOf("strict decoding error: ");
            int handled = message.indexOf(": " + live.getKind() + " in version ");
            throw badRequest(strict >= 0 ? message.substring(strict)
                    : handled >= 0 ? message.substring(handled + 2) : message);
        }
        if (decoded.objects().isEmpty()) {
            throw badRequest("Object 'Kind' is missing in '" + text + "'");
        }
        HasMetadata object = decoded.objects().get(0).object();
        if (!live.getKind().equals(object.getKind())) {
            throw badRequest("the kind of the object (" + object.getKind() + ") does not match the kind on the URL ("
                    + live.getKind() + ")");
        }
        return object;
    }

    /** RFC 7386: objects merge key by key, {@code null} deletes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode t ? t.deepCopy() : JSON.createObjectNode();
        patchObject.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }

    static ApiException badRequest(String message) {
        return new ApiException(ApiException.Reason.BadRequest, message);
    }

    private static String jsonType(JsonNode node) {
        return node instanceof ArrayNode ? "array" : node == null || node.isNull() ? "null"
                : node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "bool" : "object";
    }
}
