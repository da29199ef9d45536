package academy.minicluster.net.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client-side {@code kubectl apply}'s strategic merge, on Jackson trees: a port of k8s.io/apimachinery
 * {@code pkg/util/strategicpatch/patch.go} (Apache-2.0), the two halves kubectl's {@code patcher} and the API
 * server's PATCH handler run.
 *
 * <ul>
 *   <li>{@link #createThreeWayMergePatch}: {@code CreateThreeWayMergePatch(original, modified, current)} with
 *   {@code overwrite=true} — the changes and additions from the live object ({@code current}) to the file
 *   ({@code modified}), plus the deletions from the last-applied record ({@code original}) to the file. A key only the
 *   live object has is left alone: that is why {@code kubectl scale} and {@code kubectl label} survive a re-apply.</li>
 *   <li>{@link #strategicMergePatch}: {@code StrategicMergeMapPatch(current, patch)}, the server applying it.</li>
 * </ul>
 *
 * <p>Maps merge key by key (a {@code null} deletes). Lists merge element by element on their {@code patchMergeKey}
 * when the field's {@code patchStrategy} is {@code merge} (a deleted element travels as {@code {"$patch":"delete"}},
 * the wanted order as {@code $setElementOrder/FIELD}); every other list is atomic and replaced whole when it changed.
 * {@code retainKeys} ({@code $retainKeys}) clears the keys of a map that the file no longer names — a Deployment's
 * {@code strategy}, each pod volume — so switching {@code RollingUpdate} to {@code Recreate} drops
 * {@code rollingUpdate}.
 *
 * <p>The field tags come from k8s.io/api's Go structs ({@code patchStrategy} / {@code patchMergeKey}), by JSON path
 * within each kind, in {@link #TABLE}: PodSpec {@code containers}, {@code initContainers},
 * {@code ephemeralContainers}, {@code imagePullSecrets}, {@code schedulingGates} (name), {@code volumes} and
 * {@code resourceClaims} (name, with retainKeys), {@code hostAliases} (ip), {@code topologySpreadConstraints}
 * (topologyKey); Container {@code ports} (containerPort), {@code env} (name), {@code volumeMounts} (mountPath),
 * {@code volumeDevices} (devicePath); ServiceSpec {@code ports} (port); ObjectMeta {@code finalizers} (a merged set)
 * and {@code ownerReferences} (uid); DeploymentSpec {@code strategy} (retainKeys); NodeSpec {@code podCIDRs} (a merged
 * set). Everything else — tolerations, args, command, envFrom, Service {@code clusterIPs}/{@code externalIPs},
 * every Ingress, NetworkPolicy and EndpointSlice list — has no strategy: atomic.
 *
 * <p>Go ranges over maps in random order; nothing here depends on it. Inputs are never modified.
 */
final class ThreeWayMerge {

    /** A patch {@code kubectl apply} cannot build: kubectl stops before it sends anything. */
    static final class PatchError extends RuntimeException {
        PatchError(String message) {
            super(message);
        }
    }

    /** A field's {@code patchStrategy} ({@code merge} or none) and {@code patchMergeKey}, plus {@code retainKeys}. */
    record PatchMeta(String strategy, String mergeKey, boolean retainKeys) {
        static final PatchMeta NONE = new PatchMeta("", "", false);

        boolean merges() {
            return strategy.equals(MERGE);
        }
    }

    private static final String DIRECTIVE = "$patch";
    private static final String DELETE = "delete";
    private static final String REPLACE = "replace";
    private static final String MERGE = "merge";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code KIND:json.path.of.field} (list elements add no step) to its tags; a field not here has none. */
    private static final Map<String, PatchMeta> TABLE = table();

    private static Map<String, PatchMeta> table() {
        Map<String, PatchMeta> t = new HashMap<>();
        for (String kind : List.of("Namespace", "Node", "Pod", "Deployment", "ReplicaSet", "Service", "EndpointSlice",
                "Endpoints", "Ingress", "IngressClass", "NetworkPolicy", "Secret", "ConfigMap", "ServiceAccount", "Role",
                "ClusterRole", "RoleBinding", "ClusterRoleBinding")) {
            objectMeta(t, kind, "metadata");
        }
        podSpec(t, "Pod", "spec");
        for (String kind : List.of("Deployment", "ReplicaSet")) {
            objectMeta(t, kind, "spec.template.metadata");
            podSpec(t, kind, "spec.template.spec");
        }
        t.put("Deployment:spec.strategy", new PatchMeta("", "", true));
        t.put("Service:spec.ports", merge("port"));
        t.put("Node:spec.podCIDRs", merge(""));
        return Map.copyOf(t);
    }

    private static PatchMeta merge(String key) {
        return new PatchMeta(MERGE, key, false);
    }

    private static void objectMeta(Map<String, PatchMeta> t, String kind, String at) {
        t.put(kind + ":" + at + ".finalizers", merge(""));
        t.put(kind + ":" + at + ".ownerReferences", merge("uid"));
    }

    private static void podSpec(Map<String, PatchMeta> t, String kind, String at) {
        String p = kind + ":" + at + ".";
        for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
            t.put(p + containers, merge("name"));
            t.put(p + containers + ".ports", merge("containerPort"));
            t.put(p + containers + ".env", merge("name"));
            t.put(p + containers + ".volumeMounts", merge("mountPath"));
            t.put(p + containers + ".volumeDevices", merge("devicePath"));
        }
        t.put(p + "volumes", new PatchMeta(MERGE, "name", true));
        t.put(p + "resourceClaims", new PatchMeta(MERGE, "name", true));
        t.put(p + "imagePullSecrets", merge("name"));
        t.put(p + "schedulingGates", merge("name"));
        t.put(p + "hostAliases", merge("ip"));
        t.put(p + "topologySpreadConstraints", merge("topologyKey"));
    }

    /** Where a map sits in an object of one kind, to look its fields' tags up. */
    private record Schema(String kind, String path) {
        PatchMeta meta(String key) {
            return TABLE.getOrDefault(kind + ":" + field(key).path, PatchMeta.NONE);
        }

        Schema field(String key) {
            return new Schema(kind, path.isEmpty() ? key : path + "." + key);
        }
    }

    private record DiffOptions(boolean ignoreChangesAndAdditions, boolean ignoreDeletions, boolean buildRetainKeys) {
        DiffOptions retainingKeys(boolean retainKeys) {
            return new DiffOptions(ignoreChangesAndAdditions, ignoreDeletions, retainKeys);
        }
    }

    private record MergeOptions(boolean mergeParallelList, boolean ignoreUnmatchedNulls) {
    }

    private ThreeWayMerge() {
    }

    /**
     * The patch {@code kubectl apply} sends ({@code {}} when there is nothing to send).
     *
     * @param original the last-applied record (an empty object when the live object has none)
     * @param modified the file's object, with its new last-applied record among its annotations
     * @param current  the live object as the API server returns it
     * @param kind     the object's kind, which decides the fields' merge strategies
     */
    static ObjectNode createThreeWayMergePatch(JsonNode original, JsonNode modified, JsonNode current, String kind) {
        Schema schema = new Schema(kind, "");
        ObjectNode m = object(modified);
        // The changes and additions diff only reads the live object (what it puts in the patch comes from the file;
        // it builds no deletions): the largest of the three trees needs no copy.
        ObjectNode delta = diffMaps(current != null && current.isObject() ? (ObjectNode) current : NODES.objectNode(),
                m, schema, new DiffOptions(false, true, false));
        ObjectNode deletions = diffMaps(object(original), m, schema, new DiffOptions(true, false, false));
        return mergeMap(deletions, delta, schema, new MergeOptions(false, false));
    }

    /** The live object with {@code patch} applied, as the API server's strategic-merge PATCH does it. */
    static ObjectNode strategicMergePatch(JsonNode current, ObjectNode patch, String kind) {
        return mergeMap(object(current), patch.deepCopy(), new Schema(kind, ""), new MergeOptions(true, true));
    }

    private static ObjectNode object(JsonNode node) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy() : NODES.objectNode();
    }

    // ---- diff ---------------------------------------------------------------------------------------------------

    private static ObjectNode diffMaps(ObjectNode original, ObjectNode modified, Schema schema, DiffOptions o) {
        ObjectNode patch = NODES.objectNode();
        List<JsonNode> retainKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : entries(modified)) {
            String key = e.getKey();
            JsonNode modifiedValue = e.getValue();
            if (o.buildRetainKeys() && !modifiedValue.isNull()) {
                retainKeys.add(NODES.textNode(key));
            }
            JsonNode originalValue = original.get(key);
            if (originalValue == null) {
                if (!o.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (key.equals(DIRECTIVE)) {
                if (!originalValue.isTextual() || !modifiedValue.isTextual()) {
                    throw new PatchError("invalid value for special key: " + DIRECTIVE);
                }
                if (!modifiedValue.equals(originalValue)) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (goType(originalValue) != goType(modifiedValue)) {
                if (!o.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (originalValue.isObject()) {
                PatchMeta meta = schema.meta(key);
                ObjectNode patchValue = diffMaps((ObjectNode) originalValue, (ObjectNode) modifiedValue,
                        schema.field(key), o.retainingKeys(meta.retainKeys()));
                if (!patchValue.isEmpty()) {
                    patch.set(key, patchValue);
                }
            } else if (originalValue.isArray()) {
                sliceDiff(key, (ArrayNode) originalValue, (ArrayNode) modifiedValue, patch, schema, o);
            } else if (!o.ignoreChangesAndAdditions() && !deepEqual(originalValue, modifiedValue)) {
                patch.set(key, modifiedValue);
            }
        }
        if (!o.ignoreDeletions()) {
            for (Map.Entry<String, JsonNode> e : entries(original)) {
                if (!modified.has(e.getKey())) {
                    patch.putNull(e.getKey());
                }
            }
        }
        if (!retainKeys.isEmpty() && (!patch.isEmpty() || hasAdditionalNewField(original, modified))) {
            patch.set(RETAIN_KEYS, array(sortScalars(retainKeys)));
        }
        return patch;
    }

    private static void sliceDiff(String key, ArrayNode original, ArrayNode modified, ObjectNode patch, Schema schema,
                                  DiffOptions o) {
        PatchMeta meta = schema.meta(key);
        if (!meta.merges()) {
            if (!o.ignoreChangesAndAdditions() && !deepEqual(original, modified)) {
                patch.set(key, modified);
            }
            return;
        }
        DiffOptions options = o.retainingKeys(meta.retainKeys());
        List<JsonNode> orig = list(original);
        List<JsonNode> mod = list(modified);
        List<JsonNode> patchList = new ArrayList<>();
        List<JsonNode> deleteList = new ArrayList<>();
        List<JsonNode> setOrderList = new ArrayList<>();
        if (orig.isEmpty()) {
            if (!mod.isEmpty() && !options.ignoreChangesAndAdditions()) {
                patchList.addAll(mod);
            }
        } else if (isMapList(orig, mod)) {
            String mergeKey = meta.mergeKey();
            diffListsOfMaps(orig, mod, schema.field(key), mergeKey, options, patchList, deleteList);
            patchList = normalizeSliceOrder(patchList, mod, mergeKey, true);
            boolean orderSame = isOrderSame(orig, mod, mergeKey);
            patchList.addAll(deleteList);
            deleteList.clear();
            if ((!options.ignoreChangesAndAdditions() && (!patchList.isEmpty() || !orderSame))
                    || (!options.ignoreDeletions() && !patchList.isEmpty())) {
                for (JsonNode v : mod) {
                    setOrderList.add(NODES.objectNode().set(mergeKey, v.get(mergeKey)));
                }
            }
        } else {
            diffListsOfScalars(orig, mod, options, patchList, deleteList);
            patchList = normalizeSliceOrder(patchList, mod, "", false);
            if ((!options.ignoreDeletions() && !deleteList.isEmpty())
                    || (!options.ignoreChangesAndAdditions() && !deepEqual(original, modified))) {
                setOrderList.addAll(mod);
            }
        }
        if (!patchList.isEmpty()) {
            patch.set(key, array(patchList));
        }
        if (!deleteList.isEmpty()) {
            patch.set(DELETE_FROM_PRIMITIVE_LIST + "/" + key, array(deleteList));
        }
        if (!setOrderList.isEmpty()) {
            patch.set(SET_ELEMENT_ORDER + "/" + key, array(setOrderList));
        }
    }

    private static void diffListsOfMaps(List<JsonNode> original, List<JsonNode> modified, Schema schema,
                                        String mergeKey, DiffOptions o, List<JsonNode> patch, List<JsonNode> deletions) {
        List<JsonNode> originalSorted = sortByMergeKey(original, mergeKey);
        List<JsonNode> modifiedSorted = sortByMergeKey(modified, mergeKey);
        int oi = 0;
        int mi = 0;
        while (oi < originalSorted.size() || mi < modifiedSorted.size()) {
            boolean originalIn = oi < originalSorted.size();
            boolean modifiedIn = mi < modifiedSorted.size();
            JsonNode originalElement = originalIn ? originalSorted.get(oi) : null;
            JsonNode modifiedElement = modifiedIn ? modifiedSorted.get(mi) : null;
            String originalKey = originalIn ? goString(mergeKeyValue(originalElement, mergeKey)) : "";
            String modifiedKey = modifiedIn ? goString(mergeKeyValue(modifiedElement, mergeKey)) : "";
            if (originalIn && modifiedIn && originalKey.equals(modifiedKey)) {
                ObjectNode patchValue = diffMaps((ObjectNode) originalElement, (ObjectNode) modifiedElement, schema, o);
                if (!patchValue.isEmpty()) {
                    patchValue.set(mergeKey, modifiedElement.get(mergeKey));
                    patch.add(patchValue);
                }
                oi++;
                mi++;
            } else if (!originalIn || (modifiedIn && originalKey.compareTo(modifiedKey) > 0)) {
                if (!o.ignoreChangesAndAdditions()) {
                    patch.add(modifiedElement);
                }
                mi++;
            } else {
                if (!o.ignoreDeletions()) {
                    ObjectNode directive = NODES.objectNode();
                    directive.set(mergeKey, originalElement.get(mergeKey));
                    directive.put(DIRECTIVE, DELETE);
                    deletions.add(directive);
                }
                oi++;
            }
        }
    }

    private static void diffListsOfScalars(List<JsonNode> original, List<JsonNode> modified, DiffOptions o,
                                           List<JsonNode> additions, List<JsonNode> deletions) {
        List<JsonNode> originalSorted = sortScalars(original);
        List<JsonNode> modifiedSorted = sortScalars(modified);
        int oi = 0;
        int mi = 0;
        while (oi < originalSorted.size() || mi < modifiedSorted.size()) {
            boolean originalIn = oi < originalSorted.size();
            boolean modifiedIn = mi < modifiedSorted.size();
            String originalString = originalIn ? goString(originalSorted.get(oi)) : "";
            String modifiedString = modifiedIn ? goString(modifiedSorted.get(mi)) : "";
            if (originalIn && modifiedIn && originalString.equals(modifiedString)) {
                oi++;
                mi++;
            } else if (!originalIn || (modifiedIn && originalString.compareTo(modifiedString) > 0)) {
                if (!o.ignoreChangesAndAdditions()) {
                    additions.add(modifiedSorted.get(mi));
                }
                mi++;
            } else {
                if (!o.ignoreDeletions()) {
                    deletions.add(originalSorted.get(oi));
                }
                oi++;
            }
        }
        List<JsonNode> unique = deduplicateScalars(deletions);
        deletions.clear();
        deletions.addAll(unique);
    }

    private static boolean isOrderSame(List<JsonNode> original, List<JsonNode> modified, String mergeKey) {
        if (original.size() != modified.size()) {
            return false;
        }
        for (int i = 0; i < modified.size(); i++) {
            if (!sameScalar(mergeKeyValue(original.get(i), mergeKey), mergeKeyValue(modified.get(i), mergeKey))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasAdditionalNewField(ObjectNode original, ObjectNode modified) {
        for (Map.Entry<String, JsonNode> e : entries(original)) {
            if (!e.getValue().isNull() && !modified.has(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    // ---- merge --------------------------------------------------------------------------------------------------

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Schema schema, MergeOptions o) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            if (directive.isTextual() && directive.textValue().equals(REPLACE)) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (directive.isTextual() && directive.textValue().equals(DELETE)) {
                return NODES.objectNode();
            }
            throw new PatchError("Unknown patch type: " + directive.asText() + " in map: " + patch);
        }
        applyRetainKeysDirective(original, patch, o);
        mergePatchIntoOriginal(original, patch, schema, o);
        for (Map.Entry<String, JsonNode> e : entries(patch)) {
            String k = e.getKey();
            JsonNode patchValue = e.getValue();
            boolean isDeleteList = false;
            if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                if (!o.mergeParallelList()) {
                    original.set(k, patchValue);
                    continue;
                }
                k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
                isDeleteList = true;
            }
            if (patchValue.isNull()) {
                original.remove(k);
                if (o.ignoreUnmatchedNulls()) {
                    continue;
                }
            }
            JsonNode originalValue = original.get(k);
            if (originalValue == null) {
                original.set(k, patchValue);
                continue;
            }
            if (goType(originalValue) != goType(patchValue)) {
                original.set(k, patchValue);
                continue;
            }
            PatchMeta meta = schema.meta(k);
            if (originalValue.isObject()) {
                original.set(k, mergeMap((ObjectNode) originalValue, (ObjectNode) patchValue, schema.field(k), o));
            } else if (originalValue.isArray()) {
                original.set(k, mergeSliceHandler(originalValue, patchValue, schema.field(k), meta, isDeleteList, o));
            } else {
                original.set(k, patchValue);
            }
        }
        return original;
    }

    private static JsonNode mergeSliceHandler(JsonNode original, JsonNode patch, Schema schema, PatchMeta meta,
                                              boolean isDeleteList, MergeOptions o) {
        if (!meta.merges()) {
            return patch;
        }
        return array(mergeSlice(list(original), list(patch), schema, meta.mergeKey(), o, isDeleteList));
    }

    private static List<JsonNode> mergeSlice(List<JsonNode> original, List<JsonNode> patch, Schema schema,
                                             String mergeKey, MergeOptions o, boolean isDeleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        boolean maps = isMapList(original, patch);
        List<JsonNode> merged;
        if (!maps) {
            if (o.mergeParallelList() && isDeleteList) {
                List<JsonNode> kept = new ArrayList<>();
                for (JsonNode v : original) {
                    if (patch.stream().noneMatch(d -> sameScalar(d, v))) {
                        kept.add(v);
                    }
                }
                return kept;
            }
            List<JsonNode> both = new ArrayList<>(original);
            both.addAll(patch);
            merged = deduplicateScalars(both);
        } else {
            if (mergeKey.isEmpty()) {
                throw new PatchError("cannot merge lists without merge key for type map");
            }
            List<JsonNode> patchWithoutSpecial = new ArrayList<>();
            boolean replace = false;
            original = new ArrayList<>(original);
            for (JsonNode v : patch) {
                JsonNode type = v.get(DIRECTIVE);
                if (type == null) {
                    patchWithoutSpecial.add(v);
                } else if (type.asText().equals(DELETE)) {
                    JsonNode value = mergeKeyValue(v, mergeKey);
                    original.removeIf(x -> x.has(mergeKey) && sameScalar(x.get(mergeKey), value));
                } else if (type.asText().equals(REPLACE)) {
                    replace = true;
                } else if (type.asText().equals(MERGE)) {
                    throw new PatchError("merging lists cannot yet be specified in the patch");
                } else {
                    throw new PatchError("Unknown patch type: " + type.asText() + " in map: " + v);
                }
            }
            if (replace) {
                original = patchWithoutSpecial;
                patch = List.of();
            } else {
                patch = patchWithoutSpecial;
            }
            merged = new ArrayList<>(original);
            for (JsonNode v : patch) {
                JsonNode value = mergeKeyValue(v, mergeKey);
                int at = indexOfKey(merged, mergeKey, value);
                if (at >= 0) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, schema, o));
                } else {
                    merged.add(v);
                }
            }
        }
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        partition(merged, patch, mergeKey, maps, patchItems, serverOnly);
        return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, maps);
    }

    private static void applyRetainKeysDirective(ObjectNode original, ObjectNode patch, MergeOptions o) {
        JsonNode retainKeys = patch.remove(RETAIN_KEYS);
        if (retainKeys == null) {
            return;
        }
        if (!o.mergeParallelList()) {
            JsonNode inOriginal = original.get(RETAIN_KEYS);
            if (inOriginal == null) {
                original.set(RETAIN_KEYS, retainKeys);
            } else if (!deepEqual(inOriginal, retainKeys)) {
                throw new PatchError(inOriginal + " and " + retainKeys
                        + " are not deep equal: this may happen when calculating the 3-way diff patch");
            }
            return;
        }
        if (!retainKeys.isArray()) {
            throw new PatchError("invalid patch format of retainKeys");
        }
        Set<String> keep = new LinkedHashSet<>();
        retainKeys.forEach(k -> keep.add(k.asText()));
        for (Map.Entry<String, JsonNode> e : entries(patch)) {
            if (e.getValue().isNull() || e.getKey().startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    || e.getKey().startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keep.contains(e.getKey())) {
                throw new PatchError("invalid patch format of retainKeys");
            }
        }
        for (Map.Entry<String, JsonNode> e : entries(original)) {
            if (!keep.contains(e.getKey())) {
                original.remove(e.getKey());
            }
        }
    }

    /** {@code $setElementOrder/FIELD}: merges FIELD's list now and puts it in the order the file gives. */
    private static void mergePatchIntoOriginal(ObjectNode original, ObjectNode patch, Schema schema, MergeOptions o) {
        for (Map.Entry<String, JsonNode> e : entries(patch)) {
            String key = e.getKey();
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode setElementOrder = e.getValue();
            if (!o.mergeParallelList()) {
                JsonNode inOriginal = original.get(key);
                if (inOriginal == null) {
                    original.set(key, setElementOrder);
                } else if (!deepEqual(inOriginal, setElementOrder)) {
                    throw new PatchError("invalid patch format of setElementOrder list");
                }
            }
            patch.remove(key);
            if (!setElementOrder.isArray()) {
                throw new PatchError("invalid patch format of setElementOrder list");
            }
            String originalKey = extractKey(key, SET_ELEMENT_ORDER);
            JsonNode originalList = original.get(originalKey);
            JsonNode patchList = patch.get(originalKey);
            boolean foundOriginal = originalList != null && originalList.isArray();
            boolean foundPatch = patchList != null && patchList.isArray();
            PatchMeta meta = schema.meta(originalKey);
            List<JsonNode> merged;
            if (foundOriginal && !foundPatch) {
                merged = list(originalList);
            } else if (!foundOriginal && foundPatch) {
                merged = list(patchList);
            } else if (foundOriginal) {
                merged = list(mergeSliceHandler(originalList, patchList, schema.field(originalKey), meta, false, o));
            } else {
                continue;
            }
            List<JsonNode> order = list(setElementOrder);
            List<JsonNode> originalValues = foundOriginal ? list(originalList) : List.of();
            List<JsonNode> patchValues = foundPatch ? list(patchList) : List.of();
            boolean maps = isMapList(originalValues, patchValues);
            List<JsonNode> patchItems = new ArrayList<>();
            List<JsonNode> serverOnly = new ArrayList<>();
            partition(merged, order, meta.mergeKey(), maps, patchItems, serverOnly);
            original.set(originalKey, array(normalizeElementOrder(patchItems, serverOnly, order, originalValues,
                    meta.mergeKey(), maps)));
            patch.remove(originalKey);
        }
    }

    // ---- order --------------------------------------------------------------------------------------------------

    /**
     * The items the patch names in the patch's order and the server's own items in the live order, interleaved
     * by the live order (patch.go {@code normalizeElementOrder} and {@code mergeSortedSlice}).
     */
    private static List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly,
                                                        List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                                        String mergeKey, boolean maps) {
        List<JsonNode> right = normalizeSliceOrder(patch, patchOrder, mergeKey, maps);
        List<JsonNode> left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps);
        List<JsonNode> all = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                all.add(right.get(j++));
            } else if (j >= right.size()) {
                all.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, maps);
                int ri = index(serverOrder, right.get(j), mergeKey, maps);
                if (li >= 0 && ri >= 0 && li < ri) {
                    all.add(left.get(i++));
                } else {
                    all.add(right.get(j++));
                }
            }
        }
        return all;
    }

    /** {@code toSort} in the order of {@code order} (stable; items it does not name last), delete directives last. */
    private static List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey,
                                                      boolean maps) {
        List<JsonNode> kept = new ArrayList<>();
        List<JsonNode> deletes = new ArrayList<>();
        for (JsonNode v : toSort) {
            if (maps) {
                if (!v.isObject() || !v.has(mergeKey)) {
                    throw noMergeKey(v, mergeKey);
                }
                JsonNode d = v.get(DIRECTIVE);
                if (d != null && d.asText().equals(DELETE)) {
                    deletes.add(v);
                    continue;
                }
            }
            kept.add(v);
        }
        kept.sort(Comparator.comparingInt(v -> {
            int at = index(order, v, mergeKey, maps);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        kept.addAll(deletes);
        return kept;
    }

    private static void partition(List<JsonNode> merged, List<JsonNode> by, String mergeKey, boolean maps,
                                  List<JsonNode> inBy, List<JsonNode> notInBy) {
        for (JsonNode v : merged) {
            if (maps && (!v.isObject() || !v.has(mergeKey))) {
                throw noMergeKey(v, mergeKey);
            }
            if (index(by, v, mergeKey, maps) >= 0) {
                inBy.add(v);
            } else {
                notInBy.add(v);
            }
        }
    }

    private static int index(List<JsonNode> list, JsonNode value, String mergeKey, boolean maps) {
        JsonNode wanted = maps ? value.get(mergeKey) : value;
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = maps ? list.get(i).get(mergeKey) : list.get(i);
            if (sameScalar(wanted, candidate)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfKey(List<JsonNode> list, String mergeKey, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                throw new PatchError("value for key " + i + " is not a map.");
            }
            if (v.has(mergeKey) && sameScalar(v.get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** The Go type a decoded JSON value has: numbers are one type, as apimachinery's decoder gives int64s. */
    private static JsonNodeType goType(JsonNode v) {
        return v.getNodeType() == JsonNodeType.POJO ? JsonNodeType.OBJECT : v.getNodeType();
    }

    /** Go's {@code ==} on two decoded scalars (and on a missing key: nil). */
    private static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b || (a == null ? b.isNull() : a.isNull());
        }
        return deepEqual(a, b);
    }

    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return 1;
    };

    /** {@code reflect.DeepEqual} of two decoded JSON values, numbers compared by value. */
    private static boolean deepEqual(JsonNode a, JsonNode b) {
        return a.equals(NUMERIC, b);
    }

    /** {@code fmt.Sprintf("%v", v)} of a scalar, which is how patch.go sorts and pairs list items. */
    private static String goString(JsonNode v) {
        if (v == null || v.isNull()) {
            return "<nil>";
        }
        return v.isTextual() ? v.textValue() : v.asText();
    }

    private static JsonNode mergeKeyValue(JsonNode element, String mergeKey) {
        if (!element.isObject() || !element.has(mergeKey)) {
            throw noMergeKey(element, mergeKey);
        }
        return element.get(mergeKey);
    }

    private static PatchError noMergeKey(JsonNode element, String mergeKey) {
        return new PatchError("map: " + GoFormat.of(element) + " does not contain declared merge key: " + mergeKey);
    }

    private static List<JsonNode> sortByMergeKey(List<JsonNode> list, String mergeKey) {
        List<JsonNode> sorted = new ArrayList<>(list);
        for (JsonNode v : sorted) {
            mergeKeyValue(v, mergeKey);
        }
        sorted.sort(Comparator.comparing(v -> goString(v.get(mergeKey))));
        return sorted;
    }

    private static List<JsonNode> sortScalars(List<JsonNode> list) {
        List<JsonNode> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(ThreeWayMerge::goString));
        return sorted;
    }

    /** patch.go's {@code deduplicateScalars}: a duplicate's place is taken by the last item. */
    private static List<JsonNode> deduplicateScalars(List<JsonNode> list) {
        List<JsonNode> s = new ArrayList<>(list);
        int length = s.size() - 1;
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j <= length; j++) {
                if (sameScalar(s.get(i), s.get(j))) {
                    s.set(j, s.get(length));
                    s.remove(length);
                    length--;
                    j--;
                }
            }
        }
        return s;
    }

    private static boolean isMapList(List<JsonNode> a, List<JsonNode> b) {
        for (List<JsonNode> l : List.of(a, b)) {
            for (JsonNode v : l) {
                if (v.isArray()) {
                    throw new PatchError("lists of lists are not supported");
                }
                return v.isObject();
            }
        }
        return false;
    }

    private static String extractKey(String s, String prefix) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(0, slash).equals(prefix)) {
            throw new PatchError(prefix.equals(SET_ELEMENT_ORDER) ? "invalid patch format of setElementOrder list"
                    : "invalid patch format of primitive list");
        }
        return s.substring(slash + 1);
    }

    private static List<Map.Entry<String, JsonNode>> entries(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>(node.size());
        node.fields().forEachRemaining(list::add);
        return list;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = NODES.arrayNode(items.size());
        a.addAll(items);
        return a;
    }

    /** Go's {@code %v} of a decoded JSON map, for the messages kubectl prints: {@code map[image:nginx]}. */
    private static final class GoFormat {
        static String of(JsonNode v) {
            if (v == null || v.isNull()) {
                return "<nil>";
            }
            if (v.isObject()) {
                StringBuilder s = new StringBuilder("map[");
                List<String> names = new ArrayList<>();
                v.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                for (int i = 0; i < names.size(); i++) {
                    s.append(i > 0 ? " " : "").append(names.get(i)).append(':').append(of(v.get(names.get(i))));
                }
                return s.append(']').toString();
            }
            if (v.isArray()) {
                StringBuilder s = new StringBuilder("[");
                for (int i = 0; i < v.size(); i++) {
                    s.append(i > 0 ? " " : "").append(of(v.get(i)));
                }
                return s.append(']').toString();
            }
            return goString(v);
        }
    }
}
