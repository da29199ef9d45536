package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Names one Kubernetes object, the way kubectl and events name it: {@code Service default/web}.
 * Traces and explanations carry these so a learner can find the object that decided something.
 */
public record ObjectRef(String kind, String namespace, String name) implements Comparable<ObjectRef> {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
    }

    public static ObjectRef of(HasMetadata object) {
        return new ObjectRef(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    public static ObjectRef clusterScoped(String kind, String name) {
        return new ObjectRef(kind, "", name);
    }

    public boolean isNamespaced() {
        return !namespace.isEmpty();
    }

    @Override
    public int compareTo(ObjectRef other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }

    /** {@code Service default/web}, or {@code Node worker} for cluster-scoped objects. */
    @Override
    public String toString() {
        return kind + " " + (isNamespaced() ? namespace + "/" + name : name);
    }
}
