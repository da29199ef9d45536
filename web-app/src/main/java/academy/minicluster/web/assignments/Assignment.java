package academy.minicluster.web.assignments;

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
 * A lab an instructor gave a cohort: its learners see it on the course page from {@link #opensAt}, due at
 * {@link #dueAt} (or at their own {@link Extension}); attempts after that are marked late, never refused.
 */
@Entity(name = "LabAssignment")
@Table(name = "lab_assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "cohort_id", nullable = false)
    public Long cohortId;

    @Column(name = "lab_id", nullable = false, length = 100)
    public String labId;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The cohort's assignments, soonest due first. */
    public static List<Assignment> ofCohort(Long cohortId) {
        return list("cohortId = ?1 order by dueAt, labId", cohortId);
    }

    public static Optional<Assignment> of(Long cohortId, String labId) {
        return find("cohortId = ?1 and labId = ?2", cohortId, labId).firstResultOptional();
    }

    /**
     * Gives the cohort the lab, or moves the dates of the assignment it has (one assignment per cohort and lab);
     * call inside a transaction.
     */
    public static Assignment assign(Long cohortId, String labId, Window window) {
        Assignment a = of(cohortId, labId).orElseGet(() -> {
            Assignment fresh = new Assignment();
            fresh.cohortId = cohortId;
            fresh.labId = labId;
            fresh.createdAt = Instant.now();
            return fresh;
        });
        a.opensAt = window.opens();
        a.dueAt = window.due();
        a.persist();
        return a;
    }

    /** When the lab opens and when it is due; the due date comes after the opening. */
    public record Window(Instant opens, Instant due) {
        public Window {
            if (!due.isAfter(opens)) {
                throw new IllegalArgumentException("The due date must come after the opening date.");
            }
        }
    }

    /** The due date for {@code accountId}: their extension's when they have one. */
    public Due dueFor(Long accountId) {
        return Extension.<Extension>findByIdOptional(new Extension.Key(id, accountId))
                .map(e -> new Due(e.dueAt, Due.Kind.EXTENDED)).orElse(new Due(dueAt, Due.Kind.COHORT));
    }
}
