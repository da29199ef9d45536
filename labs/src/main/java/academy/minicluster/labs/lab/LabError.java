package academy.minicluster.labs.lab;

import java.util.Objects;

/**
 * One thing wrong with a lab file, where it is: {@code labs/fix-wrong-selector.yaml:14: checks[1].servcie: unknown
 * field "servcie" (known: service, namespace, ready, port)}.
 *
 * @param file    the lab file as it was named
 * @param line    1-based line, or 0 when the whole file is meant
 * @param field   the field's path in the lab ({@code checks[1].endpoints.service}), or "" for the whole file
 * @param message what is wrong and, where it helps, what would fix it
 */
public record LabError(String file, int line, String field, String message) {

    public LabError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
