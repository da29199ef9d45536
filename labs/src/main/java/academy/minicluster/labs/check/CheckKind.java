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
 * {@code endpoints}, {@code ingress}, {@code reach}, {@code matrix}, {@code policyMatrix} (read as a
 * {@link Matrix}), {@code likeReference}, {@code answer}, {@code transcript}.
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

    /**
     * A reachability matrix: named sources (pods, the workstation, a node) and named destinations ({@link Target}),
     * and rows saying, for sources × destinations × ports, whether a connection must be allowed. Cells no row
     * names are checked against {@code unlisted} (when not {@link Unlisted#UNCHECKED}) on the destination's
     * default ports, so what must stay closed is written once.
     *
     * @param run  the command probing a pod destination ({@code {ip}}, {@code {port}} filled); other destinations
     *             are probed with {@code nc -z -w 1}, {@code curl} or {@code nslookup}
     */
    record Matrix(Map<String, Origin> sources, Map<String, Target> destinations, List<Row> rows, Unlisted unlisted,
                  String run) implements CheckKind {
        public Matrix {
            sources = Map.copyOf(sources);
            destinations = Map.copyOf(destinations);
            rows = List.copyOf(rows);
            Objects.requireNonNull(unlisted, "unlisted");
            Objects.requireNonNull(run, "run");
        }

        /** The default probe of a pod destination, by protocol. */
        public static String defaultRun(String protocol) {
            return protocol.equals("UDP") ? "nc -z -u -w 1 {ip} {port}" : "nc -z -w 1 {ip} {port}";
        }

        @Override
        public String key() {
            return "matrix";
        }

        @Override
        public boolean probes() {
            return true;
        }

        /** Sources × destinations × ports that must be allowed, or must not be. Empty ports: the defaults. */
        public record Row(List<String> from, List<String> to, List<Target.PortRef> ports, boolean allowed) {
            public Row {
                from = List.copyOf(from);
                to = List.copyOf(to);
                ports = List.copyOf(ports);
            }
        }

        /** What the cells no row names must be. */
        public enum Unlisted { UNCHECKED, ALLOWED, DENIED }
    }

    /**
     * The learner's cluster answers like a reference solution's cluster on a probe set derived from the lab: every
     * pair of pods on every declared port and one undeclared port, every Service port, every Ingress host and path
     * and its near misses, and the DNS names of the Services, from the pods of {@code namespaces} and the
     * workstation. Pods are matched between the two clusters by their owner (or their name, for bare pods).
     *
     * @param solution   the id of the reference solution compared to (the lab's first when empty)
     * @param namespaces where the probed pods live (every namespace the reference solution's pods are in, but the
     *                   cluster's own, when empty)
     */
    record LikeReference(String solution, List<String> namespaces) implements CheckKind {
        public LikeReference {
            Objects.requireNonNull(solution, "solution");
            namespaces = List.copyOf(namespaces);
        }

        @Override
        public String key() {
            return "likeReference";
        }

        @Override
        public boolean probes() {
            return true;
        }
    }

    /**
     * A question whose answer the learner finds in the cluster (which node, which IP, which port) and submits; it
     * is compared (trimmed, ignoring case) with the value {@code expect} computes from the cluster. The commands
     * typed are never graded.
     */
    record Answer(String question, Expected expect) implements CheckKind {
        public Answer {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(expect, "expect");
        }

        @Override
        public String key() {
            return "answer";
        }

        /** Where the right answer comes from. */
        public sealed interface Expected {
            /** A field of an object, as the {@code field} check reads it ({@code oneOf} unused). */
            record FromField(FieldValue field) implements Expected {
            }

            /** Fixed values, any of which is right (for what the cluster does not store, such as a probe's port). */
            record OneOf(List<String> values) implements Expected {
                public OneOf {
                    values = List.copyOf(values);
                }
            }
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
