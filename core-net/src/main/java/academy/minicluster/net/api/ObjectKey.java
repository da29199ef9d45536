package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** Where an object lives in the store: kind, namespace ("" for cluster-scoped kinds) and name. Sorted that way. */
public record ObjectKey(String kind, String namespace, String name) implements Comparable<ObjectKey> {

    public ObjectKey {
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    public static ObjectKey of(HasMetadata object) {
        return new ObjectKey(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    public ObjectRef ref() {
        return new ObjectRef(kind, namespace, name);
    }

    @Override
    public int compareTo(ObjectKey other) {
        // Written out rather than a Comparator chain: the store's maps compare keys on every lookup.
        int c = kind.compareTo(other.kind);
        if (c == 0) {
            c = namespace.compareTo(other.namespace);
        }
        return c != 0 ? c : name.compareTo(other.name);
    }
}
