package academy.minicluster.labs.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one cluster answered on a {@link ProbeSet}, probe by probe, and the comparison of two clusters' answers,
 * worded for a learner: "from shop/other to api:8080 yours connects; the reference's is refused".
 */
public final class Answers {

    /**
     * What one probe answered, comparable between clusters: what curl, nc or nslookup would have reported, or what
     * the cluster lacks for the probe to run (a workload's pod, a Service, ingress-nginx's address).
     *
     * @param words   the answer as a learner reads it after "yours": "connects", "gets HTTP 404 via Service ..."
     * @param missing what the cluster lacks ("no pod of shop/api"), empty when the probe ran
     */
    public record Answer(String words, String missing) {
        public Answer {
            Objects.requireNonNull(words, "words");
            Objects.requireNonNull(missing, "missing");
        }

        static Answer of(String words) {
            return new Answer(words, "");
        }

        static Answer missing(String what) {
            return new Answer("", what);
        }

        /** The answer after "yours" or "the reference's". */
        public String describe() {
            return missing.isEmpty() ? words : "has " + missing;
        }
    }

    /** A probe both clusters ran and answered differently. */
    public record Difference(Probe probe, Answer answer, Answer reference) {
        /** "from shop/other to api:8080 yours connects; the reference's is refused", with {@code whose} = yours. */
        public String describe(String whose) {
            if (!answer.missing().isEmpty() && reference.missing().isEmpty()) {
                return whose + " has " + answer.missing() + "; the reference's does";
            }
            return probe.describe() + " " + whose + " " + answer.describe() + "; the reference's "
                    + reference.describe();
        }
    }

    private final Map<Probe, Answer> byProbe;

    Answers(Map<Probe, Answer> byProbe) {
        this.byProbe = Collections.unmodifiableMap(new LinkedHashMap<>(byProbe));
    }

    /** The answers in probe order. */
    public Map<Probe, Answer> byProbe() {
        return byProbe;
    }

    public int size() {
        return byProbe.size();
    }

    /** The probes these answers and {@code reference}'s answer differently, in probe order. */
    public List<Difference> differencesFrom(Answers reference) {
        List<Difference> out = new ArrayList<>();
        byProbe.forEach((probe, answer) -> {
            Answer want = reference.byProbe.get(probe);
            if (want != null && !want.equals(answer)) {
                out.add(new Difference(probe, answer, want));
            }
        });
        return out;
    }

    /**
     * The differences from {@code reference}, worded for a reader ({@code whose}: "yours", "the mutant"): first
     * what this cluster lacks, once each ("yours has no pod of shop/other; the reference's does"), then every probe
     * answered otherwise, once per workload: the replicas of a workload that differ alike are one difference.
     */
    public List<String> describeDifferencesFrom(Answers reference, String whose) {
        Set<String> missing = new LinkedHashSet<>();
        List<String> others = new ArrayList<>();
        Set<Difference> byWorkload = new java.util.HashSet<>();
        for (Difference d : differencesFrom(reference)) {
            if (!d.answer().missing().isEmpty() && d.reference().missing().isEmpty()) {
                missing.add(d.describe(whose));
            } else if (byWorkload.add(new Difference(d.probe().ofWorkloads(), d.answer(), d.reference()))) {
                others.add(d.describe(whose));
            }
        }
        List<String> all = new ArrayList<>(missing);
        all.addAll(others);
        return all;
    }
}
