package academy.minicluster.web.authoring;

import academy.minicluster.labs.lab.BuiltInLabs;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use which lab id. Built-in labs are read-only for authors: their ids belong to the academy, so an author
 * who wants to change one duplicates it under a new id. An authored id belongs to the author of its draft.
 */
public final class LabIds {

    /** Lower-case words with dashes, as the built-in labs are named (and as their files are named). */
    static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?");

    private LabIds() {
    }

    /** Why {@code labId} cannot be a new lab of {@code authorId}, or empty when it can. */
    public static Optional<String> refusal(String labId, Long authorId) {
        if (labId == null || labId.isBlank()) {
            return Optional.of("Give the lab an id.");
        }
        if (!ID.matcher(labId).matches()) {
            return Optional.of("Lab id \"" + labId + "\" is invalid: use lower-case letters, digits and dashes, "
                    + "starting and ending with a letter or digit (at most 100 characters), e.g. fix-my-service.");
        }
        Optional<LabDraft> draft = LabDraft.findByLabId(labId);
        if (draft.isPresent()) {
            return Optional.of(draft.get().authorId.equals(authorId)
                    ? "You already have a lab \"" + labId + "\": open it from your labs to edit it."
                    : "Lab id \"" + labId + "\" is taken by another author: choose another id.");
        }
        if (BuiltInLabs.text(labId).isPresent()) {
            return Optional.of("\"" + labId + "\" is a built-in lab, and built-in labs are read-only: "
                    + "duplicate it under a new id instead.");
        }
        if (LabVersion.publishedByOther(labId, authorId)) {
            return Optional.of("Lab id \"" + labId + "\" is taken by another author: choose another id.");
        }
        return Optional.empty();
    }
}
