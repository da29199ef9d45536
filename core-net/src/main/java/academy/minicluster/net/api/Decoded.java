package academy.minicluster.net.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One object decoded from a manifest: the object, the file it came from ({@code web.yaml}, {@code STDIN}), its
 * document number (1-based, counting the documents of the file) and the line of the file where that document starts,
 * so later messages can point at it; and the document's tree as it was read (never written to), from which
 * {@code kubectl apply} builds its last-applied configuration without serializing the object again (null when the
 * object did not come from a document).
 */
public record Decoded(HasMetadata object, String source, int document, int line, JsonNode tree) {

    public Decoded {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
    }

    public Decoded(HasMetadata object, String source, int document, int line) {
        this(object, source, document, line, null);
    }

    public ApiKind kind() {
        return ApiKind.of(object);
    }
}
