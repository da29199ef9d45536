package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the Gateway API CRDs, written out by hand: each check names
 * the rule it implements by its message, which is what kube-apiserver prints,
 * {@code spec.rules[0].matches[0].path: Invalid value: "object": value must be an absolute path and start with '/'
 * when type one of ['Exact', 'PathPrefix']}. They run after the OpenAPI checks of {@link CustomResourceSchema},
 * as apiextensions-apiserver runs them.
 */
public final class GatewayApiRules {

    private static final List<String> EXACT_OR_PREFIX = List.of("Exact", "PathPrefix");
    private static final String PATH_TYPES = " when type one of ['Exact', 'PathPrefix']";
    private static final Pattern PATH_CHARACTERS = Pattern.compile("^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$");

    private GatewayApiRules() {
    }

    /** The CEL errors of a Gateway API object on create (and on update, with {@link #validateUpdate}). */
    public static List<FieldError> validate(HasMetadata object) {
        List<FieldError> errors = new ArrayList<>();
        if (object instanceof HTTPRoute route && route.getSpec() != null) {
            httpRoute(route, errors);
        } else if (object instanceof Gateway gateway && gateway.getSpec() != null) {
            gateway(gateway, errors);
        }
        return errors;
    }

    /** The transition rules: {@code self == oldSelf} on GatewayClass {@code spec.controllerName}. */
    public static List<FieldError> validateUpdate(HasMetadata old, HasMetadata updated) {
        if (old instanceof GatewayClass before && updated instanceof GatewayClass after && before.getSpec() != null
                && after.getSpec() != null
                && !Objects.equals(before.getSpec().getControllerName(), after.getSpec().getControllerName())) {
            return List.of(FieldError.invalid("spec.controllerName", after.getSpec().getControllerName(),
                    "Value is immutable"));
        }
        return List.of();
    }

    // ---- HTTPRoute ----------------------------------------------------------------------------------------------

    private static void httpRoute(HTTPRoute route, List<FieldError> errors) {
        parentRefs(route.getSpec().getParentRefs(), errors);
        List<HTTPRouteRule> rules = list(route.getSpec().getRules());
        int totalMatches = 0;
        for (int r = 0; r < rules.size(); r++) {
            HTTPRouteRule rule = rules.get(r);
            String rulePath = "spec.rules[" + r + "]";
            List<HTTPRouteMatch> matches = list(rule.getMatches());
            totalMatches += matches.size();
            for (int m = 0; m < matches.size(); m++) {
                HTTPPathMatch path = matches.get(m).getPath();
                if (path != null) {
                    pathMatch(path, rulePath + ".matches[" + m + "].path", errors);
                }
            }
            List<HTTPBackendRef> backends = list(rule.getBackendRefs());
            for (int b = 0; b < backends.size(); b++) {
                HTTPBackendRef ref = backends.get(b);
                String refPath = rulePath + ".backendRefs[" + b + "]";
                if (Objects.requireNonNullElse(ref.getGroup(), "").isEmpty()
                        && "Service".equals(Objects.requireNonNullElse(ref.getKind(), "Service")) && ref.getPort() == null) {
                    errors.add(cel(refPath, "Must have port for Service reference"));
                }
                filters(list(ref.getFilters()), refPath + ".filters", errors);
            }
            filters(list(rule.getFilters()), rulePath + ".filters", errors);
            if (!backends.isEmpty() && list(rule.getFilters()).stream().anyMatch(f -> f.getRequestRedirect() != null)) {
                errors.add(cel(rulePath, "RequestRedirect filter must not be used together with backendRefs"));
            }
            boolean redirectPrefix = list(rule.getFilters()).stream().anyMatch(f -> f.getRequestRedirect() != null
                    && replacesPrefix(f.getRequestRedirect().getPath()));
            boolean rewritePrefix = list(rule.getFilters()).stream().anyMatch(f -> f.getUrlRewrite() != null
                    && replacesPrefix(f.getUrlRewrite().getPath()));
            boolean onePrefixMatch = matches.size() == 1 && matches.get(0).getPath() != null
                    && "PathPrefix".equals(matches.get(0).getPath().getType());
            if (redirectPrefix && !onePrefixMatch) {
                errors.add(cel(rulePath, "When using RequestRedirect filter with path.replacePrefixMatch, exactly one "
                        + "PathPrefix match must be specified"));
            }
            if (rewritePrefix && !onePrefixMatch) {
                errors.add(cel(rulePath, "When using URLRewrite filter with path.replacePrefixMatch, exactly one "
                        + "PathPrefix match must be specified"));
            }
        }
        if (totalMatches > 128) {
            errors.add(celOn("spec.rules", "array", "While 16 rules and 64 matches per rule are allowed, the total "
                    + "number of matches across all rules in a route must be less than 128"));
        }
    }

