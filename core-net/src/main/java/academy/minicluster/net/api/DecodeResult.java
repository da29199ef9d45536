package academy.minicluster.net.api;

import java.util.List;

/**
 * What a manifest decoded to: the objects, in document order, and the errors, in document order. A manifest may
 * yield both (kubectl applies the documents it could decode and reports the others).
 */
public record DecodeResult(List<Decoded> objects, List<DecodeError> errors) {

    public DecodeResult {
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
