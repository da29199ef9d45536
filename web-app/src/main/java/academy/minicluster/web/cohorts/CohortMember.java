package academy.minicluster.web.cohorts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A learner in a cohort. */
@Entity(name = "CohortMember")
@Table(name = "cohort_member")
@IdClass(CohortMember.Key.class)
public class CohortMember extends PanacheEntityBase {

    @Id
    @Column(name = "cohort_id")
    public Long cohortId;

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    /** Adds {@code accountId} to the cohort; call inside a transaction. */
    public static CohortMember join(Long cohortId, Long accountId) {
        CohortMember member = new CohortMember();
        member.cohortId = cohortId;
        member.accountId = accountId;
        member.joinedAt = Instant.now();
        member.persist();
        return member;
    }

    /** The composite key: one membership per cohort and account. */
    public static class Key implements Serializable {
        public Long cohortId;
        public Long accountId;

        public Key() {
        }

        public Key(Long cohortId, Long accountId) {
            this.cohortId = cohortId;
            this.accountId = accountId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(cohortId, k.cohortId) && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cohortId, accountId);
        }
    }
}
