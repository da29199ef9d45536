package academy.minicluster.web.cohorts;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Named fixtures for the instructor features' tests: accounts, cohorts, memberships and attempts, written straight
 * to the database (the sign-up and workspace features that make them in production are built elsewhere).
 */
@ApplicationScoped
public class InstructorFixtures {

    public static final String INSTRUCTOR = "ines.instructor";
    public static final String OTHER_INSTRUCTOR = "olaf.instructor";
    public static final String ADMIN = "ada.admin";
    public static final String LEARNER = "lea.learner";
    public static final String OTHER_LEARNER = "otto.learner";
    /** The password of every account made here. */
    public static final String PASSWORD = "correct horse battery staple";

    /** The account named {@code username}, created with {@code role} if it does not exist yet. */
    @Transactional
    public Long account(String username, Role role) {
        return Account.findByUsername(username).map(a -> a.id)
                .orElseGet(() -> Account.register(username, PASSWORD, role).id);
    }

    /** The five accounts every access-rule test uses. */
    public void everyone() {
        account(INSTRUCTOR, Role.INSTRUCTOR);
        account(OTHER_INSTRUCTOR, Role.INSTRUCTOR);
        account(ADMIN, Role.ADMIN);
        account(LEARNER, Role.LEARNER);
        account(OTHER_LEARNER, Role.LEARNER);
    }

    @Transactional
    public Cohort cohort(String name, String instructor) {
        Long owner = Account.findByUsername(instructor).orElseThrow().id;
        Cohort cohort = new Cohort();
        cohort.name = name;
        cohort.instructorId = owner;
        cohort.joinCode = new JoinCode().next();
        cohort.createdAt = Instant.now();
        cohort.persist();
        return cohort;
    }

    @Transactional
    public void join(Long cohortId, String learner) {
        CohortMember.join(cohortId, Account.findByUsername(learner).orElseThrow().id);
    }

    /** Adds {@code learner} to the cohort as having joined at {@code at} (the gradebook counts attempts from then). */
    @Transactional
    public void join(Long cohortId, String learner, Instant at) {
        CohortMember.join(cohortId, Account.findByUsername(learner).orElseThrow().id).joinedAt = at;
    }

    /** Inserts a graded attempt as the workspace stores one; returns its id. */
    @Transactional
    public Long attempt(String learner, String labId, int version, int score, int max, String resultJson,
                        Instant at) {
        return attempt(learner, labId, version, score, max, resultJson, at, "kubectl get svc");
    }

    /** The id of the cohort's assignment of {@code labId}. */
    @Transactional
    public Long assignmentId(Long cohortId, String labId) {
        return academy.minicluster.web.assignments.Assignment.of(cohortId, labId).orElseThrow().id;
    }

    /** Inserts a graded attempt with {@code submission} as stored; returns its id. */
    @Transactional
    public Long attempt(String learner, String labId, int version, int score, int max, String resultJson,
                        Instant at, String submission) {
        Long account = Account.findByUsername(learner).orElseThrow().id;
        Object id = Panache.getEntityManager().createNativeQuery("""
                        insert into attempt (account_id, lab_id, lab_version, submission, score, max_score, result,
                                             created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id""")
                .setParameter(1, account).setParameter(2, labId).setParameter(3, version)
                .setParameter(4, submission).setParameter(5, score).setParameter(6, max)
                .setParameter(7, resultJson).setParameter(8, java.sql.Timestamp.from(at))
                .getSingleResult();
        return ((Number) id).longValue();
    }

    @Transactional
    public boolean isMember(Long cohortId, String learner) {
        return Cohort.<Cohort>findById(cohortId).hasMember(Account.findByUsername(learner).orElseThrow().id);
    }

    @Transactional
    public long memberCount(Long cohortId) {
        return CohortMember.count("cohortId", cohortId);
    }
}
