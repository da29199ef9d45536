package academy.minicluster.net.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The front door of the API server: manifest text in, fabric8 objects out, with every failure worded as kubectl
 * prints it and never an exception.
 *
 * <p>The path mirrors a real {@code kubectl apply -f}: the stream is cut into documents at {@code ---} lines (or read
 * as a JSON stream when it starts with <code>{</code>), each document is parsed as YAML, checked for
 * {@code apiVersion}/{@code kind}, mapped to a kind the server serves, then decoded strictly as kube-apiserver does
 * (unknown fields and wrong types are errors). {@code kind: List} documents are unpacked into their items.
 *
 * <p>Plain documents are read by Jackson's streaming YAML parser (fast). Documents with anchors, aliases, tags or
 * boolean-looking keys, and documents Jackson cannot read, go through SnakeYAML's composer instead: Jackson does not
 * expand aliases (it turns {@code *a} into the string {@code "a"}) whereas kubectl's go-yaml does, and composing
 * lets aliases and merge keys mean what they mean to kubectl, lets {@code maxAliasesForCollections} stop alias
 * bombs, and yields the marks from which go-yaml's error text and line are rebuilt. The resulting tree is decoded
 * into fabric8 types by one strict Jackson mapper, configured once and shared.
 *
 * <p>Limits (so a manifest can never stall the JVM): {@value #MAX_BYTES} bytes of text, checked before parsing;
 * {@value #MAX_DOCUMENTS} documents; {@value #MAX_ALIASES} aliases to collections per document; nesting depth
 * {@value #MAX_DEPTH}; and a node budget per document that alias expansion may not exceed.
 */
public final class ManifestDecoder {

    /** 10 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_DOCUMENTS = 1000;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_DEPTH = 100;

    private static final String STRICT_ERROR = "strict decoding error: ";
    private static final String[] BOOLEAN_WORDS = {"on", "off", "yes", "no", "true", "false"};

    private final ObjectMapper mapper;
    private final ObjectMapper yamlMapper;
    private final StrictDecoding strict;
    /**
     * For a decoder that {@linkplain #rememberingLastManifest() remembers}: the documents of the last manifest that
     * decoded to one object each, by their text; null for one that does not. Softly held: the memory may go first.
     */
    private final Remembered remembered;

    /** A document's object as it decoded and its tree, both handed out to every decoding of the same text. */
    private record Prototype(HasMetadata object, JsonNode tree) {
    }

    private static final class Remembered {
        java.lang.ref.SoftReference<Map<String, Prototype>> lastManifest = new java.lang.ref.SoftReference<>(Map.of());
    }

    /**
     * One configured mapper for every decoder: building one is cheap, but its first use of each fabric8 class
     * (introspection, deserializer construction) costs milliseconds, and a configured mapper is safe to share.
     */
    private static final JsonMapper MAPPER = newMapper();
    private static final StrictDecoding STRICT = new StrictDecoding(MAPPER);
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES)
                    .build())
            .build());

    public ManifestDecoder() {
        this(null);
    }

    private ManifestDecoder(Remembered remembered) {
        this.mapper = MAPPER;
        this.strict = STRICT;
        this.yamlMapper = YAML_MAPPER;
        this.remembered = remembered;
    }

    /**
     * A decoder (for one shell, never shared between threads) that remembers the documents of the last manifest it
     * decoded: a learner applies the same YAML, or the same YAML with one document edited, again and again, and a
     * document decodes the same from the same text (nothing else goes in: the kinds and the strict rules are fixed),
     * so a document seen in the last manifest is the object it decoded to the last time, without YAML parsing,
     * binding and the strict walk. Errors and documents with anchors or aliases are decoded every time.
     *
     * <p>The objects it returns are therefore shared with its later decodings: read them, and write only to a copy
     * ({@link ObjectCopier#deepCopy}).
     */
    public static ManifestDecoder rememberingLastManifest() {
        return new ManifestDecoder(new Remembered());
    }

    private static JsonMapper newMapper() {
        JsonMapper json = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .build();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_BYTES)
                .build());
        // Go's encoding/json converts nothing: a number is not a string, a string is not a number.
        for (LogicalType textual : List.of(LogicalType.Textual)) {
            json.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            json.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        json.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return json;
    }

    /**
     * Decodes a manifest.
     *
     * @param text   the manifest: YAML (one or more documents) or JSON
     * @param source where it came from, as kubectl names it: the file name ({@code web.yaml}) or {@code STDIN}
     */
    public DecodeResult decode(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        List<Decoded> objects = new ArrayList<>();
        List<DecodeError> errors = new ArrayList<>();
        long bytes = utf8Length(text);
        if (bytes > MAX_BYTES) {
            errors.add(new DecodeError(source, 0, null, "unable to read " + GoValue.quote(source) + ": the manifest is "
                    + bytes + " bytes, more than the " + MAX_BYTES + " bytes (10 MiB) the mini-cluster accepts"));
            return new DecodeResult(objects, errors);
        }
        Session session = new Session(source, objects, errors);
        if (looksLikeJson(text)) {
            decodeJsonStream(text, session);
        } else {
            decodeYamlStream(text, session);
        }
        return new DecodeResult(objects, errors);
    }

    /** Per-call state: where decoded objects and errors go, and the document counter. */
    private static final class Session {
        final String source;
        final List<Decoded> objects;
        final List<DecodeError> errors;
        int documents;

        Session(String source, List<Decoded> objects, List<DecodeError> errors) {
            this.source = source;
            this.objects = objects;
            this.errors = errors;
        }

        void error(int line, String message) {
            errors.add(new DecodeError(source, documents, line, message));
        }

        /** Counts one more document; false (with an error) when the stream holds too many. */
        boolean nextDocument(int line) {
            documents++;
            if (documents > MAX_DOCUMENTS) {
                error(line, "unable to read " + GoValue.quote(source) + ": more than " + MAX_DOCUMENTS
                        + " documents in one manifest");
                return false;
            }
            return true;
        }
    }

    // ---- YAML ----------------------------------------------------------------------------------------------------

    private void decodeYamlStream(String text, Session session) {
        List<YamlDocuments.Chunk> chunks = new ArrayList<>();
        Object bad = YamlDocuments.split(text, chunks);
        if (bad instanceof YamlDocuments.BadSeparator separator) {
            session.error(separator.lineNumber(), "error parsing " + session.source
                    + ": invalid Yaml document separator: " + separator.line());
            return;
        }
        Yaml yaml = YAML.get();
        Map<String, Prototype> last = remembered == null ? null : remembered.lastManifest.get();
        Map<String, Prototype> seen = remembered == null ? null : new java.util.HashMap<>();
        try {
            decodeYamlChunks(chunks, yaml, last, seen, session);
        } finally {
            if (remembered != null) {
                remembered.lastManifest = new java.lang.ref.SoftReference<>(seen);
            }
        }
    }

    private void decodeYamlChunks(List<YamlDocuments.Chunk> chunks, Yaml yaml, Map<String, Prototype> last,
                                  Map<String, Prototype> seen, Session session) {
        for (YamlDocuments.Chunk chunk : chunks) {
            Prototype known = last == null ? null : last.get(chunk.text());
            if (known != null) {
                if (!session.nextDocument(chunk.startLine())) {
                    return;
                }
                seen.put(chunk.text(), known);
                session.objects.add(new Decoded(known.object(), session.source,
                        session.documents, chunk.startLine(), known.tree()));
                continue;
            }
            JsonNode fast = fastPath(chunk.text());
            if (fast != null) {
                if (fast.isMissingNode() || fast.isNull()) {
                    continue;
                }
                if (!session.nextDocument(chunk.startLine())) {
                    return;
                }
                int objects = session.objects.size();
                int errors = session.errors.size();
                decodeDocument(fast, chunk.startLine(), session);
                if (seen != null && session.objects.size() == objects + 1 && session.errors.size() == errors
                        && session.objects.get(objects).tree() == fast) {
                    seen.put(chunk.text(), new Prototype(session.objects.get(objects).object(), fast));
                }
                continue;
            }
            Object loaded;
            try {
                loaded = yaml.load(chunk.text());
            } catch (YAMLException e) {
                if (!session.nextDocument(chunk.startLine())) {
                    return;
                }
                int line = YamlDocuments.documentLine(e);
                session.error(line < 0 ? chunk.startLine() : chunk.startLine() + line,
                        "error parsing " + session.source + ": error converting YAML to JSON: " + goYamlMessage(e));
                continue;
            } catch (RuntimeException e) {
                // SnakeYAML signals some limits with plain runtime exceptions; never let one escape.
                if (!session.nextDocument(chunk.startLine())) {
                    return;
                }
                session.error(chunk.startLine(), "error parsing " + session.source
                        + ": error converting YAML to JSON: yaml: " + String.valueOf(e.getMessage()));
                continue;
            }
            if (loaded == null) {
                continue; // an empty document (or only comments): kubectl skips it
            }
            if (!session.nextDocument(chunk.startLine())) {
                return;
            }
            JsonNode node;
            try {
                node = toJson(loaded, new int[] {nodeBudget(chunk.text())}, 0);
            } catch (ExcessiveAliasing e) {
                session.error(chunk.startLine(), "error parsing " + session.source
                        + ": error converting YAML to JSON: yaml: " + e.getMessage());
                continue;
            }
            decodeDocument(node, chunk.startLine(), session);
        }
    }

    /**
     * Jackson's streaming YAML parser, for documents without anchors or aliases (where it reads exactly what the
     * composer reads, at a fraction of the cost). Null when the document has anchors or aliases, or does not parse:
     * the composer then decodes it, or words its error the way go-yaml does.
     */
    private JsonNode fastPath(String text) {
        // Jackson keeps an unquoted key such as `on:` as the string "on"; go-yaml (and the composer) read it as the
        // boolean true, so such documents take the composer's path.
        if (text.indexOf('&') >= 0 || text.indexOf('*') >= 0 || text.indexOf('!') >= 0
                || hasBooleanKey(text)) {
            return null;
        }
        try {
            JsonNode node = yamlMapper.readTree(text);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (JacksonException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a line starts (after spaces, tabs and sequence dashes) with a key that YAML 1.1 reads as a boolean:
     * {@code on}, {@code off}, {@code yes}, {@code no}, {@code true} or {@code false}, in any ASCII case, followed by
     * optional white space and a colon. What the regular expression {@code (?m)^[\s-]*(?i:on|off|yes|no|true|false)\s*:}
     * finds, by hand: it runs over every manifest.
     */
    static boolean hasBooleanKey(String text) {
        int n = text.length();
        int lineStart = 0;
        while (lineStart < n) {
            int i = lineStart;
            while (i < n && (Formats.isRegexSpace(text.charAt(i)) || text.charAt(i) == '-')) {
                i++;
            }
            for (String word : BOOLEAN_WORDS) {
                if (startsWithAsciiIgnoringCase(text, i, word)) {
                    int j = i + word.length();
                    while (j < n && Formats.isRegexSpace(text.charAt(j))) {
                        j++;
                    }
                    if (j < n && text.charAt(j) == ':') {
                        return true;
                    }
                }
            }
            int next = lineStart;
            while (next < n && !isLineTerminator(text.charAt(next))) {
                next++;
            }
            lineStart = next + 1;
        }
        return false;
    }

    /** Where {@code ^} matches in MULTILINE mode: after any of these. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean startsWithAsciiIgnoringCase(String text, int at, String lowerWord) {
        if (at + lowerWord.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = text.charAt(at + k);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * go-yaml's {@code YAMLToJSON} of one document, as kubectl converts a {@code --patch}: the JSON tree (null
     * for an empty document).
     *
     * @throws IllegalArgumentException worded as go-yaml words it ({@code yaml: line 1: did not find expected node
     *                                  content})
     */
    public static JsonNode yamlToJson(String text) {
        Object loaded;
        try {
            loaded = YAML.get().load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(goYamlMessage(e));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("yaml: " + e.getMessage());
        }
        if (loaded == null) {
            return null;
        }
        try {
            return toJson(loaded, new int[] {nodeBudget(text)}, 0);
        } catch (ExcessiveAliasing e) {
            throw new IllegalArgumentException("yaml: " + e.getMessage());
        }
    }

    private static String goYamlMessage(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases for non-scalar nodes exceeds")) {
            return "yaml: document contains excessive aliasing";
        }
        if (message.contains("Nesting Depth exceeded")) {
            return "yaml: exceeded max depth of " + MAX_DEPTH;
        }
        if (message.contains("exceeds the limit") && message.contains("code points")) {
            return "yaml: the document is larger than " + MAX_BYTES + " characters";
        }
        return YamlDocuments.goYamlMessage(e);
    }

    /**
     * SnakeYAML's {@code Yaml} is reusable but not thread-safe; one per thread keeps the decoder shareable without
     * paying for a new loader on every manifest.
     */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(ManifestDecoder::newYaml);

    private static Yaml newYaml() {
        LoaderOptions options = loaderOptions();
        return new Yaml(new GoYamlConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Resolver());
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setAllowDuplicateKeys(true); // go-yaml's YAMLToJSON keeps the last value, as kubectl does
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** SafeConstructor, except that timestamps stay strings, as go-yaml leaves them when converting YAML to JSON. */
    private static final class GoYamlConstructor extends SafeConstructor {
        GoYamlConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr() {
                @Override
                public Object construct(Node node) {
                    return ((ScalarNode) node).getValue();
                }
            });
        }
    }

    /** Thrown when alias expansion would build more nodes than the document's budget. */
    private static final class ExcessiveAliasing extends Exception {
        ExcessiveAliasing(String message) {
            super(message, null, false, false);
        }
    }

    private static int nodeBudget(String text) {
        return 10_000 + 2 * text.length();
    }

    /** The YAML tree as JSON, as go-yaml's YAMLToJSON makes it (map keys become strings). */
    private static JsonNode toJson(Object value, int[] budget, int depth) throws ExcessiveAliasing {
        if (--budget[0] < 0) {
            throw new ExcessiveAliasing("document contains excessive aliasing");
        }
        if (depth > MAX_DEPTH) {
            throw new ExcessiveAliasing("exceeded max depth of " + MAX_DEPTH);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), toJson(entry.getValue(), budget, depth + 1));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            for (Object element : list) {
                array.add(toJson(element, budget, depth + 1));
            }
            return array;
        }
        if (value instanceof java.util.Set<?> set) {
            ObjectNode object = f.objectNode();
            for (Object element : set) {
                object.set(String.valueOf(element), f.nullNode());
            }
            return object;
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return f.numberNode(big);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? f.textNode(String.valueOf(d)) : f.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return f.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return f.textNode(String.valueOf(value));
    }

    // ---- JSON ----------------------------------------------------------------------------------------------------

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private void decodeJsonStream(String text, Session session) {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return;
                }
                int line = location(parser.currentTokenLocation());
                if (!session.nextDocument(line)) {
                    return;
                }
                JsonNode node = mapper.readTree(parser);
                decodeDocument(node, line, session);
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : location(e.getLocation());
            session.error(line, "error parsing " + session.source + ": " + goJsonMessage(e));
        } catch (java.io.IOException e) {
            session.error(1, "error parsing " + session.source + ": " + e.getMessage());
        }
    }

    private static int location(JsonLocation location) {
        return Math.max(1, location.getLineNr());
    }

    /** Go's encoding/json wording for the common syntax errors. */
    private static String goJsonMessage(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("end-of-input") || message.contains("Unexpected end")) {
            return "unexpected EOF";
        }
        java.util.regex.Matcher unexpected = java.util.regex.Pattern.compile("Unexpected character \\('(.)'")
                .matcher(message);
        if (unexpected.find()) {
            String c = unexpected.group(1);
            if (message.contains("double-quote to start field name")) {
                return "invalid character '" + c + "' looking for beginning of object key string";
            }
            if (message.contains("was expecting comma")) {
                return "invalid character '" + c + "' after object key:value pair";
            }
            if (message.contains("was expecting a colon")) {
                return "invalid character '" + c + "' after object key";
            }
            return "invalid character '" + c + "' looking for beginning of value";
        }
        if (message.contains("Unrecognized token")) {
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("Unrecognized token '(.)").matcher(message);
            return "invalid character '" + (token.find() ? token.group(1) : "?") + "' looking for beginning of value";
        }
        if (message.contains("nesting depth")) {
            return "exceeded max depth of " + MAX_DEPTH;
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- one document ----------------------------------------------------------------------------------------------

    private void decodeDocument(JsonNode node, int line, Session session) {
        if (!node.isObject()) {
            session.error(line, "error parsing " + session.source + ": error unmarshaling JSON: json: cannot unmarshal "
                    + jsonType(node) + " into Go value of type map[string]interface {}");
            return;
        }
        String apiVersion = text(node, "apiVersion");
        String kind = text(node, "kind");
        List<String> missing = new ArrayList<>();
        if (apiVersion.isEmpty()) {
            missing.add("apiVersion not set");
        }
        if (kind.isEmpty()) {
            missing.add("kind not set");
        }
        if (!missing.isEmpty()) {
            String list = missing.size() == 1 ? missing.get(0) : "[" + String.join(", ", missing) + "]";
            session.error(line, "error validating " + GoValue.quote(session.source) + ": error validating data: " + list
                    + "; if you choose to ignore these errors, turn validation off with --validate=false");
            return;
        }
        if (kind.endsWith("List") && node.has("items")) {
            decodeList(node, apiVersion, kind, line, session);
            return;
        }
        decodeObject((ObjectNode) node, apiVersion, kind, line, session);
    }

    private void decodeList(JsonNode node, String apiVersion, String kind, int line, Session session) {
        JsonNode items = node.get("items");
        if (!items.isArray()) {
            session.error(line, "error parsing " + session.source + ": error unmarshaling JSON: json: cannot unmarshal "
                    + jsonType(items) + " into Go struct field List.items of type []runtime.RawExtension");
            return;
        }
        for (JsonNode item : items) {
            if (!item.isObject()) {
                continue;
            }
            String itemVersion = text(item, "apiVersion");
            String itemKind = text(item, "kind");
            if (itemVersion.isEmpty() || itemKind.isEmpty()) {
                decodeDocument(item, line, session);
                continue;
            }
            decodeObject((ObjectNode) item, itemVersion, itemKind, line, session);
        }
    }

    private void decodeObject(ObjectNode node, String apiVersion, String kind, int line, Session session) {
        Optional<ApiKind> mapped = ApiKind.of(apiVersion, kind);
        if (mapped.isEmpty()) {
            JsonNode metadata = node.path("metadata");
            session.error(line, "resource mapping not found for name: " + GoValue.quote(text(metadata, "name"))
                    + " namespace: " + GoValue.quote(text(metadata, "namespace")) + " from "
                    + GoValue.quote(session.source) + ": no matches for kind " + GoValue.quote(kind) + " in version "
                    + GoValue.quote(apiVersion) + "\nensure CRDs are installed first");
            return;
        }
        ApiKind apiKind = mapped.get();
        HasMetadata object;
        try {
            object = mapper.treeToValue(node, apiKind.type());
            object.setApiVersion(apiKind.apiVersion());   // another served version, stored in the kind's
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            session.error(line, cannotBeHandled(apiKind, session.source,
                    strict.typeError(e, node, apiKind.type())));
            return;
        } catch (JacksonException | IllegalArgumentException e) {
            session.error(line, cannotBeHandled(apiKind, session.source, String.valueOf(e.getMessage())));
            return;
        }
        StrictDecoding.Problems problems = strict.walk(node, object, apiKind.type());
        if (problems.typeError != null) {
            session.error(line, cannotBeHandled(apiKind, session.source, problems.typeError));
            return;
        }
        if (!problems.unknownFields.isEmpty()) {
            StringBuilder fields = new StringBuilder(STRICT_ERROR);
            for (int i = 0; i < problems.unknownFields.size(); i++) {
                if (i > 0) {
                    fields.append(", ");
                }
                fields.append("unknown field ").append(GoValue.quote(problems.unknownFields.get(i)));
            }
            session.error(line, cannotBeHandled(apiKind, session.source, fields.toString()));
            return;
        }
        if (object.getMetadata() == null) {
            // A document without metadata decodes as Go's zero ObjectMeta: empty, never absent, so every later step
            // (kubectl's lookups, the API server's validation) answers with its own error instead of failing.
            object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        session.objects.add(new Decoded(object, session.source, session.documents, line, node));
    }

    /**
     * kube-apiserver's 400 for a body it cannot decode, as kubectl apply prints it when creating the object:
     * {@code Error from server (BadRequest): error when creating "web.yaml": Service in version "v1" cannot be
     * handled as a Service: ...}.
     */
    private static String cannotBeHandled(ApiKind kind, String source, String detail) {
        String version = kind.apiVersion().substring(kind.apiVersion().indexOf('/') + 1);
        return "Error from server (BadRequest): error when creating " + GoValue.quote(source) + ": " + kind.kind()
                + " in version " + GoValue.quote(version) + " cannot be handled as a " + kind.kind() + ": " + detail;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    private static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "array";
        }
        return node.isObject() ? "object" : "null";
    }

    private static long utf8Length(String text) {
        if (text.length() <= MAX_BYTES / 3) {
            return text.length(); // cannot exceed the limit; exact size is not needed
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