    private static boolean replacesPrefix(HTTPPathModifier path) {
        return path != null && "ReplacePrefixMatch".equals(path.getType()) && path.getReplacePrefixMatch() != null;
    }

    private static void pathMatch(HTTPPathMatch path, String field, List<FieldError> errors) {
        String type = path.getType();
        String value = Objects.requireNonNullElse(path.getValue(), "");
        if (EXACT_OR_PREFIX.contains(type)) {
            if (!value.startsWith("/")) {
                errors.add(cel(field, "value must be an absolute path and start with '/'" + PATH_TYPES));
            }
            for (String sequence : List.of("//", "/./", "/../", "%2f", "%2F", "#")) {
                if (value.contains(sequence)) {
                    errors.add(cel(field, "must not contain '" + sequence + "'" + PATH_TYPES));
                }
            }
            for (String suffix : List.of("/..", "/.")) {
                if (value.endsWith(suffix)) {
                    errors.add(cel(field, "must not end with '" + suffix + "'" + PATH_TYPES));
                }
            }
        }
        if (!EXACT_OR_PREFIX.contains(type) && !"RegularExpression".equals(type)) {
            errors.add(cel(field, "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']"));
        }
        if (EXACT_OR_PREFIX.contains(type) && !PATH_CHARACTERS.matcher(value).matches()) {
            errors.add(cel(field, "must only contain valid characters (matching "
                    + "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"));
        }
    }

    private static final List<String> FILTER_TYPES = List.of("CORS", "RequestHeaderModifier", "ResponseHeaderModifier",
            "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef");

