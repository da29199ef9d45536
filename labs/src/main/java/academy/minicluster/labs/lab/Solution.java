package academy.minicluster.labs.lab;

import java.util.Objects;

/**
 * A reference solution: one correct way to do the lab. Labs carry several, written differently (YAML and kubectl,
 * other names), so the linter proves that the checks grade behaviour, not spelling. {@code answers} are what it
 * answers to the lab's questions ({@code answer} checks), by check id: what a learner types beside a question.
 */
public record Solution(String id, String description, Steps steps, java.util.Map<String, String> answers) {

    public Solution {
        Objects.requireNonNull(id, "id");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(steps, "steps");
        answers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(answers));
    }

    /** A solution that answers no question. */
    public Solution(String id, String description, Steps steps) {
        this(id, description, steps, java.util.Map.of());
    }
}
