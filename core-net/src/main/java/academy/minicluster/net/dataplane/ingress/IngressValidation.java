package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.FieldError;
import academy.minicluster.net.api.Formats;
import academy.minicluster.net.api.GoValue;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What kube-apiserver says about an Ingress's spec when it is created: the checks of
 * {@code pkg/apis/networking/validation/validation.go} ({@code ValidateIngressCreate} and the functions it calls),
 * with their field paths and messages word for word, in the same order.
 *
 * <p>Metadata (name, labels, annotations syntax) is the API server's generic object-meta validation and is not
 * repeated here. The IngressClass's existence is not checked: the API server accepts an Ingress naming a class
 * that does not exist (no controller then serves it).
 */
public final class IngressValidation {

    private IngressValidation() {
    }

    /** validation.go {@code invalidPathSequences} and {@code invalidPathSuffixes}. */
    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");
    /** {@code supportedPathTypes.List()}: sorted. */
    private static final List<String> SUPPORTED_PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String WILDCARD_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
    private static final Pattern WILDCARD_SUBDOMAIN = Pattern.compile("^" + WILDCARD_FMT + "$");

    /**
     * The errors kube-apiserver reports when this Ingress is created, in its order; empty when it is accepted.
     *
     * @param classes the cluster's IngressClasses (not consulted by the API server's validation; kept so callers pass
     *                the same inputs as to the router)
     */
    public static List<FieldError> validate(Ingress ingress, Collection<IngressClass> classes) {
        List<FieldError> errors = new ArrayList<>();
        IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
        List<IngressRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
        if (rules.isEmpty() && spec.getDefaultBackend() == null) {
            errors.add(FieldError.invalid("spec", new GoValue("[]networking.IngressRule(nil)"),
                    "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.getDefaultBackend() != null) {
            validateBackend(spec.getDefaultBackend(), "spec.defaultBackend", errors);
        }
        for (int i = 0; i < rules.size(); i++) {
            validateRule(rules.get(i), "spec.rules[" + i + "]", errors);
        }
        List<IngressTLS> tls = spec.getTls() == null ? List.of() : spec.getTls();
        for (int t = 0; t < tls.size(); t++) {
            IngressTLS entry = tls.get(t);
            List<String> hosts = entry.getHosts() == null ? List.of() : entry.getHosts();
            for (int h = 0; h < hosts.size(); h++) {
                String host = hosts.get(h);
                String field = "spec.tls[" + t + "].hosts[" + h + "]";
                List<String> messages = host.contains("*") ? wildcardSubdomainErrors(host)
                        : Formats.dns1123Subdomain(host);
                messages.forEach(m -> errors.add(FieldError.invalid(field, host, m)));
            }
            String secretName = entry.getSecretName();
            String secretField = "spec.tls[" + t + "].secretName";
            if (secretName != null && !secretName.isEmpty()) {
                Formats.dns1123Subdomain(secretName).forEach(m -> errors.add(FieldError.invalid(secretField, secretName, m)));
            }
        }
        if (spec.getIngressClassName() != null) {
            String name = spec.getIngressClassName();
            Formats.dns1123Subdomain(name).forEach(m -> errors.add(FieldError.invalid("spec.ingressClassName", name, m)));
        }
        Map<String, String> annotations = ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
        String legacy = annotations == null ? null : annotations.get(IngressRouter.LEGACY_CLASS_ANNOTATION);
        if (legacy != null && spec.getIngressClassName() != null && !legacy.equals(spec.getIngressClassName())) {
            errors.add(FieldError.invalid("annotations." + IngressRouter.LEGACY_CLASS_ANNOTATION, legacy,
                    "must match `ingressClassName` when both are specified"));
        }
        return errors;
    }

    private static void validateRule(IngressRule rule, String field, List<FieldError> errors) {
        String host = rule.getHost();
        if (host != null && !host.isEmpty()) {
            if (Formats.isIp(host)) {
                errors.add(FieldError.invalid(field + ".host", host, "must be a DNS name, not an IP address"));
            }
            List<String> messages = host.contains("*") ? wildcardSubdomainErrors(host) : Formats.dns1123Subdomain(host);
            messages.forEach(m -> errors.add(FieldError.invalid(field + ".host", host, m)));
        }
        if (rule.getHttp() != null) {
            List<HTTPIngressPath> paths = rule.getHttp().getPaths() == null ? List.of() : rule.getHttp().getPaths();
            if (paths.isEmpty()) {
                errors.add(FieldError.required(field + ".http.paths", ""));
            }
            for (int p = 0; p < paths.size(); p++) {
                validatePath(paths.get(p), field + ".http.paths[" + p + "]", errors);
            }
        }
    }

    /** validation.go {@code validateHTTPIngressPath}. */
    static void validatePath(HTTPIngressPath path, String field, List<FieldError> errors) {
        String pathType = path.getPathType();
        if (pathType == null) {
            errors.add(FieldError.required(field + ".pathType", "pathType must be specified"));
            return;
        }
        String p = path.getPath() == null ? "" : path.getPath();
        switch (pathType) {
            case "Exact", "Prefix" -> {
                if (!p.startsWith("/")) {
                    errors.add(FieldError.invalid(field + ".path", p, "must be an absolute path"));
                }
                if (!p.isEmpty()) {
                    for (String sequence : INVALID_PATH_SEQUENCES) {
                        if (p.contains(sequence)) {
                            errors.add(FieldError.invalid(field + ".path", p, "must not contain '" + sequence + "'"));
                        }
                    }
                    for (String suffix : INVALID_PATH_SUFFIXES) {
                        if (p.endsWith(suffix)) {
                            errors.add(FieldError.invalid(field + ".path", p, "cannot end with '" + suffix + "'"));
                        }
                    }
                }
            }
            case "ImplementationSpecific" -> {
                if (!p.isEmpty() && !p.startsWith("/")) {
                    errors.add(FieldError.invalid(field + ".path", p, "must be an absolute path"));
                }
            }
            default -> errors.add(FieldError.notSupported(field + ".pathType", pathType, SUPPORTED_PATH_TYPES));
        }
        if (path.getBackend() == null) {
            errors.add(FieldError.invalid(field + ".backend", "", "resource or service backend is required"));
        } else {
            validateBackend(path.getBackend(), field + ".backend", errors);
        }
    }

    /** validation.go {@code validateIngressBackend}. */
    private static void validateBackend(IngressBackend backend, String field, List<FieldError> errors) {
        boolean hasResource = backend.getResource() != null;
        IngressServiceBackend service = backend.getService();
        if (hasResource && service != null) {
            errors.add(FieldError.invalid(field, "", "cannot set both resource and service backends"));
            return;
        }
        if (hasResource) {
            validateResource(backend.getResource(), field + ".resource", errors);
            return;
        }
        if (service == null) {
            errors.add(FieldError.invalid(field, "", "resource or service backend is required"));
            return;
        }
        String name = service.getName();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required(field + ".service.name", ""));
        } else {
            Formats.dns1035Label(name).forEach(m -> errors.add(FieldError.invalid(field + ".service.name", name, m)));
        }
        ServiceBackendPort port = service.getPort();
        String portName = port == null || port.getName() == null ? "" : port.getName();
        int portNumber = port == null || port.getNumber() == null ? 0 : port.getNumber();
        if (!portName.isEmpty() && portNumber != 0) {
            errors.add(FieldError.invalid(field, "", "cannot set both port name & port number"));
        } else if (!portName.isEmpty()) {
            Formats.portName(portName).forEach(m ->
                    errors.add(FieldError.invalid(field + ".service.port.name", portName, m)));
        } else if (portNumber != 0) {
            if (portNumber < 1 || portNumber > 65535) {
                errors.add(FieldError.invalid(field + ".service.port.number", portNumber,
                        "must be between 1 and 65535, inclusive"));
            }
        } else {
            errors.add(FieldError.required(field, "port name or number is required"));
        }
    }