    private static void filters(List<HTTPRouteFilter> filters, String field, List<FieldError> errors) {
        if (filters.isEmpty()) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            HTTPRouteFilter f = filters.get(i);
            String path = field + "[" + i + "]";
            filterField(f.getCors() != null, f.getType(), "CORS", "cors", path, errors);
            filterField(f.getRequestHeaderModifier() != null, f.getType(), "RequestHeaderModifier",
                    "requestHeaderModifier", path, errors);
            filterField(f.getResponseHeaderModifier() != null, f.getType(), "ResponseHeaderModifier",
                    "responseHeaderModifier", path, errors);
            filterField(f.getRequestMirror() != null, f.getType(), "RequestMirror", "requestMirror", path, errors);
            filterField(f.getRequestRedirect() != null, f.getType(), "RequestRedirect", "requestRedirect", path, errors);
            filterField(f.getUrlRewrite() != null, f.getType(), "URLRewrite", "urlRewrite", path, errors);
            filterField(f.getExtensionRef() != null, f.getType(), "ExtensionRef", "extensionRef", path, errors);
            if (f.getRequestRedirect() != null) {
                pathModifier(f.getRequestRedirect().getPath(), path + ".requestRedirect.path", errors);
            }
            if (f.getUrlRewrite() != null) {
                pathModifier(f.getUrlRewrite().getPath(), path + ".urlRewrite.path", errors);
            }
        }
        boolean redirect = filters.stream().anyMatch(f -> "RequestRedirect".equals(f.getType()));
        boolean rewrite = filters.stream().anyMatch(f -> "URLRewrite".equals(f.getType()));
        if (redirect && rewrite) {
            errors.add(celOn(field, "array",
                    "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"));
        }
        for (String type : FILTER_TYPES) {
            if (!type.equals("RequestMirror") && !type.equals("ExtensionRef")
                    && filters.stream().filter(f -> type.equals(f.getType())).count() > 1) {
                errors.add(celOn(field, "array", type + " filter cannot be repeated"));
            }
        }
    }

    private static void filterField(boolean present, String type, String wanted, String name, String path,
                                    List<FieldError> errors) {
        if (present && !wanted.equals(type)) {
            errors.add(cel(path, "filter." + name + " must be nil if the filter.type is not " + wanted));
        }
        if (!present && wanted.equals(type)) {
            errors.add(cel(path, "filter." + name + " must be specified for " + wanted + " filter.type"));
        }
    }

    private static void pathModifier(HTTPPathModifier path, String field, List<FieldError> errors) {
        if (path == null) {
            return;
        }
        String type = path.getType();
        if ("ReplaceFullPath".equals(type) && path.getReplaceFullPath() == null) {
            errors.add(cel(field, "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"));
        }
        if (path.getReplaceFullPath() != null && !"ReplaceFullPath".equals(type)) {
            errors.add(cel(field, "type must be 'ReplaceFullPath' when replaceFullPath is set"));
        }
        if ("ReplacePrefixMatch".equals(type) && path.getReplacePrefixMatch() == null) {
            errors.add(cel(field, "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"));
        }
        if (path.getReplacePrefixMatch() != null && !"ReplacePrefixMatch".equals(type)) {
            errors.add(cel(field, "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"));
        }
    }

    /** The two rules on {@code parentRefs} about several references to one parent. */
    private static void parentRefs(List<ParentReference> refs, List<FieldError> errors) {
        if (refs == null) {
            return;
        }
        boolean missing = false;
        boolean duplicate = false;
        for (ParentReference a : refs) {
            int same = 0;
            for (ParentReference b : refs) {
                if (sameParent(a, b)) {
                    if (a != b && (a.getSectionName() == null || b.getSectionName() == null)) {
                        missing = true;
                    }
                    if (Objects.equals(a.getSectionName(), b.getSectionName())) {
                        same++;
                    }
                }
            }
            duplicate |= same > 1;
        }
        if (missing) {
            errors.add(celOn("spec.parentRefs", "array",
                    "sectionName must be specified when parentRefs includes 2 or more references to the same parent"));
        }
        if (duplicate) {
            errors.add(celOn("spec.parentRefs", "array",
                    "sectionName must be unique when parentRefs includes 2 or more references to the same parent"));
        }
    }

    private static boolean sameParent(ParentReference a, ParentReference b) {
        return Objects.equals(a.getGroup(), b.getGroup()) && Objects.equals(a.getKind(), b.getKind())
                && Objects.equals(a.getName(), b.getName())
                && Objects.equals(Objects.requireNonNullElse(a.getNamespace(), ""),
                Objects.requireNonNullElse(b.getNamespace(), ""));
    }

    // ---- Gateway --------------------------------------------------------------------------------------------------

    private static void gateway(Gateway gateway, List<FieldError> errors) {
        List<Listener> listeners = list(gateway.getSpec().getListeners());
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            if (l.getTls() != null && "Terminate".equals(Objects.requireNonNullElse(l.getTls().getMode(), "Terminate"))
                    && list(l.getTls().getCertificateRefs()).isEmpty()
                    && (l.getTls().getOptions() == null || l.getTls().getOptions().isEmpty())) {
                errors.add(cel("spec.listeners[" + i + "].tls",
                        "certificateRefs or options must be specified when mode is Terminate"));
            }
        }
        String field = "spec.listeners";
        if (listeners.stream().anyMatch(l -> List.of("HTTP", "TCP", "UDP").contains(l.getProtocol()) && l.getTls() != null)) {
            errors.add(celOn(field, "array", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"));
        }
        if (listeners.stream().anyMatch(l -> "HTTPS".equals(l.getProtocol()) && l.getTls() != null
                && l.getTls().getMode() != null && !l.getTls().getMode().isEmpty()
                && !"Terminate".equals(l.getTls().getMode()))) {
            errors.add(celOn(field, "array", "tls mode must be Terminate for protocol HTTPS"));
        }
        if (listeners.stream().anyMatch(l -> "TLS".equals(l.getProtocol()) && (l.getTls() == null
                || l.getTls().getMode() == null || l.getTls().getMode().isEmpty()))) {
            errors.add(celOn(field, "array", "tls mode must be set for protocol TLS"));
        }
        if (listeners.stream().anyMatch(l -> List.of("TCP", "UDP").contains(l.getProtocol())
                && l.getHostname() != null && !l.getHostname().isEmpty())) {
            errors.add(celOn(field, "array", "hostname must not be specified for protocols ['TCP', 'UDP']"));
        }
        if (listeners.stream().map(Listener::getName).distinct().count() < listeners.size()) {
            errors.add(celOn(field, "array", "Listener name must be unique within the Gateway"));
        }
        if (listeners.stream().map(l -> l.getPort() + "/" + l.getProtocol() + "/" + l.getHostname()).distinct().count()
                < listeners.size()) {
            errors.add(celOn(field, "array",
                    "Combination of port, protocol and hostname must be unique for each listener"));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** A failed rule on an object-typed field: apiextensions reports the schema type as the value. */
    private static FieldError cel(String field, String message) {
        return celOn(field, "object", message);
    }

    private static FieldError celOn(String field, String schemaType, String message) {
        return FieldError.invalid(field, schemaType, message);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
