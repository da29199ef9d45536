package academy.minicluster.net.workload;

import academy.minicluster.net.api.GoValue;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the images' servers put things on the wire and in their logs: Go's {@code net/http} header order and
 * {@code log} timestamps, nginx's time format, query decoding and Go's JSON string escaping. Time is always given.
 */
final class Wire {

    private Wire() {
    }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GO_LOG =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NGINX_LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** {@code Thu, 26 Nov 2026 10:00:00 GMT}: the HTTP {@code Date} header (IMF-fixdate). */
    static String httpDate(long epochSecond) {
        // Every response carries a Date, and simulated time moves by seconds: format each second once per thread.
        LastDate last = LAST_DATE.get();
        if (last.epochSecond != epochSecond || last.text == null) {
            last.epochSecond = epochSecond;
            last.text = HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
        }
        return last.text;
    }

    private static final class LastDate {
        long epochSecond;
        String text;
    }

    private static final ThreadLocal<LastDate> LAST_DATE = ThreadLocal.withInitial(LastDate::new);

    /** {@code 2026/11/26 10:00:00 }: the prefix Go's standard logger puts before each line (containers run in UTC). */
    static String goLog(long epochSecond, String line) {
        return GO_LOG.format(Instant.ofEpochSecond(epochSecond)) + " " + line;
    }

    /** {@code 26/Nov/2026:10:00:00 +0000}: nginx's {@code $time_local}. */
    static String nginxTimeLocal(long epochSecond) {
        return NGINX_LOCAL.format(Instant.ofEpochSecond(epochSecond));
    }

    /** {@code 2026-11-26 10:00:00 +0000 UTC}: Go's {@code time.Time.String()} for a whole second in UTC. */
    static String goTimeString(long epochSecond) {
        return GO_TIME.format(Instant.ofEpochSecond(epochSecond)) + " +0000 UTC";
    }

    /**
     * A response as Go's {@code net/http} writes it: the handler's headers sorted by name, then {@code Date},
     * {@code Content-Length}, and a sniffed {@code Content-Type} when the handler set none and wrote a body.
     */
    static HttpResponse goResponse(int status, Map<String, String> handlerHeaders, String body, long epochSecond) {
        Map<String, String> headers = new LinkedHashMap<>(new TreeMap<>(handlerHeaders));
        headers.put("Date", httpDate(epochSecond));
        headers.put("Content-Length", Integer.toString(utf8Length(body)));
        if (!body.isEmpty() && !handlerHeaders.containsKey("Content-Type")) {
            headers.put("Content-Type", sniffedContentType(body));
        }
        return HttpResponse.of(status, headers, body);
    }

    /** What Go's {@code http.DetectContentType} answers for the bodies these servers write. */
    private static String sniffedContentType(String body) {
        int start = 0;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++; // stripLeading's whitespace
        }
        for (String html : HTML_SIGNATURES) {
            if (body.regionMatches(true, start, html, 0, html.length())) {
                return "text/html; charset=utf-8";
            }
        }
        return "text/plain; charset=utf-8";
    }

    /** The beginnings {@link #sniffedContentType} takes for HTML, compared ignoring case. */
    private static final List<String> HTML_SIGNATURES = List.of("<!doctype html", "<html", "<a ", "<head", "<body",
            "<p");

    static int utf8Length(String s) {
        int ascii = 0;
        while (ascii < s.length() && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        // Past the ASCII prefix (all of it, usually), let the encoder count: surrogates and lone halves included.
        return ascii == s.length() ? ascii : ascii + s.substring(ascii).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The first value of a query parameter, URL-decoded as Go's {@code FormValue}; empty when absent. */
    static String queryParam(HttpRequest request, String name) {
        for (String pair : request.query().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return "";
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** {@code x-forwarded-for} to {@code X-Forwarded-For}: Go's {@code textproto.CanonicalMIMEHeaderKey}. */
    static String canonicalHeaderKey(String key) {
        if (isCanonical(key)) {
            return key; // the usual case (curl and the ingress send canonical names): no copy
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = true;
        for (char c : key.toCharArray()) {
            if (c == ' ') {
                return key;
            }
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    private static boolean isCanonical(String key) {
        boolean upper = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ') {
                return true;
            }
            boolean canonical = c < 128
                    ? !(upper ? c >= 'a' && c <= 'z' : c >= 'A' && c <= 'Z') // ASCII, the usual case
                    : c == (upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            if (!canonical) {
                return false;
            }
            upper = c == '-';
        }
        return true;
    }

    /** The request headers as Go's server keeps them in {@code Request.Header}: canonical keys, sorted, no Host. */
    static TreeMap<String, String> goRequestHeaders(HttpRequest request) {
        TreeMap<String, String> headers = new TreeMap<>();
        request.headers().forEach((k, v) -> {
            String key = canonicalHeaderKey(k);
            if (!key.equals("Host")) {
                headers.put(key, v);
            }
        });
        return headers;
    }

    /** Go's {@code json.Marshal(http.Header)}: keys sorted, each value a one-element array. */
    static String goHeaderJson(HttpRequest request) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> h : goRequestHeaders(request).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(GoValue.jsonString(h.getKey())).append(":[").append(GoValue.jsonString(h.getValue())).append(']');
        }
        return out.append('}').toString();
    }

    /** The Host header as the server sees it ({@code r.Host} in Go); empty when the client sent none. */
    static String host(HttpRequest request) {
        String host = request.header("Host");
        return host == null ? "" : host;
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
