package academy.minicluster.labs.lint;

/**
 * The edits {@code minicluster lint} makes to a reference solution: the mistakes a learner makes, each a plausible
 * wrong answer. A mutant that changes what the cluster answers must lose points.
 */
public enum MutationOperator {
    /** A document of the solution left out (or, for a transcript, a command line). */
    DELETE_OBJECT("delete"),
    /** A NetworkPolicy's {@code spec.podSelector} (or a peer's) emptied: it selects every pod of the namespace. */
    EMPTY_POD_SELECTOR("empty a podSelector of"),
    /** A NetworkPolicy rule's {@code ports} removed: the rule allows every port. */
    DROP_PORTS("drop ports from"),
    /** A NetworkPolicy's {@code policyTypes} removed: egress is isolated only when there are egress rules. */
    DROP_POLICY_TYPES("drop policyTypes from"),
    /** One ingress or egress rule of a NetworkPolicy, or one peer of a rule, removed. */
    DROP_RULE("drop a rule from"),
    /** An {@code ipBlock.cidr} widened to 0.0.0.0/0, or its {@code except} removed. */
    WIDEN_CIDR("widen a CIDR of"),
    /** An Ingress path's {@code pathType} swapped (Prefix and Exact, ImplementationSpecific to Exact). */
    CHANGE_PATH_TYPE("change pathType of"),
    /** A trailing slash added to an Ingress path, or removed from it. */
    TRAILING_SLASH("add or remove a trailing slash on a path of"),
    /** An Ingress path or host changed. */
    CHANGE_PATH("change a path or host of"),
    /** A host removed from an Ingress's {@code tls}. */
    DROP_TLS_HOST("drop a TLS host from"),
    /** A Service's {@code targetPort} off by one. */
    CHANGE_TARGET_PORT("change targetPort of"),
    /** A {@code port}, {@code containerPort}, {@code nodePort} or backend port number off by one. */
    CHANGE_PORT("change a port of"),
    /** A label value of a selector or a pod template changed. */
    CHANGE_SELECTOR("change a selector or label of"),
    /** An object moved to another namespace. */
    CHANGE_NAMESPACE("change the namespace of"),
    /** A Deployment, ReplicaSet or StatefulSet scaled to 0. */
    SCALE_TO_ZERO("scale to 0"),
    /** A container's {@code readinessProbe} removed. */
    REMOVE_READINESS_PROBE("remove the readinessProbe of"),
    /** A {@code --port=}, {@code --target-port=} number or an {@code app=} label of a command changed. */
    CHANGE_COMMAND_ARGUMENT("change an argument of");

    private final String verb;

    MutationOperator(String verb) {
        this.verb = verb;
    }

    /** How a finding names the operator: "drop ports from". */
    public String verb() {
        return verb;
    }
}
