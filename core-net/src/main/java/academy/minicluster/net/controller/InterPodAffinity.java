package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Objects;

/**
 * kube-scheduler's InterPodAffinity plugin. Filter, in its order: the incoming pod's required affinity (every term
 * must find a matching pod in the node's topology domain — unless no pod anywhere matches all the terms and the pod
 * matches them itself, so the first pod of a group can land); its required anti-affinity (no term may find one);
 * then the required anti-affinity of the pods already placed (none may select the incoming pod within its domain).
 * Score: for each placed pod in the node's domain, the weights of the incoming pod's preferred terms it matches
 * (anti-affinity subtracts), plus the weights of the placed pod's own preferred terms that match the incoming pod.
 */
final class InterPodAffinity {

    static final String AFFINITY = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

    private InterPodAffinity() {
    }

    static Unfit filter(Pod pod, Node node, SchedulingSnapshot snapshot) {
        List<PodAffinityTerm> affinity = requiredAffinity(pod);
        if (!affinity.isEmpty() && !satisfiesAffinity(pod, node, affinity, snapshot)) {
            return Unfit.unresolvable(AFFINITY);
        }
        for (PodAffinityTerm term : requiredAntiAffinity(pod)) {
            for (SchedulingSnapshot.Placed p : snapshot.placed()) {
                if (SchedulingSnapshot.sameDomain(p.node(), node, term.getTopologyKey())
                        && snapshot.termMatches(term, pod, p.pod())) {
                    return Unfit.resolvable(ANTI_AFFINITY);
                }
            }
        }
        for (SchedulingSnapshot.Placed p : snapshot.withRequiredAntiAffinity()) {
            for (PodAffinityTerm term : requiredAntiAffinity(p.pod())) {
                if (SchedulingSnapshot.sameDomain(p.node(), node, term.getTopologyKey())
                        && snapshot.termMatches(term, p.pod(), pod)) {
                    return Unfit.resolvable(EXISTING_ANTI_AFFINITY);
                }
            }
        }
        return null;
    }

    private static boolean satisfiesAffinity(Pod pod, Node node, List<PodAffinityTerm> terms,
                                             SchedulingSnapshot snapshot) {
        boolean all = true;
        for (PodAffinityTerm term : terms) {
            boolean found = false;
            for (SchedulingSnapshot.Placed p : snapshot.placed()) {
                if (SchedulingSnapshot.sameDomain(p.node(), node, term.getTopologyKey())
                        && snapshot.termMatches(term, pod, p.pod())) {
                    found = true;
                    break;
                }
            }
            all &= found;
        }
        if (all) {
            return true;
        }
        // The first pod of a group: nothing matches the terms anywhere, and the pod matches every term itself.
        for (PodAffinityTerm term : terms) {
            if (NodeAffinity.labels(node).get(term.getTopologyKey()) == null || !snapshot.termMatches(term, pod, pod)) {
                return false;
            }
        }
        for (SchedulingSnapshot.Placed p : snapshot.placed()) {
            boolean matchesAll = true;
            for (PodAffinityTerm term : terms) {
                matchesAll &= snapshot.termMatches(term, pod, p.pod());
            }
            if (matchesAll) {
                return false;
            }
        }
        return true;
    }

    /** Whether scoring could tell nodes apart: the pod or some placed pod has preferred terms. */
    static boolean scores(Pod pod, SchedulingSnapshot snapshot) {
        return hasPreferred(pod) || !snapshot.withPreferredTerms().isEmpty();
    }

    static boolean hasPreferred(Pod pod) {
        return !preferred(pod, true).isEmpty() || !preferred(pod, false).isEmpty();
    }

    static long score(Pod pod, Node node, SchedulingSnapshot snapshot) {
        long score = 0;
        if (hasPreferred(pod)) {
            for (SchedulingSnapshot.Placed p : snapshot.placed()) {
                score += weights(preferred(pod, true), pod, p.pod(), p.node(), node, snapshot);
                score -= weights(preferred(pod, false), pod, p.pod(), p.node(), node, snapshot);
            }
        }
        for (SchedulingSnapshot.Placed p : snapshot.withPreferredTerms()) {
            score += weights(preferred(p.pod(), true), p.pod(), pod, p.node(), node, snapshot);
            score -= weights(preferred(p.pod(), false), p.pod(), pod, p.node(), node, snapshot);
        }
        return score;
    }

    private static long weights(List<WeightedPodAffinityTerm> terms, Pod owner, Pod other, Node placedOn, Node node,
                                SchedulingSnapshot snapshot) {
        long sum = 0;
        for (WeightedPodAffinityTerm w : terms) {
            PodAffinityTerm term = w.getPodAffinityTerm();
            if (term != null && w.getWeight() != null
                    && SchedulingSnapshot.sameDomain(placedOn, node, term.getTopologyKey())
                    && snapshot.termMatches(term, owner, other)) {
                sum += w.getWeight();
            }
        }
        return sum;
    }

    private static List<PodAffinityTerm> requiredAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAffinity() == null ? List.of() : Objects.requireNonNullElse(
                a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), List.of());
    }

    static List<PodAffinityTerm> requiredAntiAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAntiAffinity() == null ? List.of() : Objects.requireNonNullElse(
                a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), List.of());
    }

    private static List<WeightedPodAffinityTerm> preferred(Pod pod, boolean affinity) {
        Affinity a = pod.getSpec().getAffinity();
        if (a == null) {
            return List.of();
        }
        List<WeightedPodAffinityTerm> terms = affinity
                ? a.getPodAffinity() == null ? null : a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()
                : a.getPodAntiAffinity() == null ? null
                : a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        return Objects.requireNonNullElse(terms, List.of());
    }
}
