package academy.minicluster.web.assignments;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** The attempt {@code attemptId} in {@code history}. */
    public static Optional<NumberedAttempt> find(List<NumberedAttempt> history, long attemptId) {
        return history.stream().filter(a -> a.id() == attemptId).findFirst();
    }
}
