package academy.minicluster.web.course;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lessons a learner marked as done ("Mark as done" on the lesson page): the course page's progress. Opening a
 * lesson is only a visit ({@link LessonVisit}); a learner decides when they have learnt it.
 */
public final class LessonDone {

    private LessonDone() {
    }

    /** Records that {@code accountId} is done with {@code lessonId}; idempotent, the first time kept. */
    public static void mark(long accountId, String lessonId) {
        Panache.getEntityManager().createNativeQuery(
                        "INSERT INTO lesson_done (account_id, lesson_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, accountId).setParameter(2, lessonId).executeUpdate();
    }

    /** The ids of the lessons {@code accountId} marked as done. */
    @SuppressWarnings("unchecked")
    public static Set<String> doneBy(long accountId) {
        List<String> ids = Panache.getEntityManager()
                .createNativeQuery("SELECT lesson_id FROM lesson_done WHERE account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return new HashSet<>(ids);
    }

    public static boolean isDone(long accountId, String lessonId) {
        return ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM lesson_done WHERE account_id = ?1 AND lesson_id = ?2")
                .setParameter(1, accountId).setParameter(2, lessonId).getSingleResult()).longValue() > 0;
    }
}
