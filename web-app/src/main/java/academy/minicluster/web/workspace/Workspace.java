package academy.minicluster.web.workspace;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A learner's mini-cluster for one lab ({@link #labId} set) or a playground ({@link #labId} null): the profile, the
 * fixed seed and, in {@link WorkspaceEntry}, the ordered log of what they did. The cluster itself is never stored:
 * replaying the log on a fresh cluster of the same profile and seed rebuilds it, on any server, after any restart.
 * Resetting creates a new row, so old attempts keep pointing at what they graded.
 */
@Entity
@Table(name = "workspace")
public class Workspace extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(name = "lab_id", length = 100)
    public String labId;

    @Column(name = "lab_version")
    public Integer labVersion;

    @Column(nullable = false, length = 100)
    public String profile;

    @Column(nullable = false)
    public long seed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** UTF-8 bytes of the log's texts and outputs ({@link WorkspaceEntry#storedBytes}), counted as entries are added. */
    @Column(name = "stored_bytes", nullable = false)
    public long storedBytes;

    /** How many entries the log holds. */
    @Column(name = "entry_count", nullable = false)
    public int entryCount;

    /** Creates and persists a workspace; call inside a transaction. */
    public static Workspace open(long accountId, String labId, Integer labVersion, String profile, long seed) {
        Workspace w = new Workspace();
        w.accountId = accountId;
        w.labId = labId;
        w.labVersion = labVersion;
        w.profile = profile;
        w.seed = seed;
        w.createdAt = Instant.now();
        w.updatedAt = w.createdAt;
        w.persist();
        return w;
    }

    /** The learner's current workspace for a lab: the newest, since a reset opens a new one. */
    public static Optional<Workspace> currentForLab(long accountId, String labId) {
        return find("accountId = ?1 and labId = ?2 order by id desc", accountId, labId).firstResultOptional();
    }

    /** The learner's current playground. */
    public static Optional<Workspace> currentPlayground(long accountId) {
        return find("accountId = ?1 and labId is null order by id desc", accountId).firstResultOptional();
    }

    /** The workspace with {@code id} if {@code accountId} owns it; another learner's is as good as absent. */
    public static Optional<Workspace> owned(long id, long accountId) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResultOptional();
    }

    /** What a learner's workspaces store, in bytes ({@link #storedBytes} summed): their storage quota's measure. */
    public static long storedBytesOf(long accountId) {
        Long sum = getEntityManager().createQuery(
                "select coalesce(sum(w.storedBytes), 0) from Workspace w where w.accountId = ?1", Long.class)
                .setParameter(1, accountId).getSingleResult();
        return sum;
    }

    public boolean isPlayground() {
        return labId == null;
    }
}