    /** validation.go {@code validateIngressTypedLocalObjectReference}. */
    private static void validateResource(TypedLocalObjectReference ref, String field, List<FieldError> errors) {
        if (ref.getApiGroup() != null) {
            Formats.dns1123Subdomain(ref.getApiGroup()).forEach(m ->
                    errors.add(FieldError.invalid(field + ".apiGroup", ref.getApiGroup(), m)));
        }
        if (ref.getKind() == null || ref.getKind().isEmpty()) {
            errors.add(FieldError.required(field + ".kind", "kind is required"));
        } else {
            pathSegmentErrors(ref.getKind()).forEach(m -> errors.add(FieldError.invalid(field + ".kind", ref.getKind(), m)));
        }
        if (ref.getName() == null || ref.getName().isEmpty()) {
            errors.add(FieldError.required(field + ".name", "name is required"));
        } else {
            pathSegmentErrors(ref.getName()).forEach(m -> errors.add(FieldError.invalid(field + ".name", ref.getName(), m)));
        }
    }

    // ---------------------------------------------------------------- apimachinery/pkg/util/validation messages

    static List<String> wildcardSubdomainErrors(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(Formats.maxLenError(253));
        }
        if (!WILDCARD_SUBDOMAIN.matcher(value).matches()) {
            errs.add(Formats.regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS "
                    + "subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an"
                    + " alphanumeric character", WILDCARD_FMT, "*.example.com"));
        }
        return errs;
    }

    /** apimachinery {@code path.IsValidPathSegmentName}. */
    private static List<String> pathSegmentErrors(String name) {
        List<String> errs = new ArrayList<>();
        if (name.equals(".") || name.equals("..")) {
            errs.add("may not be '" + name + "'");
        }
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }
}
