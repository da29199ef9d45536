package academy.minicluster.net.controller.gateway;

import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.gateway.EnvoyPorts;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.controller.Changes;
import academy.minicluster.net.controller.WatchingController;
import academy.minicluster.net.controller.ControllerContext;
import academy.minicluster.net.profile.Bootstrap;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKindBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import academy.minicluster.net.dataplane.ingress.TlsCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Envoy Gateway's status writers: every GatewayClass naming its controller gets {@code Accepted=True}; every
 * Gateway of such a class gets the load-balancer address of its Envoy Service, {@code Accepted} and
 * {@code Programmed} (False with {@code AddressNotAssigned} while the address is pending), and per listener its
 * {@code attachedRoutes}, {@code supportedKinds} and conditions; every HTTPRoute gets one {@code parents[]} entry
 * per parentRef naming such a Gateway, with {@code Accepted} and {@code ResolvedRefs} as {@link GatewayRouter}
 * decided them. A condition keeps its {@code lastTransitionTime} while its status stays the same.
 */
public final class GatewayStatusController implements WatchingController {

    private final Supplier<GatewayRouter> router;
    private final Changes changes = Changes.of("GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant",
            "Service",
            "Namespace", "Secret");

    public GatewayStatusController(Supplier<GatewayRouter> router) {
        this.router = router;
    }

