package academy.minicluster.web.cohorts;

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

/** An instructor's group of learners, joined with a code the instructor hands out. */
@Entity(name = "Cohort")
@Table(name = "cohort")
public class Cohort extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "join_code", nullable = false, length = 20, unique = true)
    public String joinCode;

    @Column(name = "instructor_id", nullable = false)
    public Long instructorId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<Cohort> ofInstructor(Long instructorId) {
        return list("instructorId = ?1 order by createdAt desc, id desc", instructorId);
    }

    public static List<Cohort> everyone() {
        return list("order by createdAt desc, id desc");
    }

    public static Optional<Cohort> byJoinCode(String code) {
        return find("joinCode", code).firstResultOptional();
    }

    /** Creates and persists a cohort with a fresh join code; call inside a transaction. */
    public static Cohort create(String name, Long instructorId, JoinCode codes) {
        Cohort cohort = new Cohort();
        cohort.name = name;
        cohort.instructorId = instructorId;
        cohort.joinCode = codes.unused();
        cohort.createdAt = Instant.now();
        cohort.persist();
        return cohort;
    }

    public long memberCount() {
        return CohortMember.count("cohortId", id);
    }

    public boolean hasMember(Long accountId) {
        return CohortMember.count("cohortId = ?1 and accountId = ?2", id, accountId) > 0;
    }
}
