package academy.minicluster.net.dataplane.gateway;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A GRPCRoute as Envoy Gateway's translator turns it into its intermediate HTTP routes (the same IR as HTTPRoute's,
 * {@code internal/gatewayapi/route.go}, {@code buildGRPCRouteMatch}): a gRPC call is an HTTP/2 POST to
 * {@code /SERVICE/METHOD}, so a method match becomes a path match and the rest (hostnames, headers, filters,
 * weighted backendRefs) is HTTPRoute's. The result keeps the route's metadata and its kind {@code GRPCRoute}, so
 * status, ReferenceGrants ({@code from: GRPCRoute}) and traces name the learner's object.
 *
 * <ul>
 *   <li>{@code Exact} service and method: path Exact {@code /SERVICE/METHOD};</li>
 *   <li>{@code Exact} service only: path prefix {@code /SERVICE} (whole segments: {@code /SERVICE/...});</li>
 *   <li>{@code Exact} method only: path RegularExpression {@code /VALID_SERVICE/METHOD};</li>
 *   <li>{@code RegularExpression}: path RegularExpression {@code /SERVICE/METHOD}, a missing part replaced by the
 *       pattern of a valid service or method name;</li>
 *   <li>no method: every path.</li>
 * </ul>
 */
final class GrpcRouteTranslation {

    /** Envoy Gateway's {@code validServiceName}: a dotted protobuf name, optionally with a leading dot. */
    static final String VALID_SERVICE = "(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*";
    /** Envoy Gateway's {@code validMethodName}. */
    static final String VALID_METHOD = "[A-Za-z_][A-Za-z_0-9]*";

    /** The IR of one GRPCRoute, and per rule and match the words a trace uses for the original match. */
    record Translated(HTTPRoute ir, List<List<String>> matchTexts) {
    }

    private GrpcRouteTranslation() {
    }

    static Translated translate(GRPCRoute route) {
        List<HTTPRouteRule> rules = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        for (GRPCRouteRule rule : GatewayRouter.list(route.getSpec().getRules())) {
            List<HTTPRouteMatch> matches = new ArrayList<>();
            List<String> ruleTexts = new ArrayList<>();
            List<GRPCRouteMatch> grpcMatches = GatewayRouter.list(rule.getMatches());
            if (grpcMatches.isEmpty()) {
                // "If no matches are specified, the implementation MUST match every gRPC request."
                matches.add(new HTTPRouteMatch());
                ruleTexts.add("any method");
            }
            for (GRPCRouteMatch m : grpcMatches) {
                matches.add(match(m));
                ruleTexts.add(describe(m));
            }
            rules.add(new HTTPRouteRuleBuilder().withName(rule.getName()).withMatches(matches)
                    .withFilters(filters(rule.getFilters()))
                    .withBackendRefs(backendRefs(rule.getBackendRefs())).build());
            texts.add(List.copyOf(ruleTexts));
        }
        HTTPRoute ir = new HTTPRoute();
        ir.setApiVersion(route.getApiVersion());
        ir.setKind("GRPCRoute");
        ir.setMetadata(new ObjectMetaBuilder().withName(route.getMetadata().getName())
                .withNamespace(route.getMetadata().getNamespace()).withUid(route.getMetadata().getUid())
                .withCreationTimestamp(route.getMetadata().getCreationTimestamp())
                .withGeneration(route.getMetadata().getGeneration()).build());
        ir.setSpec(new HTTPRouteSpecBuilder().withParentRefs(route.getSpec().getParentRefs())
                .withHostnames(route.getSpec().getHostnames()).withRules(rules).build());
        return new Translated(ir, List.copyOf(texts));
    }

    private static HTTPRouteMatch match(GRPCRouteMatch m) {
        HTTPRouteMatchBuilder b = new HTTPRouteMatchBuilder();
        GRPCMethodMatch method = m.getMethod();
        if (method != null) {
            String service = emptyToNull(method.getService());
            String name = emptyToNull(method.getMethod());
            boolean regex = "RegularExpression".equals(method.getType());
            if (regex) {
                b.withPath(new HTTPPathMatchBuilder().withType("RegularExpression").withValue("/"
                        + Objects.requireNonNullElse(service, VALID_SERVICE) + "/"
                        + Objects.requireNonNullElse(name, VALID_METHOD)).build());
            } else if (service != null && name != null) {
                b.withPath(new HTTPPathMatchBuilder().withType("Exact").withValue("/" + service + "/" + name).build());
            } else if (service != null) {
                b.withPath(new HTTPPathMatchBuilder().withType("PathPrefix").withValue("/" + service).build());
            } else if (name != null) {
                b.withPath(new HTTPPathMatchBuilder().withType("RegularExpression")
                        .withValue("/" + VALID_SERVICE + "/" + name).build());
            }
        }
        List<HTTPHeaderMatch> headers = new ArrayList<>();
        for (GRPCHeaderMatch h : GatewayRouter.list(m.getHeaders())) {
            headers.add(new HTTPHeaderMatchBuilder().withName(h.getName())
                    .withType(Objects.requireNonNullElse(h.getType(), "Exact")).withValue(h.getValue()).build());
        }
        if (!headers.isEmpty()) {
            b.withHeaders(headers);
        }
        return b.build();
    }

    /** The trace's words for a match: {@code method Exact echo.Echo/Echo, header version: two}. */
    static String describe(GRPCRouteMatch m) {
        StringBuilder s = new StringBuilder();
        GRPCMethodMatch method = m.getMethod();
        if (method == null) {
            s.append("any method");
        } else {
            String type = Objects.requireNonNullElse(method.getType(), "Exact");
            String service = emptyToNull(method.getService());
            String name = emptyToNull(method.getMethod());
            s.append("method ").append(type).append(' ')
                    .append(service == null ? "*" : service).append('/').append(name == null ? "*" : name);
        }
        for (GRPCHeaderMatch h : GatewayRouter.list(m.getHeaders())) {
            s.append(", header ").append(h.getName())
                    .append("RegularExpression".equals(h.getType()) ? " ~ " : ": ").append(h.getValue());
        }
        return s.toString();
    }

    /** The filters Envoy Gateway implements for GRPCRoute: the header modifiers (RequestMirror is not modelled). */
    private static List<HTTPRouteFilter> filters(List<GRPCRouteFilter> filters) {
        List<HTTPRouteFilter> out = new ArrayList<>();
        for (GRPCRouteFilter f : GatewayRouter.list(filters)) {
            out.add(new HTTPRouteFilterBuilder().withType(f.getType())
                    .withRequestHeaderModifier(f.getRequestHeaderModifier())
                    .withResponseHeaderModifier(f.getResponseHeaderModifier())
                    .withRequestMirror(f.getRequestMirror()).withExtensionRef(f.getExtensionRef()).build());
        }
        return out;
    }

    private static List<HTTPBackendRef> backendRefs(List<GRPCBackendRef> refs) {
        List<HTTPBackendRef> out = new ArrayList<>();
        for (GRPCBackendRef r : GatewayRouter.list(refs)) {
            out.add(new HTTPBackendRefBuilder().withGroup(r.getGroup()).withKind(r.getKind()).withName(r.getName())
                    .withNamespace(r.getNamespace()).withPort(r.getPort()).withWeight(r.getWeight())
                    .withFilters(filters(r.getFilters())).build());
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
