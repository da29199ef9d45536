package academy.minicluster.web.gradebook;

import academy.minicluster.labs.lab.BuiltInLabs;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A cohort's learners × labs: for each learner and each lab any of them attempted, the best attempt's score, the
 * number of attempts and the last activity. Learners are in username order; labs in course order (built-in labs as
 * the course lists them), then authored labs by id.
 *
 * @param labs     the columns
 * @param learners the rows, every member of the cohort, attempts or not
 */
public record Gradebook(List<String> labs, List<LearnerRow> learners) {

    /** One learner's row: a cell per lab, in the order of {@link #labs}. */
    public record LearnerRow(Long accountId, String username, List<Cell> cells) {
    }

    /**
     * One learner at one lab. {@code attempts} 0 means never attempted (the other fields are then 0/null).
     *
     * @param bestAttemptId the attempt with the best score (the latest of equal scores), for the drill-down
     */
    public record Cell(String labId, int bestScore, int maxScore, int attempts, Instant lastActivity,
                       Long bestAttemptId) {
        public boolean attempted() {
            return attempts > 0;
        }
    }

    private static final String MEMBERS = """
            select a.id, a.username from cohort_member m join account a on a.id = m.account_id
            where m.cohort_id = ?1 order by a.username""";

    /** The best attempt per learner and lab (highest score, then latest), with the count and the last activity. */
    private static final String BEST = """
            select account_id, lab_id, score, max_score, id, attempts, last_at from (
              select t.account_id, t.lab_id, t.score, t.max_score, t.id,
                     row_number() over (partition by t.account_id, t.lab_id
                                        order by t.score desc, t.created_at desc, t.id desc) as rank,
                     count(*) over (partition by t.account_id, t.lab_id) as attempts,
                     max(t.created_at) over (partition by t.account_id, t.lab_id) as last_at
              from attempt t join cohort_member m on m.account_id = t.account_id and m.cohort_id = ?1
            ) best where rank = 1""";

    /** Reads the gradebook of cohort {@code cohortId}; call inside a transaction or request context. */
    @SuppressWarnings("unchecked")
    public static Gradebook of(Long cohortId) {
        var em = Panache.getEntityManager();
        List<Object[]> members = em.createNativeQuery(MEMBERS).setParameter(1, cohortId).getResultList();
        List<Object[]> best = em.createNativeQuery(BEST).setParameter(1, cohortId).getResultList();

        Map<Long, Map<String, Cell>> byLearner = new LinkedHashMap<>();
        TreeSet<String> labIds = new TreeSet<>();
        for (Object[] r : best) {
            Long account = ((Number) r[0]).longValue();
            String lab = (String) r[1];
            labIds.add(lab);
            byLearner.computeIfAbsent(account, k -> new LinkedHashMap<>()).put(lab, new Cell(lab,
                    ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), ((Number) r[5]).intValue(),
                    instant(r[6]), ((Number) r[4]).longValue()));
        }
        List<String> labs = courseOrder(labIds);
        List<LearnerRow> rows = new ArrayList<>();
        for (Object[] m : members) {
            Long account = ((Number) m[0]).longValue();
            Map<String, Cell> cells = byLearner.getOrDefault(account, Map.of());
            List<Cell> row = labs.stream()
                    .map(lab -> Optional.ofNullable(cells.get(lab)).orElse(new Cell(lab, 0, 0, 0, null, null)))
                    .toList();
            rows.add(new LearnerRow(account, (String) m[1], row));
        }
        return new Gradebook(labs, rows);
    }

    /** The gradebook as CSV: one row per learner and lab, best score, maximum, attempts, last activity (UTC). */
    public String csv() {
        StringBuilder out = new StringBuilder(Csv.row(List.of("learner", "lab", "best_score", "max_score",
                "attempts", "last_activity")));
        for (LearnerRow learner : learners) {
            for (Cell c : learner.cells()) {
                out.append(Csv.row(List.of(learner.username(), c.labId(),
                        c.attempted() ? Integer.toString(c.bestScore()) : "",
                        c.attempted() ? Integer.toString(c.maxScore()) : "",
                        Integer.toString(c.attempts()),
                        c.lastActivity() == null ? "" : c.lastActivity().toString())));
            }
        }
        return out.toString();
    }

    private static List<String> courseOrder(TreeSet<String> labIds) {
        List<String> order = BuiltInLabs.ids();
        return labIds.stream().sorted(Comparator
                .comparingInt((String id) -> order.contains(id) ? order.indexOf(id) : Integer.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
