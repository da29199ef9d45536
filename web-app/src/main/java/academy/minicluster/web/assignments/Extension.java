package academy.minicluster.web.assignments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One learner's own due date for one assignment, replacing the cohort's. */
@Entity(name = "AssignmentExtension")
@Table(name = "assignment_extension")
@IdClass(Extension.Key.class)
public class Extension extends PanacheEntityBase {

    @Id
    @Column(name = "assignment_id")
    public Long assignmentId;

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** The composite key (assignment_id, account_id). */
    public record Key(Long assignmentId, Long accountId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    /** Gives {@code accountId} the due date {@code due} for the assignment (replacing an earlier extension). */
    public static Extension grant(Long assignmentId, Long accountId, Instant due) {
        Extension e = Extension.<Extension>findByIdOptional(new Key(assignmentId, accountId)).orElseGet(() -> {
            Extension fresh = new Extension();
            fresh.assignmentId = assignmentId;
            fresh.accountId = accountId;
            return fresh;
        });
        e.dueAt = due;
        e.persist();
        return e;
    }

    public static List<Extension> ofAssignment(Long assignmentId) {
        return list("assignmentId = ?1 order by dueAt", assignmentId);
    }
}
