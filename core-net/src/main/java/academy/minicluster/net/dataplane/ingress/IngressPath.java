package academy.minicluster.net.dataplane.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code spec.rules[].http.paths[]} entry's matching part: a {@link PathType} and a path, answering whether a
 * request path matches it as the Ingress API defines ({@code ingress.md}, "Path types" and "Examples").
 *
 * <ul>
 *   <li>{@code Exact}: the request path equals the path, case-sensitively ({@code /foo} does not match {@code /foo/}).
 *   <li>{@code Prefix}: both paths are split by {@code /} into elements; the path's elements must be the first
 *       elements of the request's, each one whole ({@code /aaa/bbb} matches {@code /aaa/bbb/ccc} but not
 *       {@code /aaa/bbbxyz}); a trailing {@code /} on either side is ignored; {@code /} matches everything.
 *   <li>{@code ImplementationSpecific}: up to the IngressClass. Matched like {@code Prefix}: ingress-nginx sets it to
 *       {@code Prefix} before it writes nginx.conf ({@code SetDefaultNGINXPathType}).
 * </ul>
 * This is the API's reading. ingress-nginx's own (a normalised path, the 301 to a trailing slash, regex mode) is
 * {@link IngressRouter}'s; this value object serves the Gateway API's {@code PathPrefix}, which the spec defines
 * alike, and the conformance table of the Ingress API.
 *
 * @param type the pathType
 * @param path the path as written in the Ingress; an empty path is read as {@code /} (ingress-nginx does the same)
 */
public record IngressPath(PathType type, String path) {

    /** {@code spec.rules[].http.paths[].pathType}: required in networking.k8s.io/v1, no default. */
    public enum PathType {
        EXACT("Exact"),
        PREFIX("Prefix"),
        IMPLEMENTATION_SPECIFIC("ImplementationSpecific");

        private final String apiName;

        PathType(String apiName) {
            this.apiName = apiName;
        }

        /** The name as it is written in YAML: {@code Exact}, {@code Prefix}, {@code ImplementationSpecific}. */
        public String apiName() {
            return apiName;
        }

        /** The pathType written in YAML, or {@code null} when it is none of the three. */
        public static PathType fromApiName(String name) {
            for (PathType t : values()) {
                if (t.apiName.equals(name)) {
                    return t;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return apiName;
        }
    }

    public IngressPath {
        Objects.requireNonNull(type, "type");
        path = path == null || path.isEmpty() ? "/" : path;
    }

    public static IngressPath exact(String path) {
        return new IngressPath(PathType.EXACT, path);
    }

    public static IngressPath prefix(String path) {
        return new IngressPath(PathType.PREFIX, path);
    }

    public static IngressPath implementationSpecific(String path) {
        return new IngressPath(PathType.IMPLEMENTATION_SPECIFIC, path);
    }

    /** Whether {@code requestPath} (without query string) matches this path. */
    public boolean matches(String requestPath) {
        String request = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (type == PathType.EXACT) {
            return request.equals(path);
        }
        if (path.equals("/")) {
            return true; // no elements: the prefix of every path
        }
        List<String> mine = elements(path);
        List<String> theirs = elements(request);
        if (mine.size() > theirs.size()) {
            return false;
        }
        return theirs.subList(0, mine.size()).equals(mine);
    }

    /** Whether this is an {@code Exact} path: it wins a tie in length against the other types. */
    public boolean isExact() {
        return type == PathType.EXACT;
    }

    /** The length that decides precedence between matching paths: longest first. */
    public int length() {
        return path.length();
    }

    /** {@code /api (Prefix)}: how traces name a path. */
    @Override
    public String toString() {
        return path + " (" + type.apiName() + ")";
    }

    /** The path's elements: split by {@code /}, empty elements (leading, trailing, doubled slashes) dropped. */
    private static List<String> elements(String path) {
        List<String> out = new ArrayList<>();
        for (String element : path.split("/")) {
            if (!element.isEmpty()) {
                out.add(element);
            }
        }
        return out;
    }
}
