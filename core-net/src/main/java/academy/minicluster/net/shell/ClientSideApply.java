package academy.minicluster.net.shell;

import academy.minicluster.net.api.ObjectKey;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl apply} of an object that already exists (kubectl's {@code patcher.Patch}): the three-way patch
 * from the last-applied record ({@code original}), the file with its new record ({@code modified}) and the live
 * object ({@code current}), then the live object with that patch applied, as the API server would store it.
 *
 * <p>The patch is computed against the live object as the API server serializes it ({@link ObjectOutput#tree}: what
 * Go writes and fabric8 leaves out, such as a template's {@code creationTimestamp: null} and each container's
 * {@code resources: {}}, is there), and applied to the live object as fabric8 serializes it, so every field the patch
 * leaves alone reads back exactly as it was stored.
 */
final class ClientSideApply {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What {@code kubectl apply} does to one existing object.
     *
     * @param patch         the strategic merge patch kubectl sends; empty when there is nothing to send ({@code unchanged})
     * @param object        the live object with the patch applied, to store; null when the patch is empty
     * @param missingRecord whether the live object had no last-applied record (kubectl warns, then merges two-way)
     */
    record Patched(ObjectNode patch, HasMetadata object, boolean missingRecord) {
        boolean unchanged() {
            return patch.isEmpty();
        }
    }

    private ClientSideApply() {
    }

    /**
     * The objects a shell's {@code kubectl apply} last found unchanged, each with the record it brought: the patch is
     * a function of the live object (its record and its fields) and the new record alone, so while the stored
     * object is the same one at the same {@code resourceVersion} (every write, in place or not, gives it a new
     * one) and the file brings the same record, the patch is empty again. Learners re-apply the same YAML many
     * times; this spares each re-apply the three trees and the merge. The live object is held weakly: a
     * replaced one is not kept alive for this.
     */
    static final class Unchanged {

        private record Seen(WeakReference<HasMetadata> live, String resourceVersion, String record) {
        }

        private final Map<ObjectKey, Seen> seen = new HashMap<>();

        /** {@link ClientSideApply#patch}, answered from what this shell saw when it is the same question again. */
        Patched patch(HasMetadata live, String record) {
            ObjectKey key = ObjectKey.of(live);
            String resourceVersion = live.getMetadata().getResourceVersion();
            Seen before = seen.get(key);
            if (before != null && before.live().get() == live && resourceVersion != null
                    && resourceVersion.equals(before.resourceVersion()) && record.equals(before.record())) {
                return new Patched(JSON.createObjectNode(), null, false);
            }
            Patched patched = ClientSideApply.patch(live, record);
            if (patched.unchanged() && !patched.missingRecord() && resourceVersion != null) {
                seen.put(key, new Seen(new WeakReference<>(live), resourceVersion, record));
            } else {
                seen.remove(key);
            }
            return patched;
        }
    }

    /**
     * @param live   the stored object (read only: it may be shared with a forked cluster)
     * @param record the new {@code last-applied-configuration} value, built from the file (kubectl's modified
     *               configuration without the annotation)
     * @throws ThreeWayMerge.PatchError when kubectl could not build the patch
     */
    static Patched patch(HasMetadata live, String record) {
        Map<String, String> annotations = Objects.requireNonNullElse(live.getMetadata().getAnnotations(), Map.of());
        String lastApplied = annotations.get(LastAppliedConfiguration.ANNOTATION);
        JsonNode original = lastApplied == null ? JSON.createObjectNode() : parse(lastApplied);
        ObjectNode modified = (ObjectNode) parse(record);
        JsonNode metadata = modified.get("metadata");
        ObjectNode meta = metadata instanceof ObjectNode m ? m : modified.putObject("metadata");
        ObjectNode modifiedAnnotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
        modifiedAnnotations.put(LastAppliedConfiguration.ANNOTATION, record);

        String kind = live.getKind();
        // The live object as fabric8 serializes it, once: the patch is applied to it, and the API server's view of it
        // (what the patch is computed against) is made from a copy.
        JsonNode serialized = JSON.valueToTree(live);
        JsonNode current = ObjectOutput.object(live, serialized.deepCopy());
        ObjectNode patch = ThreeWayMerge.createThreeWayMergePatch(original, modified, current, kind);
        if (patch.isEmpty()) {
            return new Patched(patch, null, lastApplied == null);
        }
        ObjectNode merged = ThreeWayMerge.strategicMergePatch(serialized, patch, kind);
        try {
            return new Patched(patch, JSON.treeToValue(merged, live.getClass()), lastApplied == null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ThreeWayMerge.PatchError(String.valueOf(e.getMessage()));
        }
    }

    /**
     * kubectl's warning for an object that {@code create} (without {@code --save-config}), {@code run} or
     * {@code expose} made: it names the resource by its plural, as {@code resource.Info.ObjectName} does.
     */
    static String missingRecordWarning(String plural, String name) {
        return "Warning: resource " + plural + "/" + name + " is missing the " + LastAppliedConfiguration.ANNOTATION
                + " annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                + "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                + "annotation will be patched automatically.\n";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ThreeWayMerge.PatchError("invalid JSON document");
        }
    }
}
