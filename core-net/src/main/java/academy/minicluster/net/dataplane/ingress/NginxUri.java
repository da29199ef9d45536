package academy.minicluster.net.dataplane.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A request target as nginx reads it: the path nginx matches locations against ({@code $uri}), the query string
 * ({@code $args}) and the target exactly as the client sent it ({@code $request_uri}).
 *
 * <p>nginx normalises the path before it looks for a location ({@code ngx_http_parse_complex_uri} in
 * {@code src/http/ngx_http_parse.c}): every {@code %XX} is decoded, {@code %2F} included (so {@code /api%2Fx} is
 * {@code /api/x}); runs of {@code /} are merged into one ({@code merge_slashes on}, nginx's default, which
 * ingress-nginx keeps); {@code .} and {@code ..} segments are resolved, also when written {@code %2E}. A {@code ..}
 * that climbs above {@code /}, a {@code %} not followed by two hex digits, and a decoded {@code %00} make the request
 * invalid: nginx answers {@code 400 Bad Request} before any location is chosen. The query string is left as sent.
 *
 * <p>What the upstream sees is another matter: ingress-nginx writes {@code proxy_pass http://upstream_balancer;}
 * without a URI, so nginx passes the request target unchanged, as the client sent it ({@link #requestUri()}); only
 * a {@code rewrite} changes it, and then nginx sends the rewritten path, re-escaped ({@link #escape}).
 *
 * @param path       the normalised, decoded path ({@code $uri}), always starting with {@code /}
 * @param args       the query string without {@code ?} ({@code $args}), empty when there is none
 * @param requestUri the target as the client sent it ({@code $request_uri})
 * @param quoted     whether the target's path held a {@code %} escape (nginx's {@code r->quoted_uri}): only then
 *                   does nginx re-escape a rewritten path before passing it upstream
 */
public record NginxUri(String path, String args, String requestUri, boolean quoted) {

    public NginxUri {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(requestUri, "requestUri");
    }

    /** Why nginx refused a request target: its {@code 400 Bad Request}. */
    public record Invalid(String requestUri, String why) {
    }

    /** The outcome of reading a request target: a URI nginx can route, or the reason for its 400. */
    public sealed interface Parsed permits Valid, Rejected {
    }

    public record Valid(NginxUri uri) implements Parsed {
    }

    public record Rejected(Invalid invalid) implements Parsed {
    }

    /**
     * Reads {@code requestTarget} ({@code /path?query}) as nginx does. An empty target is read as {@code /}.
     */
    public static Parsed parse(String requestTarget) {
        String target = requestTarget == null || requestTarget.isEmpty() ? "/" : requestTarget;
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String args = q < 0 ? "" : target.substring(q + 1);
        int hash = rawPath.indexOf('#');
        if (hash >= 0) {
            rawPath = rawPath.substring(0, hash);  // nginx stops the path at '#'
        }
        int argsHash = args.indexOf('#');
        if (argsHash >= 0) {
            args = args.substring(0, argsHash);
        }
        if (!rawPath.startsWith("/")) {
            return new Rejected(new Invalid(target, "the request target does not start with /"));
        }
        if (isSimple(rawPath)) {
            return new Valid(new NginxUri(rawPath, args, target, false));  // nginx's fast path: nothing to resolve
        }
        byte[] in = rawPath.getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> decoded = normalise(in);
        if (decoded.isEmpty()) {
            return new Rejected(new Invalid(target, problem(rawPath)));
        }
        return new Valid(new NginxUri(new String(decoded.get(), StandardCharsets.UTF_8), args, target,
                rawPath.indexOf('%') >= 0));
    }

    /** A path without {@code %}, {@code //} or a segment starting with {@code .}: normalising leaves it as it is. */
    private static boolean isSimple(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' || c == '/' && i + 1 < rawPath.length()
                    && (rawPath.charAt(i + 1) == '/' || rawPath.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String problem(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '%') {
                if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                    return "\"" + rawPath.substring(i, Math.min(rawPath.length(), i + 3))
                            + "\" is not a percent-encoded byte";
                }
                if (rawPath.charAt(i + 1) == '0' && rawPath.charAt(i + 2) == '0') {
                    return "%00 decodes to a NUL byte";
                }
            }
        }
        return "a \"..\" segment climbs above /";
    }

    /** The states of {@code ngx_http_parse_complex_uri} this model needs (no Windows backslashes). */
    private enum State { USUAL, SLASH, DOT, DOT_DOT }

    /**
     * {@code ngx_http_parse_complex_uri(r, merge_slashes=1)} over the path's bytes: empty when nginx would answer 400.
     * A decoded byte is read again in the state the {@code %} appeared in (so {@code %2F} is a slash and {@code %2E}
     * a dot), except a decoded {@code %}, {@code #} or {@code ?}, which stay literal characters.
     */
    private static Optional<byte[]> normalise(byte[] in) {
        byte[] out = new byte[in.length + 1];
        int u = 0;
        State state = State.USUAL;
        int p = 0;
        while (p < in.length) {
            int ch = in[p++] & 0xff;
            boolean literal = false;
            if (ch == '%') {
                if (p + 1 >= in.length) {
                    return Optional.empty();
                }
                int hi = hex((char) (in[p] & 0xff));
                int lo = hex((char) (in[p + 1] & 0xff));
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                p += 2;
                ch = hi << 4 | lo;
                if (ch == 0) {
                    return Optional.empty();
                }
                if (ch == '%' || ch == '#' || ch == '?') {
                    literal = true;  // nginx writes these and goes on in the usual state
                }
            }
            if (literal) {
                out[u++] = (byte) ch;
                state = State.USUAL;
                continue;
            }
            switch (state) {
                case USUAL -> {
                    if (ch == '/') {
                        state = State.SLASH;
                    }
                    out[u++] = (byte) ch;
                }
                case SLASH -> {
                    if (ch == '/') {
                        continue;  // merge_slashes
                    }
                    state = ch == '.' ? State.DOT : State.USUAL;
                    out[u++] = (byte) ch;
                }
                case DOT -> {
                    if (ch == '/') {
                        state = State.SLASH;
                        u--;  // "/./" -> "/"
                    } else if (ch == '.') {
                        state = State.DOT_DOT;
                        out[u++] = (byte) ch;
                    } else {
                        state = State.USUAL;
                        out[u++] = (byte) ch;
                    }
                }
                case DOT_DOT -> {
                    if (ch == '/') {
                        u = parentOf(out, u);
                        if (u < 0) {
                            return Optional.empty();
                        }
                        state = State.SLASH;
                    } else {
                        state = State.USUAL;
                        out[u++] = (byte) ch;
                    }
                }
            }
        }
        if (state == State.DOT) {
            u--;
        } else if (state == State.DOT_DOT) {
            u = parentOf(out, u);
            if (u < 0) {
                return Optional.empty();
            }
        }
        byte[] result = new byte[u];
        System.arraycopy(out, 0, result, 0, u);
        return Optional.of(result);
    }

    /**
     * nginx's {@code u -= 4} and walk back to the previous {@code /}: drops {@code /x/..} (the written {@code /..}
     * and the segment before it), leaving the output just after that segment's slash; -1 above the root.
     */
    private static int parentOf(byte[] out, int u) {
        int i = u - 4;
        while (true) {
            if (i < 0) {
                return -1;
            }
            if (out[i] == '/') {
                return i + 1;
            }
            i--;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char l = (char) (c | 0x20);
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    /**
     * {@code ngx_escape_uri(..., NGX_ESCAPE_URI)}: what nginx escapes in a rewritten path before it passes it
     * upstream: control bytes, space, {@code " # % < > ? \ ^ ` { | }}, DEL and every non-ASCII byte, as {@code %XX}
     * with upper-case hex digits.
     */
    public static String escape(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "\"#%<>?\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
