package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.trace.Hop;
import java.util.List;
import java.util.Optional;

/**
 * NetworkPolicy's verdict on one {@link Flow}: whether the connection may open, and the {@link Hop.Stage#POLICY}
 * hops that explain it — egress at the source pod, then ingress at the destination pod — each naming the
 * NetworkPolicies that decided. A denied flow ends with a {@link Hop.Verdict#DROPPED} hop: a real cluster drops the
 * packets, so the client sees a timeout, never a refusal.
 */
public record PolicyDecision(boolean allowed, List<Hop> hops) {

    public PolicyDecision {
        hops = List.copyOf(hops);
    }

    /** The hop that dropped the flow, when it was denied: it names the policies at fault. */
    public Optional<Hop> denial() {
        return hops.stream().filter(h -> !h.passed()).findFirst();
    }
}
