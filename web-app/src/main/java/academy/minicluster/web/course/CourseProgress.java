package academy.minicluster.web.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the course page shows beside each lab: the published labs (title, version) and a learner's progress
 * from their attempts and workspaces. The tables belong to the lab features; this only reads them, with native
 * queries, so no second entity maps the same table.
 */
@ApplicationScoped
public class CourseProgress {

    /** The newest published version of a lab. */
    public record PublishedLab(String labId, int version, String title, String lessonId) {
    }

    @Inject
    EntityManager em;

    /** Every lab that has a published version, by id, with its newest published version's title. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, PublishedLab> publishedLabs() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (lab_id) lab_id, version, title, lesson_id
                FROM lab_version WHERE published
                ORDER BY lab_id, version DESC""").getResultList();
        Map<String, PublishedLab> labs = new LinkedHashMap<>();
        for (Object[] r : rows) {
            labs.put((String) r[0], new PublishedLab((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                    (String) r[3]));
        }
        return labs;
    }

    /** {@code accountId}'s progress on every lab they opened or attempted, by lab id. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, LabProgress> progressOf(long accountId) {
        Map<String, LabProgress> progress = new HashMap<>();
        List<Object[]> best = em.createNativeQuery("""
                SELECT b.lab_id, b.score, b.max_score, c.attempts
                FROM (SELECT DISTINCT ON (lab_id) lab_id, score, max_score FROM attempt WHERE account_id = ?1
                      ORDER BY lab_id, score::float / greatest(max_score, 1) DESC, score DESC, created_at DESC) b
                JOIN (SELECT lab_id, count(*) AS attempts FROM attempt WHERE account_id = ?1 GROUP BY lab_id) c
                  ON c.lab_id = b.lab_id""").setParameter(1, accountId).getResultList();
        for (Object[] r : best) {
            progress.put((String) r[0], new LabProgress((String) r[0], ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), true));
        }
        List<String> opened = em.createNativeQuery(
                        "SELECT DISTINCT lab_id FROM workspace WHERE account_id = ?1 AND lab_id IS NOT NULL")
                .setParameter(1, accountId).getResultList();
        for (String labId : opened) {
            progress.putIfAbsent(labId, new LabProgress(labId, 0, 0, 0, true));
        }
        return progress;
    }
}
