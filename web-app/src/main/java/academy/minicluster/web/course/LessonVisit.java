package academy.minicluster.web.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A lesson a learner has opened: the course page marks it read. One row per learner and lesson, the first visit. */
@Entity
@Table(name = "lesson_visit")
@IdClass(LessonVisit.Key.class)
public class LessonVisit extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Id
    @Column(name = "lesson_id", length = 100)
    public String lessonId;

    @Column(name = "visited_at", nullable = false)
    public Instant visitedAt;

    /** The composite key (account_id, lesson_id). */
    public record Key(Long accountId, String lessonId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    /**
     * Records that {@code accountId} read {@code lessonId}; a second visit keeps the first one's time. Idempotent
     * and safe when two requests race (ON CONFLICT DO NOTHING). Call inside a transaction.
     */
    public static void record(long accountId, String lessonId) {
        getEntityManager().createNativeQuery(
                        "INSERT INTO lesson_visit (account_id, lesson_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, accountId)
                .setParameter(2, lessonId)
                .executeUpdate();
    }

    /** The ids of the lessons {@code accountId} has read. */
    public static Set<String> lessonsReadBy(long accountId) {
        List<LessonVisit> visits = list("accountId", accountId);
        Set<String> ids = new HashSet<>();
        visits.forEach(v -> ids.add(v.lessonId));
        return ids;
    }

    public static boolean hasRead(long accountId, String lessonId) {
        return count("accountId = ?1 and lessonId = ?2", accountId, lessonId) > 0;
    }
}
