package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mini-cluster's kube-apiserver: create, apply, replace, delete, label and annotate, each validated, defaulted
 * and admitted as the real one does, then written to the store; after every write the controllers run to a fixed
 * point. A refused call throws {@link ApiException} and leaves the cluster unchanged.
 */
public final class ApiServer {

    /** Checks an object before it is written: {@code previous} is the stored version on update, else null. */
    public interface Admission {
        List<FieldError> admit(HasMetadata object, HasMetadata previous, ObjectStore store);
    }

    /** How a write ended, in kubectl's words: {@code service/web created}. */
    public enum Outcome { created, configured, unchanged, replaced, deleted, labeled, annotated, scaled }

    private final ObjectStore store;
    private final ServiceAllocator serviceAllocator;
    private final List<Admission> admissions = new ArrayList<>();
    private final Defaults defaults = new Defaults();
    private final Validation validation = new Validation();
    private final Runnable reconcile;
    private final ClusterLimits limits;

    public ApiServer(ObjectStore store, ServiceAllocator serviceAllocator, Runnable reconcile, ClusterLimits limits) {
        this.store = store;
        this.serviceAllocator = serviceAllocator;
        this.reconcile = reconcile;
        this.limits = limits;
    }

    public void addAdmission(Admission admission) {
        admissions.add(admission);
    }

    public ObjectStore store() {
        return store;
    }

    /** {@code kubectl create}: fails if the object exists. */
    public <T extends HasMetadata> T create(T object) {
        prepare(object);
        // An object without a name exists nowhere; the validation below refuses it in the API server's words.
        boolean named = object.getMetadata().getName() != null && !object.getMetadata().getName().isEmpty();
        if (named && store.exists(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName())) {
            throw new ApiException(ApiException.Reason.AlreadyExists,
                    resourceName(object) + " \"" + object.getMetadata().getName() + "\" already exists");
        }
        admit(object, null);
        // ResourceQuota admission runs after validation: an invalid object is reported as invalid first.
        Optional<ApiException> overQuota = ClusterQuota.refusal(store, limits, object);
        if (overQuota.isPresent()) {
            throw overQuota.get();
        }
        store.tick();
        store.create(object);
        reconcile.run();
        return object;
    }

    /** {@code kubectl apply}: creates the object, or replaces the stored spec with this one. */
    public Outcome apply(HasMetadata object) {
        prepare(object);
        HasMetadata previous = store.get(object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName()).orElse(null);
        if (previous == null) {
            create(object);
            return Outcome.created;
        }
        return update(object, previous) ? Outcome.configured : Outcome.unchanged;
    }

    /** {@code kubectl replace}: the object must exist. */
    public Outcome replace(HasMetadata object) {
        prepare(object);
        HasMetadata previous = store.get(object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName()).orElseThrow(() -> notFound(object.getKind(),
                object.getMetadata().getName()));
        update(object, previous);
        return Outcome.replaced;
    }

    private boolean update(HasMetadata object, HasMetadata previous) {
        Specs.keepServerOwnedFields(object, previous);
        defaults.applyUpdate(previous, object);
        admit(object, previous);
        boolean specChanged = !Specs.sameSpec(object, previous);
        boolean metaChanged = !Objects.equals(object.getMetadata().getLabels(), previous.getMetadata().getLabels())
                || !Objects.equals(object.getMetadata().getAnnotations(), previous.getMetadata().getAnnotations());
        if (!specChanged && !metaChanged) {
            return false;
        }
        store.tick();
        store.update(object, specChanged);
        reconcile.run();
        return true;
    }

