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
        List<NumberedAttempt> attempts = new ArrayList<>();
        int number = 0;
        for (Object[] r : rows) {
            Instant at = LearnerAssignments.instant(r[4]);
            attempts.add(0, new NumberedAttempt(((Number) r[0]).longValue(), ++number, ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), at,
                    due.map(d -> d.timing(at)).orElse(Due.Timing.ON_TIME)));
        }
        return attempts;
    }

    /** The attempt {@code attemptId} in {@code history}. */
    public static Optional<NumberedAttempt> find(List<NumberedAttempt> history, long attemptId) {
        return history.stream().filter(a -> a.id() == attemptId).findFirst();
    }
}
