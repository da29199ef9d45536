package academy.minicluster.web.assignments;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The labs a learner's cohorts gave them, with the due date that applies to them (their extension's if any). */
public final class LearnerAssignments {

    private LearnerAssignments() {
    }

    /**
     * One lab assigned to the learner by one of their cohorts.
     *
     * @param state whether it is open yet, at the time it was read
     */
    public record Assigned(Long assignmentId, String cohortName, String labId, Instant opensAt, Due due,
                           State state) {
        public boolean open() {
            return state == State.OPEN;
        }
    }

    /** Before the opening date learners see the lab is coming and when; from then on they get the link. */
    public enum State { NOT_OPEN_YET, OPEN }

    private static final String ASSIGNED = """
            select a.id, c.name, a.lab_id, a.opens_at, coalesce(e.due_at, a.due_at), e.due_at is not null
            from lab_assignment a
            join cohort c on c.id = a.cohort_id
            join cohort_member m on m.cohort_id = a.cohort_id and m.account_id = ?1
            left join assignment_extension e on e.assignment_id = a.id and e.account_id = ?1
            order by coalesce(e.due_at, a.due_at), a.lab_id, c.name, a.id""";

    /** Every assignment of the learner's cohorts, soonest due first; call inside a transaction. */
    @SuppressWarnings("unchecked")
    public static List<Assigned> of(long accountId, Instant now) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(ASSIGNED).setParameter(1, accountId)
                .getResultList();
        List<Assigned> assigned = new ArrayList<>();
        for (Object[] r : rows) {
            Instant opens = instant(r[3]);
            assigned.add(new Assigned(((Number) r[0]).longValue(), (String) r[1], (String) r[2], opens,
                    new Due(instant(r[4]), Boolean.TRUE.equals(r[5]) ? Due.Kind.EXTENDED : Due.Kind.COHORT),
                    now.isBefore(opens) ? State.NOT_OPEN_YET : State.OPEN));
        }
        return assigned;
    }

    /** A timestamp column as an Instant, whatever type the driver hands back. */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
