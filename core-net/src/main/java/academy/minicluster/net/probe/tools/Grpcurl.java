package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.dns.SearchList;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.Grpc;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * fullstorydev/grpcurl (v1.9): {@code grpcurl [flags] address [list|describe] [symbol]}, with {@code -plaintext},
 * {@code -insecure}, {@code -authority}, {@code -H 'name: value'} (repeatable) and {@code -d '{json}'}. Like the
 * real tool it learns the method's types from the server's reflection service first (v1, then v1alpha), over the
 * same connection and through the same Gateway, so a route that only lets {@code Echo} through also stops the
 * reflection call ({@code server does not support the reflection API}). Its words and exit codes are grpcurl's:
 * 1 for a dial or reflection failure, 2 for a usage error, 64 + the gRPC status code when the RPC fails, after
 * {@code ERROR:\n  Code: Unimplemented\n  Message: ...} on stderr.
 *
 * <p>With {@code -proto FILE} (and {@code -import-path DIR}) the types come from the learner's proto source on
 * the workstation instead of reflection, as the conformance suite's compiled client does: the file's
 * {@code package}, {@code service}/{@code rpc} and {@code message} fields are read (imports are not followed).
 *
 * <p>Not simulated (said so, never pretended): {@code describe}, {@code -v}, {@code -protoset}, streaming methods,
 * {@code -d @} (stdin).
 */
final class Grpcurl implements ClientTool {

    /** grpcurl's {@code statusCodeOffset}: the exit code of a failed RPC is 64 + its status code. */
    static final int STATUS_CODE_OFFSET = 64;
    static final String USER_AGENT = "grpcurl/v1.9.3 grpc-go/1.61.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> files;

    /** @param files the files grpcurl can read ({@code -proto}), by name */
    Grpcurl(Map<String, String> files) {
        this.files = files;
    }

    private static final class Options {
        boolean plaintext;
        boolean insecure;
        String authority;
        final Map<String, String> headers = new LinkedHashMap<>();
        String data;
        final List<String> protos = new ArrayList<>();
        final List<String> importPaths = new ArrayList<>();
        final List<String> args = new ArrayList<>();
    }

    /** A usage error (exit 2) or a failure (exit 1), in grpcurl's words. */
    private static final class Failure extends Exception {
        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** What the reflection service or a proto file told about a service: its methods and their request types. */
    private record ServiceInfo(String name, Map<String, String> methodInputs) {
    }

    /** A proto source read for {@code -proto}: its services and each message's field names (JSON and proto). */
    private record ProtoSource(Map<String, ServiceInfo> services, Map<String, List<String>> messageFields) {
    }

    @Override
    public String name() {
        return "grpcurl";
    }

    @Override
    public ToolResult run(List<String> argv, NetworkView net) {
        List<Hop> hops = new ArrayList<>();
        try {
            Options o = parse(argv);
            return new Call(o, net, hops, o.protos.isEmpty() ? null : protoSource(o)).run();
        } catch (Failure f) {
            String tail = f.exit == 2 ? "Try 'grpcurl -help' for more details.\n" : "";
            return new ToolResult(f.exit, "", f.getMessage() + "\n" + tail, hops);
        }
    }

