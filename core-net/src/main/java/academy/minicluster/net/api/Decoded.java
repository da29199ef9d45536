package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One object decoded from a manifest: the object, the file it came from ({@code web.yaml}, {@code STDIN}), its
 * document number (1-based, counting the documents of the file) and the line of the file where that document starts,
 * so later messages can point at it.
 */
public record Decoded(HasMetadata object, String source, int document, int line) {

    public Decoded {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
    }

    public ApiKind kind() {
        return ApiKind.of(object);
    }
}
