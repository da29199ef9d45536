package academy.minicluster.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Optional;

/**
 * How much one anonymous simulation may ask for, so one request cannot hold a server's CPU for long. The body's size
 * is limited before it is read (quarkus.http.limits.max-body-size, 1 MB: 413); these limits are checked after
 * (422, naming the limit).
 */
public final class SimulationLimits {

    /** Objects in the manifests: YAML documents, counting each item of a {@code kind: List}. */
    public static final int MAX_OBJECTS = 500;
    /** Command lines in {@code commands}. */
    public static final int MAX_COMMANDS = 200;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SimulationLimits() {
    }

    /** What exceeds a limit, worded for the caller; empty when the request is within them. */
    public static Optional<String> exceeded(SimulationRequest request) {
        if (request.commands().size() > MAX_COMMANDS) {
            return Optional.of("commands: " + request.commands().size() + " commands, the limit is " + MAX_COMMANDS
                    + " commands per simulation");
        }
        int objects = countObjects(request.manifests());
        if (objects > MAX_OBJECTS) {
            return Optional.of("manifests: " + objects + " objects, the limit is " + MAX_OBJECTS
                    + " objects per simulation");
        }
        return Optional.empty();
    }

    /**
     * Counts the objects in {@code yaml}. YAML that does not parse is counted up to the error and left for
     * {@code kubectl apply} to report, in kubectl's words.
     */
    static int countObjects(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return 0;
        }
        int count = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                JsonNode items = doc.get("items");
                JsonNode kind = doc.get("kind");
                if (kind != null && kind.asText().endsWith("List") && items != null && items.isArray()) {
                    count += items.size();
                } else {
                    count++;
                }
                if (count > MAX_OBJECTS) {
                    return count;
                }
            }
        } catch (IOException | RuntimeException e) {
            return count;
        }
        return count;
    }
}