    /** {@code kubectl delete KIND NAME}. */
    public HasMetadata delete(String kind, String namespace, String name) {
        String ns = Kinds.isNamespaced(kind) ? namespace : "";
        HasMetadata removed = store.get(kind, ns, name).orElseThrow(() -> notFound(kind, name));
        if ("Namespace".equals(kind)) {
            if (List.of("default", "kube-system", "kube-public", "kube-node-lease").contains(name)) {
                throw new ApiException(ApiException.Reason.Forbidden,
                        "namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
            }
            for (Kinds.Resource r : Kinds.ALL) {
                if (r.namespaced()) {
                    for (HasMetadata o : store.list(HasMetadata.class, r.kind(), name)) {
                        store.remove(r.kind(), name, o.getMetadata().getName());
                    }
                }
            }
        }
        store.tick();
        store.remove(kind, ns, name);
        reconcile.run();
        return removed;
    }

    /** {@code kubectl label} / {@code annotate}: {@code key=value} sets, {@code key-} removes. */
    public HasMetadata setMetadata(String kind, String namespace, String name, Map<String, String> set,
                                   List<String> remove, boolean annotations, boolean overwrite) {
        String ns = Kinds.isNamespaced(kind) ? namespace : "";
        HasMetadata object = store.get(kind, ns, name).orElseThrow(() -> notFound(kind, name));
        Map<String, String> current = new LinkedHashMap<>(Objects.requireNonNullElse(
                annotations ? object.getMetadata().getAnnotations() : object.getMetadata().getLabels(), Map.of()));
        for (Map.Entry<String, String> e : set.entrySet()) {
            String existing = current.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue()) && !overwrite) {
                throw new ApiException(ApiException.Reason.BadRequest, "'" + e.getKey()
                        + "' already has a value (" + existing + "), and --overwrite is false");
            }
            current.put(e.getKey(), e.getValue());
        }
        remove.forEach(current::remove);
        if ("Namespace".equals(kind) && !name.equals(current.get("kubernetes.io/metadata.name")) && !annotations) {
            current.put("kubernetes.io/metadata.name", name);
        }
        if (annotations) {
            object.getMetadata().setAnnotations(current);
        } else {
            object.getMetadata().setLabels(current);
        }
        store.tick();
        store.update(object, false);
        reconcile.run();
        return object;
    }

    private void prepare(HasMetadata object) {
        Objects.requireNonNull(object.getMetadata(), "metadata");
        if (Kinds.isNamespaced(object.getKind())) {
            if (object.getMetadata().getNamespace() == null || object.getMetadata().getNamespace().isEmpty()) {
                object.getMetadata().setNamespace("default");
            }
        } else {
            object.getMetadata().setNamespace(null);
        }
        defaults.apply(object);
        if (object instanceof Namespace ns) {
            Map<String, String> labels = new LinkedHashMap<>(Objects.requireNonNullElse(ns.getMetadata().getLabels(), Map.of()));
            labels.put("kubernetes.io/metadata.name", ns.getMetadata().getName());
            ns.getMetadata().setLabels(labels);
        }
    }

    private void admit(HasMetadata object, HasMetadata previous) {
        List<FieldError> errors = new ArrayList<>(previous == null ? validation.validate(object)
                : validation.validateUpdate(previous, object));
        for (Admission a : admissions) {
            errors.addAll(a.admit(object, previous, store));
        }
        if (errors.isEmpty() && object instanceof Service service) {
            errors.addAll(serviceAllocator.allocate(service, (Service) previous,
                    store.listForReading(Service.class, "Service")));
        }
        if (!errors.isEmpty()) {
            String qualifiedKind = Kinds.byKind(object.getKind()).map(r -> r.apiVersion().contains("/")
                    ? object.getKind() + "." + r.apiVersion().substring(0, r.apiVersion().indexOf('/'))
                    : object.getKind()).orElse(object.getKind());
            throw new ApiException(ApiException.Reason.Invalid,
                    Validation.invalidMessage(object.getKind(), object.getMetadata().getName(), errors),
                    Validation.statusMessage(qualifiedKind, object.getMetadata().getName(), errors));
        }
        String namespace = object.getMetadata().getNamespace();
        if (namespace != null && !store.exists("Namespace", "", namespace)) {
            throw new ApiException(ApiException.Reason.NotFound, "namespaces \"" + namespace + "\" not found");
        }
    }

    public static ApiException notFound(String kind, String name) {
        String plural = Kinds.byKind(kind).map(r -> r.qualifiedSingular().contains(".")
                ? r.plural() + r.qualifiedSingular().substring(r.qualifiedSingular().indexOf('.')) : r.plural())
                .orElse(kind.toLowerCase());
        return new ApiException(ApiException.Reason.NotFound, plural + " \"" + name + "\" not found");
    }

    /** {@code services}, {@code deployments.apps}: how kube-apiserver names a resource in messages. */
    public static String resourceName(HasMetadata object) {
        return Kinds.byKind(object.getKind()).map(r -> {
            int slash = r.apiVersion().indexOf('/');
            return slash < 0 ? r.plural() : r.plural() + "." + r.apiVersion().substring(0, slash);
        }).orElse(object.getKind().toLowerCase());
    }
}
