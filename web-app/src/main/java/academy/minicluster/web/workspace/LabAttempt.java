package academy.minicluster.web.workspace;

import academy.minicluster.web.assignments.NumberedAttempt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import academy.minicluster.web.assignments.NumberedAttempt;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A graded submission, as it was graded: the lab version, what was submitted and the grader's JSON. Named
 * {@code LabAttempt} (entity name too) so that other features may map the shared {@code attempt} table their way.
 */
@Entity(name = "LabAttempt")
@Table(name = "attempt")
public class LabAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(name = "lab_id", nullable = false, length = 100)
    public String labId;

    @Column(name = "lab_version", nullable = false)
    public int labVersion;

    /**
     * What was submitted, as {@link GradeJson#submission} writes it; null when the attempt stores it by reference
     * ("Check my work": the log's first {@link #logLength} entries of workspace {@link #workspaceId}, then
     * {@link #answers}): read it with {@link #submissionText}.
     */
    @Column
    public String submission;

    @Column(name = "workspace_id")
    public Long workspaceId;

    @Column(name = "log_length")
    public Integer logLength;

    /** Stored by reference: the answers to the lab's questions, as {@link GradeJson#submission} writes them. */
    @Column
    public String answers;

    @Column(nullable = false)
    public int score;

    @Column(name = "max_score", nullable = false)
    public int maxScore;

    @Column(nullable = false)
    public String result;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Stores an attempt through Hibernate; call inside a transaction (tests seed attempts with it). */
    public static LabAttempt record(long accountId, String labId, int labVersion, String submission, int score,
                                    int maxScore, String result) {
        LabAttempt a = of(accountId, labId, labVersion, submission, score, maxScore, result);
        a.persist();
        return a;
    }

    private static LabAttempt of(long accountId, String labId, int labVersion, String submission, int score,
                                 int maxScore, String result) {
        LabAttempt a = new LabAttempt();
        a.accountId = accountId;
        a.labId = labId;
        a.labVersion = labVersion;
        a.submission = submission;
        a.score = score;
        a.maxScore = maxScore;
        a.result = result;
        a.createdAt = Instant.now();
        return a;
    }

    /**
     * Stores an attempt with one statement on {@code connection} and answers it (not managed by Hibernate): the hot
     * path of grading, where the entity's persist, flush and JTA transaction cost more than the insert itself. On a
     * connection in auto-commit mode (outside any transaction) the row is committed when this returns, so an
     * attempt is acknowledged only once it is stored.
     */
    public static LabAttempt insert(Connection connection, long accountId, String labId, int labVersion,
                                    String submission, int score, int maxScore, String result) throws SQLException {
        LabAttempt a = of(accountId, labId, labVersion, submission, score, maxScore, result);
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO attempt (account_id, lab_id, lab_version,"
                + " submission, score, max_score, result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setLong(1, accountId);
            s.setString(2, labId);
            s.setInt(3, labVersion);
            s.setString(4, submission);
            s.setInt(5, score);
            s.setInt(6, maxScore);
            s.setString(7, result);
            s.setObject(8, a.createdAt.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                a.id = rs.getLong(1);
            }
        }
        return a;
    }

    /**
     * Stores an attempt of "Check my work" with one statement on {@code connection}, its submission by reference (the
     * first {@code logLength} entries of workspace {@code workspaceId}, then {@code answers}): the same few bytes
     * whatever the log's length. The statement also reads the result of the learner's newest attempt before it (its
     * snapshot does not see the row it inserts), whose errors this attempt does not list again
     * ({@link #errorsBefore}); the history the answer lists is read with the due date ({@code NumberedAttempt.atLab}).
     */
    public static Workspaces.Checked insertChecked(Connection connection, long accountId, String labId,
                                                   int labVersion, long workspaceId, int logLength, String answers,
                                                   int score, int maxScore, String result) throws SQLException {
        LabAttempt a = of(accountId, labId, labVersion, null, score, maxScore, result);
        a.workspaceId = workspaceId;
        a.logLength = logLength;
        a.answers = answers;
        try (PreparedStatement s = connection.prepareStatement("WITH a AS (INSERT INTO attempt (account_id, lab_id,"
                + " lab_version, workspace_id, log_length, answers, score, max_score, result, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, created_at)"
                + " SELECT true, id, created_at, NULL FROM a UNION ALL"
                + " SELECT false, id, created_at, result FROM attempt WHERE id = (SELECT max(id)"
                + " FROM attempt WHERE account_id = ? AND lab_id = ?)")) {
            s.setLong(1, accountId);
            s.setString(2, labId);
            s.setInt(3, labVersion);
            s.setLong(4, workspaceId);
            s.setInt(5, logLength);
            s.setString(6, answers);
            s.setInt(7, score);
            s.setInt(8, maxScore);
            s.setString(9, result);
            s.setObject(10, a.createdAt.atOffset(ZoneOffset.UTC));
            s.setLong(11, accountId);
            s.setString(12, labId);
            try (ResultSet rs = s.executeQuery()) {
                List<String> errorsBefore = List.of();
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        a.id = rs.getLong(2);
                        a.createdAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                    } else if (rs.getString(4) != null) {
                        errorsBefore = GradeJson.errors(rs.getString(4));
                    }
                }
                return new Workspaces.Checked(a, errorsBefore);
            }
        }
    }

    /** This attempt's submission as {@link GradeJson#submission} wrote it (see {@link #submissionText}). */
    public String submissionText(AgroalDataSource dataSource) {
        return submissionText(dataSource, submission, workspaceId, logLength, answers);
    }

    /**
     * An attempt's submission as {@link GradeJson#submission} wrote it: {@code submission} when it was stored as a
     * copy; for an attempt stored by reference, the submission of the first {@code logLength} entries of workspace
     * {@code workspaceId} ({@link WorkspaceReplay#submission}, as the check built it) with the stored
     * {@code answers}: the same text, byte for byte, since a log only grows.
     */
    public static String submissionText(AgroalDataSource dataSource, String submission, Long workspaceId,
                                        Integer logLength, String answers) {
        if (submission != null || workspaceId == null || logLength == null) {
            return submission;
        }
        Map<String, String> answered = new LinkedHashMap<>();
        GradeJson.read(answers == null ? "[]" : answers).forEach(p -> answered.put(p.path("source").asText(),
                p.path("text").asText()));
        return GradeJson.submission(WorkspaceReplay.submission(WorkspaceLog.entriesBetween(dataSource, workspaceId,
                0, logLength)).withAnswers(answered));
    }

    /**
     * The learner's newest attempt at the lab and the one before it (what the lab page shows: the last result, and
     * the errors it no longer repeats), newest first, up to two, from their attempts and the newest ones' results read
     * with them ({@link NumberedAttempt#atLab}, asked for two results): no statement of its own, no submission.
     */
    public static List<LabAttempt> newestTwo(long accountId, String labId, NumberedAttempt.AtLab read) {
        return read.history().stream().filter(a -> read.newestResults().containsKey(a.id()))
                .sorted(java.util.Comparator.comparingLong(NumberedAttempt::id).reversed()).limit(2).map(n -> {
                    LabAttempt a = new LabAttempt();
                    a.id = n.id();
                    a.accountId = accountId;
                    a.labId = labId;
                    a.labVersion = n.labVersion();
                    a.score = n.score();
                    a.maxScore = n.maxScore();
                    a.result = read.newestResults().get(n.id());
                    a.createdAt = n.createdAt();
                    return a;
                }).toList();
    }

    /** A learner's attempts at a lab, newest first. */
    public static List<LabAttempt> history(long accountId, String labId) {
        return list("accountId = ?1 and labId = ?2 order by id desc", accountId, labId);
    }

    /**
     * The learner's newest attempt at the lab: one row (the page shows its result again), not their whole history
     * with every result's JSON.
     */
    public static Optional<LabAttempt> latest(long accountId, String labId) {
        return find("accountId = ?1 and labId = ?2 order by id desc", accountId, labId).firstResultOptional();
    }

    /**
     * How many of the learner's attempts at the lab, up to and including {@code attempt}, missed full marks: the
     * "failed checks" a lab's feedback counts before it shows causes.
     */
    public static long failedUpTo(LabAttempt attempt) {
        return count("accountId = ?1 and labId = ?2 and id <= ?3 and score < maxScore", attempt.accountId,
                attempt.labId, attempt.id);
    }

    /**
     * The errors listed by the learner's attempt at the lab just before {@code attempt} (none for a first attempt):
     * what {@link GradeView#newErrorsSince} leaves out, so an attempt shows the errors of its own round of work.
     */
    public static List<String> errorsBefore(LabAttempt attempt) {
        return errorsBefore(attempt.accountId, attempt.labId, attempt.id);
    }

    /** The errors of the attempt at {@code labId} by {@code accountId} just before attempt {@code id} (see above). */
    public static List<String> errorsBefore(long accountId, String labId, long id) {
        return LabAttempt.<LabAttempt>find("accountId = ?1 and labId = ?2 and id < ?3 order by id desc",
                        accountId, labId, id).firstResultOptional()
                .map(previous -> GradeJson.errors(previous.result)).orElse(List.of());
    }

    /** The attempt with {@code id} if {@code accountId} made it; another learner's is as good as absent. */
    public static Optional<LabAttempt> owned(long id, long accountId) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResultOptional();
    }
}
