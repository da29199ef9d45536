package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.FieldError;
import academy.minicluster.net.api.ObjectStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        List<FieldError> errors = IngressValidation.validate(ingress, classes);
        if (errors.isEmpty()) {
            denyInvalidNginxConfiguration(ingress, classes, store);
        }
        return errors;
    }

    /** The name ingress-nginx's ValidatingWebhookConfiguration gives its webhook. */
    static final String WEBHOOK = "validate.nginx.ingress.kubernetes.io";

    /**
     * ingress-nginx's validating webhook, after the API server's own validation: the controller renders nginx.conf
     * with this Ingress among the others and refuses it when a path expression would not compile (as {@code nginx
     * -t} fails, in its words) or could not run in linear time ({@link NginxRegex}). Since v1.12.1 the real webhook
     * no longer runs {@code nginx -t} (CVE-2025-1974) and such an Ingress would instead stop every later reload of
     * the controller; refusing it at admission, with the error the webhook gave before, is this model's choice
     * (core-net/README.md).
     */
    private static void denyInvalidNginxConfiguration(Ingress ingress, List<IngressClass> classes, ObjectStore store) {
        String namespace = ingress.getMetadata().getNamespace();
        String name = ingress.getMetadata().getName();
        List<Ingress> rendered = new ArrayList<>();
        for (Ingress other : store.listForReading(Ingress.class, "Ingress")) {
            if (!(Objects.equals(other.getMetadata().getNamespace(), namespace)
                    && other.getMetadata().getName().equals(name))) {
                rendered.add(other);
            }
        }
        rendered.add(ingress);
        IngressRouter router = IngressRouter.of(rendered, classes, List.of(), IngressRouter.INGRESS_NGINX);
        if (!router.owns(ingress)) {
            return;  // the webhook ignores Ingresses of another class
        }
        router.regexRefusal().ifPresent(refusal -> {
            throw new ApiException(ApiException.Reason.BadRequest, denial(refusal));
        });
    }

    private static String denial(IngressRouter.RegexRefusal refusal) {
        String prefix = "admission webhook \"" + WEBHOOK + "\" denied the request: ";
        if (refusal.problem() instanceof NginxRegex.NotLinear) {
            Ingress by = refusal.ingress();
            return prefix + "ingress " + by.getMetadata().getNamespace() + "/" + by.getMetadata().getName() + ": "
                    + refusal.problem().describe(refusal.expression());
        }
        // testTemplate's wording around the output of nginx -t (internal/ingress/controller/nginx.go).
        String emerg = refusal.problem().describe(refusal.expression());
        return prefix + "\n"
                + "-------------------------------------------------------------------------------\n"
                + "Error: exit status 1\n"
                + "nginx: [emerg] " + emerg + " in " + CONFIG_FILE + "\n"
                + "nginx: configuration file " + CONFIG_FILE + " test failed\n"
                + "\n"
                + "-------------------------------------------------------------------------------";
    }

    /** The file the webhook renders nginx.conf into for {@code nginx -t} (a random name in ingress-nginx). */
    private static final String CONFIG_FILE = "/tmp/nginx/nginx-cfg";
}
