package academy.minicluster.labs.lab;

import java.util.List;
import java.util.stream.Collectors;

/** A lab file that cannot be used, with every error found in it. */
public final class LabFormatException extends Exception {

    private final transient List<LabError> errors;

    public LabFormatException(List<LabError> errors) {
        super(errors.stream().map(LabError::toString).collect(Collectors.joining("\n")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<LabError> errors() {
        return errors;
    }
}
