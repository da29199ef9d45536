package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;

/** Where an object lives in the store: kind, namespace ("" for cluster-scoped kinds) and name. Sorted that way. */
public record ObjectKey(String kind, String namespace, String name) implements Comparable<ObjectKey> {

    private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::kind)
            .thenComparing(ObjectKey::namespace).thenComparing(ObjectKey::name);

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
        return ORDER.compare(this, other);
    }
}
