package academy.minicluster.labs.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check verifies. State kinds ask the model (the objects and what the controllers derived from them);
 * probe kinds run a client tool through the learner's own shell and read its exit status, output and trace;
 * {@link TranscriptUses} reads the commands the learner typed.
 *
 * <p>Each kind is written in a lab under its own key: {@code exists}, {@code field}, {@code pods},
 * {@code endpoints}, {@code ingress}, {@code reach}, {@code policyMatrix}, {@code transcript}.
 */
public sealed interface CheckKind {

    /** The YAML key this kind is written under. */
    String key();

    /** Whether the check sends packets (and so needs the data plane). */
    default boolean probes() {
        return false;
    }

    /** An object exists (or, with {@code absent}, does not). */
    record ObjectExists(String kind, String namespace, String name, boolean absent) implements CheckKind {
        public ObjectExists {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String key() {
            return "exists";
        }
    }

    /**
     * A field of an object has a value. {@code path} is a field path in kubectl's JSONPath spirit
     * ({@code spec.ports[0].targetPort}, {@code spec.ports[?(@.name=="http")].port}, {@code metadata.labels.app});
     * the check passes when any value it selects equals one of {@code oneOf} (compared as text), or, with
     * {@code oneOf} empty ({@code present: true} in the lab), when the path selects anything.
     */
    record FieldValue(String kind, String namespace, String name, String path, List<String> oneOf)
            implements CheckKind {
        public FieldValue {
            Objects.requireNonNull(path, "path");
            oneOf = List.copyOf(oneOf);
        }

        @Override
        public String key() {
            return "field";
        }
    }

    /** A label selector matches exactly {@code count} pods in a namespace (only Ready ones with {@code ready}). */
    record PodsMatch(String namespace, String selector, int count, boolean ready) implements CheckKind {
        @Override
        public String key() {
            return "pods";
        }
    }

    /**
     * A Service has exactly {@code ready} ready endpoints (in its EndpointSlices), and, when {@code port} is set,
     * they are on that port.
     */
    record ReadyEndpoints(String namespace, String service, int ready, Integer port) implements CheckKind {
        @Override
        public String key() {
            return "endpoints";
        }
    }

    /**
     * ingress-nginx routes a request for {@code host} and {@code path} to {@code service} (and, when set, its
     * {@code port}); with {@code service} null, the request must <em>not</em> be routed (404).
     */
    record IngressRoutes(String host, String path, boolean tls, String namespace, String service, String port)
            implements CheckKind {
        @Override
        public String key() {
            return "ingress";
        }
    }

    /**
     * A command run from a pod, a node or the workstation ({@code curl}, {@code wget}, {@code nc}, {@code dig},
     * {@code nslookup}, {@code /agnhost connect}) meets an expectation. With {@code attempts} it is run that many
     * times; every attempt must meet the expectation, and with {@code reachAllReplicas} together they must have been
     * served by every ready pod of the expected workload.
     */
    record Reach(Origin from, String run, Expectation expect, int attempts, boolean reachAllReplicas)
            implements CheckKind {
        public Reach {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(expect, "expect");
        }

        @Override
        public String key() {
            return "reach";
        }

        @Override
        public boolean probes() {
            return true;
        }
    }

    /**
     * Which pods may connect to which on a port: each cell is probed with {@code run} (default
     * {@code nc -z -w 1 {ip} {port}}; {@code {ip}} is the target pod's IP) from the source pod.
     *
     * @param pods  named groups of pods (a name or selector in a namespace); every pod of a group is probed
     * @param cells the expected matrix: from group, to group, allowed or not
     */
    record PolicyMatrix(int port, String protocol, String run, Map<String, Origin.FromPod> pods, List<Cell> cells)
            implements CheckKind {
        public PolicyMatrix {
            pods = Map.copyOf(pods);
            cells = List.copyOf(cells);
        }

        @Override
        public String key() {
            return "policyMatrix";
        }

        @Override
        public boolean probes() {
            return true;
        }

        /** One expected connection of the matrix. */
        public record Cell(String from, String to, boolean allowed) {
        }
    }

    /** The learner typed a command beginning with {@code uses} (e.g. {@code kubectl expose}). */
    record TranscriptUses(String uses) implements CheckKind {
        @Override
        public String key() {
            return "transcript";
        }
    }
}
