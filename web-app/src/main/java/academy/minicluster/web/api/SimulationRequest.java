package academy.minicluster.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a simulation runs: a fresh cluster of {@code profile} from {@code seed}, {@code manifests} applied with
 * {@code kubectl apply -f}, then each command, as {@code minicluster run --profile P --seed N -f F -c C...} would.
 *
 * @param profile   the cluster profile (default {@code default})
 * @param seed      the seed of the cluster's random choices (default 1)
 * @param manifests YAML (or JSON) manifests, several documents separated by {@code ---}; may be empty
 * @param commands  command lines as typed at the prompt; each may hold a here-document
 */
@Schema(name = "SimulationRequest", description = "A fresh mini-cluster, manifests applied, then commands run.")
public record SimulationRequest(
        @Schema(defaultValue = "default", examples = "default",
                description = "cluster profile: default, single-worker, three-workers, no-network-policy, ipvs, "
                        + "no-lb-pool, no-default-ingressclass, nftables") String profile,
        @Schema(defaultValue = "1", description = "seed of the cluster's random choices (names, IPs, endpoints)")
        long seed,
        @Schema(description = "manifests applied with `kubectl apply -f manifests.yaml` before the commands")
        String manifests,
        @Schema(description = "command lines, run in order (kubectl, curl, dig, nc, ...)") List<String> commands) {

    /** The file name under which the manifests are applied, as the result's first command shows it. */
    public static final String MANIFESTS_FILE = "manifests.yaml";

    private static final Set<String> FIELDS = Set.of("profile", "seed", "manifests", "commands");

    public SimulationRequest {
        profile = profile == null ? "default" : profile;
        manifests = manifests == null ? "" : manifests;
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    /** A request body that is not what this API reads; answered with 400 and its message. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }

    /** Reads a request body, with a message naming the field for anything that is not the expected JSON. */
    public static SimulationRequest parse(String body, ObjectMapper mapper) throws MalformedException {
        if (body == null || body.isBlank()) {
            throw new MalformedException("the request body is empty: expected a JSON object "
                    + "{\"profile\":..., \"seed\":..., \"manifests\":\"...\", \"commands\":[...]}");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedException(JsonInput.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedException("the request body must be a JSON object, not " + kind(root));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw new MalformedException("unknown field \"" + name + "\": expected profile, seed, manifests, "
                        + "commands");
            }
        }
        String profile = null;
        JsonNode p = root.get("profile");
        if (p != null && !p.isNull()) {
            if (!p.isTextual()) {
                throw new MalformedException("profile must be a string, not " + kind(p));
            }
            profile = p.asText();
        }
        long seed = 1;
        JsonNode s = root.get("seed");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new MalformedException("seed must be an integer, not " + kind(s));
            }
            seed = s.asLong();
        }
        String manifests = null;
        JsonNode m = root.get("manifests");
        if (m != null && !m.isNull()) {
            if (!m.isTextual()) {
                throw new MalformedException("manifests must be a string of YAML, not " + kind(m));
            }
            manifests = m.asText();
        }
        List<String> commands = new ArrayList<>();
        JsonNode c = root.get("commands");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw new MalformedException("commands must be an array of strings, not " + kind(c));
            }
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual()) {
                    throw new MalformedException("commands[" + i + "] must be a string, not " + kind(c.get(i)));
                }
                commands.add(c.get(i).asText());
            }
        }
        return new SimulationRequest(profile, seed, manifests, commands);
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number " + n.asText();
            case BOOLEAN -> "a boolean";
            default -> n.getNodeType().name().toLowerCase();
        };
    }
}
