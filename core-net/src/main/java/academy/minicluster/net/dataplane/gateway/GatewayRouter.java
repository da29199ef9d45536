package academy.minicluster.net.dataplane.gateway;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.ingress.IngressPath;
import academy.minicluster.net.wire.Grpc;
import academy.minicluster.net.wire.HttpRequest;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Envoy Gateway's view of the Gateway API objects, compiled once per change (as its translator builds the xDS
 * configuration): which Gateways it owns, which routes attach to which listeners and why (the status conditions),
 * and, per Gateway and port, the virtual hosts and ordered route matches that Envoy walks for a request.
 *
 * <p>Attachment of a route to a Gateway, per {@code parentRefs} entry ({@code apis/v1/shared_types.go},
 * {@code ParentReference}): the listeners named by {@code sectionName} and/or {@code port} (all when neither), else
 * {@code NoMatchingParent}; of those, the ones whose {@code allowedRoutes} admit the route's namespace and kind,
 * else {@code NotAllowedByListeners}; of those, the ones whose hostname intersects the route's, else
 * {@code NoMatchingListenerHostname}. Backends resolve unless their kind is not a core Service ({@code InvalidKind}),
 * they are in another namespace without a ReferenceGrant ({@code RefNotPermitted}), or the Service does not exist
 * ({@code BackendNotFound}).
 *
 * <p>Matching, for a request on a Gateway port: the most specific hostname (exact, then the longest wildcard,
 * then no hostname) picks the virtual host; within it the matches of every attached rule are ordered as
 * {@code HTTPRouteRule} says: Exact path, then the longest PathPrefix, then a method match, then the most header
 * matches, then the most query-param matches, then the oldest route, then namespace/name, then rule and match
 * order. The first match that holds wins; none: 404.
 */
public final class GatewayRouter {

    public static final String GROUP = "gateway.networking.k8s.io";
    public static final String OWNING_GATEWAY_NAME = "gateway.envoyproxy.io/owning-gateway-name";
    public static final String OWNING_GATEWAY_NAMESPACE = "gateway.envoyproxy.io/owning-gateway-namespace";

    private final String controllerName;
    private final Map<String, GatewayClass> classes = new TreeMap<>();
    private final Map<ObjectRef, Gateway> gateways = new TreeMap<>();
    private final Map<ObjectRef, Service> services = new HashMap<>();
    private final Map<String, Namespace> namespaces = new HashMap<>();
    private final List<ReferenceGrant> grants;
    /** Route -> one status per parentRef that names a Gateway this controller owns. */
    private final Map<ObjectRef, List<ParentStatus>> routeStatus = new TreeMap<>();
    /** Gateway -> listener name -> number of routes attached. */
    private final Map<ObjectRef, Map<String, Integer>> attached = new HashMap<>();
    /** Gateway -> port -> virtual hosts, most specific first. */
    private final Map<ObjectRef, Map<Integer, List<VirtualHost>>> tables = new HashMap<>();

    /** How one parentRef of a route fared: {@code Accepted} and {@code ResolvedRefs} with the spec's reasons. */
    public record ParentStatus(ParentReference parentRef, Condition accepted, Condition resolvedRefs) {
    }

    /** A status condition as the controller will write it. */
    public record Condition(String type, boolean status, String reason, String message) {
    }

    /**
     * The routes' rules reachable under one hostname of one listener hostname ("" for none) of one Gateway port. The
     * listener hostname is kept because listeners are isolated: a request belongs to the most specific listener whose
     * hostname matches it, and only the routes attached to that listener may serve it (Listener doc, GEP-1713).
     */
    record VirtualHost(String listenerHostname, String hostname, List<Candidate> candidates) {
    }

    private record VirtualHostKey(String listenerHostname, String hostname) {
    }

    /**
     * One match of one rule of one attached route, in precedence order. {@code route} is an HTTPRoute or the IR of a
     * GRPCRoute ({@link GrpcRouteTranslation}; its kind says which); {@code matchText} is the trace's words for the
     * match as the learner wrote it.
     */
    record Candidate(HTTPRoute route, int ruleIndex, int matchIndex, HTTPRouteRule rule, HTTPRouteMatch match,
                     String listener, List<BackendChoice> backends, String matchText) {
    }

