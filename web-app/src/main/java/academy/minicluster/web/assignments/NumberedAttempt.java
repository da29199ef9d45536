package academy.minicluster.web.assignments;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A learner's attempt at a lab as people are shown it: numbered 1, 2, 3 among that learner's attempts at that lab
 * (oldest first; the table's ids are shared by every learner and mean nothing to them), and whether it came after
 * the due date.
 */
public record NumberedAttempt(long id, int number, int score, int maxScore, int labVersion, Instant createdAt,
                              Due.Timing timing) {

    public boolean late() {
        return timing.late();
    }

    public boolean fullMarks() {
        return maxScore > 0 && score >= maxScore;
    }

    private static final String HISTORY = """
            select id, score, max_score, lab_version, created_at from attempt
            where account_id = ?1 and lab_id = ?2 order by created_at, id""";

    /**
     * The learner's attempts at the lab, newest first, numbered from the oldest; late against {@code due} (none is
     * late without one). Call inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public static List<NumberedAttempt> history(long accountId, String labId, Optional<Due> due) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(HISTORY).setParameter(1, accountId)
                .setParameter(2, labId).getResultList();
        List<Row> attempts = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            attempts.add(new Row(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(), LearnerAssignments.instant(r[4])));
        }
        return numbered(attempts, due);
    }

    /** A learner's attempt at a lab as the history reads it from the {@code attempt} table. */
    public record Row(long id, int score, int maxScore, int labVersion, Instant createdAt) {
    }

    /**
     * The learner's attempts at a lab, {@code rows} in any order, newest first, numbered from the oldest (by time,
     * then id); late against {@code due} (none is late without one): for a caller that read the rows itself (the
     * check reads them with the insert of its attempt).
     */
    public static List<NumberedAttempt> numbered(List<Row> rows, Optional<Due> due) {
        List<Row> oldestFirst = new ArrayList<>(rows);
        oldestFirst.sort(java.util.Comparator.comparing(Row::createdAt).thenComparingLong(Row::id));
        List<NumberedAttempt> attempts = new ArrayList<>(oldestFirst.size());
        int number = 0;
        for (Row r : oldestFirst) {
            attempts.add(0, new NumberedAttempt(r.id(), ++number, r.score(), r.maxScore(), r.labVersion(),
                    r.createdAt(), due.map(d -> d.timing(r.createdAt())).orElse(Due.Timing.ON_TIME)));
        }
        return attempts;
    }

    /** Attempt number {@code number} (counted from the learner's oldest at the lab), late or not against {@code due}. */
    private static NumberedAttempt numbered(long id, int number, int score, int maxScore, int labVersion,
                                            Instant at, Optional<Due> due) {
        return new NumberedAttempt(id, number, score, maxScore, labVersion, at,
                due.map(d -> d.timing(at)).orElse(Due.Timing.ON_TIME));
    }

    /**
     * A learner's work on a lab as its pages show it: the due date that applies to them (empty when no cohort of
     * theirs assigned the lab), their attempts ({@link #history}), and the stored results ({@code attempt.result}) of
     * their newest attempts by id, the grade the page shows again.
     */
    public record AtLab(Optional<Due> due, List<NumberedAttempt> history, Map<Long, String> newestResults) {
    }

    /**
     * The due date: the latest of the learner's cohorts' for the lab, each their extension's where they have one (a
     * learner in two cohorts that both assign a lab is late only once both dates have passed); among equal dates the
     * first by cohort name and assignment id, as the course page lists them ({@link LearnerAssignments#of}). With the
     * attempts (a row each, or one row of nulls when there is none) and the newest ones' results, in one statement.
     */
    private static final String AT_LAB = """
            SELECT d.due_at, d.extended, t.id, t.score, t.max_score, t.lab_version, t.created_at, t.result
            FROM (SELECT 1) one
            LEFT JOIN (SELECT coalesce(e.due_at, a.due_at) AS due_at, e.due_at IS NOT NULL AS extended
                       FROM lab_assignment a
                       JOIN cohort c ON c.id = a.cohort_id
                       JOIN cohort_member m ON m.cohort_id = a.cohort_id AND m.account_id = ?
                       LEFT JOIN assignment_extension e ON e.assignment_id = a.id AND e.account_id = ?
                       WHERE a.lab_id = ?
                       ORDER BY 1 DESC, c.name, a.id LIMIT 1) d ON true
            LEFT JOIN (SELECT id, score, max_score, lab_version, created_at,
                              CASE WHEN row_number() OVER (ORDER BY id DESC) <= ? THEN result END AS result
                       FROM attempt WHERE account_id = ? AND lab_id = ?) t ON true
            ORDER BY t.created_at, t.id""";

    /**
     * The learner's due date, attempts and the results of their newest {@code results} attempts at the lab
     * ({@link AtLab}), in one plain JDBC statement on a pooled connection: no Hibernate session, no transaction
     * (the lab page and "Check my work" read them at each request).
     */
    public static AtLab atLab(DataSource dataSource, long accountId, String labId, int results) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(AT_LAB)) {
            s.setLong(1, accountId);
            s.setLong(2, accountId);
            s.setString(3, labId);
            s.setInt(4, results);
            s.setLong(5, accountId);
            s.setString(6, labId);
            try (ResultSet rs = s.executeQuery()) {
                Optional<Due> due = Optional.empty();
                List<NumberedAttempt> attempts = new ArrayList<>();
                Map<Long, String> newest = new HashMap<>();
                while (rs.next()) {
                    if (due.isEmpty() && rs.getObject(1) != null) {
                        due = Optional.of(new Due(rs.getObject(1, OffsetDateTime.class).toInstant(),
                                rs.getBoolean(2) ? Due.Kind.EXTENDED : Due.Kind.COHORT));
                    }
                    long id = rs.getLong(3);
                    if (rs.wasNull()) {
                        continue;
                    }
                    attempts.add(0, numbered(id, attempts.size() + 1, rs.getInt(4), rs.getInt(5), rs.getInt(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), due));
                    String result = rs.getString(8);
                    if (result != null) {
                        newest.put(id, result);
                    }
                }
                return new AtLab(due, attempts, newest);
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the attempts", e);
        }
    }

    /** The attempt {@code attemptId} in {@code history}. */
    public static Optional<NumberedAttempt> find(List<NumberedAttempt> history, long attemptId) {
        return history.stream().filter(a -> a.id() == attemptId).findFirst();
    }
}
