package academy.minicluster.net.controller;

import academy.minicluster.net.api.ObjectKey;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What a controller watches, and what of it changed since the controller last ran: the stand-in for the informers
 * that wake a real controller only for the objects that changed. A controller reconciles the same way as before,
 * only less often: it is a function of the objects it watches, so when none of them changed since its last run,
 * running again would write nothing.
 */
public final class Changes {

    private final List<String> kinds;
    private long lastRun = -1;

    private Changes(List<String> kinds) {
        this.kinds = kinds;
    }

    /** Watches the objects of these kinds. */
    public static Changes of(String... kinds) {
        return new Changes(List.of(kinds));
    }

    /** Watches objects of every kind. */
    public static Changes ofAnyKind() {
        return new Changes(null);
    }

    /** Takes over where {@code original} left off: the same last run. */
    public void copyFrom(Changes original) {
        lastRun = original.lastRun;
    }

    public void writeState(StateWriter out) {
        out.writeLong(lastRun);
    }

    public void readState(StateReader in) {
        lastRun = in.readLong();
    }

    /** Whether a watched object changed since the last call (true on the first); starts a new run. */
    public boolean sinceLastRun(ObjectStore store) {
        long since = lastRun;
        lastRun = store.revision();
        return since < 0 || store.changedSince(since, kinds == null ? List.of() : kinds);
    }

    /**
     * The pods a run must look at, in listing order: every pod when a cluster-scoped object (a Node) changed, else
     * the pods of the namespaces that changed plus {@code waiting}, the pods an earlier run left waiting. Starts a
     * new run.
     */
    public List<Pod> podsToReconcile(ObjectStore store, Set<ObjectKey> waiting) {
        SortedSet<String> namespaces = namespacesSinceLastRun(store);
        if (namespaces.contains("")) {
            return store.list(Pod.class, "Pod");
        }
        TreeMap<ObjectKey, Pod> pods = new TreeMap<>();
        for (String namespace : namespaces) {
            for (Pod pod : store.list(Pod.class, "Pod", namespace)) {
                pods.put(ObjectKey.of(pod), pod);
            }
        }
        for (ObjectKey key : waiting) {
            store.get(Pod.class, "Pod", key.namespace(), key.name()).ifPresent(pod -> pods.put(key, pod));
        }
        return new ArrayList<>(pods.values());
    }

    /** The namespaces, sorted, in which a watched object changed since the last call; starts a new run. */
    public SortedSet<String> namespacesSinceLastRun(ObjectStore store) {
        long since = lastRun;
        lastRun = store.revision();
        return store.namespacesChangedSince(since, kinds);
    }
}
