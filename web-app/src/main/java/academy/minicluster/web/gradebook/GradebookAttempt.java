package academy.minicluster.web.gradebook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;

/**
 * A graded attempt as the gradebook reads it. The workspace writes attempts; the gradebook only reads them, so this
 * view of the table is {@link Immutable} and has its own entity name.
 */
@Entity(name = "GradebookAttempt")
@Table(name = "attempt")
@Immutable
public class GradebookAttempt extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(name = "lab_id", nullable = false)
    public String labId;

    @Column(name = "lab_version", nullable = false)
    public int labVersion;

    /** Null for an attempt stored by reference: read it with {@code LabAttempt.submissionText}. */
    @Column
    public String submission;

    @Column(name = "workspace_id")
    public Long workspaceId;

    @Column(name = "log_length")
    public Integer logLength;

    @Column
    public String answers;

    @Column(nullable = false)
    public int score;

    @Column(name = "max_score", nullable = false)
    public int maxScore;

    @Column(nullable = false)
    public String result;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The learner's attempts at one lab, newest first. */
    public static List<GradebookAttempt> of(Long accountId, String labId) {
        return list("accountId = ?1 and labId = ?2 order by createdAt desc, id desc", accountId, labId);
    }
}
