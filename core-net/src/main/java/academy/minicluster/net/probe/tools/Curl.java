package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * curl 8.11.1 (the curlimages/curl and netshoot generation, built with OpenSSL 3): the flags learners use
 * ({@code -s -S -v -i -I -o -w -H -X -d -k -f -L -A --resolve --connect-timeout -m/--max-time}), http and https
 * URLs ({@code --path-as-is} too), and its exit codes and messages: 6 could not resolve, 7 could not connect, 28 timeout, 35 TLS handshake,
 * 52 empty reply, 60 certificate problem, 22 with {@code -f}, 3 bad URL, 2 bad usage.
 *
 * <p>Time in the model is zero: curl's "after N ms" reads {@code after 0 ms}, except for timeouts, which report
 * the timeout that fired: the {@code --connect-timeout} or {@code -m} value, or, with neither, the Linux kernel
 * giving up on the SYN after {@code tcp_syn_retries=6} (127 s; curl's own 300 s default never fires first).
 */
final class Curl implements ClientTool {

    static final String VERSION = "8.11.1";
    static final String USER_AGENT = "curl/" + VERSION;
    /** Linux gives up on an unanswered SYN after 1+2+4+8+16+32+64 s with the default tcp_syn_retries=6. */
    static final long KERNEL_SYN_TIMEOUT_MS = 127_000;

    private static final String TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    private static final String CA_CERT_ERRORMSG = "More details here: https://curl.se/docs/sslcerts.html\n\n"
            + "curl failed to verify the legitimacy of the server and therefore could not\n"
            + "establish a secure connection to it. To learn more about this situation and\n"
            + "how to fix it, please visit the webpage mentioned above.\n";

    private final boolean stdoutIsTty;

    Curl(boolean stdoutIsTty) {
        this.stdoutIsTty = stdoutIsTty;
    }

    @Override
    public String name() {
        return "curl";
    }

    /** The command line, parsed as curl's getparameter does for the options the course uses. */
    static final class Options {
        boolean silent;
        boolean showError;
        boolean verbose;
        boolean include;
        boolean head;
        boolean insecure;
        boolean fail;
        boolean location;
        boolean noProgress;
        /** {@code --path-as-is}: send {@code .} and {@code ..} segments instead of removing them. */
        boolean pathAsIs;
        String output;
        String writeOut;
        String method;
        String data;
        String userAgent = USER_AGENT;
        final List<String> headers = new ArrayList<>();
        final List<String> resolve = new ArrayList<>();
        Long connectTimeoutMs;
        Long maxTimeMs;
        final List<String> urls = new ArrayList<>();
    }

    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        Options o;
        try {
            o = parse(argv);
        } catch (UsageError e) {
            return ToolResult.of(2, "", e.getMessage());
        }
        if (o.urls.isEmpty()) {
            return ToolResult.of(2, "", "curl: no URL specified\n" + TRY_HELP);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<Hop> hops = new ArrayList<>();
        int exit = 0;
        for (String url : o.urls) {
            exit = new Transfer(o, net, out, err, hops).perform(url);
        }
        return new ToolResult(exit, out.toString(), err.toString(), hops);
    }

    static Options parse(List<String> argv) throws UsageError {
        Options o = new Options();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0 && !name.startsWith("resolve")) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (takesValue(longToShort(name))) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageError("curl: option " + arg + ": requires parameter\n" + TRY_HELP);
                        }
                        value = argv.get(++i);
                    }
                }
                apply(o, longToShort(name), value, arg);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char flag = arg.charAt(c);
                    String key = String.valueOf(flag);
                    if (takesValue(key)) {
                        String value = arg.substring(c + 1);
                        if (value.isEmpty()) {
                            if (i + 1 >= argv.size()) {
                                throw new UsageError("curl: option -" + flag + ": requires parameter\n" + TRY_HELP);
                            }
                            value = argv.get(++i);
                        }
                        apply(o, key, value, "-" + flag);
                        break;
                    }
                    apply(o, key, null, "-" + flag);
                }
            } else {
                o.urls.add(arg);
            }
        }
        return o;
    }

    private static String longToShort(String name) {
        return switch (name) {
            case "silent" -> "s";
            case "show-error" -> "S";
            case "verbose" -> "v";
            case "include" -> "i";
            case "head" -> "I";
            case "output" -> "o";
            case "write-out" -> "w";
            case "header" -> "H";
            case "request" -> "X";
            case "data", "data-raw", "data-binary", "data-ascii" -> "d";
            case "insecure" -> "k";
            case "fail" -> "f";
            case "location" -> "L";
            case "max-time" -> "m";
            case "user-agent" -> "A";
            case "ipv4" -> "4";
            case "connect-timeout", "resolve", "http1.1", "no-progress-meter", "path-as-is" -> "--" + name;
            default -> "--" + name + "?";
        };
    }

    private static boolean takesValue(String key) {
        return switch (key) {
            case "o", "w", "H", "X", "d", "m", "A", "--connect-timeout", "--resolve" -> true;
            default -> false;
        };
    }

    private static void apply(Options o, String key, String value, String as) throws UsageError {
        switch (key) {
            case "s" -> o.silent = true;
            case "S" -> o.showError = true;
            case "v" -> o.verbose = true;
            case "i" -> o.include = true;
            case "I" -> o.head = true;
            case "k" -> o.insecure = true;
            case "f" -> o.fail = true;
            case "L" -> o.location = true;
            case "4", "--http1.1" -> { }
            case "--no-progress-meter" -> o.noProgress = true;
            case "--path-as-is" -> o.pathAsIs = true;
            case "o" -> o.output = value;
            case "w" -> o.writeOut = value;
            case "H" -> o.headers.add(value);
            case "X" -> o.method = value;
            case "d" -> o.data = o.data == null ? value : o.data + "&" + value;
            case "A" -> o.userAgent = value;
            case "m" -> o.maxTimeMs = seconds(value, as);
            case "--connect-timeout" -> o.connectTimeoutMs = seconds(value, as);
            case "--resolve" -> o.resolve.add(value);
            default -> throw new UsageError("curl: option " + as + ": is unknown\n" + TRY_HELP);
        }
    }

    private static long seconds(String value, String as) throws UsageError {
        try {
            double s = Double.parseDouble(value);
            if (s < 0) {
                throw new NumberFormatException();
            }
            return Math.round(s * 1000);
        } catch (NumberFormatException e) {
            throw new UsageError("curl: option " + as + ": expected a proper numerical parameter\n" + TRY_HELP);
        }
    }

    /**
     * A URL as curl splits it: scheme, host, port and the request target.
     *
     * @param host      the host, lower-cased, as the model resolves and verifies it
     * @param typedHost the host as written in the URL: curl sends it so in the Host header
     */
    record Url(String scheme, String host, int port, String target, boolean explicitPort, String typedHost) {

        static Url parse(String text) throws CurlError {
            return parse(text, false);
        }

        /**
         * @param pathAsIs {@code --path-as-is}: without it curl removes the path's dot segments (RFC 3986 5.2.4)
         *                 before sending, so {@code /a/../b} is sent as {@code /b}
         */
        static Url parse(String text, boolean pathAsIs) throws CurlError {
            String rest = text;
            String scheme = "http";
            int sep = rest.indexOf("://");
            if (sep >= 0) {
                scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
                rest = rest.substring(sep + 3);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new CurlError(1, "Protocol \"" + scheme + "\" not supported");
                }
            }
            int slash = firstOf(rest, '/', '?', '#');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String target = slash < 0 ? "/" : rest.substring(slash);
            int hash = target.indexOf('#');
            if (hash >= 0) {
                target = target.substring(0, hash);
            }
            if (target.startsWith("?")) {
                target = "/" + target;
            }
            if (target.isEmpty()) {
                target = "/";
            }
            if (!pathAsIs) {
                int q = target.indexOf('?');
                String path = q < 0 ? target : target.substring(0, q);
                target = removeDotSegments(path) + (q < 0 ? "" : target.substring(q));
            }
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            String host = authority;
            int port = scheme.equals("https") ? 443 : 80;
            boolean explicit = false;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                String portText = authority.substring(colon + 1);
                if (!portText.isEmpty()) {
                    try {
                        port = Integer.parseInt(portText);
                        if (port < 0 || port > 65535) {
                            throw new NumberFormatException();
                        }
                        explicit = true;
                    } catch (NumberFormatException e) {
                        throw new CurlError(3,
                                "URL rejected: Port number was not a decimal number between 0 and 65535");
                    }
                }
            }
            if (host.isEmpty()) {
                throw new CurlError(3, "URL rejected: No host part in the URL");
            }
            return new Url(scheme, host.toLowerCase(Locale.ROOT), port, target, explicit, host);
        }

        /**
         * RFC 3986 section 5.2.4, as curl 8.11.1's {@code dedotdotify} applies it to the path (literal dots only:
         * {@code %2E} is left for the server).
         */
        static String removeDotSegments(String path) {
            if (path.length() < 2 || path.indexOf('.') < 0) {
                return path;
            }
            StringBuilder out = new StringBuilder();
            String in = path;
            while (!in.isEmpty()) {
                if (in.startsWith("../")) {
                    in = in.substring(3);
                } else if (in.startsWith("./")) {
                    in = in.substring(2);
                } else if (in.startsWith("/./")) {
                    in = in.substring(2);
                } else if (in.equals("/.")) {
                    in = "/";
                } else if (in.startsWith("/../")) {
                    in = in.substring(3);
                    out.setLength(Math.max(0, out.lastIndexOf("/")));
                } else if (in.equals("/..")) {
                    in = "/";
                    out.setLength(Math.max(0, out.lastIndexOf("/")));
                } else if (in.equals(".") || in.equals("..")) {
                    in = "";
                } else {
                    int next = in.indexOf('/', 1);
                    int end = next < 0 ? in.length() : next;
                    out.append(in, 0, end);
                    in = in.substring(end);
                }
            }
            return out.toString();
        }

        private static int firstOf(String s, char... chars) {
            int best = -1;
            for (char c : chars) {
                int i = s.indexOf(c);
                if (i >= 0 && (best < 0 || i < best)) {
                    best = i;
                }
            }
            return best;
        }

        boolean https() {
            return scheme.equals("https");
        }

        /** The Host header: the host, with the port when it is not the scheme's default. */
        String hostHeader() {
            int standard = https() ? 443 : 80;
            return port == standard ? typedHost : typedHost + ":" + port;
        }

        String text() {
            return scheme + "://" + hostHeader() + target;
        }
    }

    /** A failed transfer: curl's exit code and the message it prints after {@code curl: (N) }. */
    static final class CurlError extends Exception {
        final int code;

        CurlError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** One URL fetched: the state curl keeps while it writes its verbose trace, meter and output. */
    private final class Transfer {
        private final Options o;
        private final NetworkView net;
        private final StringBuilder out;
        private final StringBuilder err;
        private final List<Hop> hops;
        private final CurlProgressMeter meter;
        private String remoteIp = "";
        private int remotePort;
        private String localIp = "";
        private int localPort;
        private int httpCode;
        private String contentType = "";
        private long sizeDownload;
        private String effectiveUrl = "";
        /** Where a redirect not followed (no {@code -L}) points: {@code %{redirect_url}}. */
        private String redirectUrl = "";
        private String scheme = "";
        private String method = "";
        private int connects;

        Transfer(Options o, NetworkView net, StringBuilder out, StringBuilder err, List<Hop> hops) {
            this.o = o;
            this.net = net;
            this.out = out;
            this.err = err;
            this.hops = hops;
            boolean toStdout = o.output == null || o.output.equals("-");
            this.meter = new CurlProgressMeter(err, !o.silent && !o.noProgress && !(toStdout && stdoutIsTty));
        }

        int perform(String text) {
            int exit = 0;
            String message = "";
            try {
                Url url = Url.parse(text, o.pathAsIs);
                for (int redirects = 0; ; redirects++) {
                    Optional<Url> next = fetch(url);
                    if (next.isEmpty()) {
                        break;
                    }
                    if (redirects >= 49) {
                        throw new CurlError(47, "Maximum (50) redirects followed");
                    }
                    url = next.get();
                }
            } catch (CurlError e) {
                exit = e.code;
                message = e.getMessage();
                if (e.code != 1 && e.code != 3) {
                    // The transfer had started: the meter's final update, then the connection closes.
                    meter.done(0, 0);
                    verbose("* Closing connection");
                }
            }
            if (exit != 0 && (!o.silent || o.showError)) {
                err.append("curl: (").append(exit).append(") ").append(message).append('\n');
                if (exit == 60) {
                    err.append(CA_CERT_ERRORMSG);
                }
            }
            if (o.writeOut != null) {
                out.append(writeOut(o.writeOut, exit, message));
            }
            return exit;
        }

        /** Fetches one URL; returns the URL to follow when {@code -L} and the answer is a redirect. */
        private Optional<Url> fetch(Url url) throws CurlError {
            effectiveUrl = url.text();
            scheme = url.scheme();
            for (String entry : o.resolve) {
                String[] parts = entry.split(":", 3);
                if (parts.length == 3) {
                    verbose("* Added " + entry + " to DNS cache");
                }
            }
            meter.start();
            List<String> addresses = resolve(url);
            remotePort = url.port();
            long timeout = effectiveConnectTimeout();
            Connection conn = null;
            String ip = null;
            // curl tries each address in turn when one refuses; a silent one uses up the connect timeout.
            for (String candidate : addresses) {
                ip = candidate;
                remoteIp = ip;
                if (o.verbose) {
                    verbose("*   Trying " + ip + ":" + url.port() + "...");
                }
                conn = net.connect(ip, url.port(), Protocol.TCP);
                connects++;
                if (conn.outcome() == Connection.Outcome.ESTABLISHED) {
                    break;
                }
                hops.addAll(conn.hops());
                if (conn.outcome() == Connection.Outcome.TIMEOUT) {
                    String msg = timeout == KERNEL_SYN_TIMEOUT_MS
                            ? "Failed to connect to " + url.host() + " port " + url.port() + " after "
                            + KERNEL_SYN_TIMEOUT_MS + " ms: Couldn't connect to server"
                            : "Connection timed out after " + timeout + " milliseconds";
                    verbose("* " + msg);
                    throw new CurlError(28, msg);
                }
                setLocal(conn);
                String why = conn.outcome() == Connection.Outcome.REFUSED ? "Connection refused" : "No route to host";
                verbose("* connect to " + ip + " port " + url.port() + " from " + localIp + " port " + localPort
                        + " failed: " + why);
            }
            if (conn.outcome() != Connection.Outcome.ESTABLISHED) {
                String msg = "Failed to connect to " + url.host() + " port " + url.port()
                        + " after 0 ms: Couldn't connect to server";
                verbose("* " + msg);
                throw new CurlError(7, msg);
            }
            setLocal(conn);
            if (o.verbose) {
                verbose("* Connected to " + url.host() + " (" + ip + ") port " + url.port());
            }
            Connection channel = conn;
            if (url.https()) {
                channel = handshake(url, conn);
            } else {
                hops.addAll(conn.hops());
            }
            verbose("* using HTTP/1.x");
            HttpRequest request = request(url);
            method = request.method();
            if (o.verbose) {
                verbose("> " + request.method() + " " + request.target() + " HTTP/1.1");
                request.headers().forEach((k, v) -> verbose("> " + k + ": " + v));
                verbose("> ");
                if (!request.body().isEmpty()) {
                    verbose("* upload completely sent off: " + request.body().length() + " bytes");
                } else {
                    verbose("* Request completely sent off");
                }
            }
            Trace.Mark mark = channel.mark();
            Optional<HttpResponse> answer = channel.http(request);
            hops.addAll(channel.hopsSince(mark));
            if (answer.isEmpty()) {
                verbose("* Empty reply from server");
                throw new CurlError(52, "Empty reply from server");
            }
            HttpResponse response = answer.get();
            httpCode = response.status();
            contentType = headerValue(response.headers(), "Content-Type");
            // The status line and headers: for -v, -i and -I only.
            StringBuilder head = new StringBuilder();
            if (o.verbose || o.head || o.include) {
                head.append("HTTP/1.1 ").append(response.status());
                if (!response.reason().isEmpty()) {
                    head.append(' ').append(response.reason());
                }
                head.append('\n');
                response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
                head.append('\n');
            }
            if (o.verbose) {
                for (String line : head.toString().split("\n")) {
                    verbose("< " + line);
                }
                verbose("< ");
            }
            if (o.fail && response.status() >= 400) {
                String msg = "The requested URL returned error: " + response.status();
                verbose("* " + msg);
                throw new CurlError(22, msg);
            }
            String body = request.method().equals("HEAD") ? "" : response.body();
            sizeDownload = body.length();
            if (o.verbose && !body.isEmpty() && !stdoutIsTty) {
                err.append("{ [").append(body.length()).append(" bytes data]\n");
            }
            if (o.head || o.include) {
                if (o.output == null || o.output.equals("-")) {
                    out.append(head);
                }
            }
            if (o.output == null || o.output.equals("-")) {
                out.append(body);
            }
            meter.done(body.length(), body.length());
            if (o.verbose) {
                verbose("* Connection #0 to host " + url.host() + " left intact");
            }
            String location = headerValue(response.headers(), "Location");
            boolean redirect = response.status() >= 300 && response.status() < 400 && !location.isEmpty();
            redirectUrl = redirect && !o.location ? absolute(url, location) : "";
            if (o.location && redirect) {
                verbose("* Issue another request to this URL: '" + absolute(url, location) + "'");
                return Optional.of(Url.parse(absolute(url, location), o.pathAsIs));
            }
            return Optional.empty();
        }

        private String absolute(Url base, String location) {
            if (location.contains("://")) {
                return location;
            }
            return base.scheme() + "://" + base.hostHeader() + (location.startsWith("/") ? "" : "/") + location;
        }

        private long effectiveConnectTimeout() {
            long timeout = KERNEL_SYN_TIMEOUT_MS;
            if (o.connectTimeoutMs != null && o.connectTimeoutMs > 0) {
                timeout = Math.min(timeout, o.connectTimeoutMs);
            }
            if (o.maxTimeMs != null && o.maxTimeMs > 0) {
                timeout = Math.min(timeout, o.maxTimeMs);
            }
            return timeout;
        }

        /** glibc's default: 5 s per try, 2 tries, for each nameserver of resolv.conf. */
        private long dnsGivesUpAfterMs() {
            return 10_000L * ResolvConf.parse(net.client().resolvConf()).nameserversOrDefault().size();
        }

        private void setLocal(Connection conn) {
            String local = conn.localAddress() == null ? "" : conn.localAddress();
            int colon = local.lastIndexOf(':');
            localIp = colon > 0 ? local.substring(0, colon) : local;
            try {
                localPort = colon > 0 ? Integer.parseInt(local.substring(colon + 1)) : 0;
            } catch (NumberFormatException e) {
                localPort = 0;
            }
        }

        /** The addresses to dial, in order: {@code --resolve}, an IPv4 literal, or the C library's lookup. */
        private List<String> resolve(Url url) throws CurlError {
            for (String entry : o.resolve) {
                String[] parts = entry.split(":", 3);
                if (parts.length == 3 && parts[0].equalsIgnoreCase(url.host())
                        && (parts[1].equals("*") || parts[1].equals(String.valueOf(url.port())))) {
                    verbose("* Hostname " + url.host() + " was found in DNS cache");
                    return List.of(parts[2]);
                }
            }
            if (Resolver.isIpv4(url.host())) {
                return List.of(url.host());
            }
            Resolver.Resolution resolution = Resolver.resolve(url.host(), net);
            hops.addAll(resolution.hops());
            long limit = effectiveConnectTimeout();
            if (resolution.status() == Resolver.Status.TIMEOUT && limit < dnsGivesUpAfterMs()) {
                // The resolver is still waiting on a silent nameserver when curl's own timeout fires.
                String msg = "Resolving timed out after " + limit + " milliseconds";
                verbose("* " + msg);
                throw new CurlError(28, msg);
            }
            if (!resolution.found()) {
                String msg = "Could not resolve host: " + url.host();
                verbose("* " + msg);
                throw new CurlError(6, msg);
            }
            verbose("* Host " + url.host() + ":" + url.port() + " was resolved.");
            verbose("* IPv6: (none)");
            verbose("* IPv4: " + String.join(", ", resolution.addresses()));
            return resolution.addresses();
        }

        /** TLS as curl with OpenSSL does it: SNI for names, then chain and name verification unless -k. */
        private Connection handshake(Url url, Connection conn) throws CurlError {
            boolean literal = Resolver.isIpv4(url.host());
            verbose("* ALPN: curl offers h2,http/1.1");
            verbose("* TLSv1.3 (OUT), TLS handshake, Client hello (1):");
            if (!o.insecure) {
                verbose("*  CAfile: /etc/ssl/certs/ca-certificates.crt");
                verbose("*  CApath: /etc/ssl/certs");
            }
            TlsHandshake tls = conn.startTls(literal ? null : url.host());
            hops.addAll(conn.hops());
            if (!tls.established()) {
                verbose("* " + tls.failure());
                throw new CurlError(35, tls.failure());
            }
            verbose("* TLSv1.3 (IN), TLS handshake, Server hello (2):");
            verbose("* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):");
            verbose("* TLSv1.3 (IN), TLS handshake, Certificate (11):");
            boolean selfSigned = tls.subject().equals(tls.issuer());
            String chainProblem = tls.trustedByDefault() ? ""
                    : selfSigned ? "self-signed certificate" : "unable to get local issuer certificate";
            if (!o.insecure && !chainProblem.isEmpty()) {
                verbose("* TLSv1.3 (OUT), TLS alert, unknown CA (560):");
                String msg = "SSL certificate problem: " + chainProblem;
                verbose("* " + msg);
                throw new CurlError(60, msg);
            }
            verbose("* TLSv1.3 (IN), TLS handshake, CERT verify (15):");
            verbose("* TLSv1.3 (IN), TLS handshake, Finished (20):");
            verbose("* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):");
            verbose("* TLSv1.3 (OUT), TLS handshake, Finished (20):");
            verbose("* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / x25519 / RSASSA-PSS");
            verbose("* ALPN: server accepted http/1.1");
            verbose("* Server certificate:");
            verbose("*  subject: " + tls.subject());
            verbose("*  issuer: " + tls.issuer());
            if (!o.insecure && !tls.covers(url.host())) {
                String msg = "SSL: no alternative certificate subject name matches target host name '"
                        + url.host() + "'";
                verbose("* " + msg);
                throw new CurlError(60, msg);
            }
            if (o.insecure && !chainProblem.isEmpty()) {
                int code = selfSigned ? 18 : 20;
                verbose("*  SSL certificate verify result: " + chainProblem + " (" + code + "), continuing anyway.");
            } else {
                verbose("*  SSL certificate verify ok.");
            }
            Connection channel = tls.http() == null ? conn : tls.http();
            if (channel != conn) {
                List<Hop> inner = channel.hops();
                List<Hop> outer = conn.hops();
                boolean prefix = inner.size() >= outer.size() && inner.subList(0, outer.size()).equals(outer);
                hops.addAll(prefix ? inner.subList(outer.size(), inner.size()) : inner);
            }
            return channel;
        }

        private HttpRequest request(Url url) {
            String verb = o.method != null ? o.method : o.head ? "HEAD" : o.data != null ? "POST" : "GET";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", url.hostHeader());
            headers.put("User-Agent", o.userAgent);
            headers.put("Accept", "*/*");
            for (String header : o.headers) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip();
                String value = header.substring(colon + 1).strip();
                String existing = headers.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                        .orElse(null);
                if (value.isEmpty()) {
                    if (existing != null) {
                        headers.remove(existing);
                    }
                } else if (existing != null) {
                    headers.put(existing, value);
                } else {
                    headers.put(name, value);
                }
            }
            String body = "";
            if (o.data != null) {
                body = o.data;
                headers.put("Content-Length", String.valueOf(body.length()));
                if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
                    headers.put("Content-Type", "application/x-www-form-urlencoded");
                }
            }
            return new HttpRequest(verb, url.target(), headers, body);
        }

        private void verbose(String line) {
            if (o.verbose) {
                err.append(line).append('\n');
            }
        }

        /** {@code -w}: curl's write-out variables, with the values of this transfer. */
        private String writeOut(String format, int exit, String message) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
                    int end = format.indexOf('}', i);
                    if (end > 0) {
                        String variable = format.substring(i + 2, end);
                        String value = variable(variable, exit, message);
                        if (value == null) {
                            err.append("curl: unknown --write-out variable: '").append(variable).append("'\n");
                        } else {
                            s.append(value);
                        }
                        i = end;
                        continue;
                    }
                }
                if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                    s.append('%');
                    i++;
                } else if (c == '\\' && i + 1 < format.length()) {
                    char e = format.charAt(++i);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 't' -> s.append('\t');
                        case 'r' -> s.append('\r');
                        case '\\' -> s.append('\\');
                        default -> s.append('\\').append(e);
                    }
                } else {
                    s.append(c);
                }
            }
            return s.toString();
        }

        private String variable(String name, int exit, String message) {
            return switch (name) {
                case "http_code", "response_code" -> String.format("%03d", httpCode);
                case "remote_ip" -> remoteIp;
                case "remote_port" -> remotePort == 0 ? "" : String.valueOf(remotePort);
                case "local_ip" -> localIp;
                case "local_port" -> localPort == 0 ? "" : String.valueOf(localPort);
                case "time_total", "time_connect", "time_namelookup", "time_appconnect", "time_pretransfer",
                        "time_starttransfer", "time_redirect" -> "0.000000";
                case "size_download" -> String.valueOf(sizeDownload);
                case "url_effective", "url" -> effectiveUrl;
                case "redirect_url" -> redirectUrl;
                case "content_type" -> contentType;
                case "exitcode" -> String.valueOf(exit);
                case "errormsg" -> message;
                case "num_connects" -> String.valueOf(connects);
                case "http_version" -> httpCode == 0 ? "0" : "1.1";
                case "scheme" -> scheme;
                case "method" -> method;
                default -> null;
            };
        }
    }

    private static String headerValue(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return "";
    }
}