    @Override
    public boolean reconcile(ControllerContext context) {
        if (!changes.sinceLastRun(context.store())) {
            return false;
        }
        String now = context.clock().timestamp();
        boolean changed = false;
        for (GatewayClass listed : context.store().listForReading(GatewayClass.class, "GatewayClass")) {
            if (listed.getSpec() == null || !Bootstrap.ENVOY_GATEWAY_CONTROLLER.equals(listed.getSpec().getControllerName())) {
                continue;
            }
            GatewayClass gc = context.store().get(GatewayClass.class, "GatewayClass", null, listed.getMetadata().getName())
                    .orElseThrow();
            List<Condition> old = gc.getStatus() == null ? List.of() : GatewayRouter.list(gc.getStatus().getConditions());
            List<Condition> wanted = List.of(condition(old, "Accepted", true, "Accepted", "Valid GatewayClass",
                    gc.getMetadata().getGeneration(), now));
            if (!wanted.equals(old)) {
                GatewayClassStatus status = gc.getStatus() == null ? new GatewayClassStatus() : gc.getStatus();
                status.setConditions(wanted);
                gc.setStatus(status);
                context.store().touch(gc);
                changed = true;
            }
        }
        if (context.store().listForReading(Gateway.class, "Gateway").isEmpty()
                && context.store().listForReading(HTTPRoute.class, "HTTPRoute").isEmpty()
                && context.store().listForReading(GRPCRoute.class, "GRPCRoute").isEmpty()) {
            return changed;   // nothing to route: the routing table need not be compiled
        }
        GatewayRouter current = router.get();
        for (Gateway listed : context.store().listForReading(Gateway.class, "Gateway")) {
            if (!current.owns(listed)) {
                continue;
            }
            Gateway gateway = context.store().get(Gateway.class, "Gateway", listed.getMetadata().getNamespace(),
                    listed.getMetadata().getName()).orElseThrow();
            GatewayStatus wanted = gatewayStatus(context, current, gateway, now);
            if (!Objects.equals(wanted, gateway.getStatus())) {
                gateway.setStatus(wanted);
                context.store().touch(gateway);
                changed = true;
            }
        }
        for (HTTPRoute listed : context.store().listForReading(HTTPRoute.class, "HTTPRoute")) {
            List<RouteParentStatus> old = listed.getStatus() == null ? List.of()
                    : GatewayRouter.list(listed.getStatus().getParents());
            List<RouteParentStatus> wanted = routeParents(current, current.parents(listed), old,
                    listed.getMetadata().getGeneration(), now);
            if (!wanted.equals(old)) {
                HTTPRoute route = context.store().get(HTTPRoute.class, "HTTPRoute", listed.getMetadata().getNamespace(),
                        listed.getMetadata().getName()).orElseThrow();
                HTTPRouteStatus status = route.getStatus() == null ? new HTTPRouteStatus() : route.getStatus();
                status.setParents(wanted);
                route.setStatus(status);
                context.store().touch(route);
                changed = true;
            }
        }
        for (GRPCRoute listed : context.store().listForReading(GRPCRoute.class, "GRPCRoute")) {
            List<RouteParentStatus> old = listed.getStatus() == null ? List.of()
                    : GatewayRouter.list(listed.getStatus().getParents());
            List<RouteParentStatus> wanted = routeParents(current, current.parents(listed), old,
                    listed.getMetadata().getGeneration(), now);
            if (!wanted.equals(old)) {
                GRPCRoute route = context.store().get(GRPCRoute.class, "GRPCRoute", listed.getMetadata().getNamespace(),
                        listed.getMetadata().getName()).orElseThrow();
                GRPCRouteStatus status = route.getStatus() == null ? new GRPCRouteStatus() : route.getStatus();
                status.setParents(wanted);
                route.setStatus(status);
                context.store().touch(route);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * A route's {@code status.parents}: the entries of other controllers kept as they are, then one per parentRef
     * this controller serves, with {@code Accepted} and {@code ResolvedRefs}.
     */
    private static List<RouteParentStatus> routeParents(GatewayRouter current, List<GatewayRouter.ParentStatus> parents,
                                                        List<RouteParentStatus> old, Long generation, String now) {
        List<RouteParentStatus> wanted = new ArrayList<>();
        // Entries of other controllers are theirs to keep.
        old.stream().filter(p -> !current.controllerName().equals(p.getControllerName())).forEach(wanted::add);
        for (GatewayRouter.ParentStatus p : parents) {
            RouteParentStatus previous = old.stream().filter(o -> current.controllerName().equals(o.getControllerName())
                    && sameRef(o, p)).findFirst().orElse(null);
            List<Condition> before = previous == null ? List.of() : GatewayRouter.list(previous.getConditions());
            wanted.add(new RouteParentStatusBuilder().withControllerName(current.controllerName())
                    .withParentRef(new ParentReferenceBuilder().withGroup(GatewayRouter.GROUP).withKind("Gateway")
                            .withName(p.parentRef().getName()).withNamespace(p.parentRef().getNamespace())
                            .withSectionName(p.parentRef().getSectionName()).withPort(p.parentRef().getPort())
                            .build())
                    .withConditions(
                            condition(before, "Accepted", p.accepted().status(), p.accepted().reason(),
                                    p.accepted().message(), generation, now),
                            condition(before, "ResolvedRefs", p.resolvedRefs().status(), p.resolvedRefs().reason(),
                                    p.resolvedRefs().message(), generation, now))
                    .build());
        }
        return wanted;
    }

    private static boolean sameRef(RouteParentStatus status, GatewayRouter.ParentStatus p) {
        var ref = status.getParentRef();
        return ref != null && Objects.equals(ref.getName(), p.parentRef().getName())
                && Objects.equals(ref.getNamespace(), p.parentRef().getNamespace())
                && Objects.equals(ref.getSectionName(), p.parentRef().getSectionName())
                && Objects.equals(ref.getPort(), p.parentRef().getPort());
    }

    private static GatewayStatus gatewayStatus(ControllerContext context, GatewayRouter router, Gateway gateway,
                                               String now) {
        GatewayStatus old = gateway.getStatus() == null ? new GatewayStatus() : gateway.getStatus();
        Long generation = gateway.getMetadata().getGeneration();
        String name = EnvoyGatewayInfrastructure.resourceName(gateway.getMetadata().getNamespace(),
                gateway.getMetadata().getName());
        String address = context.store().getForReading(Service.class, "Service", Bootstrap.ENVOY_GATEWAY_NAMESPACE, name)
                .map(AssignedAddresses::loadBalancerIp).orElse(null);
        List<Condition> before = GatewayRouter.list(old.getConditions());
        List<Condition> conditions = new ArrayList<>();
        conditions.add(gatewayAccepted(before, gateway, generation, now));
        conditions.add(address != null
                ? condition(before, "Programmed", true, "Programmed",
                "Address assigned to the Gateway, 1/1 envoy replicas available", generation, now)
                : condition(before, "Programmed", false, "AddressNotAssigned",
                "No addresses have been assigned to the Gateway", generation, now));
        List<ListenerStatus> listeners = new ArrayList<>();
        for (Listener l : GatewayRouter.list(gateway.getSpec().getListeners())) {
            ListenerStatus previous = GatewayRouter.list(old.getListeners()).stream()
                    .filter(s -> Objects.equals(s.getName(), l.getName())).findFirst().orElse(null);
            List<Condition> was = previous == null ? List.of() : GatewayRouter.list(previous.getConditions());
            String refProblem = certificateProblem(context, gateway, l);
            List<RouteGroupKind> supported = supportedKinds(l);
            boolean invalidKinds = l.getAllowedRoutes() != null
                    && supported.size() < GatewayRouter.list(l.getAllowedRoutes().getKinds()).size();
            List<Condition> lc = new ArrayList<>();
            if (invalidKinds && List.of("HTTP", "HTTPS").contains(l.getProtocol())) {
                lc.add(condition(was, "Programmed", false, "Invalid", "Listener is invalid, see other Conditions for details.",
                        generation, now));
                lc.add(condition(was, "Accepted", true, "Accepted", "Listener has been successfully translated",
                        generation, now));
                lc.add(condition(was, "ResolvedRefs", false, "InvalidRouteKinds",
                        "Kind is not supported, kind must be one of HTTPRoute, GRPCRoute", generation, now));
            } else if (!List.of("HTTP", "HTTPS").contains(l.getProtocol())) {
                lc.add(condition(was, "Accepted", false, "UnsupportedProtocol", "Protocol " + l.getProtocol()
                        + " is not supported by this model of Envoy Gateway", generation, now));
                lc.add(condition(was, "Programmed", false, "Invalid", "Listener is invalid, see other Conditions for details.",
                        generation, now));
                lc.add(condition(was, "ResolvedRefs", true, "ResolvedRefs", "Listener has been successfully translated",
                        generation, now));
            } else if (refProblem != null) {
                lc.add(condition(was, "Programmed", false, "Invalid", "Listener is invalid, see other Conditions for details.",
                        generation, now));
                lc.add(condition(was, "Accepted", true, "Accepted", "Listener has been successfully translated",
                        generation, now));
                lc.add(condition(was, "ResolvedRefs", false, refProblem.substring(0, refProblem.indexOf(':')),
                        refProblem.substring(refProblem.indexOf(':') + 1), generation, now));
            } else {
                lc.add(condition(was, "Programmed", true, "Programmed",
                        "Sending translated listener configuration to the data plane", generation, now));
                lc.add(condition(was, "Accepted", true, "Accepted", "Listener has been successfully translated",
                        generation, now));
                lc.add(condition(was, "ResolvedRefs", true, "ResolvedRefs", "Listener has been successfully translated",
                        generation, now));
            }
            ListenerStatusBuilder status = new ListenerStatusBuilder().withName(l.getName())
                    .withAttachedRoutes(router.attachedRoutes(gateway, l.getName())).withConditions(lc);
            status.withSupportedKinds(supported);
            listeners.add(status.build());
        }
        GatewayStatus status = new GatewayStatus();
        status.setAddresses(address == null ? null : new ArrayList<>(List.of(new GatewayStatusAddressBuilder()
                .withType("IPAddress").withValue(address).build())));
        status.setConditions(conditions);
        status.setListeners(listeners);
        return status;
    }

    /**
     * The Gateway's {@code Accepted}: a listener that is not accepted (a protocol Envoy Gateway does not serve) makes
     * it {@code ListenersNotValid}, still True while another listener is accepted and False when none is (the
     * GatewayConditionReason doc; GatewayInvalidListenersUnsupportedProtocol). A {@code parametersRef} it cannot
     * resolve makes it False with {@code InvalidParameters}.
     */
    private static Condition gatewayAccepted(List<Condition> before, Gateway gateway, Long generation, String now) {
        var infrastructure = gateway.getSpec().getInfrastructure();
        if (infrastructure != null && infrastructure.getParametersRef() != null) {
            // Envoy Gateway takes only its EnvoyProxy here, and this model has no EnvoyProxy kind: any ref is one
            // it cannot resolve (GatewayInvalidParametersRef).
            var ref = infrastructure.getParametersRef();
            return condition(before, "Accepted", false, "InvalidParameters", "Specified parametersRef "
                    + ref.getGroup() + "/" + ref.getKind() + " " + ref.getName() + " is not supported: only "
                    + "gateway.envoyproxy.io/EnvoyProxy is, and it is not installed", generation, now);
        }
        List<Listener> listeners = GatewayRouter.list(gateway.getSpec().getListeners());
        long unsupported = listeners.stream().filter(l -> !SERVED_PROTOCOLS.contains(l.getProtocol())).count();
        if (unsupported == 0) {
            return condition(before, "Accepted", true, "Accepted", "The Gateway has been scheduled by Envoy Gateway",
                    generation, now);
        }
        boolean someValid = unsupported < listeners.size();
        return condition(before, "Accepted", someValid, "ListenersNotValid", someValid
                ? "Gateway has " + unsupported + " invalid listener(s); the valid ones are accepted"
                : "Gateway has no valid listeners", generation, now);
    }

    private static final List<String> SERVED_PROTOCOLS = List.of("HTTP", "HTTPS");

    /**
     * The route kinds a listener takes: HTTPRoute and GRPCRoute on HTTP and HTTPS unless {@code allowedRoutes.kinds}
     * narrows them; kinds Envoy Gateway does not know are left out (and make the listener's ResolvedRefs False).
     */
    static List<RouteGroupKind> supportedKinds(Listener listener) {
        if (!List.of("HTTP", "HTTPS").contains(listener.getProtocol())) {
            return new ArrayList<>();
        }
        List<RouteGroupKind> asked = listener.getAllowedRoutes() == null ? List.of()
                : GatewayRouter.list(listener.getAllowedRoutes().getKinds());
        List<RouteGroupKind> out = new ArrayList<>();
        if (asked.isEmpty()) {
            out.add(new RouteGroupKindBuilder().withGroup(GatewayRouter.GROUP).withKind("HTTPRoute").build());
            out.add(new RouteGroupKindBuilder().withGroup(GatewayRouter.GROUP).withKind("GRPCRoute").build());
            return out;
        }
        for (RouteGroupKind k : asked) {
            if (GatewayRouter.GROUP.equals(Objects.requireNonNullElse(k.getGroup(), GatewayRouter.GROUP))
                    && List.of("HTTPRoute", "GRPCRoute").contains(k.getKind())) {
                out.add(new RouteGroupKindBuilder().withGroup(GatewayRouter.GROUP).withKind(k.getKind()).build());
            }
        }
        return out;
    }

    /**
     * What is wrong with an HTTPS listener's certificateRefs, as {@code REASON:message}, or null: each must be a core
     * Secret ({@code InvalidCertificateRef}), in another namespace only with a ReferenceGrant from Gateways
     * ({@code RefNotPermitted}), existing and holding a certificate and a key ({@code InvalidCertificateRef}).
     */
    static String certificateProblem(ControllerContext context, Gateway gateway, Listener listener) {
        if (listener.getTls() == null) {
            return null;
        }
        String gatewayNamespace = gateway.getMetadata().getNamespace();
        for (SecretObjectReference ref : GatewayRouter.list(listener.getTls().getCertificateRefs())) {
            String namespace = Objects.requireNonNullElse(ref.getNamespace(), gatewayNamespace);
            String kind = Objects.requireNonNullElse(ref.getKind(), "Secret");
            String group = Objects.requireNonNullElse(ref.getGroup(), "");
            if (!"Secret".equals(kind) || !group.isEmpty()) {
                return "InvalidCertificateRef:Unsupported certificateRef " + (group.isEmpty() ? "" : group + "/") + kind
                        + " " + namespace + "/" + ref.getName() + ": only core Secrets are supported.";
            }
            if (!namespace.equals(gatewayNamespace) && !GatewayRouter.referencePermitted(
                    context.store().listForReading(ReferenceGrant.class, "ReferenceGrant"),
                    new GatewayRouter.Reference("Gateway", gatewayNamespace, new ObjectRef("Secret", namespace,
                            ref.getName())))) {
                return "RefNotPermitted:Certificate ref to secret " + namespace + "/" + ref.getName()
                        + " not permitted by any ReferenceGrant.";
            }
            Secret secret = context.store().getForReading(Secret.class, "Secret", namespace, ref.getName()).orElse(null);
            if (secret == null) {
                return "InvalidCertificateRef:Secret " + namespace + "/" + ref.getName() + " does not exist.";
            }
            if (TlsCertificate.secretBytes(secret, "tls.key").length == 0
                    || TlsCertificate.parse(TlsCertificate.secretBytes(secret, "tls.crt"),
                    new ObjectRef("Secret", namespace, ref.getName())).isEmpty()) {
                return "InvalidCertificateRef:Secret " + namespace + "/" + ref.getName()
                        + " must contain valid tls.crt and tls.key.";
            }
        }
        return null;
    }


    /** A condition, keeping the old {@code lastTransitionTime} when the status did not change. */
    static Condition condition(List<Condition> before, String type, boolean status, String reason, String message,
                               Long generation, String now) {
        String statusText = status ? "True" : "False";
        String since = before.stream().filter(c -> type.equals(c.getType()) && statusText.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).findFirst().orElse(now);
        return new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
