package academy.minicluster.web.workspace;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The editor's text as the learner last typed it, applied or not: one per learner and place (a lab, or the
 * playground), kept server-side so it follows the learner to another browser and survives a reset of the cluster.
 */
@Entity(name = "EditorDraft")
@Table(name = "editor_draft")
@IdClass(EditorDraft.Key.class)
public class EditorDraft extends PanacheEntityBase {

    /** The place of every playground's draft: one editor text whichever profile the playground runs. */
    public static final String PLAYGROUND = "playground";

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Id
    @Column(name = "place", length = 120)
    public String place;

    @Column(nullable = false)
    public String yaml;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The place a workspace's draft is kept under: its lab's id, or {@link #PLAYGROUND}. */
    public static String placeOf(Workspace w) {
        return w.isPlayground() ? PLAYGROUND : w.labId;
    }

    /** The learner's draft at {@code place}, if they typed one. */
    public static Optional<String> of(long accountId, String place) {
        return EditorDraft.<EditorDraft>find("accountId = ?1 and place = ?2", accountId, place)
                .firstResultOptional().map(d -> d.yaml);
    }

    /** Keeps {@code yaml} as the learner's draft at {@code place} (one statement: insert, or replace); in a transaction. */
    public static void keep(long accountId, String place, String yaml) {
        getEntityManager().createNativeQuery("INSERT INTO editor_draft (account_id, place, yaml, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account_id, place)"
                        + " DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at")
                .setParameter(1, accountId).setParameter(2, place).setParameter(3, yaml)
                .setParameter(4, Instant.now().atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Long accountId;
        public String place;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId) && Objects.equals(place, k.place);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, place);
        }
    }
}
