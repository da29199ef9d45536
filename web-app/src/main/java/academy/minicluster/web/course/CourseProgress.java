package academy.minicluster.web.course;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    @Inject
    AgroalDataSource dataSource;

    /**
     * Every lab that has a published version, by id, with its newest published version's title. One plain JDBC
     * statement in auto-commit mode: every lab page and "Check my work" asks this, and a JTA transaction and a
     * Hibernate native query around one read cost more than the read.
     */
    public Map<String, PublishedLab> publishedLabs() {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT DISTINCT ON (lab_id) lab_id, version, title, lesson_id
                FROM lab_version WHERE published
                ORDER BY lab_id, version DESC"""); ResultSet r = q.executeQuery()) {
            Map<String, PublishedLab> labs = new LinkedHashMap<>();
            while (r.next()) {
                labs.put(r.getString(1), new PublishedLab(r.getString(1), r.getInt(2), r.getString(3),
                        r.getString(4)));
            }
            return labs;
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the published labs", e);
        }
    }

    /** {@code accountId}'s progress on every lab they opened or attempted, by lab id. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, LabProgress> progressOf(long accountId) {
        List<Object[]> rows = em.createNativeQuery("SELECT * FROM (" + PROGRESS + ") p")
                .setParameter(1, accountId).getResultList();
        Map<String, LabProgress> progress = new HashMap<>();
        rows.forEach(r -> addProgress(progress, r, 0));
        return progress;
    }

    /** What a lesson page shows beside its labs: every published lab, and the reader's progress (empty for visitors). */
    public record LessonView(Map<String, PublishedLab> published, Map<String, LabProgress> progress) {
    }

    /**
     * Records that {@code accountId} read {@code lessonId} (the first visit's time is kept) and reads the published
     * labs and their progress: one statement, one round trip, where the page took five (the visit, the published
     * labs, the attempts, the workspaces, the commit). The insert is a data-modifying WITH clause of the query:
     * PostgreSQL runs it exactly once whether or not the query reads it, and the statement is atomic, so it needs no
     * transaction around it (run outside one, it commits on its own as the page is served).
     */
    @SuppressWarnings("unchecked")
    public LessonView visitLesson(long accountId, String lessonId) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH visit AS (INSERT INTO lesson_visit (account_id, lesson_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING)
                SELECT 'published' AS kind, lab_id, version, title, lesson_id, NULL::int, NULL::int, NULL::bigint
                FROM (SELECT DISTINCT ON (lab_id) lab_id, version, title, lesson_id
                      FROM lab_version WHERE published ORDER BY lab_id, version DESC) l
                UNION ALL
                SELECT 'progress', p.* FROM (""" + PROGRESS + ") p")
                .setParameter(1, accountId).setParameter(2, lessonId).getResultList();
        Map<String, PublishedLab> published = new LinkedHashMap<>();
        Map<String, LabProgress> progress = new HashMap<>();
        for (Object[] r : rows) {
            if ("published".equals(r[0])) {
                published.put((String) r[1], new PublishedLab((String) r[1], ((Number) r[2]).intValue(),
                        (String) r[3], (String) r[4]));
            } else {
                addProgress(progress, r, 1);
            }
        }
        return new LessonView(published, progress);
    }

    /**
     * A learner's progress rows ({@code ?1} is the account): for each attempted lab its id, a NULL, the NULL title,
     * NULL lesson, best score, that attempt's maximum and the number of attempts; for each lab with a workspace but no
     * attempt, its id and NULLs. The shape lets {@link #visitLesson} append these rows to the published labs'.
     */
    private static final String PROGRESS = """
            SELECT b.lab_id, NULL::int, NULL::text, NULL::text, b.score, b.max_score, c.attempts
            FROM (SELECT DISTINCT ON (lab_id) lab_id, score, max_score FROM attempt WHERE account_id = ?1
                  ORDER BY lab_id, score::float / greatest(max_score, 1) DESC, score DESC, created_at DESC) b
            JOIN (SELECT lab_id, count(*) AS attempts FROM attempt WHERE account_id = ?1 GROUP BY lab_id) c
              ON c.lab_id = b.lab_id
            UNION ALL
            SELECT DISTINCT w.lab_id, NULL::int, NULL::text, NULL::text, NULL::int, NULL::int, NULL::bigint
            FROM workspace w WHERE w.account_id = ?1 AND w.lab_id IS NOT NULL""";

    /** One row of {@link #PROGRESS}, its columns from {@code at}: an attempted lab, or one only opened. */
    private static void addProgress(Map<String, LabProgress> progress, Object[] r, int at) {
        String labId = (String) r[at];
        if (r[at + 4] == null) {
            progress.putIfAbsent(labId, new LabProgress(labId, 0, 0, 0, true));
        } else {
            progress.put(labId, new LabProgress(labId, ((Number) r[at + 4]).intValue(),
                    ((Number) r[at + 5]).intValue(), ((Number) r[at + 6]).intValue(), true));
        }
    }
}
