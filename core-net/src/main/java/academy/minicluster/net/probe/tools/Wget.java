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
 * busybox 1.36 wget ({@code networking/wget.c}), the wget of busybox images and the one modelled everywhere:
 * {@code -q}, {@code -O FILE} ({@code -O-} for stdout), {@code -T SEC}, {@code -S}, {@code --spider},
 * {@code -U}, {@code --header}, {@code --post-data}. Every failure exits 1 with busybox's wording:
 * {@code bad address 'web'}, {@code can't connect to remote host (10.96.0.12): Connection refused},
 * {@code download timed out} (only with {@code -T}: the default 900 s outlasts the kernel's 127 s SYN timeout,
 * which reads {@code Connection timed out}), {@code server returned error: HTTP/1.1 404 Not Found}.
 *
 * <p>https works with busybox's internal TLS, which checks no certificate and says so on stderr, even with -q.
 */
final class Wget implements ClientTool {

    @Override
    public String name() {
        return "wget";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        boolean quiet = false;
        boolean serverResponse = false;
        boolean spider = false;
        String output = null;
        Integer timeout = null;
        String userAgent = "Wget";
        String postData = null;
        List<String> extraHeaders = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                boolean needsValue = List.of("output-document", "timeout", "user-agent", "header", "post-data",
                        "tries").contains(name);
                if (needsValue && value == null) {
                    if (i + 1 >= argv.size()) {
                        return usage();
                    }
                    value = argv.get(++i);
                }
                switch (name) {
                    case "quiet" -> quiet = true;
                    case "server-response" -> serverResponse = true;
                    case "spider" -> spider = true;
                    case "output-document" -> output = value;
                    case "timeout" -> timeout = parseSeconds(value);
                    case "user-agent" -> userAgent = value;
                    case "header" -> extraHeaders.add(value);
                    case "post-data" -> postData = value;
                    case "tries", "no-check-certificate", "no-cache", "no-verbose" -> { }
                    default -> {
                        return ToolResult.of(1, "", "wget: unrecognized option '" + arg + "'\n" + USAGE);
                    }
                }
                if (timeout != null && timeout < 0) {
                    return ToolResult.of(1, "", "wget: invalid number '" + value + "'\n");
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char flag = arg.charAt(c);
                    if ("OTUtYPo".indexOf(flag) >= 0) {
                        String value = arg.substring(c + 1);
                        if (value.isEmpty()) {
                            if (i + 1 >= argv.size()) {
                                return usage();
                            }
                            value = argv.get(++i);
                        }
                        switch (flag) {
                            case 'O' -> output = value;
                            case 'T' -> {
                                timeout = parseSeconds(value);
                                if (timeout < 0) {
                                    return ToolResult.of(1, "", "wget: invalid number '" + value + "'\n");
                                }
                            }
                            case 'U' -> userAgent = value;
                            default -> { }
                        }
                        break;
                    }
                    switch (flag) {
                        case 'q' -> quiet = true;
                        case 'S' -> serverResponse = true;
                        case 'c' -> { }
                        default -> {
                            return ToolResult.of(1, "", "wget: invalid option -- '" + flag + "'\n" + USAGE);
                        }
                    }
                }
            } else {
                urls.add(arg);
            }
        }
        if (urls.isEmpty()) {
            return usage();
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<Hop> hops = new ArrayList<>();
        Request request = new Request(quiet, serverResponse, spider, output, timeout, userAgent, postData,
                extraHeaders);
        for (String url : urls) {
            int exit = fetch(url, request, net, out, err, hops);
            if (exit != 0) {
                return new ToolResult(exit, out.toString(), err.toString(), hops);
            }
        }
        return new ToolResult(0, out.toString(), err.toString(), hops);
    }

    private static final String USAGE = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
            + "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
            + "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
            + "\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\n"
            + "Retrieve files via HTTP or FTP\n";

    private static ToolResult usage() {
        return ToolResult.of(1, "", USAGE);
    }

    private static int parseSeconds(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Request(boolean quiet, boolean serverResponse, boolean spider, String output, Integer timeout,
                           String userAgent, String postData, List<String> extraHeaders) {
    }

    /**
     * A URL as busybox's parse_url splits it. {@code authority} is the host part as written, port included: busybox
     * sends it as the Host header and prints it in "Connecting to" and "bad address".
     */
    private record Target(boolean https, String authority, String host, int port, String path) {

        static Optional<Target> parse(String url) {
            String rest = url;
            boolean https = false;
            int sep = rest.indexOf("://");
            if (sep >= 0) {
                String scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
                if (scheme.equals("https")) {
                    https = true;
                } else if (!scheme.equals("http")) {
                    return Optional.empty();
                }
                rest = rest.substring(sep + 3);
            }
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            int port = https ? 443 : 80;
            String host = authority;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                try {
                    port = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            return Optional.of(new Target(https, authority, host, port, path));
        }


        /** busybox names the saved file after the last path component, index.html for none. */
        String fileName() {
            String p = path;
            int q = p.indexOf('?');
            if (q >= 0) {
                p = p.substring(0, q);
            }
            String last = p.substring(p.lastIndexOf('/') + 1);
            return last.isEmpty() ? "index.html" : last;
        }
    }

    private int fetch(String url, Request r, NetworkView net, StringBuilder out, StringBuilder err, List<Hop> hops) {
        Optional<Target> parsed = Target.parse(url);
        if (parsed.isEmpty()) {
            err.append("wget: not an http or ftp url: ").append(url).append('\n');
            return 1;
        }
        Target target = parsed.get();
        for (int redirects = 0; redirects < 16; redirects++) {
            if (target.port() < 0 || target.port() > 65535) {
                err.append("wget: bad port spec '").append(target.authority()).append("'\n");
                return 1;
            }
            Resolver.Resolution resolution = Resolver.resolve(target.host(), net);
            hops.addAll(resolution.hops());
            if (!resolution.found()) {
                err.append("wget: bad address '").append(target.authority()).append("'\n");
                return 1;
            }
            String ip = resolution.firstAddress();
            if (!r.quiet()) {
                err.append("Connecting to ").append(target.authority()).append(" (").append(ip).append(':')
                        .append(target.port()).append(")\n");
            }
            Connection conn = net.connect(ip, target.port(), Protocol.TCP);
            hops.addAll(conn.hops());
            switch (conn.outcome()) {
                case ESTABLISHED -> { }
                case REFUSED -> {
                    err.append("wget: can't connect to remote host (").append(ip).append("): Connection refused\n");
                    return 1;
                }
                case NO_ROUTE -> {
                    err.append("wget: can't connect to remote host (").append(ip).append("): No route to host\n");
                    return 1;
                }
                case TIMEOUT -> {
                    if (r.timeout() != null && r.timeout() > 0 && r.timeout() < 127) {
                        err.append("wget: download timed out\n");
                    } else {
                        err.append("wget: can't connect to remote host (").append(ip)
                                .append("): Connection timed out\n");
                    }
                    return 1;
                }
                default -> throw new IllegalStateException("unknown outcome " + conn.outcome());
            }
            Connection channel = conn;
            if (target.https()) {
                err.append("wget: note: TLS certificate validation not implemented\n");
                TlsHandshake tls = conn.startTls(Resolver.isIpv4(target.host()) ? null : target.host());
                if (!tls.established() || tls.http() == null) {
                    err.append("wget: error getting response: Connection reset by peer\n");
                    return 1;
                }
                channel = tls.http();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", target.authority());
            headers.put("User-Agent", r.userAgent());
            headers.put("Connection", "close");
            for (String header : r.extraHeaders()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
            }
            String body = "";
            if (r.postData() != null) {
                body = r.postData();
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                headers.put("Content-Length", String.valueOf(body.length()));
            }
            HttpRequest request = new HttpRequest(r.postData() != null ? "POST" : "GET", "/" + target.path(),
                    headers, body);
            Trace.Mark mark = channel.mark();
            Optional<HttpResponse> answer = channel.http(request);
            // Over TLS the channel's path (handshake included) is not yet in hops; in plain text only the exchange is new.
            hops.addAll(channel != conn ? channel.hops() : channel.hopsSince(mark));
            if (answer.isEmpty()) {
                err.append("wget: error getting response\n");
                return 1;
            }
            HttpResponse response = answer.get();
            String statusLine = "HTTP/1.1 " + response.status()
                    + (response.reason().isEmpty() ? "" : " " + response.reason());
            if (r.serverResponse()) {
                err.append("  ").append(statusLine).append('\n');
                response.headers().forEach((k, v) -> err.append("  ").append(k).append(": ").append(v).append('\n'));
            }
            int status = response.status();
            if (status >= 300 && status <= 308 && status != 304 && status != 305 && status != 306) {
                String location = header(response, "Location");
                if (location.isEmpty()) {
                    break;
                }
                if (location.startsWith("/")) {
                    target = new Target(target.https(), target.authority(), target.host(), target.port(),
                            location.substring(1));
                } else {
                    Optional<Target> next = Target.parse(location);
                    if (next.isEmpty()) {
                        err.append("wget: not an http or ftp url: ").append(location).append('\n');
                        return 1;
                    }
                    target = next.get();
                }
                continue;
            }
            if (!(status >= 200 && status <= 204)) {
                err.append("wget: server returned error: ").append(statusLine).append('\n');
                return 1;
            }
            if (r.spider()) {
                if (!r.quiet()) {
                    err.append("remote file exists\n");
                }
                return 0;
            }
            boolean toStdout = "-".equals(r.output());
            String fileName = r.output() != null ? r.output() : target.fileName();
            String shown = toStdout ? "-" : fileName.substring(fileName.lastIndexOf('/') + 1);
            if (!r.quiet()) {
                err.append(toStdout ? "writing to stdout\n" : "saving to '" + fileName + "'\n");
                err.append(progressBar(shown, response.body().length())).append('\n');
            }
            if (toStdout) {
                out.append(response.body());
            }
            if (!r.quiet()) {
                err.append(toStdout ? "written to stdout\n" : "'" + fileName + "' saved\n");
            }
            return 0;
        }
        err.append("wget: too many redirections\n");
        return 1;
    }

    /** busybox's bar for a finished download on an 80-column line: file, 100%, 32 stars, size, ETA. */
    static String progressBar(String file, long bytes) {
        int unit = 0;
        long size = bytes;
        while (size >= 100000) {
            unit++;
            size >>= 10;
        }
        String name = file.length() > 20 ? file.substring(0, 20) : file;
        return String.format("%-20s%4d%% |%s|%6d%c 0:00:00 ETA", name, 100, "*".repeat(32), size,
                " kMGTPEZY".charAt(unit));
    }

    private static String header(HttpResponse response, String name) {
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return "";
    }
}
