package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.FieldError;
import academy.minicluster.net.api.ObjectStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.List;

/**
 * The API server's admission of Ingresses: the DefaultIngressClass plugin fills {@code spec.ingressClassName} of a
 * new Ingress that names no class (neither field nor legacy annotation), then validation runs.
 */
public final class IngressAdmission implements ApiServer.Admission {

    @Override
    public List<FieldError> admit(HasMetadata object, HasMetadata previous, ObjectStore store) {
        if (!(object instanceof Ingress ingress)) {
            return List.of();
        }
        List<IngressClass> classes = store.listForReading(IngressClass.class, "IngressClass");
        boolean hasLegacyClass = ingress.getMetadata().getAnnotations() != null
                && ingress.getMetadata().getAnnotations().containsKey(IngressRouter.LEGACY_CLASS_ANNOTATION);
        if (previous == null && ingress.getSpec() != null && ingress.getSpec().getIngressClassName() == null
                && !hasLegacyClass) {
            IngressClassDefaults.defaultClassName(classes).ifPresent(ingress.getSpec()::setIngressClassName);
        }
        if (previous instanceof Ingress old && ingress.getSpec() != null && ingress.getSpec().getIngressClassName() == null
                && old.getSpec() != null) {
            // An update that omits the class keeps the one admission gave it.
            ingress.getSpec().setIngressClassName(old.getSpec().getIngressClassName());
        }
        return IngressValidation.validate(ingress, classes);
    }
}