    /** Go's flag package: flags (one or two dashes) before the first argument, {@code -f value} or {@code -f=value}. */
    private static Options parse(List<String> argv) throws Failure {
        Options o = new Options();
        int i = 1;
        for (; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.equals("--")) {
                i++;
                break;
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "plaintext", "insecure" -> {
                    boolean on = value == null || value.equals("true") || value.equals("1");
                    if (name.equals("plaintext")) {
                        o.plaintext = on;
                    } else {
                        o.insecure = on;
                    }
                }
                case "authority", "H", "d", "proto", "import-path" -> {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new Failure(2, "flag needs an argument: -" + name);
                        }
                        value = argv.get(++i);
                    }
                    switch (name) {
                        case "authority" -> o.authority = value;
                        case "d" -> o.data = value;
                        case "proto" -> o.protos.add(value);
                        case "import-path" -> o.importPaths.add(value);
                        default -> {
                            int colon = value.indexOf(':');
                            String key = (colon < 0 ? value : value.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
                            String v = colon < 0 ? "" : value.substring(colon + 1).trim();
                            o.headers.merge(key, v, (x, y) -> x + "," + y);
                        }
                    }
                }
                case "v", "vv", "protoset", "describe", "format", "emit-defaults",
                        "rpc-header", "reflect-header", "cacert", "cert", "key", "max-time", "connect-timeout",
                        "keepalive-time", "servername", "use-reflection", "unix", "allow-unknown-fields" ->
                        throw new Failure(2, "minicluster: grpcurl -" + name + " is not simulated; simulated flags: "
                                + "-plaintext, -insecure, -authority, -H, -d, -proto, -import-path");
                default -> throw new Failure(2, "flag provided but not defined: -" + name);
            }
        }
        o.args.addAll(argv.subList(Math.min(i, argv.size()), argv.size()));
        if (o.plaintext && o.insecure) {
            throw new Failure(2, "The -plaintext and -insecure arguments are mutually exclusive.");
        }
        if (o.args.isEmpty()) {
            throw new Failure(2, "Too few arguments.");
        }
        return o;
    }

    /** Reads the {@code -proto} files (looked up in each {@code -import-path}, then as given). */
    private ProtoSource protoSource(Options o) throws Failure {
        Map<String, ServiceInfo> services = new LinkedHashMap<>();
        Map<String, List<String>> messages = new LinkedHashMap<>();
        for (String name : o.protos) {
            String text = null;
            List<String> candidates = new ArrayList<>();
            for (String dir : o.importPaths) {
                candidates.add(dir.endsWith("/") ? dir + name : dir + "/" + name);
            }
            candidates.add(name);
            for (String c : candidates) {
                String key = c.startsWith("./") ? c.substring(2) : c;
                if (files.containsKey(key)) {
                    text = files.get(key);
                    break;
                }
            }
            if (text == null) {
                throw new Failure(1, "Failed to process proto source files.: could not parse given files: open "
                        + candidates.get(0) + ": no such file or directory");
            }
            parseProto(text, services, messages);
        }
        return new ProtoSource(services, messages);
    }

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final java.util.regex.Pattern BLOCK =
            java.util.regex.Pattern.compile("\\b(service|message)\\s+(\\w+)\\s*\\{");
    private static final java.util.regex.Pattern RPC = java.util.regex.Pattern.compile(
            "\\brpc\\s+(\\w+)\\s*\\(\\s*(stream\\s+)?([\\w.]+)\\s*\\)");
    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "(?:repeated\\s+|optional\\s+)?[\\w.]+\\s+(\\w+)\\s*=\\s*\\d+");

    /** The services, rpcs and flat messages of a proto source (comments removed; nested messages not read). */
    private static void parseProto(String text, Map<String, ServiceInfo> services, Map<String, List<String>> messages) {
        String src = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        java.util.regex.Matcher p = PACKAGE.matcher(src);
        String pkg = p.find() ? p.group(1) + "." : "";
        java.util.regex.Matcher b = BLOCK.matcher(src);
        while (b.find()) {
            String full = pkg + b.group(2);
            int depth = 1;
            int end = b.end();
            while (end < src.length() && depth > 0) {
                char c = src.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            String body = src.substring(b.end(), Math.max(b.end(), end - 1));
            if (b.group(1).equals("service")) {
                Map<String, String> methods = new LinkedHashMap<>();
                java.util.regex.Matcher r = RPC.matcher(body);
                while (r.find()) {
                    String in = r.group(3);
                    methods.put(r.group(1), in.contains(".") ? in : pkg + in);
                }
                services.put(full, new ServiceInfo(full, methods));
            } else {
                List<String> fields = new ArrayList<>();
                java.util.regex.Matcher f = FIELD.matcher(body);
                while (f.find()) {
                    fields.add(f.group(1));
                    fields.add(camel(f.group(1)));
                }
                messages.put(full, fields);
            }
        }
    }

    private static String camel(String name) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return s.toString();
    }

    /** One run: dial, then list or invoke. */
    private static final class Call {
        private final Options o;
        private final NetworkView net;
        private final List<Hop> hops;
        private final String target;
        private final ProtoSource protos;
        private Connection channel;

        Call(Options o, NetworkView net, List<Hop> hops, ProtoSource protos) {
            this.o = o;
            this.net = net;
            this.hops = hops;
            this.target = o.args.get(0);
            this.protos = protos;
        }

        ToolResult run() throws Failure {
            List<String> rest = o.args.subList(1, o.args.size());
            String verb = rest.isEmpty() ? "" : rest.get(0);
            if (verb.equals("describe")) {
                throw new Failure(2, "minicluster: grpcurl describe is not simulated; simulated: list, list SERVICE, "
                        + "and invoking SERVICE/METHOD");
            }
            if (verb.equals("list")) {
                if (rest.size() > 2) {
                    throw new Failure(2, "Too many arguments.");
                }
                dial();
                return list(rest.size() == 2 ? rest.get(1) : null);
            }
            if (rest.isEmpty()) {
                throw new Failure(2, "Too few arguments.");
            }
            if (rest.size() > 1) {
                throw new Failure(2, "Too many arguments.");
            }
            String symbol = rest.get(0);
            dial();
            return invoke(symbol);
        }

        private void dial() throws Failure {
            int colon = target.lastIndexOf(':');
            String host = colon < 0 ? target : target.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Failure(1, "Failed to dial target host \"" + target + "\": dial tcp: lookup tcp/"
                        + target.substring(colon + 1) + ": unknown port");
            }
            String ip = host;
            if (!Resolver.isIpv4(host)) {
                // agnhost and grpcurl are Go programs: Go's own resolver walks the search list as glibc does.
                Resolver.Resolution r = Resolver.resolve(host, net, SearchList.Resolver.GLIBC);
                hops.addAll(r.hops());
                if (!r.found()) {
                    String why = r.status() == Resolver.Status.TIMEOUT ? "i/o timeout" : "no such host";
                    throw new Failure(1, "Failed to dial target host \"" + target + "\": dial tcp: lookup " + host
                            + (r.server() == null || r.server().isEmpty() ? "" : " on " + r.server() + ":53")
                            + ": " + why);
                }
                ip = r.firstAddress();
            }
            Connection conn = net.connect(ip, port, Protocol.TCP);
            hops.addAll(conn.hops());
            switch (conn.outcome()) {
                case ESTABLISHED -> { }
                case REFUSED -> throw new Failure(1, "Failed to dial target host \"" + target + "\": dial tcp " + ip
                        + ":" + port + ": connect: connection refused");
                case NO_ROUTE -> throw new Failure(1, "Failed to dial target host \"" + target + "\": dial tcp " + ip
                        + ":" + port + ": connect: no route to host");
                // -connect-timeout defaults to 10 s: the blocking dial gives up with the context.
                case TIMEOUT -> throw new Failure(1, "Failed to dial target host \"" + target
                        + "\": context deadline exceeded");
            }
            channel = conn;
            if (!o.plaintext) {
                int before = conn.hops().size();
                TlsHandshake tls = conn.startTls(Resolver.isIpv4(host) ? null : host);
                hops.addAll(conn.hops().subList(Math.min(before, conn.hops().size()), conn.hops().size()));
                if (!tls.established()) {
                    throw new Failure(1, "Failed to dial target host \"" + target
                            + "\": tls: first record does not look like a TLS handshake");
                }
                if (!o.insecure && !(tls.trustedByDefault() && tls.covers(host))) {
                    throw new Failure(1, "Failed to dial target host \"" + target + "\": tls: failed to verify "
                            + "certificate: x509: certificate signed by unknown authority");
                }
                channel = tls.http();
            }
        }

        /** One unary call over the connection; empty when the server closed it without an HTTP/2 answer. */
        private Optional<HttpResponse> call(String path, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", o.authority != null ? o.authority : target);
            headers.put("Content-Type", Grpc.CONTENT_TYPE);
            headers.put("User-Agent", USER_AGENT);
            headers.put("Te", "trailers");
            headers.put("Grpc-Accept-Encoding", "gzip");
            o.headers.forEach(headers::put);
            Trace.Mark mark = channel.mark();
            Optional<HttpResponse> answer = channel.http(new HttpRequest("POST", path, headers, body));
            hops.addAll(channel.hopsSince(mark));
            return answer;
        }

        /** Asks the reflection service (v1, then v1alpha); a failure is worded for {@code context}. */
        private String reflect(String request, String context) throws Failure {
            for (String path : List.of(Grpc.REFLECTION_V1, Grpc.REFLECTION_V1ALPHA)) {
                HttpResponse r = call(path, request).orElseThrow(() -> new Failure(1, context
                        + "rpc error: code = Unavailable desc = connection closed before server preface received"));
                Grpc.Code code = Grpc.status(r);
                if (code == Grpc.Code.UNIMPLEMENTED) {
                    continue;
                }
                if (code == Grpc.Code.NOT_FOUND) {
                    return null;
                }
                if (code != Grpc.Code.OK) {
                    throw new Failure(1, context + "rpc error: code = " + code.goName() + " desc = " + Grpc.message(r));
                }
                return r.body();
            }
            throw new Failure(1, context + "server does not support the reflection API");
        }

        private ServiceInfo service(String name, String context) throws Failure {
            if (protos != null) {
                ServiceInfo info = protos.services().get(name);
                if (info == null) {
                    throw new Failure(1, context + "Symbol not found: " + name);
                }
                return info;
            }
            String answer = reflect(Grpc.FILE_CONTAINING_SYMBOL + name, context);
            if (answer == null) {
                return null;
            }
            Map<String, String> methods = new LinkedHashMap<>();
            String found = null;
            for (String line : answer.split("\n")) {
                String[] parts = line.split(" ");
                if (parts[0].equals("service") && parts.length > 1) {
                    found = parts[1];
                } else if (parts[0].equals("method") && parts.length > 1) {
                    methods.put(parts[1], parts.length > 2 ? parts[2] : "");
                }
            }
            return name.equals(found) ? new ServiceInfo(found, methods) : null;
        }

        private ToolResult list(String service) throws Failure {
            StringBuilder out = new StringBuilder();
            if (service == null && protos != null) {
                new TreeSet<>(protos.services().keySet()).forEach(n -> out.append(n).append('\n'));
            } else if (service == null) {
                String answer = reflect(Grpc.LIST_SERVICES, "Failed to list services: ");
                TreeSet<String> names = new TreeSet<>();
                for (String line : answer == null ? new String[0] : answer.split("\n")) {
                    if (line.startsWith("service ")) {
                        names.add(line.substring("service ".length()));
                    }
                }
                names.forEach(n -> out.append(n).append('\n'));
            } else {
                ServiceInfo info = service(service, "Failed to list methods for service \"" + service + "\": ");
                if (info == null) {
                    throw new Failure(1, "Failed to list methods for service \"" + service + "\": Service not found: "
                            + service);
                }
                info.methodInputs().keySet().forEach(m -> out.append(service).append('.').append(m).append('\n'));
            }
            return new ToolResult(0, out.toString(), "", hops);
        }

        private ToolResult invoke(String symbol) throws Failure {
            String prefix = "Error invoking method \"" + symbol + "\": ";
            int split = symbol.lastIndexOf('/');
            if (split < 0) {
                split = symbol.lastIndexOf('.');
            }
            if (split <= 0 || split == symbol.length() - 1) {
                throw new Failure(1, prefix + "given method name \"" + symbol + "\" is not in expected format: "
                        + "'service/method' or 'service.method'");
            }
            String service = symbol.substring(0, split);
            String method = symbol.substring(split + 1);
            ServiceInfo info = service(service, prefix + "failed to query for service descriptor \"" + service + "\": ");
            if (info == null) {
                throw new Failure(1, prefix + "target server does not expose service \"" + service + "\"");
            }
            if (!info.methodInputs().containsKey(method)) {
                throw new Failure(1, prefix + "service \"" + service + "\" does not include a method named \""
                        + method + "\"");
            }
            String body = requestData(info.methodInputs().get(method));
            HttpResponse r = call("/" + service + "/" + method, body).orElse(null);
            if (r == null) {
                return failed(Grpc.Code.UNAVAILABLE, "connection closed before server preface received");
            }
            Grpc.Code code = Grpc.status(r);
            if (code != Grpc.Code.OK) {
                return failed(code, Grpc.message(r));
            }
            return new ToolResult(0, r.body().endsWith("\n") ? r.body() : r.body() + "\n", "", hops);
        }

        /** The request message from {@code -d}, as the method's type takes it (the echo's types have no fields). */
        private String requestData(String type) throws Failure {
            if (o.data == null || o.data.isBlank()) {
                return "{}";
            }
            String prefix = "Error invoking method \"" + o.args.get(1) + "\": error getting request data: ";
            if (o.data.startsWith("@")) {
                throw new Failure(1, "minicluster: grpcurl -d @ (request data from stdin) is not simulated");
            }
            JsonNode node;
            try {
                node = JSON.readTree(o.data);
            } catch (JsonProcessingException e) {
                throw new Failure(1, prefix + "invalid character '" + firstBad(o.data) + "' looking for beginning of value");
            }
            if (node == null || !node.isObject()) {
                throw new Failure(1, prefix + "json: cannot unmarshal " + (node == null ? "null" : node.getNodeType()
                        .name().toLowerCase(Locale.ROOT)) + " into Go value of type map[string]json.RawMessage");
            }
            Iterator<String> fields = node.fieldNames();
            List<String> known = protos == null ? List.of() : protos.messageFields().getOrDefault(type, List.of());
            while (fields.hasNext() && !type.isEmpty()) {
                String field = fields.next();
                if (!known.contains(field)) {
                    throw new Failure(1, prefix + "message type " + type + " has no known field named " + field);
                }
            }
            return node.toString();
        }

        private static char firstBad(String data) {
            String t = data.strip();
            return t.isEmpty() ? ' ' : t.charAt(0);
        }

        private ToolResult failed(Grpc.Code code, String message) {
            return new ToolResult(STATUS_CODE_OFFSET + code.number(), "", "ERROR:\n  Code: " + code.goName()
                    + "\n  Message: " + message + "\n", hops);
        }
    }
}
