package academy.minicluster.web.workspace;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A hint a learner revealed (one row per hint), so the page shows it again and instructors can see it. */
@Entity(name = "RevealedHint")
@Table(name = "hint_reveal")
@IdClass(RevealedHint.Key.class)
public class RevealedHint extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Id
    @Column(name = "lab_id", length = 100)
    public String labId;

    @Id
    @Column(name = "hint_index")
    public int hintIndex;

    @Column(name = "revealed_at", nullable = false)
    public Instant revealedAt;

    /** How many hints of a lab the learner has revealed (hints are revealed in order, so also the next index). */
    public static int revealedCount(long accountId, String labId) {
        return (int) count("accountId = ?1 and labId = ?2", accountId, labId);
    }

    /** Records that the learner revealed hint {@code index}; call inside a transaction. */
    public static void reveal(long accountId, String labId, int index) {
        RevealedHint h = new RevealedHint();
        h.accountId = accountId;
        h.labId = labId;
        h.hintIndex = index;
        h.revealedAt = Instant.now();
        h.persist();
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Long accountId;
        public String labId;
        public int hintIndex;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(accountId, k.accountId)
                    && java.util.Objects.equals(labId, k.labId) && hintIndex == k.hintIndex;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(accountId, labId, hintIndex);
        }
    }
}
