package academy.minicluster.labs.lab;

import java.util.Objects;

/**
 * A reference solution: one correct way to do the lab. Labs carry several, written differently (YAML and kubectl,
 * other names), so the linter proves that the checks grade behaviour, not spelling.
 */
public record Solution(String id, String description, Steps steps) {

    public Solution {
        Objects.requireNonNull(id, "id");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(steps, "steps");
    }
}
