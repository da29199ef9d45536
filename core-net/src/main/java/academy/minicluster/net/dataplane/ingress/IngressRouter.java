package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Hop.Stage;
import academy.minicluster.net.trace.Hop.Verdict;
import academy.minicluster.net.wire.HttpRequest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * ingress-nginx's routing table, compiled from the Ingresses it owns: which Service a request goes to, which
 * certificate a TLS client is shown, and when a plain-HTTP request is redirected to HTTPS.
 *
 * <h2>Which Ingresses</h2>
 * Only those this controller owns ({@link #owns}): {@code spec.ingressClassName} names an IngressClass whose
 * {@code spec.controller} is the controller's name ({@code k8s.io/ingress-nginx}), or, with no
 * {@code ingressClassName}, the legacy annotation {@code kubernetes.io/ingress.class: nginx}. An Ingress with
 * neither is ignored: the API server fills {@code ingressClassName} from the default IngressClass when the Ingress
 * is created ({@link IngressClassDefaults}), so one without is one created when there was no default.
 *
 * <h2>Order across Ingresses</h2>
 * ingress-nginx merges every Ingress into one nginx configuration. It sorts them by
 * {@code metadata.creationTimestamp}, oldest first, then by {@code namespace/name}, and at every conflict the first
 * one wins: the host's server is created by the first Ingress naming it (its defaultBackend, TLS certificate and
 * redirect settings apply), and a path with the same path and pathType in a later Ingress is dropped.
 *
 * <h2>Choosing the server (host)</h2>
 * A precise host equal to the Host header first, then a wildcard host {@code *.foo.com} covering exactly one label,
 * then the catch-all server holding every rule without host. Once a host's server is chosen only its paths count: a
 * request for {@code web.example.com} that matches none of that host's paths does not fall through to rules without
 * host.
 *
 * <h2>Choosing the path</h2>
 * The longest matching path wins; at equal length {@code Exact} beats {@code Prefix}; at full equality the first
 * Ingress in the order above. {@code ImplementationSpecific} is matched like {@code Prefix}, element-wise (real
 * ingress-nginx uses nginx's plain string prefix there: this model makes {@code /foo} not match {@code /foobar}).
 * <p><b>Regex mode.</b> When any Ingress contributing a path to a host has {@code
 * nginx.ingress.kubernetes.io/use-regex: "true"} or a {@code nginx.ingress.kubernetes.io/rewrite-target}, ingress-nginx
 * writes <em>every</em> path of that host, of every pathType, as a case-insensitive regular expression anchored at
 * the start ({@code location ~* "^/path"}), and nginx takes the first that matches in the order ingress-nginx wrote
 * them: longest path first, then reverse lexical order. This model does the same with RE2/J ({@link NginxRegex}:
 * PCRE's syntax checked at admission, matched in linear time); a path that is no valid expression never matches.
 *
 * <h2>When no path matches</h2>
 * The server's default backend answers: for a host's server, the {@code spec.defaultBackend} of the Ingress that
 * created it (the oldest naming the host), if it has one; for the catch-all server, the {@code spec.defaultBackend}
 * of the oldest Ingress that has a defaultBackend and <em>no rules</em> (a defaultBackend of an Ingress that also
 * has rules serves only the hosts that Ingress created, as in ingress-nginx's {@code createServers}). Otherwise the
 * controller answers 404 itself ({@link IngressRoute.NotFound#BODY}).
 *
 * <h2>rewrite-target</h2>
 * nginx's {@code rewrite "(?i)<path>" <target> break;}: the path, as a case-insensitive expression, is searched in
 * the request path; the whole path is replaced by the target with {@code $1..$9} filled from its groups; the query
 * string is kept.
 *
 * <h2>TLS and the HTTPS redirect</h2>
 * A host gets a certificate from the first Ingress (in the order above) that has a rule for it and a {@code tls}
 * section: the Secret of the {@code tls} entry listing the host, else of any entry whose certificate covers the host.
 * If that Secret is missing, holds no parseable {@code tls.crt}, or its certificate does not cover the host, the host
 * is served the fake certificate ({@link TlsCertificate#FAKE}) — and still counts as having TLS. A plain-HTTP request
 * to a host with TLS is answered {@code 308} to {@code https://} unless the chosen path's Ingress says
 * {@code nginx.ingress.kubernetes.io/ssl-redirect: "false"} ({@code ssl-redirect} defaults to true); {@code
 * force-ssl-redirect: "true"} redirects even without TLS. Resource backends are skipped, as ingress-nginx does.
 */
public final class IngressRouter {

    /** The controller name ingress-nginx looks for in {@code IngressClass.spec.controller}. */
    public static final String INGRESS_NGINX = "k8s.io/ingress-nginx";
    /** The value of the legacy {@code kubernetes.io/ingress.class} annotation ingress-nginx answers to. */
    public static final String LEGACY_CLASS = "nginx";
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    public static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    public static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";
    public static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
    public static final String FORCE_SSL_REDIRECT = "nginx.ingress.kubernetes.io/force-ssl-redirect";
    /** ingress-nginx's {@code http-redirect-code} default. */
    public static final int REDIRECT_STATUS = 308;

    private static final String PREFIX = "ingress-nginx: ";

    private final String controllerName;
    private final Map<String, IngressClass> classes;
    private final List<Ingress> owned;
    /** Servers by host (lower-case); the catch-all server under "". Insertion order = creation order. */
    private final Map<String, Server> servers;

    private IngressRouter(String controllerName, Map<String, IngressClass> classes, List<Ingress> owned,
                          Map<String, Server> servers) {
        this.controllerName = controllerName;
        this.classes = classes;
        this.owned = owned;
        this.servers = servers;
    }

    /**
     * Compiles the routing table of the controller named {@code controllerName} from the cluster's objects.
     *
     * @param tlsSecrets the Secrets the Ingresses' {@code tls} entries may name (others are ignored)
     */
    public static IngressRouter of(Collection<Ingress> ingresses, Collection<IngressClass> classes,
                                   Collection<Secret> tlsSecrets, String controllerName) {
        Objects.requireNonNull(controllerName, "controllerName");
        Map<String, IngressClass> classByName = new LinkedHashMap<>();
        for (IngressClass c : classes) {
            classByName.put(c.getMetadata().getName(), c);
        }
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Secret s : tlsSecrets) {
            secrets.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s);
        }
        List<Ingress> owned = ingresses.stream()
                .filter(i -> owns(i, classByName, controllerName))
                .sorted(MERGE_ORDER)
                .toList();
        Map<String, Server> servers = Compiler.compile(owned, secrets);
        return new IngressRouter(controllerName, Map.copyOf(classByName), owned, servers);
    }

    /** ingress-nginx's merge order: oldest creationTimestamp first, then namespace/name. */
    static final Comparator<Ingress> MERGE_ORDER = Comparator
            .comparing((Ingress i) -> created(i.getMetadata().getCreationTimestamp()))
            .thenComparing(i -> Objects.requireNonNullElse(i.getMetadata().getNamespace(), ""))
            .thenComparing(i -> i.getMetadata().getName());

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

    /** Whether this controller serves {@code ingress}: by its class, or by the legacy annotation. */
    public boolean owns(Ingress ingress) {
        return owns(ingress, classes, controllerName);
    }

    private static boolean owns(Ingress ingress, Map<String, IngressClass> classes, String controllerName) {
        String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        if (className != null) {
            IngressClass c = classes.get(className);
            return c != null && c.getSpec() != null && controllerName.equals(c.getSpec().getController());
        }
        return LEGACY_CLASS.equals(annotation(ingress, LEGACY_CLASS_ANNOTATION));
    }

    /** The Ingresses this controller serves, in its merge order. */
    public List<Ingress> ownedIngresses() {
        return owned;
    }

    /** A path nginx would refuse to compile (or this model refuses to run), with the Ingress that wrote it. */
    public record RegexRefusal(Ingress ingress, String expression, NginxRegex.Problem problem) {
    }

    /**
     * The first path expression of the generated nginx.conf that fails: the location expressions of every server in
     * regex mode, in the order nginx reads them (servers in creation order, locations as ingress-nginx writes them),
     * then their rewrites. What {@code nginx -t} finds first is what the admission webhook reports.
     */
    public Optional<RegexRefusal> regexRefusal() {
        for (Server server : servers.values()) {
            if (!server.regexMode) {
                continue;
            }
            for (Location l : server.regexOrder) {
                String expression = NginxRegex.locationExpression(l.path.path());
                Optional<NginxRegex.Problem> p = NginxRegex.problem(expression);
                if (p.isPresent()) {
                    return Optional.of(new RegexRefusal(l.ingress, expression, p.get()));
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ routing

    /**
     * Where the controller sends a request.
     *
     * @param host          the Host header (a port and a trailing dot are ignored)
     * @param requestTarget path and query, e.g. {@code /api/v1?x=1}
     * @param tls           whether it came over HTTPS (port 443) rather than plain HTTP (port 80)
     */
    public IngressRoute route(String host, String requestTarget, boolean tls) {
        String target = requestTarget == null || requestTarget.isEmpty() ? "/" : requestTarget;
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String requestHost = HostRule.normalize(host);
        List<Hop> hops = new ArrayList<>();

        Server server = serverFor(requestHost);
        Location location = server.regexMode ? firstRegexMatch(server, path) : longestMatch(server, path);
        if (server.regexMode) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + server.describe() + " uses regular expressions for"
                    + " every path (" + server.regexReason + ")", ref(server.regexCause)));
        }

        Ingress decidingIngress = location != null ? location.ingress : server.defaultBackendIngress != null
                ? server.defaultBackendIngress : server.creator;
        Optional<Redirect> redirect = tls ? Optional.empty() : redirect(decidingIngress, host, requestHost, target);
        if (redirect.isPresent()) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + redirect.get().why + " -> " + REDIRECT_STATUS + " "
                    + redirect.get().location, redirect.get().decidedBy));
            return new IngressRoute.Redirect(REDIRECT_STATUS, redirect.get().location, hops);
        }

        if (location != null) {
            String upstream = location.rewrite(path, query, target);
            String rewritten = upstream.equals(target) ? "" : " (rewrite-target: " + target + " -> " + upstream + ")";
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + location.host + " path " + location.path
                    + " of Ingress " + key(location.ingress) + " -> " + describe(location.service) + rewritten,
                    ref(location.ingress), serviceRef(location.ingress, location.service)));
            return routed(location.ingress, location.host.host(), location.path.path(), location.path.type().apiName(),
                    location.service, upstream, false, hops);
        }

        if (server.defaultBackend != null) {
            String where = server.isCatchAll()
                    ? "no rule of any Ingress matches host " + shown(requestHost) + " path " + path
                    : "no path of host " + server.describe() + " matches " + path;
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + where + " -> defaultBackend of Ingress "
                    + key(server.defaultBackendIngress) + ": " + describe(server.defaultBackend),
                    ref(server.defaultBackendIngress), serviceRef(server.defaultBackendIngress, server.defaultBackend)));
            return routed(server.defaultBackendIngress, server.isCatchAll() ? "" : server.host, "", "",
                    server.defaultBackend, target, true, hops);
        }

        String reason = server.isCatchAll()
                ? "no rule of any Ingress matches host " + shown(requestHost) + " path " + path
                + "; no default backend -> 404"
                : "host " + server.describe() + " is served by Ingress " + key(server.creator) + ", but no path of it"
                + " matches " + path + "; no default backend -> 404";
        hops.add(server.isCatchAll()
                ? Hop.stop(Stage.INGRESS, Verdict.NOT_FOUND, PREFIX + reason)
                : Hop.stop(Stage.INGRESS, Verdict.NOT_FOUND, PREFIX + reason, ref(server.creator)));
        return new IngressRoute.NotFound(reason, hops);
    }

    /** {@link #route(String, String, boolean)} for a request as the wire carries it (Host header and target). */
    public IngressRoute route(HttpRequest request, boolean tls) {
        return route(request.header("Host"), request.target(), tls);
    }

    private static IngressRoute.Routed routed(Ingress ingress, String host, String path, String pathType,
                                              IngressServiceBackend service, String upstream, boolean isDefault,
                                              List<Hop> hops) {
        Integer number = service.getPort() == null ? null : service.getPort().getNumber();
        String name = service.getPort() == null ? null : service.getPort().getName();
        boolean byName = name != null && !name.isEmpty();
        return new IngressRoute.Routed(ingress, host, path, pathType, service.getName(),
                ingress.getMetadata().getNamespace(), byName || number == null ? -1 : number,
                byName ? name : null, upstream, isDefault, hops);
    }

    private Server serverFor(String requestHost) {
        if (!requestHost.isEmpty()) {
            Server exact = servers.get(requestHost);
            if (exact != null && !exact.isCatchAll()) {
                return exact;
            }
            for (Server s : servers.values()) {
                if (s.rule.isWildcard() && s.rule.matches(requestHost)) {
                    return s;
                }
            }
        }
        return servers.get("");
    }

    private static Location longestMatch(Server server, String path) {
        Location best = null;
        for (Location l : server.locations) {
            if (!l.path.matches(path)) {
                continue;
            }
            if (best == null || l.path.length() > best.path.length()
                    || l.path.length() == best.path.length() && l.path.isExact() && !best.path.isExact()) {
                best = l;
            }
        }
        return best;
    }

    private static Location firstRegexMatch(Server server, String path) {
        for (Location l : server.regexOrder) {
            if (l.locationRegex != null && l.locationRegex.matcher(path).lookingAt()) {
                return l;
            }
        }
        return null;
    }

    private record Redirect(String location, String why, ObjectRef[] decidedBy) {
    }

    private Optional<Redirect> redirect(Ingress decidingIngress, String rawHost, String requestHost, String target) {
        boolean force = decidingIngress != null && isTrue(annotation(decidingIngress, FORCE_SSL_REDIRECT));
        String sslRedirect = decidingIngress == null ? null : annotation(decidingIngress, SSL_REDIRECT);
        boolean redirectOn = sslRedirect == null || isTrue(sslRedirect);
        Server withCert = certificateServer(requestHost);
        String why;
        ObjectRef[] decidedBy;
        if (force) {
            why = "force-ssl-redirect on Ingress " + key(decidingIngress);
            decidedBy = new ObjectRef[] {ref(decidingIngress)};
        } else if (redirectOn && withCert != null) {
            why = "host " + withCert.describe() + " has TLS (Ingress " + key(withCert.certIngress)
                    + "), ssl-redirect is on";
            decidedBy = new ObjectRef[] {ref(withCert.certIngress)};
        } else {
            return Optional.empty();
        }
        String uri = target;
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);  // preserve-trailing-slash defaults to false
        }
        String redirectHost = rawHost == null ? "" : rawHost.trim();
        int colon = redirectHost.indexOf(':');
        if (colon >= 0 && !redirectHost.startsWith("[")) {
            redirectHost = redirectHost.substring(0, colon);
        }
        if (redirectHost.isEmpty()) {
            redirectHost = requestHost;
        }
        return Optional.of(new Redirect("https://" + redirectHost + uri, why, decidedBy));
    }

    /** The server whose certificate covers {@code host} in ingress-nginx's Lua lookup: exact, then {@code *.rest}. */
    private Server certificateServer(String host) {
        if (host.isEmpty()) {
            return null;
        }
        Server exact = servers.get(host);
        if (exact != null && !exact.isCatchAll() && exact.certificate != null) {
            return exact;
        }
        int dot = host.indexOf('.');
        if (dot > 0) {
            Server wildcard = servers.get("*" + host.substring(dot));
            if (wildcard != null && wildcard.certificate != null) {
                return wildcard;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ TLS

    /**
     * The certificate the controller presents for a TLS ClientHello with this SNI server name (null or empty when the
     * client sent none, as when curl connects to an IP address).
     */
    public TlsCertificate certificateFor(String sniHost) {
        String host = HostRule.normalize(sniHost);
        if (host.isEmpty()) {
            return TlsCertificate.FAKE.withHops(List.of(Hop.pass(Stage.INGRESS, PREFIX
                    + "no SNI server name in the ClientHello -> default certificate"
                    + " (Kubernetes Ingress Controller Fake Certificate)")));
        }
        Server server = certificateServer(host);
        if (server == null) {
            return TlsCertificate.FAKE.withHops(List.of(Hop.pass(Stage.INGRESS, PREFIX + "no Ingress has a tls entry"
                    + " for host " + host + " -> default certificate (Kubernetes Ingress Controller Fake Certificate)")));
        }
        return server.certificate;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static String annotation(Ingress ingress, String name) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    /** Go's {@code strconv.ParseBool} true values, as ingress-nginx parses boolean annotations. */
    static boolean isTrue(String value) {
        return value != null && List.of("1", "t", "T", "TRUE", "true", "True").contains(value.trim());
    }

    static String key(Ingress ingress) {
        return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
    }

    static ObjectRef ref(Ingress ingress) {
        return new ObjectRef("Ingress", ingress.getMetadata().getNamespace(), ingress.getMetadata().getName());
    }

    private static ObjectRef serviceRef(Ingress ingress, IngressServiceBackend service) {
        return new ObjectRef("Service", ingress.getMetadata().getNamespace(), service.getName());
    }

    private static String describe(IngressServiceBackend service) {
        String port = service.getPort() == null ? "?" : service.getPort().getName() != null
                && !service.getPort().getName().isEmpty() ? service.getPort().getName()
                : String.valueOf(service.getPort().getNumber());
        return "Service " + service.getName() + " port " + port;
    }

    private static String shown(String host) {
        return host.isEmpty() ? "(none)" : host;
    }

    // ------------------------------------------------------------------------------------------ compiled table

    /** One nginx {@code location}: a rule's path of one Ingress. */
    private static final class Location {
        final Ingress ingress;
        final HostRule host;
        final IngressPath path;
        final IngressServiceBackend service;
        /** {@code ~* "^path"} when the server is in regex mode; null otherwise or when the path is no expression. */
        Pattern locationRegex;
        /** The rewrite-target of this path's Ingress, when it rewrites (target differs from the path). */
        final String rewriteTarget;
        /** {@code (?i)<path>}, searched in the request path to rewrite it; null when no rewrite or no expression. */
        final Pattern rewritePattern;

        Location(Ingress ingress, HostRule host, IngressPath path, IngressServiceBackend service) {
            this.ingress = ingress;
            this.host = host;
            this.path = path;
            this.service = service;
            String target = annotation(ingress, REWRITE_TARGET);
            this.rewriteTarget = target != null && !target.isEmpty() && !target.equals(path.path()) ? target : null;
            this.rewritePattern = rewriteTarget == null ? null : NginxRegex.compile(path.path()).orElse(null);
        }

        boolean wantsRegex() {
            return rewriteTarget != null || isTrue(annotation(ingress, USE_REGEX));
        }

        /** nginx {@code rewrite "(?i)<path>" <target> break;}; the query string is kept. */
        String rewrite(String requestPath, String query, String original) {
            if (rewritePattern == null) {
                return original;
            }
            Matcher m = rewritePattern.matcher(requestPath);
            if (!m.find()) {
                return original;
            }
            StringBuilder out = new StringBuilder();
            String t = rewriteTarget;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '$' && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1))) {
                    int group = t.charAt(++i) - '0';
                    if (group <= m.groupCount() && m.group(group) != null) {
                        out.append(m.group(group));
                    }
                } else {
                    out.append(c);
                }
            }
            String rewritten = out.toString();
            if (query.isEmpty()) {
                return rewritten;
            }
            if (rewritten.endsWith("?")) {
                return rewritten.substring(0, rewritten.length() - 1);
            }
            return rewritten + (rewritten.contains("?") ? "&" : "?") + query;
        }
    }

    /** One nginx {@code server}: a host (or the catch-all) with its paths, default backend and certificate. */
    private static final class Server {
        final String host;
        final HostRule rule;
        final Ingress creator;
        final List<Location> locations = new ArrayList<>();
        /** The locations in the order nginx tries them in regex mode. */
        final List<Location> regexOrder = new ArrayList<>();
        IngressServiceBackend defaultBackend;
        Ingress defaultBackendIngress;
        boolean regexMode;
        Ingress regexCause;
        String regexReason;
        TlsCertificate certificate;
        Ingress certIngress;

        Server(String host, Ingress creator) {
            this.host = host;
            this.rule = HostRule.of(host);
            this.creator = creator;
        }

        boolean isCatchAll() {
            return host.isEmpty();
        }

        String describe() {
            return isCatchAll() ? "(any, rules without host)" : host;
        }
    }

    /** Builds the servers as ingress-nginx's {@code createServers} and {@code getBackendServers} do. */
    private static final class Compiler {

        static Map<String, Server> compile(List<Ingress> owned, Map<String, Secret> secrets) {
            Map<String, Server> servers = new LinkedHashMap<>();
            servers.put("", new Server("", null));
            for (Ingress ing : owned) {
                IngressServiceBackend defaultBackend = defaultService(ing);
                Server catchAll = servers.get("");
                if (defaultBackend != null && rules(ing).isEmpty() && catchAll.defaultBackend == null) {
                    catchAll.defaultBackend = defaultBackend;
                    catchAll.defaultBackendIngress = ing;
                }
                for (IngressRule rule : rules(ing)) {
                    String host = HostRule.of(rule.getHost()).host();
                    if (!servers.containsKey(host)) {
                        Server server = new Server(host, ing);
                        if (defaultBackend != null) {
                            server.defaultBackend = defaultBackend;
                            server.defaultBackendIngress = ing;
                        }
                        servers.put(host, server);
                    }
                }
            }
            for (Ingress ing : owned) {
                for (IngressRule rule : rules(ing)) {
                    if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                        continue;
                    }
                    Server server = servers.get(HostRule.of(rule.getHost()).host());
                    for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                        IngressPath.PathType type = IngressPath.PathType.fromApiName(p.getPathType());
                        if (type == null || p.getBackend() == null || p.getBackend().getService() == null) {
                            continue;  // invalid, or a resource backend: ingress-nginx skips it
                        }
                        IngressPath path = new IngressPath(type, p.getPath());
                        boolean taken = server.locations.stream().anyMatch(l -> l.path.equals(path));
                        if (!taken) {
                            server.locations.add(new Location(ing, server.rule, path, p.getBackend().getService()));
                        }
                    }
                }
            }
            for (Server server : servers.values()) {
                for (Location l : server.locations) {
                    if (l.wantsRegex() && !server.regexMode) {
                        server.regexMode = true;
                        server.regexCause = l.ingress;
                        server.regexReason = (l.rewriteTarget != null ? "rewrite-target" : "use-regex")
                                + " on Ingress " + key(l.ingress);
                    }
                }
                if (server.regexMode) {
                    // ingress-nginx sorts a server's locations by path descending, then (stably) by length descending:
                    // nginx then tries the regex locations in that order and takes the first match.
                    server.regexOrder.addAll(server.locations);
                    server.regexOrder.sort(Comparator.comparing((Location l) -> l.path.path()).reversed());
                    server.regexOrder.sort(Comparator.comparingInt((Location l) -> l.path.length()).reversed());
                    for (Location l : server.locations) {
                        l.locationRegex = NginxRegex.compile(NginxRegex.locationExpression(l.path.path())).orElse(null);
                    }
                }
            }
            assignCertificates(owned, servers, secrets);
            return servers;
        }

        private static void assignCertificates(List<Ingress> owned, Map<String, Server> servers,
                                               Map<String, Secret> secrets) {
            for (Ingress ing : owned) {
                List<IngressTLS> tls = ing.getSpec() == null || ing.getSpec().getTls() == null
                        ? List.of() : ing.getSpec().getTls();
                for (IngressRule rule : rules(ing)) {
                    Server server = servers.get(HostRule.of(rule.getHost()).host());
                    if (server.isCatchAll() || server.certificate != null || tls.isEmpty()) {
                        continue;
                    }
                    server.certIngress = ing;
                    server.certificate = certificate(server.host, ing, tls, secrets);
                }
            }
        }

        private static TlsCertificate certificate(String host, Ingress ing, List<IngressTLS> tls,
                                                  Map<String, Secret> secrets) {
            String ns = ing.getMetadata().getNamespace();
            String secretName = null;
            for (IngressTLS entry : tls) {
                if (entry.getHosts() != null && entry.getHosts().stream().anyMatch(h -> host.equalsIgnoreCase(h))) {
                    secretName = entry.getSecretName();
                    break;
                }
            }
            if (secretName == null) {
                for (IngressTLS entry : tls) {
                    Optional<TlsCertificate> cert = load(secrets, ns, entry.getSecretName());
                    if (cert.isPresent() && cert.get().covers(host)) {
                        secretName = entry.getSecretName();
                        break;
                    }
                }
            }
            String why = PREFIX + "host " + host + " has TLS from Ingress " + key(ing);
            if (secretName == null || secretName.isEmpty()) {
                return fake(why + ", but no tls entry with a secretName lists it -> default certificate", ing, null);
            }
            ObjectRef secretRef = new ObjectRef("Secret", ns, secretName);
            Secret secret = secrets.get(ns + "/" + secretName);
            if (secret == null) {
                return fake(why + ", but Secret " + ns + "/" + secretName + " does not exist -> default certificate",
                        ing, secretRef);
            }
            if (TlsCertificate.secretBytes(secret, "tls.key").length == 0) {
                return fake(why + ", but Secret " + ns + "/" + secretName + " has no tls.key -> default certificate",
                        ing, secretRef);
            }
            Optional<TlsCertificate> cert = TlsCertificate.parse(TlsCertificate.secretBytes(secret, "tls.crt"), secretRef);
            if (cert.isEmpty()) {
                return fake(why + ", but the tls.crt of Secret " + ns + "/" + secretName
                        + " is not a valid certificate -> default certificate", ing, secretRef);
            }
            if (!cert.get().covers(host)) {
                return fake(why + ", but the certificate in Secret " + ns + "/" + secretName + " (SANs "
                        + cert.get().subjectAltNames() + ") is not valid for " + host + " -> default certificate",
                        ing, secretRef);
            }
            return cert.get().withHops(List.of(Hop.pass(Stage.INGRESS, why + " -> certificate of Secret " + ns + "/"
                    + secretName + " (subject " + cert.get().subject() + ")", ref(ing), secretRef)));
        }

        private static TlsCertificate fake(String why, Ingress ing, ObjectRef secret) {
            List<ObjectRef> refs = secret == null ? List.of(ref(ing)) : List.of(ref(ing), secret);
            return TlsCertificate.FAKE.withHops(List.of(Hop.pass(Stage.INGRESS, why
                    + " (Kubernetes Ingress Controller Fake Certificate)", refs.toArray(ObjectRef[]::new))));
        }

        private static Optional<TlsCertificate> load(Map<String, Secret> secrets, String ns, String name) {
            if (name == null || name.isEmpty()) {
                return Optional.empty();
            }
            Secret secret = secrets.get(ns + "/" + name);
            return secret == null ? Optional.empty()
                    : TlsCertificate.parse(TlsCertificate.secretBytes(secret, "tls.crt"),
                            new ObjectRef("Secret", ns, name));
        }


        private static List<IngressRule> rules(Ingress ing) {
            return ing.getSpec() == null || ing.getSpec().getRules() == null ? List.of() : ing.getSpec().getRules();
        }

        private static IngressServiceBackend defaultService(Ingress ing) {
            IngressBackend b = ing.getSpec() == null ? null : ing.getSpec().getDefaultBackend();
            return b == null ? null : b.getService();
        }
    }
}
