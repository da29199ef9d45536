package academy.minicluster.web.authoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An author's working copy of a lab, saved as typed. It stays editable after publishing: publishing copies it into
 * a new {@link LabVersion}, and later edits never reach that copy.
 */
@Entity(name = "AuthoringLabDraft")
@Table(name = "lab_draft")
public class LabDraft extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lab_id", nullable = false, length = 100, unique = true)
    public String labId;

    @Column(nullable = false)
    public String yaml;

    @Column(name = "author_id", nullable = false)
    public Long authorId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<LabDraft> findByLabId(String labId) {
        return find("labId", labId).firstResultOptional();
    }

    public static List<LabDraft> byAuthor(Long authorId) {
        return list("authorId = ?1 order by labId", authorId);
    }

    public static List<LabDraft> everyone() {
        return list("order by labId");
    }

    /** Creates and persists a draft; call inside a transaction. */
    public static LabDraft create(String labId, String yaml, Long authorId) {
        LabDraft draft = new LabDraft();
        draft.labId = labId;
        draft.yaml = yaml;
        draft.authorId = authorId;
        draft.updatedAt = Instant.now();
        draft.persist();
        return draft;
    }

    /** Saves what the author typed. */
    public void save(String text) {
        yaml = text;
        updatedAt = Instant.now();
    }
}
