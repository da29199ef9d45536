package academy.minicluster.net.dataplane.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's {@code DefaultIngressClass} admission plugin
 * ({@code plugin/pkg/admission/network/defaultingressclass}): an Ingress created with neither
 * {@code spec.ingressClassName} nor the {@code kubernetes.io/ingress.class} annotation gets the default
 * IngressClass's name written into {@code spec.ingressClassName}.
 *
 * <p>A class is default when annotated {@code ingressclass.kubernetes.io/is-default-class: "true"} (exactly that
 * string). When several are, current Kubernetes (v1.28 and later) chooses the most recently created one (ties: the
 * smaller name). Older API servers refused such an Ingress instead; {@link #legacyRejection} words that refusal for
 * a lab that wants to show it.
 */
public final class IngressClassDefaults {

    /** The annotation that marks an IngressClass as the cluster's default. */
    public static final String IS_DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";

    private IngressClassDefaults() {
    }

    /** The default IngressClasses, the one the API server picks first. */
    public static List<IngressClass> defaultClasses(Collection<IngressClass> classes) {
        return classes.stream()
                .filter(IngressClassDefaults::isDefault)
                .sorted(Comparator.comparing((IngressClass c) -> created(c.getMetadata().getCreationTimestamp()))
                        .reversed()
                        .thenComparing(c -> c.getMetadata().getName()))
                .toList();
    }

    /** The class name the API server writes into a new Ingress without class; empty when no class is default. */
    public static Optional<String> defaultClassName(Collection<IngressClass> classes) {
        return defaultClasses(classes).stream().findFirst().map(c -> c.getMetadata().getName());
    }

    /**
     * Why a new Ingress without class gets the class it gets, in one line a learner can read, e.g.
     * {@code "2 default IngressClasses were found, choosing the newest: nginx"} (the API server's own log line).
     */
    public static String explain(Collection<IngressClass> classes) {
        List<IngressClass> defaults = defaultClasses(classes);
        if (defaults.isEmpty()) {
            return "no IngressClass is annotated " + IS_DEFAULT_CLASS + "=\"true\": the Ingress keeps no class";
        }
        String name = defaults.get(0).getMetadata().getName();
        if (defaults.size() == 1) {
            return "spec.ingressClassName defaulted to " + name + " (annotated " + IS_DEFAULT_CLASS + "=\"true\")";
        }
        return defaults.size() + " default IngressClasses were found, choosing the newest: " + name;
    }

    /**
     * The refusal of an API server older than v1.28 when several classes are default, as kubectl prints it after
     * {@code Error from server (Forbidden): error when creating "file.yaml": }:
     * {@code ingresses.networking.k8s.io "web" is forbidden: Internal error occurred: 2 default IngressClasses were
     * found, only 1 allowed}. Empty when at most one class is default.
     */
    public static Optional<String> legacyRejection(String ingressName, Collection<IngressClass> classes) {
        int n = defaultClasses(classes).size();
        if (n <= 1) {
            return Optional.empty();
        }
        return Optional.of("ingresses.networking.k8s.io \"" + ingressName + "\" is forbidden: Internal error occurred: "
                + n + " default IngressClasses were found, only 1 allowed");
    }

    private static boolean isDefault(IngressClass c) {
        Map<String, String> annotations = c.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(IS_DEFAULT_CLASS));
    }

    private static Instant created(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return Instant.MIN;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }
}