    /** One backendRef of a rule, resolved (a Service) or not (and then why it answers 500). */
    public record BackendChoice(HTTPBackendRef ref, String namespace, int weight, Service service, String problem) {
        public boolean resolved() {
            return problem == null;
        }
    }

    private GatewayRouter(String controllerName, List<ReferenceGrant> grants) {
        this.controllerName = controllerName;
        this.grants = List.copyOf(grants);
    }

    /** Compiles the routing of every Gateway whose class names {@code controllerName}, HTTPRoutes only. */
    public static GatewayRouter of(String controllerName, List<GatewayClass> classes, List<Gateway> gateways,
                                   List<HTTPRoute> routes, List<ReferenceGrant> grants, List<Service> services,
                                   List<Namespace> namespaces) {
        return of(controllerName, classes, gateways, routes, List.of(), grants, services, namespaces);
    }

    /**
     * Compiles the routing of every Gateway whose class names {@code controllerName}. GRPCRoutes join the HTTPRoutes
     * in the same virtual hosts, as Envoy Gateway's IR (a gRPC call is an HTTP/2 POST to {@code /SERVICE/METHOD}).
     */
    public static GatewayRouter of(String controllerName, List<GatewayClass> classes, List<Gateway> gateways,
                                   List<HTTPRoute> httpRoutes, List<GRPCRoute> grpcRoutes, List<ReferenceGrant> grants,
                                   List<Service> services, List<Namespace> namespaces) {
        GatewayRouter router = new GatewayRouter(controllerName, grants);
        List<HTTPRoute> routes = new ArrayList<>(httpRoutes);
        Map<HTTPRoute, List<List<String>>> grpcTexts = new java.util.IdentityHashMap<>();
        for (GRPCRoute g : grpcRoutes) {
            GrpcRouteTranslation.Translated t = GrpcRouteTranslation.translate(g);
            routes.add(t.ir());
            grpcTexts.put(t.ir(), t.matchTexts());
        }
        classes.forEach(c -> router.classes.put(c.getMetadata().getName(), c));
        gateways.forEach(g -> router.gateways.put(ObjectRef.of(g), g));
        services.forEach(s -> router.services.put(ObjectRef.of(s), s));
        namespaces.forEach(n -> router.namespaces.put(n.getMetadata().getName(), n));
        List<HTTPRoute> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparing((HTTPRoute r) -> r.getMetadata().getCreationTimestamp())
                .thenComparing(r -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()));
        Map<ObjectRef, Map<Integer, Map<VirtualHostKey, List<Candidate>>>> hosts = new HashMap<>();
        for (HTTPRoute route : ordered) {
            router.attach(route, grpcTexts.get(route), hosts);
        }
        hosts.forEach((gateway, ports) -> {
            Map<Integer, List<VirtualHost>> byPort = new TreeMap<>();
            ports.forEach((port, vhosts) -> {
                List<VirtualHost> list = new ArrayList<>();
                vhosts.forEach((key, candidates) -> {
                    candidates.sort(PRECEDENCE);
                    list.add(new VirtualHost(key.listenerHostname(), key.hostname(), List.copyOf(candidates)));
                });
                list.sort(Comparator.comparingInt((VirtualHost v) -> -Hostnames.specificity(v.listenerHostname()))
                        .thenComparing(VirtualHost::listenerHostname)
                        .thenComparingInt(v -> -Hostnames.specificity(v.hostname()))
                        .thenComparing(VirtualHost::hostname));
                byPort.put(port, List.copyOf(list));
            });
            router.tables.put(gateway, byPort);
        });
        return router;
    }

    // ---- ownership and status -----------------------------------------------------------------------------------

    /** Whether this controller serves the GatewayClass. */
    public boolean ownsClass(GatewayClass gatewayClass) {
        return gatewayClass.getSpec() != null && controllerName.equals(gatewayClass.getSpec().getControllerName());
    }

    /** Whether this controller serves the Gateway: its class exists and names this controller. */
    public boolean owns(Gateway gateway) {
        GatewayClass c = gateway.getSpec() == null ? null : classes.get(gateway.getSpec().getGatewayClassName());
        return c != null && ownsClass(c);
    }

    /** The routes attached to a listener of a Gateway ({@code status.listeners[].attachedRoutes}). */
    public int attachedRoutes(Gateway gateway, String listener) {
        return attached.getOrDefault(ObjectRef.of(gateway), Map.of()).getOrDefault(listener, 0);
    }

    /** The per-parent status of a route, for the parentRefs that name Gateways this controller owns. */
    public List<ParentStatus> parents(HTTPRoute route) {
        return routeStatus.getOrDefault(ObjectRef.of(route), List.of());
    }

    /** The per-parent status of a GRPCRoute, for the parentRefs that name Gateways this controller owns. */
    public List<ParentStatus> parents(GRPCRoute route) {
        return routeStatus.getOrDefault(new ObjectRef("GRPCRoute", route.getMetadata().getNamespace(),
                route.getMetadata().getName()), List.of());
    }

    /** Whether a request's host (port removed, lower case) is covered by a listener or route hostname. */
    public static boolean hostMatches(String pattern, String host) {
        return Hostnames.matches(pattern, host);
    }

    /** How specific a hostname is: exact beats wildcard, longer beats shorter, none comes last. */
    public static int specificity(String hostname) {
        return Hostnames.specificity(hostname);
    }

    public String controllerName() {
        return controllerName;
    }

    // ---- attachment -----------------------------------------------------------------------------------------------

    /** Attaches a route; {@code grpcTexts} holds a GRPCRoute's match words (null for an HTTPRoute). */
    private void attach(HTTPRoute route, List<List<String>> grpcTexts,
                        Map<ObjectRef, Map<Integer, Map<VirtualHostKey, List<Candidate>>>> hosts) {
        String routeNamespace = route.getMetadata().getNamespace();
        List<ParentStatus> statuses = new ArrayList<>();
        List<List<BackendChoice>> backends = new ArrayList<>();
        Condition resolved = new Condition("ResolvedRefs", true, "ResolvedRefs", "Resolved all the Object references for the Route");
        List<HTTPRouteRule> rules = list(route.getSpec().getRules());
        for (int r = 0; r < rules.size(); r++) {
            List<BackendChoice> choices = new ArrayList<>();
            List<HTTPBackendRef> refs = list(rules.get(r).getBackendRefs());
            for (int b = 0; b < refs.size(); b++) {
                BackendChoice choice = resolve(refs.get(b), route.getKind(), routeNamespace);
                choices.add(choice);
                if (!choice.resolved() && resolved.status()) {
                    resolved = new Condition("ResolvedRefs", false, reasonOf(choice.problem()),
                            "Failed to process route rule " + r + " backendRef " + b + ": " + messageOf(choice.problem()));
                }
            }
            backends.add(choices);
        }
        for (ParentReference ref : list(route.getSpec().getParentRefs())) {
            if (!GROUP.equals(Objects.requireNonNullElse(ref.getGroup(), GROUP))
                    || !"Gateway".equals(Objects.requireNonNullElse(ref.getKind(), "Gateway"))) {
                continue;
            }
            ObjectRef gatewayRef = new ObjectRef("Gateway", Objects.requireNonNullElse(ref.getNamespace(), routeNamespace),
                    ref.getName());
            Gateway gateway = gateways.get(gatewayRef);
            if (gateway == null || !owns(gateway)) {
                continue;   // not a parent this controller serves: it writes no status for it
            }
            List<Listener> listeners = list(gateway.getSpec().getListeners());
            List<Listener> named = listeners.stream()
                    .filter(l -> ref.getSectionName() == null || ref.getSectionName().equals(l.getName()))
                    .filter(l -> ref.getPort() == null || ref.getPort().equals(l.getPort())).toList();
            Condition accepted;
            List<Listener> attachedTo = List.of();
            if (named.isEmpty()) {
                accepted = new Condition("Accepted", false, "NoMatchingParent", "No listeners match this parent ref");
            } else {
                List<Listener> allowed = named.stream().filter(l -> allows(gateway, l, route)).toList();
                if (allowed.isEmpty()) {
                    accepted = new Condition("Accepted", false, "NotAllowedByListeners",
                            "No listeners included by this parent ref allowed this attachment.");
                } else {
                    attachedTo = allowed.stream().filter(l -> !effectiveHostnames(l, route).isEmpty()).toList();
                    accepted = attachedTo.isEmpty()
                            ? new Condition("Accepted", false, "NoMatchingListenerHostname",
                            "There were no hostname intersections between the " + route.getKind()
                            + " and this parent ref's Listener(s).")
                            : new Condition("Accepted", true, "Accepted", "Route is accepted");
                }
            }
            statuses.add(new ParentStatus(ref, accepted, resolved));
            for (Listener l : attachedTo) {
                attached.computeIfAbsent(gatewayRef, k -> new HashMap<>()).merge(l.getName(), 1, Integer::sum);
                for (String hostname : effectiveHostnames(l, route)) {
                    Map<VirtualHostKey, List<Candidate>> vhosts = hosts.computeIfAbsent(gatewayRef, k -> new HashMap<>())
                            .computeIfAbsent(l.getPort(), k -> new LinkedHashMap<>());
                    List<Candidate> candidates = vhosts.computeIfAbsent(
                            new VirtualHostKey(Objects.requireNonNullElse(l.getHostname(), ""), hostname),
                            k -> new ArrayList<>());
                    for (int r = 0; r < rules.size(); r++) {
                        HTTPRouteRule rule = rules.get(r);
                        List<HTTPRouteMatch> matches = list(rule.getMatches());
                        for (int m = 0; m < matches.size(); m++) {
                            String text = grpcTexts == null ? describe(matches.get(m)) : grpcTexts.get(r).get(m);
                            Candidate c = new Candidate(route, r, m, rule, matches.get(m), l.getName(), backends.get(r),
                                    text);
                            if (candidates.stream().noneMatch(x -> x.route() == route && x.ruleIndex() == c.ruleIndex()
                                    && x.matchIndex() == c.matchIndex())) {
                                candidates.add(c);
                            }
                        }
                    }
                }
            }
        }
        if (!statuses.isEmpty()) {
            routeStatus.put(ObjectRef.of(route), List.copyOf(statuses));
        }
    }

    /** {@code allowedRoutes}: the route's namespace ({@code from: Same|All|Selector}) and its kind. */
    private boolean allows(Gateway gateway, Listener listener, HTTPRoute route) {
        var allowed = listener.getAllowedRoutes();
        String from = allowed == null || allowed.getNamespaces() == null || allowed.getNamespaces().getFrom() == null
                ? "Same" : allowed.getNamespaces().getFrom();
        String routeNamespace = route.getMetadata().getNamespace();
        boolean namespaceAllowed = switch (from) {
            case "All" -> true;
            case "Selector" -> {
                Namespace ns = namespaces.get(routeNamespace);
                yield ns != null && allowed.getNamespaces().getSelector() != null
                        && LabelSelectors.matches(allowed.getNamespaces().getSelector(), ns.getMetadata().getLabels());
            }
            default -> routeNamespace.equals(gateway.getMetadata().getNamespace());
        };
        if (!namespaceAllowed) {
            return false;
        }
        List<RouteGroupKind> kinds = allowed == null ? List.of() : list(allowed.getKinds());
        if (kinds.isEmpty()) {
            return List.of("HTTP", "HTTPS").contains(listener.getProtocol());
        }
        return kinds.stream().anyMatch(k -> route.getKind().equals(k.getKind())
                && GROUP.equals(Objects.requireNonNullElse(k.getGroup(), GROUP)));
    }

    /** The hostnames the route serves on the listener ("" for any host); empty when none intersect. */
    private static List<String> effectiveHostnames(Listener listener, HTTPRoute route) {
        List<String> routeHostnames = list(route.getSpec().getHostnames());
        List<String> out = new ArrayList<>();
        if (routeHostnames.isEmpty()) {
            out.add(Objects.requireNonNullElse(listener.getHostname(), ""));
            return out;
        }
        for (String h : routeHostnames) {
            Hostnames.intersection(listener.getHostname(), h).filter(x -> !out.contains(x)).ifPresent(out::add);
        }
        return out;
    }

    private BackendChoice resolve(HTTPBackendRef ref, String routeKind, String routeNamespace) {
        String namespace = Objects.requireNonNullElse(ref.getNamespace(), routeNamespace);
        int weight = Objects.requireNonNullElse(ref.getWeight(), 1);
        String group = Objects.requireNonNullElse(ref.getGroup(), "");
        String kind = Objects.requireNonNullElse(ref.getKind(), "Service");
        if (!group.isEmpty() || !kind.equals("Service")) {
            return new BackendChoice(ref, namespace, weight, null, "InvalidKind:Unsupported kind " + kind
                    + (group.isEmpty() ? "" : "." + group) + " for backendRef " + namespace + "/" + ref.getName());
        }
        if (!namespace.equals(routeNamespace) && !permitted(routeKind, routeNamespace, namespace, ref.getName())) {
            return new BackendChoice(ref, namespace, weight, null, "RefNotPermitted:Backend ref to Service "
                    + namespace + "/" + ref.getName() + " not permitted by any ReferenceGrant.");
        }
        Service service = services.get(new ObjectRef("Service", namespace, ref.getName()));
        if (service == null) {
            return new BackendChoice(ref, namespace, weight, null, "BackendNotFound:Service " + namespace + "/"
                    + ref.getName() + " not found.");
        }
        return new BackendChoice(ref, namespace, weight, service, null);
    }

    /** A ReferenceGrant in the target namespace that lets routes of this kind in {@code from} refer to the Service. */
    private boolean permitted(String routeKind, String from, String namespace, String name) {
        return referencePermitted(grants, new Reference(routeKind, from, new ObjectRef("Service", namespace, name)));
    }

    /**
     * A reference across namespaces that a ReferenceGrant must allow: from objects of {@code fromKind} (group
     * gateway.networking.k8s.io) in {@code fromNamespace} to the core object {@code to}.
     */
    public record Reference(String fromKind, String fromNamespace, ObjectRef to) {
    }

    /**
     * Whether a ReferenceGrant in the namespace of {@code reference.to()} allows the reference: its {@code from} and
     * {@code to} entries must both match (a {@code to} without name covers every object of the kind).
     */
    public static boolean referencePermitted(List<ReferenceGrant> grants, Reference reference) {
        String fromKind = reference.fromKind();
        String fromNamespace = reference.fromNamespace();
        String toKind = reference.to().kind();
        String toNamespace = reference.to().namespace();
        String toName = reference.to().name();
        for (ReferenceGrant grant : grants) {
            if (!toNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
                continue;
            }
            boolean fromOk = false;
            for (ReferenceGrantFrom f : list(grant.getSpec().getFrom())) {
                fromOk |= GROUP.equals(f.getGroup()) && fromKind.equals(f.getKind()) && fromNamespace.equals(f.getNamespace());
            }
            boolean toOk = false;
            for (ReferenceGrantTo t : list(grant.getSpec().getTo())) {
                toOk |= Objects.requireNonNullElse(t.getGroup(), "").isEmpty() && toKind.equals(t.getKind())
                        && (t.getName() == null || t.getName().isEmpty() || t.getName().equals(toName));
            }
            if (fromOk && toOk) {
                return true;
            }
        }
        return false;
    }

    private static String reasonOf(String problem) {
        return problem.substring(0, problem.indexOf(':'));
    }

    static String messageOf(String problem) {
        return problem.substring(problem.indexOf(':') + 1);
    }

    // ---- matching ---------------------------------------------------------------------------------------------------

    /** The precedence of matches across every rule of every route attached to one listener (HTTPRouteRule doc). */
    private static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparingInt((Candidate c) -> pathRank(c.match()))
            .thenComparingInt(c -> -pathLength(c.match()))
            .thenComparingInt(c -> c.match().getMethod() == null ? 1 : 0)
            .thenComparingInt(c -> -list(c.match().getHeaders()).size())
            .thenComparingInt(c -> -list(c.match().getQueryParams()).size())
            .thenComparing(c -> c.route().getMetadata().getCreationTimestamp())
            .thenComparing(c -> c.route().getMetadata().getNamespace() + "/" + c.route().getMetadata().getName())
            .thenComparingInt(Candidate::ruleIndex)
            .thenComparingInt(Candidate::matchIndex);

    private static int pathRank(HTTPRouteMatch match) {
        String type = match.getPath() == null ? "PathPrefix" : match.getPath().getType();
        return switch (Objects.requireNonNullElse(type, "PathPrefix")) {
            case "Exact" -> 0;
            case "RegularExpression" -> 2;
            default -> 1;
        };
    }

    private static int pathLength(HTTPRouteMatch match) {
        return match.getPath() == null ? 1 : Objects.requireNonNullElse(match.getPath().getValue(), "/").length();
    }

    /** What Envoy does with one request on a port of a Gateway. */
    public GatewayRoute route(Gateway gateway, int port, HttpRequest request) {
        ObjectRef gatewayRef = ObjectRef.of(gateway);
        String host = request.hostWithoutPort();
        List<Hop> hops = new ArrayList<>();
        List<VirtualHost> vhosts = tables.getOrDefault(gatewayRef, Map.of()).getOrDefault(port, List.of());
        // The most specific listener hostname that matches picks the listener; its routes alone may serve.
        String listenerHostname = vhosts.stream().map(VirtualHost::listenerHostname)
                .filter(h -> Hostnames.matches(h, host)).findFirst().orElse(null);
        VirtualHost vhost = vhosts.stream().filter(v -> v.listenerHostname().equals(listenerHostname))
                .filter(v -> Hostnames.matches(v.hostname(), host)).findFirst().orElse(null);
        if (vhost == null) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.NOT_FOUND, "Gateway " + gatewayRef.namespace() + "/"
                    + gatewayRef.name() + " port " + port + ": no " + routeKinds(request) + " attached to a listener on this port serves"
                    + " host " + (host.isEmpty() ? "(none)" : host) + ": envoy answers 404", gatewayRef));
            return new GatewayRoute.NotFound(hops);
        }
        String path = request.path();
        for (Candidate c : vhost.candidates()) {
            if (!matches(c.match(), request, path)) {
                continue;
            }
            HTTPRoute route = c.route();
            ObjectRef routeRef = ObjectRef.of(route);
            String why = "Gateway " + gatewayRef.namespace() + "/" + gatewayRef.name() + " listener " + c.listener()
                    + hostPart(vhost.hostname()) + ": " + route.getKind() + " " + routeRef.namespace() + "/"
                    + routeRef.name() + " rule " + (c.ruleIndex() + 1) + " matched: " + c.matchText()
                    + precedenceNote(c, vhost.candidates(), request, path);
            return new GatewayRoute.Matched(route, c.ruleIndex(), c.rule(), c.match(), c.backends(), why,
                    List.of(gatewayRef, routeRef), hops);
        }
        hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.NOT_FOUND, "Gateway " + gatewayRef.namespace() + "/"
                + gatewayRef.name() + " port " + port + ", host " + (vhost.hostname().isEmpty() ? "*" : vhost.hostname())
                + ": no rule of the attached " + routeKinds(request).replace("Route", "Routes") + " matches " + request.method() + " " + request.target()
                + ": envoy answers 404", gatewayRef));
        return new GatewayRoute.NotFound(hops);
    }

    /** The kinds that could have served the request, for the trace: a gRPC call could take either. */
    private static String routeKinds(HttpRequest request) {
        return Grpc.isGrpc(request) ? "GRPCRoute or HTTPRoute" : "HTTPRoute";
    }

    private static String hostPart(String hostname) {
        return hostname.isEmpty() ? "" : " (host " + hostname + ")";
    }

    /** Why this match and not another that also holds: the first precedence criterion that decided. */
    private static String precedenceNote(Candidate winner, List<Candidate> all, HttpRequest request, String path) {
        for (Candidate other : all) {
            if (other == winner || !matches(other.match(), request, path)) {
                continue;
            }
            boolean grpc = "GRPCRoute".equals(winner.route().getKind());
            if (pathRank(winner.match()) != pathRank(other.match())) {
                return grpc ? " (an Exact service and method win)" : " (Exact path wins over a prefix)";
            }
            if (pathLength(winner.match()) != pathLength(other.match())) {
                return grpc ? " (longest service and method)" : " (longest prefix)";
            }
            if ((winner.match().getMethod() == null) != (other.match().getMethod() == null)) {
                return " (a method match wins)";
            }
            if (list(winner.match().getHeaders()).size() != list(other.match().getHeaders()).size()) {
                return " (most header matches)";
            }
            if (list(winner.match().getQueryParams()).size() != list(other.match().getQueryParams()).size()) {
                return " (most query parameter matches)";
            }
            if (other.route() != winner.route()) {
                return " (oldest route wins a tie)";
            }
            return " (first matching rule)";
        }
        return "";
    }

    static String describe(HTTPRouteMatch match) {
        StringBuilder s = new StringBuilder();
        String type = match.getPath() == null ? "PathPrefix" : Objects.requireNonNullElse(match.getPath().getType(), "PathPrefix");
        String value = match.getPath() == null ? "/" : Objects.requireNonNullElse(match.getPath().getValue(), "/");
        s.append(type).append(' ').append(value);
        if (match.getMethod() != null) {
            s.append(", method ").append(match.getMethod());
        }
        for (HTTPHeaderMatch h : list(match.getHeaders())) {
            s.append(", header ").append(h.getName()).append(
                    "RegularExpression".equals(h.getType()) ? " ~ " : ": ").append(h.getValue());
        }
        for (HTTPQueryParamMatch q : list(match.getQueryParams())) {
            s.append(", query ").append(q.getName()).append(
                    "RegularExpression".equals(q.getType()) ? " ~ " : "=").append(q.getValue());
        }
        return s.toString();
    }

    static boolean matches(HTTPRouteMatch match, HttpRequest request, String path) {
        if (!pathMatches(match, path)) {
            return false;
        }
        if (match.getMethod() != null && !match.getMethod().equals(request.method())) {
            return false;
        }
        for (HTTPHeaderMatch h : firstOfEachName(list(match.getHeaders()))) {
            String actual = request.header(h.getName());
            if (actual == null || !valueMatches(h.getType(), h.getValue(), actual)) {
                return false;
            }
        }
        if (!list(match.getQueryParams()).isEmpty()) {
            Map<String, String> query = query(request.query());
            for (HTTPQueryParamMatch q : list(match.getQueryParams())) {
                String actual = query.get(q.getName());
                if (actual == null || !valueMatches(q.getType(), q.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** "If multiple entries specify equivalent header names, only the first entry with an equivalent name MUST be considered." */
    private static List<HTTPHeaderMatch> firstOfEachName(List<HTTPHeaderMatch> headers) {
        List<HTTPHeaderMatch> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (HTTPHeaderMatch h : headers) {
            String key = h.getName().toLowerCase(java.util.Locale.ROOT);
            if (!seen.contains(key)) {
                seen.add(key);
                out.add(h);
            }
        }
        return out;
    }

    private static boolean pathMatches(HTTPRouteMatch match, String path) {
        if (match.getPath() == null) {
            return true;
        }
        String type = Objects.requireNonNullElse(match.getPath().getType(), "PathPrefix");
        String value = Objects.requireNonNullElse(match.getPath().getValue(), "/");
        return switch (type) {
            case "Exact" -> path.equals(value);
            case "RegularExpression" -> regex(value).map(p -> p.matches(path)).orElse(false);
            default -> IngressPath.prefix(value).matches(path);
        };
    }

    private static boolean valueMatches(String type, String expected, String actual) {
        if ("RegularExpression".equals(type)) {
            return regex(expected).map(p -> p.matches(actual)).orElse(false);
        }
        return expected.equals(actual);
    }

    /** A user's expression, compiled by RE2/J (linear time); one that does not compile matches nothing. */
    private static Optional<Pattern> regex(String expression) {
        try {
            return Optional.of(Pattern.compile(expression));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The first value of each query parameter, decoded ("first occurrence" as Envoy matches it). */
    private static Map<String, String> query(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The filters of a rule of a given type, in order. */
    static List<HTTPRouteFilter> filters(List<HTTPRouteFilter> filters, String type) {
        return list(filters).stream().filter(f -> type.equals(f.getType())).toList();
    }

    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
