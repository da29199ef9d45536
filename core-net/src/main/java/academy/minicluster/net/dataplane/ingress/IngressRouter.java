package academy.minicluster.net.dataplane.ingress;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Hop.Stage;
import academy.minicluster.net.trace.Hop.Verdict;
import academy.minicluster.net.wire.HttpRequest;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ingress-nginx's routing table, compiled from the Ingresses it owns as controller-v1.13.9 writes nginx.conf, and
 * the request walked through it as nginx walks it: which Service a request goes to, which certificate a TLS client
 * is shown, and when nginx or the controller's Lua answer by themselves (301, 308, 400, 404, the default server's
 * {@code /healthz}).
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
 * {@code metadata.creationTimestamp}, oldest first, and Ingresses created in the same second by
 * {@code namespace/name} <em>descending</em> ({@code sortIngressSlice} in {@code store.go}); at every conflict the
 * first one wins: the host's server is created by the first Ingress naming it (its defaultBackend, TLS certificate
 * and annotations go to the server's {@code location /}), and a path with the same path and pathType in a later
 * Ingress is dropped.
 *
 * <h2>Compiling a server's locations</h2>
 * In ingress-nginx's named steps: {@code createServers} gives every server a {@code location /} for its default
 * backend; {@code getBackendServers} adds every rule's paths ({@code ImplementationSpecific} is read as {@code Prefix},
 * {@code SetDefaultNGINXPathType}), an Ingress's {@code Prefix /} replacing that default location, and sorts them by
 * path descending, then by length descending; {@code updateServerLocations} then writes a {@code Prefix /foo} as two
 * locations, {@code /foo/} and {@code = /foo}, so that {@code /foo} and {@code /foo/...} match and {@code /foobar}
 * does not (a {@code Prefix /foo/} becomes {@code /foo/} and {@code = /foo/}). Paths of an Ingress with
 * {@code use-regex} or a rewrite are left as written.
 *
 * <h2>Regex mode</h2>
 * When any location of a server has {@code nginx.ingress.kubernetes.io/use-regex: "true"} or a
 * {@code rewrite-target} that differs from its path, ingress-nginx writes <em>every</em> location of that host, of
 * every Ingress and pathType, as {@code location ~* "^<path>"}: case-insensitive, anchored only at the start, so an
 * {@code Exact /} matches everything and a {@code Prefix /foo} of another Ingress also matches {@code /foobar}. nginx
 * takes the first expression that matches in the order above. This model runs the expressions with RE2/J
 * ({@link NginxRegex}: PCRE's syntax checked at admission, matched in linear time); a path that is no valid expression
 * never matches (the admission webhook refuses it first).
 *
 * <h2>Choosing the server (host)</h2>
 * A precise host equal to the Host header first, then a wildcard host {@code *.foo.com} covering exactly one label,
 * then the default server {@code _}, which holds every rule without host. Once a host's server is chosen only its
 * locations count: a request for {@code web.example.com} that matches none of that host's paths does not fall
 * through to rules without host. The default server has two locations of the template's own: {@code /healthz}
 * answers 200 and {@code /nginx_status} 403 (its {@code stub_status} allows 127.0.0.1 only).
 *
 * <h2>Choosing the location, as nginx does</h2>
 * nginx first normalises the path ({@link NginxUri}: {@code %XX} decoded, {@code //} merged, dot segments resolved),
 * then ({@code ngx_http_core_find_location}): an exact location equal to the path wins; else a location whose path
 * is the request's path plus {@code /} answers {@code 301} to that path (nginx's {@code auto_redirect} for
 * {@code proxy_pass} locations ending in {@code /}, before any regex and before the HTTPS redirect); else the first
 * matching regular expression; else the longest matching prefix. {@code location /} always exists, so a request
 * always lands somewhere: a location of an Ingress path, or the server's default backend.
 *
 * <h2>What the location does</h2>
 * The controller's Lua (rewrite phase) redirects plain HTTP to HTTPS ({@code 308}) when the location's Ingress says
 * {@code force-ssl-redirect}, or {@code ssl-redirect} (default true) and the host has a certificate; then nginx's
 * {@code rewrite "(?i)<path>" <target> break;} rewrites the normalised path when the Ingress has a
 * {@code rewrite-target}; then the request is proxied: with the target as the client sent it, or the rewritten path
 * (re-escaped) and the query string. A default backend location with no defaultBackend Service answers the
 * controller's 404. Resource backends are skipped, as ingress-nginx does.
 *
 * <h2>TLS</h2>
 * A host gets a certificate from the first Ingress (in the order above) that has a rule for it and a {@code tls}
 * section: the Secret of the {@code tls} entry listing the host, else of any entry whose certificate covers the host.
 * If that Secret is missing, holds no parseable {@code tls.crt}, or its certificate does not cover the host, the host
 * is served the fake certificate ({@link TlsCertificate#FAKE}), and still counts as having TLS.
 */
public final class IngressRouter {

    /** The controller name ingress-nginx looks for in {@code IngressClass.spec.controller}. */
    public static final String INGRESS_NGINX = "k8s.io/ingress-nginx";
    /** The value of the legacy {@code kubernetes.io/ingress.class} annotation ingress-nginx answers to. */
    public static final String LEGACY_CLASS = "nginx";
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    public static final String USE_REGEX = IngressAnnotations.USE_REGEX;
    public static final String REWRITE_TARGET = IngressAnnotations.REWRITE_TARGET;
    public static final String SSL_REDIRECT = IngressAnnotations.SSL_REDIRECT;
    public static final String FORCE_SSL_REDIRECT = IngressAnnotations.FORCE_SSL_REDIRECT;
    public static final String PRESERVE_TRAILING_SLASH = IngressAnnotations.PRESERVE_TRAILING_SLASH;
    /** ingress-nginx's {@code http-redirect-code} default. */
    public static final int REDIRECT_STATUS = 308;
    /** nginx's {@code auto_redirect}: a path without the trailing slash of a {@code proxy_pass} location. */
    public static final int SLASH_REDIRECT_STATUS = 301;
    /** nginx's {@code rewrite} to a replacement starting with {@code http://}, {@code https://} or {@code $scheme}. */
    public static final int REWRITE_REDIRECT_STATUS = 302;
    /** The template's health check location in the default server ({@code $all.HealthzURI}). */
    public static final String HEALTHZ = "/healthz";
    /** The template's {@code stub_status} location in the default server, allowed from 127.0.0.1 only. */
    public static final String NGINX_STATUS = "/nginx_status";

    private static final String PREFIX = "ingress-nginx: ";

    private final String controllerName;
    private final Map<String, IngressClass> classes;
    private final List<Ingress> owned;
    /** Servers by host (lower-case); the default server under "". Insertion order = creation order. */
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

    /**
     * ingress-nginx's merge order ({@code sortIngressSlice}): oldest creationTimestamp first; at an equal timestamp
     * {@code namespace/name} descending, the Go comparison {@code in > jn}.
     */
    static final Comparator<Ingress> MERGE_ORDER = Comparator
            .comparing((Ingress i) -> created(i.getMetadata().getCreationTimestamp()))
            .thenComparing(IngressRouter::key, Comparator.reverseOrder());

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
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations != null && LEGACY_CLASS.equals(annotations.get(LEGACY_CLASS_ANNOTATION));
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
     * regex mode, in the order nginx reads them (servers sorted by name as ingress-nginx writes them, {@code _} for
     * the default server; locations in their order). What {@code nginx -t} finds first is what the admission
     * webhook reports.
     */
    public Optional<RegexRefusal> regexRefusal() {
        List<Server> byName = new ArrayList<>(servers.values());
        byName.sort(Comparator.comparing(Server::serverName));
        for (Server server : byName) {
            if (!server.regexMode()) {
                continue;
            }
            for (Location l : server.locations()) {
                if (l.origin() == Origin.BUILT_IN || l.ingress() == null) {
                    continue;
                }
                String expression = NginxRegex.locationExpression(l.nginxPath());
                Optional<NginxRegex.Problem> p = NginxRegex.problem(expression);
                if (p.isPresent()) {
                    return Optional.of(new RegexRefusal(l.ingress(), expression, p.get()));
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ routing

    /**
     * Where the controller sends a request.
     *
     * @param host          the Host header as the client sent it (nginx compares it lower-cased, without port and
     *                      trailing dot; the HTTPS redirect repeats it as sent)
     * @param requestTarget path and query as the client sent them, e.g. {@code /api/v1?x=1}
     * @param tls           whether it came over HTTPS (port 443) rather than plain HTTP (port 80)
     */
    public IngressRoute route(String host, String requestTarget, boolean tls) {
        List<Hop> hops = new ArrayList<>();
        String requestHost = HostRule.normalize(host);
        NginxUri.Parsed parsed = NginxUri.parse(requestTarget);
        if (parsed instanceof NginxUri.Rejected rejected) {
            String why = "nginx cannot read the request target " + rejected.invalid().requestUri() + " ("
                    + rejected.invalid().why() + ") -> 400 Bad Request";
            hops.add(Hop.stop(Stage.INGRESS, Verdict.ERROR, PREFIX + why));
            return new IngressRoute.Answered(400, why, hops);
        }
        NginxUri uri = ((NginxUri.Valid) parsed).uri();
        String path = uri.path();
        String sentPath = pathAsSent(uri.requestUri());
        if (!sentPath.equals(path)) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "nginx matches the normalised path " + path + " (sent as "
                    + sentPath + ": %XX decoded, // merged, . and .. segments resolved)"));
        }

        Server server = serverFor(requestHost);
        if (server.regexMode()) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + server.describe() + " uses regular expressions for"
                    + " every path (" + server.regexReason() + ")", ref(server.regexCause().ingress())));
        }
        Found found = server.find(path);
        Location location = found.location();
        if (found.slashRedirect()) {
            String to = (tls ? "https://" : "http://") + requestHost + NginxUri.escape(location.nginxPath())
                    + (uri.args().isEmpty() ? "" : "?" + uri.args());
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + server.describe() + " has no location for " + path
                    + " but location " + location.nginxPath() + " (" + location.describe() + ") ends in /: nginx"
                    + " answers " + SLASH_REDIRECT_STATUS + " " + to, location.refs()));
            return new IngressRoute.Redirect(SLASH_REDIRECT_STATUS, to, hops);
        }
        if (location.origin() == Origin.BUILT_IN) {
            return builtIn(location, requestHost, hops);
        }

        Optional<String> rewriteRedirect = rewriteRedirect(location, uri, tls);
        if (rewriteRedirect.isPresent()) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + server.describe() + " path " + location.describe()
                    + ": its rewrite-target is a URL, so nginx redirects -> " + REWRITE_REDIRECT_STATUS + " "
                    + rewriteRedirect.get(), location.refs()));
            return new IngressRoute.Redirect(REWRITE_REDIRECT_STATUS, rewriteRedirect.get(), hops);
        }

        Optional<Redirect> redirect = tls ? Optional.empty() : sslRedirect(location, host, requestHost, uri);
        if (redirect.isPresent()) {
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + redirect.get().why + " -> " + REDIRECT_STATUS + " "
                    + redirect.get().location, redirect.get().decidedBy));
            return new IngressRoute.Redirect(REDIRECT_STATUS, redirect.get().location, hops);
        }

        String upstream = upstreamTarget(location, uri);
        if (location.origin() == Origin.INGRESS_PATH) {
            String rewritten = upstream.equals(uri.requestUri()) ? ""
                    : " (rewrite-target: " + uri.requestUri() + " -> " + upstream + ")";
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + "host " + location.host() + " path " + location.written()
                    + " of Ingress " + key(location.ingress()) + " -> " + describe(location.service()) + rewritten,
                    ref(location.ingress()), serviceRef(location.ingress(), location.service())));
            return routed(location, server, upstream, hops);
        }

        if (location.service() != null) {
            String where = server.isCatchAll()
                    ? "no rule of any Ingress matches host " + shown(requestHost) + " path " + path
                    : "no path of host " + server.describe() + " matches " + path;
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + where + " -> defaultBackend of Ingress "
                    + key(location.ingress()) + ": " + describe(location.service()),
                    ref(location.ingress()), serviceRef(location.ingress(), location.service())));
            return routed(location, server, upstream, hops);
        }

        String reason = server.isCatchAll()
                ? "no rule of any Ingress matches host " + shown(requestHost) + " path " + path
                + "; no default backend -> 404"
                : "host " + server.describe() + " is served by Ingress " + key(server.creator()) + ", but no path of"
                + " it matches " + path + "; no default backend -> 404";
        hops.add(server.isCatchAll()
                ? Hop.stop(Stage.INGRESS, Verdict.NOT_FOUND, PREFIX + reason)
                : Hop.stop(Stage.INGRESS, Verdict.NOT_FOUND, PREFIX + reason, ref(server.creator())));
        return new IngressRoute.NotFound(reason, hops);
    }

    /** {@link #route(String, String, boolean)} for a request as the wire carries it (Host header and target). */
    public IngressRoute route(HttpRequest request, boolean tls) {
        return route(request.header("Host"), request.target(), tls);
    }

    /** The path part of a request target as sent: up to {@code ?} or {@code #}. */
    private static String pathAsSent(String target) {
        int end = target.length();
        int q = target.indexOf('?');
        int h = target.indexOf('#');
        if (q >= 0) {
            end = q;
        }
        if (h >= 0 && h < end) {
            end = h;
        }
        return target.substring(0, end);
    }

    /** The default server's own locations ({@code nginx.tmpl}, {@code if eq $server.Hostname "_"}). */
    private static IngressRoute builtIn(Location location, String requestHost, List<Hop> hops) {
        String server = "host " + shown(requestHost) + " has no server of its own; the default server's location "
                + location.nginxPath();
        if (location.nginxPath().equals(HEALTHZ)) {
            String why = server + " (the controller's health check) answers 200";
            hops.add(Hop.pass(Stage.INGRESS, PREFIX + why));
            return new IngressRoute.Answered(200, why, hops);
        }
        String why = server + " (stub_status) allows 127.0.0.1 only -> 403 Forbidden";
        hops.add(Hop.stop(Stage.INGRESS, Verdict.ERROR, PREFIX + why));
        return new IngressRoute.Answered(403, why, hops);
    }

    /**
     * The backend {@code location} sends the request to: an Ingress path's (its host, path and pathType), or the
     * server's default backend (no path; the host unless the server is the catch-all).
     */
    private static IngressRoute.Routed routed(Location location, Server server, String upstream, List<Hop> hops) {
        boolean isDefault = location.origin() != Origin.INGRESS_PATH;
        Ingress ingress = location.ingress();
        IngressServiceBackend service = location.service();
        String host = !isDefault ? location.host().host() : server.isCatchAll() ? "" : server.host();
        String path = isDefault ? "" : location.written().path();
        String pathType = isDefault ? "" : location.written().type().apiName();
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
                if (s.rule().isWildcard() && s.rule().matches(requestHost)) {
                    return s;
                }
            }
        }
        return servers.get("");
    }

    /**
     * What nginx passes upstream: {@code proxy_pass} without a URI sends the target as the client sent it, unless
     * the location's {@code rewrite "(?i)<path>" <target> break;} changed the path. Then the rewritten path (the
     * normalised path with the target's {@code $1..$9} filled from the expression's groups), re-escaped when the
     * request had {@code %} escapes, and the query string: the target's own followed by the request's, or only the
     * target's when it ends in {@code ?}.
     */
    private static String upstreamTarget(Location location, NginxUri uri) {
        Optional<String> rewritten = rewritten(location, uri);
        return rewritten.isEmpty() || isUrl(rewritten.get()) ? uri.requestUri() : pathAndArgs(rewritten.get(), uri);
    }

    /**
     * A rewrite-target that is a URL ({@code http://}, {@code https://}, {@code $scheme://}) makes nginx's rewrite
     * answer {@code 302} with that URL, the request's query string appended ({@code ?} or {@code &}) unless the
     * target ends in {@code ?}; this happens in the rewrite phase, before the controller's HTTPS redirect.
     */
    private static Optional<String> rewriteRedirect(Location location, NginxUri uri, boolean tls) {
        Optional<String> rewritten = rewritten(location, uri);
        if (rewritten.isEmpty() || !isUrl(rewritten.get())) {
            return Optional.empty();
        }
        String url = rewritten.get();
        if (url.startsWith("$scheme")) {
            url = (tls ? "https" : "http") + url.substring("$scheme".length());
        }
        if (url.endsWith("?")) {
            return Optional.of(url.substring(0, url.length() - 1));
        }
        return Optional.of(uri.args().isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + uri.args());
    }

    private static boolean isUrl(String target) {
        return target.startsWith("http://") || target.startsWith("https://") || target.startsWith("$scheme");
    }

    /** The location's rewrite applied to the normalised path: the target with its groups filled in. */
    private static Optional<String> rewritten(Location location, NginxUri uri) {
        Pattern rewrite = location.rewritePattern();
        if (rewrite == null) {
            return Optional.empty();
        }
        Matcher m = rewrite.matcher(uri.path());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(location.annotations().rewriteTarget().fill(m));
    }

    /** The rewritten path and query as nginx passes them upstream. */
    private static String pathAndArgs(String target, NginxUri uri) {
        String rewritten = target;
        boolean appendArgs = !rewritten.endsWith("?");
        if (!appendArgs) {
            rewritten = rewritten.substring(0, rewritten.length() - 1);
        }
        int q = rewritten.indexOf('?');
        String newPath = q < 0 ? rewritten : rewritten.substring(0, q);
        String own = q < 0 ? "" : rewritten.substring(q + 1);
        String args = !appendArgs ? own : own.isEmpty() ? uri.args() : uri.args().isEmpty() ? own
                : own + "&" + uri.args();
        String sentPath = uri.quoted() ? NginxUri.escape(newPath) : newPath;
        return args.isEmpty() ? sentPath : sentPath + "?" + args;
    }

    private record Redirect(String location, String why, ObjectRef[] decidedBy) {
    }

    /**
     * The controller's Lua ({@code lua_ingress.lua}, rewrite phase): {@code force-ssl-redirect}, or
     * {@code ssl-redirect} and a certificate for the host, sends plain HTTP to {@code https://} with the Host header
     * as sent up to its first {@code :} (case kept) and the request URI as sent, one trailing {@code /} dropped
     * unless {@code preserve-trailing-slash}, {@code :443} added with {@code use-port-in-redirects}.
     */
    private Optional<Redirect> sslRedirect(Location location, String rawHost, String requestHost, NginxUri uri) {
        IngressAnnotations a = location.annotations();
        Server withCert = certificateServer(requestHost);
        String why;
        ObjectRef[] decidedBy;
        if (a.forceSslRedirect()) {
            why = "force-ssl-redirect on Ingress " + key(location.ingress());
            decidedBy = new ObjectRef[] {ref(location.ingress())};
        } else if (a.sslRedirect() && withCert != null) {
            why = "host " + withCert.describe() + " has TLS (Ingress " + key(withCert.certIngress())
                    + "), ssl-redirect is on";
            decidedBy = new ObjectRef[] {ref(withCert.certIngress())};
        } else {
            return Optional.empty();
        }
        String requestUri = uri.requestUri();
        if (!a.preserveTrailingSlash() && requestUri.endsWith("/")) {
            requestUri = requestUri.substring(0, requestUri.length() - 1);
        }
        String redirectHost = rawHost == null ? "" : rawHost;
        int colon = redirectHost.indexOf(':');
        if (colon >= 0) {
            redirectHost = redirectHost.substring(0, colon);  // ngx_re_split(best_http_host, ":")[1]
        }
        if (redirectHost.isEmpty()) {
            redirectHost = requestHost;
        }
        String port = a.usePortInRedirects() ? ":443" : "";
        return Optional.of(new Redirect("https://" + redirectHost + port + requestUri, why, decidedBy));
    }

    /** The server whose certificate covers {@code host} in ingress-nginx's Lua lookup: exact, then {@code *.rest}. */
    private Server certificateServer(String host) {
        if (host.isEmpty()) {
            return null;
        }
        Server exact = servers.get(host);
        if (exact != null && !exact.isCatchAll() && exact.certificate() != null) {
            return exact;
        }
        int dot = host.indexOf('.');
        if (dot > 0) {
            Server wildcard = servers.get("*" + host.substring(dot));
            if (wildcard != null && wildcard.certificate() != null) {
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
        return server.certificate();
    }

    // ------------------------------------------------------------------------------------------ helpers

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

    /** Where a location comes from: a rule's path, the server's {@code location /}, or the template itself. */
    private enum Origin {
        /** A {@code spec.rules[].http.paths[]} entry of an Ingress. */
        INGRESS_PATH,
        /** The server's {@code location /} for its default backend ({@code createServers}). */
        DEFAULT_BACKEND,
        /** {@code /healthz} and {@code /nginx_status}, which the template writes into the default server. */
        BUILT_IN
    }

    /** How nginx.conf writes a location outside regex mode: {@code location = /p} or {@code location /p}. */
    private enum Kind { EXACT, PREFIX }

    /**
     * One nginx {@code location}, as ingress-nginx writes it.
     *
     * @param nginxPath      the location's path in nginx.conf ({@code /foo/} for a {@code Prefix /foo})
     * @param ingress        the Ingress whose path (or default backend) this is; null for the default server's own
     *                       {@code location /} when no Ingress gives it a backend, and for the built-in locations
     * @param written        the path as the Ingress wrote it; null unless {@link Origin#INGRESS_PATH}
     * @param service        the backend Service; null when the controller answers itself (its 404)
     * @param annotations    the annotations of {@code ingress} that the location applies
     * @param regex          {@code ~* "^<path>"} when the server is in regex mode (null when no valid expression)
     * @param rewritePattern {@code (?i)<path>} when the location rewrites (null otherwise)
     */
    private record Location(Origin origin, String nginxPath, Kind kind, Ingress ingress, HostRule host,
                            IngressPath written, IngressServiceBackend service, IngressAnnotations annotations,
                            Pattern regex, Pattern rewritePattern) {

        static Location ofPath(Ingress ingress, HostRule host, IngressPath written, IngressServiceBackend service,
                               IngressAnnotations annotations) {
            Kind kind = written.type() == IngressPath.PathType.EXACT ? Kind.EXACT : Kind.PREFIX;
            return new Location(Origin.INGRESS_PATH, written.path(), kind, ingress, host, written, service,
                    annotations, null, null);
        }

        static Location defaultBackend(Ingress ingress, HostRule host, IngressServiceBackend service,
                                       IngressAnnotations annotations) {
            return new Location(Origin.DEFAULT_BACKEND, "/", Kind.PREFIX, ingress, host, null, service, annotations,
                    null, null);
        }

        static Location builtIn(String path) {
            return new Location(Origin.BUILT_IN, path, Kind.PREFIX, null, HostRule.ANY, null, null,
                    IngressAnnotations.NONE, null, null);
        }

        Location withPath(String path) {
            return new Location(origin, path, kind, ingress, host, written, service, annotations, regex, rewritePattern);
        }

        Location withKind(Kind k) {
            return new Location(origin, nginxPath, k, ingress, host, written, service, annotations, regex,
                    rewritePattern);
        }

        Location compiled(boolean regexMode) {
            Pattern location = regexMode ? NginxRegex.compile(NginxRegex.locationExpression(nginxPath)).orElse(null)
                    : null;
            Pattern rewrite = rewrites() ? NginxRegex.compile(nginxPath).orElse(null) : null;
            return new Location(origin, nginxPath, kind, ingress, host, written, service, annotations, location,
                    rewrite);
        }

        /** ingress-nginx's {@code needsRewrite}: a rewrite-target that differs from the location's path. */
        boolean rewrites() {
            return annotations.rewrites(nginxPath);
        }

        /** What puts the whole server in regex mode ({@code enforceRegexModifier}). */
        boolean wantsRegex() {
            return rewrites() || annotations.useRegex();
        }

        /** {@code Prefix /foo/ of Ingress default/web}, or the default backend's name. */
        String describe() {
            if (origin == Origin.INGRESS_PATH) {
                return written.type().apiName() + " " + written.path() + " of Ingress " + key(ingress);
            }
            return ingress == null ? "the default backend" : "the default backend of Ingress " + key(ingress);
        }

        ObjectRef[] refs() {
            return ingress == null ? new ObjectRef[0] : new ObjectRef[] {ref(ingress)};
        }
    }

    /** The location nginx chose, or the location whose path plus {@code /} is the request's (its 301). */
    private record Found(Location location, boolean slashRedirect) {
    }

    /**
     * One nginx {@code server}: a host (or the default server {@code _}) with its locations in the order
     * ingress-nginx writes them, its mode and its certificate.
     */
    private record Server(String host, HostRule rule, Ingress creator, List<Location> locations, boolean regexMode,
                          Location regexCause, TlsCertificate certificate, Ingress certIngress) {

        boolean isCatchAll() {
            return host.isEmpty();
        }

        String describe() {
            return isCatchAll() ? "(any, rules without host)" : host;
        }

        /** The {@code server_name} ingress-nginx sorts servers by. */
        String serverName() {
            return isCatchAll() ? "_" : host;
        }

        String regexReason() {
            return (regexCause.rewrites() ? "rewrite-target" : "use-regex") + " on Ingress " + key(regexCause.ingress());
        }

        /**
         * {@code ngx_http_core_find_location}: the static locations first (an exact one equal to the path wins at
         * once; a location equal to the path plus {@code /} answers nginx's 301; else the longest prefix is kept),
         * then the regular expressions in order, the first match winning over that prefix. nginx walks a tree of the
         * static locations sorted with {@code /} as the lowest character ({@code ngx_filename_cmp}), so
         * {@code path + "/"} is the first name above {@code path} and the walk always meets it: these three scans
         * give the tree's answers.
         */
        Found find(String path) {
            for (Location l : locations) {
                if (isStatic(l) && l.kind() == Kind.EXACT && l.nginxPath().equals(path)) {
                    return new Found(l, false);
                }
            }
            for (Location l : locations) {
                if (isStatic(l) && l.origin() != Origin.BUILT_IN && l.nginxPath().equals(path + "/")) {
                    return new Found(l, true);  // auto_redirect: every ingress location proxies
                }
            }
            Location prefix = null;
            for (Location l : locations) {
                if (isStatic(l) && l.kind() == Kind.PREFIX && path.startsWith(l.nginxPath())
                        && (prefix == null || l.nginxPath().length() > prefix.nginxPath().length())) {
                    prefix = l;
                }
            }
            if (regexMode) {
                for (Location l : locations) {
                    if (l.regex() != null && l.regex().matcher(path).lookingAt()) {
                        return new Found(l, false);
                    }
                }
            }
            return new Found(prefix != null ? prefix : root(), false);
        }

        /** In regex mode only the template's own locations stay plain prefixes. */
        private boolean isStatic(Location l) {
            return !regexMode || l.origin() == Origin.BUILT_IN;
        }

        /** {@code location /}: every server has one. */
        private Location root() {
            for (Location l : locations) {
                if (l.nginxPath().equals("/") && l.origin() != Origin.BUILT_IN) {
                    return l;
                }
            }
            return locations.get(0);
        }
    }

    /**
     * A server while it is being compiled: its host, the Ingress that created it, and its locations as
     * {@code createServers} and {@code getBackendServers} add them (the one list the compiler writes into).
     */
    private record Draft(String host, Ingress creator, List<Location> locations) {

        Draft(String host, Ingress creator) {
            this(host, creator, new ArrayList<>());
        }

        /**
         * The server as nginx.conf holds it: locations sorted, {@code Prefix} paths split
         * ({@code updateServerLocations}), the mode decided, the template's own locations added to the default
         * server, the expressions compiled, and the certificate {@code assignCertificates} gave its host (null when
         * none).
         */
        Server freeze(ServerCertificate tls) {
            List<Location> sorted = new ArrayList<>(locations);
            sorted.sort(Comparator.comparing(Location::nginxPath).reversed());
            sorted.sort(Comparator.comparingInt((Location l) -> l.nginxPath().length()).reversed());
            List<Location> written = updateServerLocations(sorted);
            Location regexCause = written.stream().filter(Location::wantsRegex).findFirst().orElse(null);
            boolean regexMode = regexCause != null;
            if (host.isEmpty()) {
                written.add(Location.builtIn(HEALTHZ));
                written.add(Location.builtIn(NGINX_STATUS));
            }
            List<Location> compiled = new ArrayList<>();
            for (Location l : written) {
                compiled.add(l.origin() == Origin.BUILT_IN ? l : l.compiled(regexMode));
            }
            if (regexCause != null) {
                regexCause = regexCause.compiled(regexMode);
            }
            return new Server(host, HostRule.of(host), creator, List.copyOf(compiled), regexMode, regexCause,
                    tls == null ? null : tls.certificate(), tls == null ? null : tls.ingress());
        }

        /**
         * ingress-nginx's {@code updateServerLocations}: a {@code Prefix} path other than {@code /}, of an Ingress
         * without use-regex or rewrite, is written as {@code location /path/} followed by {@code location = /path}
         * (no exact one when an {@code Exact} path of the same server already has that path).
         */
        private static List<Location> updateServerLocations(List<Location> sorted) {
            Set<String> exactPaths = new HashSet<>();
            for (Location l : sorted) {
                if (l.kind() == Kind.EXACT) {
                    exactPaths.add(l.nginxPath());
                }
            }
            List<Location> out = new ArrayList<>();
            for (Location l : sorted) {
                if (l.nginxPath().equals("/") || l.kind() != Kind.PREFIX || l.wantsRegex()) {
                    out.add(l);
                    continue;
                }
                String normalized = l.nginxPath().endsWith("/") ? l.nginxPath() : l.nginxPath() + "/";
                out.add(l.withPath(normalized));
                if (!exactPaths.contains(l.nginxPath())) {
                    out.add(l.withKind(Kind.EXACT));
                }
            }
            return out;
        }
    }

    /** The certificate a host's server presents, and the Ingress whose {@code tls} entry gave it. */
    private record ServerCertificate(TlsCertificate certificate, Ingress ingress) {
    }

    /**
     * Builds the servers in ingress-nginx's named steps, each Ingress's annotations parsed once; every step hands
     * what it decided to the next, nothing is kept between compilations.
     */
    private static final class Compiler {

        private Compiler() {
        }

        static Map<String, Server> compile(List<Ingress> owned, Map<String, Secret> secrets) {
            Map<Ingress, IngressAnnotations> annotations = new IdentityHashMap<>();
            for (Ingress ing : owned) {
                annotations.put(ing, IngressAnnotations.of(ing));
            }
            Map<String, Draft> drafts = createServers(owned, annotations);
            addPathLocations(owned, annotations, drafts);
            Map<String, ServerCertificate> certificates = assignCertificates(owned, secrets);
            Map<String, Server> servers = new LinkedHashMap<>();
            drafts.forEach((host, draft) -> servers.put(host, draft.freeze(certificates.get(host))));
            return servers;
        }

        /**
         * {@code createServers}: the default server with its {@code location /} (the defaultBackend of the first
         * Ingress that has one and no rules, else the controller's 404), and a server per host, created by the first
         * Ingress naming it, whose {@code location /} carries that Ingress's defaultBackend and annotations.
         */
        private static Map<String, Draft> createServers(List<Ingress> owned,
                                                        Map<Ingress, IngressAnnotations> annotations) {
            Map<String, Draft> drafts = new LinkedHashMap<>();
            Draft catchAll = new Draft("", null);
            catchAll.locations().add(Location.defaultBackend(null, HostRule.ANY, null, IngressAnnotations.NONE));
            drafts.put("", catchAll);
            for (Ingress ing : owned) {
                IngressServiceBackend defaultBackend = defaultService(ing);
                if (defaultBackend != null && rules(ing).isEmpty() && catchAll.locations().get(0).ingress() == null) {
                    // the redirect and rewrite settings of the default server's location stay unset
                    catchAll.locations().set(0, Location.defaultBackend(ing, HostRule.ANY, defaultBackend,
                            IngressAnnotations.NONE));
                }
                for (IngressRule rule : rules(ing)) {
                    HostRule host = HostRule.of(rule.getHost());
                    if (!drafts.containsKey(host.host())) {
                        Draft server = new Draft(host.host(), ing);
                        server.locations().add(Location.defaultBackend(ing, host, defaultBackend, annotations.get(ing)));
                        drafts.put(host.host(), server);
                    }
                }
            }
            return drafts;
        }

        /**
         * {@code getBackendServers}: every path with a Service backend becomes a location of its host's server; the
         * first Ingress to write a path and pathType keeps it, except that a {@code Prefix /} replaces the server's
         * default {@code location /}. A same path of another type is its own location.
         */
        private static void addPathLocations(List<Ingress> owned, Map<Ingress, IngressAnnotations> annotations,
                                             Map<String, Draft> drafts) {
            for (Ingress ing : owned) {
                for (IngressRule rule : rules(ing)) {
                    if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                        continue;
                    }
                    HostRule host = HostRule.of(rule.getHost());
                    Draft server = drafts.get(host.host());
                    for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                        IngressPath.PathType type = IngressPath.PathType.fromApiName(p.getPathType());
                        if (type == null || p.getBackend() == null || p.getBackend().getService() == null) {
                            continue;  // invalid, or a resource backend: ingress-nginx skips it
                        }
                        Location path = Location.ofPath(ing, host, new IngressPath(type, p.getPath()),
                                p.getBackend().getService(), annotations.get(ing));
                        addLocation(server, path);
                    }
                }
            }
        }

        private static void addLocation(Draft server, Location path) {
            for (int i = 0; i < server.locations().size(); i++) {
                Location existing = server.locations().get(i);
                if (!existing.nginxPath().equals(path.nginxPath())) {
                    continue;
                }
                if (existing.kind() != path.kind()) {
                    break;  // same path, another type: a location of its own
                }
                if (existing.origin() == Origin.DEFAULT_BACKEND) {
                    server.locations().set(i, path);
                }
                return;
            }
            server.locations().add(path);
        }

        /** Each host's certificate: from the first Ingress (in merge order) with {@code tls} that names the host. */
        private static Map<String, ServerCertificate> assignCertificates(List<Ingress> owned,
                                                                         Map<String, Secret> secrets) {
            Map<String, ServerCertificate> certificates = new HashMap<>();
            for (Ingress ing : owned) {
                List<IngressTLS> tls = ing.getSpec() == null || ing.getSpec().getTls() == null
                        ? List.of() : ing.getSpec().getTls();
                for (IngressRule rule : rules(ing)) {
                    String host = HostRule.of(rule.getHost()).host();
                    if (host.isEmpty() || certificates.containsKey(host) || tls.isEmpty()) {
                        continue;
                    }
                    certificates.put(host, new ServerCertificate(certificate(host, ing, tls, secrets), ing));
                }
            }
            return certificates;
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
