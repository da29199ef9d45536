package academy.minicluster.labs.lab;

import java.util.Objects;

/**
 * What is done to a cluster, in order: manifests applied with {@code kubectl apply -f}, then kubectl (or any shell)
 * commands, one a line, with {@code #} comments and here-documents. Either may be empty.
 *
 * @param manifests     multi-document YAML, or ""
 * @param manifestsLine the line in the lab file where the manifests start (for error messages), 0 if unknown
 * @param commands      command lines, or ""
 */
public record Steps(String manifests, int manifestsLine, String commands) {

    public static final Steps NONE = new Steps("", 0, "");

    public Steps {
        manifests = Objects.requireNonNullElse(manifests, "");
        commands = Objects.requireNonNullElse(commands, "");
    }

    public boolean isEmpty() {
        return manifests.isBlank() && commands.isBlank();
    }
}
