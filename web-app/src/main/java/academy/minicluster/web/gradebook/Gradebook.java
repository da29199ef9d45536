package academy.minicluster.web.gradebook;

import academy.minicluster.web.assignments.Due;
import academy.minicluster.web.assignments.LearnerAssignments;
import academy.minicluster.web.display.Times;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cohort's learners × labs. The columns are the labs the cohort was assigned (soonest due first), then any other
 * lab a member attempted while in the cohort (in the course's order), so nothing a learner did is hidden. Only
 * attempts made while a member count: work done before joining belongs to no cohort. Each cell has the best
 * attempt's score, the number of attempts, how many were late, the hints revealed, the active time and the last
 * activity; an untried lab shows as such.
 *
 * @param labs     the columns
 * @param learners the rows, every member of the cohort, attempts or not, in the order asked for
 * @param sort     the order of the rows
 */
public record Gradebook(List<Column> labs, List<LearnerRow> learners, Sort sort) {

    /**
     * Gaps between a learner's actions on a lab (commands, applies, checks) count as time spent up to this long; a
     * longer gap counts as this much (the learner was reading or thinking, or away: we cannot tell which).
     */
    public static final Duration IDLE_CAP = Duration.ofMinutes(10);

    /**
     * A lab column.
     *
     * @param title the newest published version's title (the id when none is published)
     * @param due   the assignment's due date; empty for a lab the cohort was not assigned
     */
    public record Column(String labId, String title, Optional<Instant> due) {
        public boolean assigned() {
            return due.isPresent();
        }
    }

    /** One learner's row: a cell per lab, in the order of {@link #labs}. */
    public record LearnerRow(Long accountId, String username, List<Cell> cells) {
        /** Labs at full marks, for the "done" sort. */
        public long done() {
            return cells.stream().filter(Cell::fullMarks).count();
        }
    }

    /**
     * One learner at one lab. {@code attempts} 0 means never attempted.
     *
     * @param best         the best attempt (highest share of the maximum, then the latest), for the drill-down
     * @param lateAttempts attempts after the learner's due date (the assignment's or their extension)
     * @param hintsUsed    hints the learner revealed in this lab
     * @param timeSpent    active time on the lab while a member (see {@link #IDLE_CAP})
     */
    public record Cell(String labId, int bestScore, int maxScore, int attempts, int lateAttempts, int hintsUsed,
                       Duration timeSpent, Optional<Instant> lastActivity, Optional<BestAttempt> best,
                       Optional<Due> due) {
        public boolean attempted() {
            return attempts > 0;
        }

        public boolean fullMarks() {
            return attempted() && maxScore > 0 && bestScore >= maxScore;
        }

        public String spent() {
            return Times.spent(timeSpent);
        }

        /** The best share of the maximum, for sorting; -1 for an untried lab so it sorts below a 0 score. */
        double ratio() {
            return attempted() ? bestScore / (double) Math.max(maxScore, 1) : -1;
        }
    }

    /** The attempt a cell links to: its id and its number among the learner's attempts at the lab. */
    public record BestAttempt(long id, int number, boolean late) {
    }

    /** The rows' order: by learner name, by labs done, or by one lab's best score; ascending or descending. */
    public record Sort(Key key, String labId, Direction direction) {
        public static final Sort DEFAULT = new Sort(Key.LEARNER, "", Direction.ASC);

        /** What to sort by. */
        public enum Key { LEARNER, DONE, LAB }

        /** Which way. */
        public enum Direction {
            ASC, DESC;

            public String value() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            Direction flip() {
                return this == ASC ? DESC : ASC;
            }
        }

        /** Parses {@code ?sort=learner|done|lab:ID&dir=asc|desc}; anything else is the default order. */
        public static Sort parse(String sort, String dir) {
            Direction d = "desc".equals(dir) ? Direction.DESC : Direction.ASC;
            if (sort == null || sort.isEmpty() || "learner".equals(sort)) {
                return new Sort(Key.LEARNER, "", d);
            }
            if ("done".equals(sort)) {
                return new Sort(Key.DONE, "", d);
            }
            if (sort.startsWith("lab:") && sort.length() > 4) {
                return new Sort(Key.LAB, sort.substring(4), d);
            }
            return DEFAULT;
        }

        /** The {@code sort} parameter of this order. */
        public String value() {
            return switch (key) {
                case LEARNER -> "learner";
                case DONE -> "done";
                case LAB -> "lab:" + labId;
            };
        }

        /** The query string a column header links to: this column, ascending, or flipped when already sorted by it. */
        public String linkFor(String value) {
            Direction d = value.equals(value()) ? direction.flip() : Direction.ASC;
            return "?sort=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                    + "&dir=" + d.value();
        }

        public String linkForLab(String labId) {
            return linkFor("lab:" + labId);
        }

        public String ariaForLab(String labId) {
            return ariaFor("lab:" + labId);
        }

        /** The aria-sort of the column sorted by {@code value}. */
        public String ariaFor(String value) {
            return !value.equals(value()) ? "none" : direction == Direction.ASC ? "ascending" : "descending";
        }
    }

    private static final String MEMBERS = """
            select a.id, a.username from cohort_member m join account a on a.id = m.account_id
            where m.cohort_id = ?1 order by a.username, a.id""";

    private static final String ASSIGNED = """
            select a.lab_id, a.due_at, a.id from lab_assignment a where a.cohort_id = ?1 order by a.due_at, a.lab_id""";

    /** Each member's due date per assigned lab (their extension's when they have one). */
    private static final String DUES = """
            select m.account_id, a.lab_id, coalesce(e.due_at, a.due_at), e.due_at is not null
            from lab_assignment a join cohort_member m on m.cohort_id = a.cohort_id
            left join assignment_extension e on e.assignment_id = a.id and e.account_id = m.account_id
            where a.cohort_id = ?1""";

    /**
     * Every attempt of the cohort's members at any lab, with its number among the learner's attempts at that lab
     * (all of them, so the numbers match what the learner sees), keeping only those made since joining.
     */
    private static final String ATTEMPTS = """
            select account_id, lab_id, id, number, score, max_score, created_at from (
              select t.account_id, t.lab_id, t.id, t.score, t.max_score, t.created_at, m.joined_at,
                     row_number() over (partition by t.account_id, t.lab_id order by t.created_at, t.id) as number
              from attempt t join cohort_member m on m.account_id = t.account_id and m.cohort_id = ?1
            ) numbered where created_at >= joined_at order by account_id, lab_id, created_at, id""";

    private static final String HINTS = """
            select h.account_id, h.lab_id, count(*) from hint_reveal h
            join cohort_member m on m.account_id = h.account_id and m.cohort_id = ?1
            group by h.account_id, h.lab_id""";

    /**
     * Active seconds per member and lab since joining: the gaps between consecutive actions (workspace entries and
     * attempts), each counted up to the idle cap (?2 seconds).
     */
    private static final String TIME_SPENT = """
            select account_id, lab_id, coalesce(sum(least(extract(epoch from at - previous), ?2)), 0) from (
              select account_id, lab_id, at,
                     lag(at) over (partition by account_id, lab_id order by at) as previous
              from (select w.account_id, w.lab_id, e.created_at as at
                    from workspace_entry e join workspace w on w.id = e.workspace_id
                    join cohort_member m on m.account_id = w.account_id and m.cohort_id = ?1
                    where w.lab_id is not null and e.created_at >= m.joined_at
                    union all
                    select t.account_id, t.lab_id, t.created_at
                    from attempt t join cohort_member m on m.account_id = t.account_id and m.cohort_id = ?1
                    where t.created_at >= m.joined_at) actions
            ) gaps where previous is not null group by account_id, lab_id""";

    private record Key(long accountId, String labId) {
    }

    private record Row(long id, int number, int score, int max, Instant at) {
    }

    /**
     * Reads the gradebook of cohort {@code cohortId}; {@code titles} names each lab (the newest published title) and
     * {@code courseOrder} orders the labs attempted but not assigned. Call inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public static Gradebook of(Long cohortId, Function<String, String> titles, List<String> courseOrder, Sort sort) {
        var em = Panache.getEntityManager();
        List<Object[]> members = em.createNativeQuery(MEMBERS).setParameter(1, cohortId).getResultList();
        List<Object[]> assigned = em.createNativeQuery(ASSIGNED).setParameter(1, cohortId).getResultList();
        List<Object[]> dues = em.createNativeQuery(DUES).setParameter(1, cohortId).getResultList();
        List<Object[]> attempts = em.createNativeQuery(ATTEMPTS).setParameter(1, cohortId).getResultList();
        List<Object[]> hints = em.createNativeQuery(HINTS).setParameter(1, cohortId).getResultList();
        List<Object[]> spent = em.createNativeQuery(TIME_SPENT).setParameter(1, cohortId)
                .setParameter(2, (double) IDLE_CAP.toSeconds()).getResultList();

        Map<String, Column> columns = new LinkedHashMap<>();
        for (Object[] r : assigned) {
            String lab = (String) r[0];
            columns.put(lab, new Column(lab, titles.apply(lab), Optional.of(LearnerAssignments.instant(r[1]))));
        }
        Map<Key, Due> due = new HashMap<>();
        for (Object[] r : dues) {
            due.put(new Key(((Number) r[0]).longValue(), (String) r[1]), new Due(LearnerAssignments.instant(r[2]),
                    Boolean.TRUE.equals(r[3]) ? Due.Kind.EXTENDED : Due.Kind.COHORT));
        }
        Map<Key, List<Row>> tried = new HashMap<>();
        List<String> unassigned = new ArrayList<>();
        for (Object[] r : attempts) {
            Key key = new Key(((Number) r[0]).longValue(), (String) r[1]);
            tried.computeIfAbsent(key, k -> new ArrayList<>()).add(new Row(((Number) r[2]).longValue(),
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).intValue(),
                    LearnerAssignments.instant(r[6])));
            if (!columns.containsKey(key.labId()) && !unassigned.contains(key.labId())) {
                unassigned.add(key.labId());
            }
        }
        unassigned.sort(Comparator.comparingInt((String id) -> courseOrder.contains(id) ? courseOrder.indexOf(id)
                : Integer.MAX_VALUE).thenComparing(Comparator.naturalOrder()));
        unassigned.forEach(lab -> columns.put(lab, new Column(lab, titles.apply(lab), Optional.empty())));
        Map<Key, Integer> hintCount = new HashMap<>();
        hints.forEach(r -> hintCount.put(new Key(((Number) r[0]).longValue(), (String) r[1]),
                ((Number) r[2]).intValue()));
        Map<Key, Duration> time = new HashMap<>();
        spent.forEach(r -> time.put(new Key(((Number) r[0]).longValue(), (String) r[1]),
                Duration.ofSeconds(Math.round(((Number) r[2]).doubleValue()))));

        List<LearnerRow> rows = new ArrayList<>();
        for (Object[] m : members) {
            long account = ((Number) m[0]).longValue();
            List<Cell> cells = columns.values().stream().map(col -> {
                Key key = new Key(account, col.labId());
                return cell(col.labId(), tried.getOrDefault(key, List.of()), Optional.ofNullable(due.get(key)),
                        hintCount.getOrDefault(key, 0), time.getOrDefault(key, Duration.ZERO));
            }).toList();
            rows.add(new LearnerRow(account, (String) m[1], cells));
        }
        List<Column> labs = List.copyOf(columns.values());
        rows.sort(order(sort, labs));
        return new Gradebook(labs, rows, sort);
    }

    private static Cell cell(String labId, List<Row> attempts, Optional<Due> due, int hints, Duration spent) {
        if (attempts.isEmpty()) {
            return new Cell(labId, 0, 0, 0, 0, hints, spent, Optional.empty(), Optional.empty(), due);
        }
        Row best = attempts.stream().max(Comparator
                .comparingDouble((Row r) -> r.score() / (double) Math.max(r.max(), 1))
                .thenComparingInt(Row::score).thenComparing(Row::at).thenComparingLong(Row::id)).orElseThrow();
        int late = (int) attempts.stream().filter(r -> due.map(d -> d.timing(r.at()).late()).orElse(false)).count();
        Instant last = attempts.stream().map(Row::at).max(Comparator.naturalOrder()).orElseThrow();
        boolean bestLate = due.map(d -> d.timing(best.at()).late()).orElse(false);
        return new Cell(labId, best.score(), best.max(), attempts.size(), late, hints, spent, Optional.of(last),
                Optional.of(new BestAttempt(best.id(), best.number(), bestLate)), due);
    }

    private static Comparator<LearnerRow> order(Sort sort, List<Column> labs) {
        Comparator<LearnerRow> byName = Comparator.comparing(LearnerRow::username).thenComparing(LearnerRow::accountId);
        Comparator<LearnerRow> key = switch (sort.key()) {
            case LEARNER -> byName;
            case DONE -> Comparator.comparingLong(LearnerRow::done);
            case LAB -> {
                int at = labs.stream().map(Column::labId).toList().indexOf(sort.labId());
                yield at < 0 ? byName : Comparator.comparingDouble((LearnerRow r) -> r.cells().get(at).ratio());
            }
        };
        if (sort.direction() == Sort.Direction.DESC) {
            key = key.reversed();
        }
        return sort.key() == Sort.Key.LEARNER ? key : key.thenComparing(byName);
    }

    /**
     * The gradebook as CSV, the same facts as the page: one row per learner and lab, with the lab's title, its due
     * date, best score, maximum, attempts, late attempts, hints used, active minutes and last activity (UTC, ISO
     * 8601). An untried lab has empty score fields and 0 attempts.
     */
    public String csv() {
        StringBuilder out = new StringBuilder(Csv.row(List.of("learner", "lab", "title", "assigned", "due",
                "best_score", "max_score", "attempts", "late_attempts", "hints_used", "minutes_spent",
                "last_activity")));
        for (LearnerRow learner : learners) {
            for (int i = 0; i < labs.size(); i++) {
                Column col = labs.get(i);
                Cell c = learner.cells().get(i);
                out.append(Csv.row(List.of(learner.username(), col.labId(), col.title(),
                        col.assigned() ? "yes" : "no",
                        c.due().map(d -> Times.datetime(d.at())).orElse(""),
                        c.attempted() ? Integer.toString(c.bestScore()) : "",
                        c.attempted() ? Integer.toString(c.maxScore()) : "",
                        Integer.toString(c.attempts()), Integer.toString(c.lateAttempts()),
                        Integer.toString(c.hintsUsed()), Long.toString(c.timeSpent().toMinutes()),
                        c.lastActivity().map(Times::datetime).orElse(""))));
            }
        }
        return out.toString();
    }
}
