package academy.minicluster.net.trace;

import academy.minicluster.net.api.ObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * One decision on the path of a packet, in the order it was taken, with the objects that decided it.
 * A probe's trace is the list of its hops; the grader and the web app explain failures from it.
 *
 * @param stage     where on the path the decision was taken
 * @param decision  what happened, in one line a learner can read
 *                  ("Service default/web port 80 -> endpoint 10.244.1.3:8080 (pod web-7d4b9c-abcde, 1 of 3)")
 * @param decidedBy the objects that caused it, most specific first
 * @param verdict   whether the packet went on ({@link Verdict#PASS}) or stopped here
 */
public record Hop(Stage stage, String decision, List<ObjectRef> decidedBy, Verdict verdict) {

    /** Where the decision is taken: the path of a packet through a Kubernetes cluster. */
    public enum Stage { CLIENT, DNS, SERVICE, NAT, ROUTE, INGRESS, POLICY, CONTAINER }

    /** Whether the packet went on, or where and how it stopped. */
    public enum Verdict { PASS, REFUSED, DROPPED, NOT_FOUND, ERROR }

    public Hop {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(decision, "decision");
        decidedBy = List.copyOf(decidedBy);
        Objects.requireNonNull(verdict, "verdict");
    }

    public static Hop pass(Stage stage, String decision, ObjectRef... decidedBy) {
        return new Hop(stage, decision, List.of(decidedBy), Verdict.PASS);
    }

    public static Hop stop(Stage stage, Verdict verdict, String decision, ObjectRef... decidedBy) {
        return new Hop(stage, decision, List.of(decidedBy), verdict);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /** {@code [SERVICE] Service default/web port 80 -> ... (Service default/web)}: the text form of a trace line. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[").append(stage).append("] ").append(decision);
        if (!passed()) {
            s.append(" -- ").append(verdict);
        }
        return s.toString();
    }
}
