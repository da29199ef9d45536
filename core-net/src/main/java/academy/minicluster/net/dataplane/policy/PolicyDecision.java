package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.dataplane.Hop;
import java.util.List;

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

    /** The hop that stopped the flow, if it was denied. */
    public Hop deciding() {
        return hops.stream().filter(h -> !h.passed()).findFirst()
                .orElse(hops.isEmpty() ? null : hops.get(hops.size() - 1));
    }
}
