package academy.minicluster.labs.check;

import java.util.Objects;

/** Where a probe is run from: a pod (by name or label selector), a node, or the learner's workstation. */
public sealed interface Origin {

    /**
     * A pod, by {@code name} or by {@code selector} (the first matching pod by name), in {@code namespace}; the
     * command runs in {@code container} (the first container when null), as {@code kubectl exec} runs it.
     */
    record FromPod(String namespace, String name, String selector, String container) implements Origin {
        public FromPod {
            namespace = Objects.requireNonNullElse(namespace, "default");
        }

        public String describe() {
            return name != null ? "pod " + qualified(name) : "a pod with " + selector + (namespace.equals("default")
                    ? "" : " in " + namespace);
        }

        private String qualified(String n) {
            return namespace.equals("default") ? n : namespace + "/" + n;
        }
    }

    /** A node's network namespace, as {@code kubectl debug node/NAME --image=nicolaka/netshoot} gives it. */
    record FromNode(String node) implements Origin {
    }

    /** The learner's workstation, outside the cluster. */
    record FromWorkstation() implements Origin {
    }
}
