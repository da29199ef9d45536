package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.SessionIdentityProvider;
import academy.minicluster.web.assignments.NumberedAttempt;
import academy.minicluster.web.operations.Grading;
import academy.minicluster.web.operations.MiniclusterLimits;
import academy.minicluster.web.operations.Telemetry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The workspaces' operations: open one for a lab or a playground, run a console command or apply the editor's YAML
 * (each appended to the log), look at the cluster, grade it. A cluster comes from {@link ClusterCache} when this
 * server has it at the log's length, otherwise from {@link WorkspaceReplay}; either way the result is the same.
 */
@ApplicationScoped
public class Workspaces {

    /** Console lines and applied YAML longer than this are refused with a message, not stored. */
    public static final int MAX_ENTRY = 256 * 1024;

    @Inject
    ClusterCache cache;

    @Inject
    LabCatalog labs;

    @Inject
    SecurityIdentity identity;

    @Inject
    Telemetry telemetry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MiniclusterLimits limits;

    @Inject
    StorageQuota quota;

    @Inject
    WorkspaceSnapshots snapshots;

    /** The signed-in account; an identity without an account row (should not happen) is refused. */
    public Account me() {
        return Account.findByUsername(identity.getPrincipal().getName())
                .orElseThrow(() -> new ForbiddenException("No account for " + identity.getPrincipal().getName()));
    }

    /**
     * The signed-in account's id: carried by the identity when it came from the session cookie (see
     * {@link SessionIdentityProvider}), so no query; otherwise (a test identity) looked up as {@link #me()} does.
     */
    public long myId() {
        return SessionIdentityProvider.accountId(identity).orElseGet(() -> me().id);
    }

    /** The lab, or 404. */
    public Lab lab(String labId) {
        return labs.current(labId).orElseThrow(() -> new NotFoundException("No lab " + labId));
    }

    /**
     * The lab a workspace was opened on; {@code current} (the lab's current version, just looked up) when that is
     * the workspace's version, with no second lookup.
     */
    public Lab labOf(Workspace w, Lab current) {
        return w.labVersion != null && w.labVersion == current.version() && current.id().equals(w.labId) ? current
                : labOf(w);
    }

    /** The lab a workspace was opened on. */
    public Lab labOf(Workspace w) {
        return labs.version(w.labId, w.labVersion).orElseThrow(() -> new NotFoundException("No lab " + w.labId));
    }

    /**
     * The learner's current workspace for {@code lab}, opened (empty log) on first visit: one statement when it
     * exists (a detached {@link Workspace}, no entity loaded), a transaction only to open one.
     */
    public Workspace forLab(long accountId, Lab lab) {
        Workspace w = WorkspaceLog.currentForLab(dataSource, accountId, lab.id())
                .orElseGet(() -> QuarkusTransaction.requiringNew().call(() -> Workspace.currentForLab(accountId,
                        lab.id()).orElseGet(() -> Workspace.open(accountId, lab.id(), lab.version(), lab.profile(),
                        lab.seed()))));
        remember(w);
        return w;
    }

    /**
     * The learner's current workspace for {@code lab} (opened on first visit, see {@link #forLab}), with the hints
     * they revealed and their editor draft: one statement when the workspace exists.
     */
    WorkspaceLog.AtLab atLab(long accountId, Lab lab) {
        Optional<WorkspaceLog.AtLab> found = WorkspaceLog.currentAtLab(dataSource, accountId, lab.id());
        if (found.isPresent()) {
            remember(found.get().workspace());
            return found.get();
        }
        Workspace w = forLab(accountId, lab);
        return new WorkspaceLog.AtLab(w, RevealedHint.revealedCount(accountId, lab.id()),
                EditorDraft.of(accountId, EditorDraft.placeOf(w)));
    }

    /** A fresh workspace for the lab (the old one and its attempts stay). */
    @Transactional
    public Workspace resetLab(long accountId, Lab lab) {
        return Workspace.open(accountId, lab.id(), lab.version(), lab.profile(), lab.seed());
    }

    /** A new playground on {@code profile}. */
    @Transactional
    public Workspace openPlayground(long accountId, String profile, long seed) {
        return Workspace.open(accountId, null, null, profile, seed);
    }

    /**
     * The workspace if {@code accountId} owns it, or 404 (another learner's workspace is not there for you): one
     * statement, no entity loaded (every console command and apply asks this first).
     */
    public Workspace owned(long workspaceId, long accountId) {
        Workspace w = WorkspaceLog.owned(dataSource, workspaceId, accountId)
                .orElseThrow(() -> new NotFoundException("No workspace " + workspaceId));
        remember(w);
        return w;
    }

    /** Keeps who owns {@code w} (see {@link #owners}). */
    private void remember(Workspace w) {
        if (owners.size() >= MAX_OWNERS) {
            owners.clear();
        }
        owners.put(w.id, w);
    }

    /**
     * Runs {@code entry} on the workspace's cluster and appends it to the log. The entry is committed on its own
     * before the cluster is filed in the cache, so the cache never holds a state the log does not have: if another
     * request appended first (two windows on one workspace), this one is refused and its cluster dropped.
     *
     * @throws StorageQuotaExceeded when the workspace or the learner's storage is full ({@link StorageQuota}):
     *     nothing is run or stored
     */
    public ShellResult run(Workspace w, LogEntry entry) {
        return runAt(w, WorkspaceLog.head(dataSource, w.id, w.accountId), entry, null).result();
    }

    /**
     * A command or an apply as the console and the editor send it: the workspace {@code workspaceId} if
     * {@code accountId} owns it (else 404), {@code entry} run on its cluster and appended to the log (see
     * {@link #run(Workspace, LogEntry)}), and {@code look} taken at the cluster just after it, before it goes back
     * to the cache (the page's map and prompt after the command). Two statements when the cluster is cached: one reads
     * the workspace, the log's length and the learner's stored bytes, one appends the entry.
     */
    public <T> Ran<T> run(long workspaceId, long accountId, LogEntry entry, Function<Shell, T> look) {
        Optional<Ran<T>> quick = runOnCached(workspaceId, accountId, entry, look);
        if (quick.isPresent()) {
            return quick.get();
        }
        WorkspaceLog.Opened opened = WorkspaceLog.ownedWithHead(dataSource, workspaceId, accountId)
                .orElseThrow(() -> new NotFoundException("No workspace " + workspaceId));
        remember(opened.workspace());
        return runAt(opened.workspace(), opened.head(), entry, look);
    }

    /**
     * Workspaces this server read, by id: who owns each (an owner never changes) and what it was opened on, so a
     * console command on a cached cluster needs no statement to know the workspace is the learner's. Bounded: past
     * {@link #MAX_OWNERS} it is emptied (the next command of each reads its workspace again).
     */
    private final Map<Long, Workspace> owners = new ConcurrentHashMap<>();

    private static final int MAX_OWNERS = 200_000;

    /**
     * The console's one-statement path: when this server knows the workspace is the learner's and has its cluster
     * (at the length it was filed under), the entry runs on it and is appended by one statement that also checks
     * the log is still that long and the learner's storage has room ({@link WorkspaceLog#appendAt}). Empty when
     * there is no such cluster, or when the statement stored nothing (the log moved on elsewhere, the quota, the
     * workspace gone): that cluster is dropped, since it ran an entry the log does not have, and the caller goes
     * the long way, which reads the log's head and answers what it finds (the same entry run on the right cluster,
     * 413, 404).
     */
    private <T> Optional<Ran<T>> runOnCached(long workspaceId, long accountId, LogEntry entry,
                                             Function<Shell, T> look) {
        Workspace w = owners.get(workspaceId);
        if (w == null || w.accountId == null || w.accountId != accountId || refused(entry).isPresent()) {
            return Optional.empty();
        }
        Optional<ClusterCache.Taken> taken = cache.takeNewest(workspaceId);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        int length = taken.get().key().logLength();
        if (length >= quota.maxEntriesPerWorkspace()) {
            cache.put(taken.get().key(), taken.get().shell(), taken.get().session());
            return Optional.empty();
        }
        Shell shell = taken.get().shell();
        ShellResult result = WorkspaceReplay.run(shell, entry);
        Optional<WorkspaceLog.Appended> appended = WorkspaceLog.appendAt(dataSource, workspaceId, accountId, length,
                entry, ConsoleEntry.of(result).toJson(), WorkspaceEntry.storedBytes(entry.text(), null),
                quota.maxBytesPerLearner());
        if (appended.isEmpty()) {
            throw conflict();
        }
        if (appended.get() != WorkspaceLog.Appended.STORED) {
            return Optional.empty();
        }
        return Optional.of(filed(w, length + 1, shell, taken.get().session().plus(entry, result), result, look));
    }

    /** 409: another request (another window or tab) appended the entry this one was about to. */
    private static WebApplicationException conflict() {
        return new WebApplicationException(Response.status(Response.Status.CONFLICT).type(MediaType.TEXT_PLAIN)
                .entity("Your cluster changed in another window or tab: reload the page to see it.").build());
    }

    /**
     * After entry {@code seq} is committed: the look at the cluster, its state saved when due, and the cluster filed
     * at the new length.
     */
    private <T> Ran<T> filed(Workspace w, int seq, Shell shell, RecordedSession session, ShellResult result,
                             Function<Shell, T> look) {
        try {
            return new Ran<>(w, result, look == null ? null : look.apply(shell));
        } finally {
            if (snapshots.due(seq)) {
                // Saved after the entry is committed, so a state never holds an entry the log does not.
                saveState(w.id, seq, shell);
            }
            file(new ClusterCache.Key(w.id, seq), shell, session);
        }
    }

    /** What {@link #run(long, long, LogEntry, Function)} answers: the workspace, the entry's result, the look. */
    public record Ran<T>(Workspace workspace, ShellResult result, T look) {
    }

    /**
     * Runs {@code entry} on the cluster at the log's length {@code head.entries()} and appends it; {@code look}
     * (when not null) is taken at the cluster after it, or at the unchanged cluster when the entry is refused.
     */
    private <T> Ran<T> runAt(Workspace w, WorkspaceLog.Head head, LogEntry entry, Function<Shell, T> look) {
        Optional<ShellResult> refused = refused(entry);
        if (refused.isPresent()) {
            return new Ran<>(w, refused.get(), look == null ? null : lookAt(w, head.entries(), look));
        }
        // The log's length (the cache's key) and what the learner stores (the quota) were read in one statement,
        // no transaction. The log itself is read only when this server has no cluster at that length.
        quota.check(head.accountBytes(), head.entries(), WorkspaceEntry.storedBytes(entry.text(), null));
        ClusterCache.Taken taken = lend(w, head.entries());
        Shell shell = taken.shell();
        ShellResult result = WorkspaceReplay.run(shell, entry);
        int seq = head.entries() + 1;
        String output = ConsoleEntry.of(result).toJson();
        if (!WorkspaceLog.append(dataSource, w.id, seq, entry, output)) {
            throw conflict();
        }
        return filed(w, seq, shell, taken.session().plus(entry, result), result, look);
    }

    /** The answer to an entry refused before it runs (too long, or with a NUL byte); it is not logged. */
    private static Optional<ShellResult> refused(LogEntry entry) {
        if (entry.text().length() > MAX_ENTRY) {
            String shown = entry.kind() == LogEntry.Kind.COMMAND ? "command" : WorkspaceReplay.APPLY_STDIN;
            return Optional.of(ShellResult.error(shown, 2, "error: input is longer than " + MAX_ENTRY
                    + " characters\n"));
        }
        if (entry.text().indexOf('\0') >= 0) {
            // A NUL byte cannot be part of a command line or of YAML (nor of a PostgreSQL text column): refused
            // before it runs, in the words bash and kubectl use for such input, and not logged.
            return Optional.of(entry.kind() == LogEntry.Kind.COMMAND
                    ? ShellResult.error(entry.text().replace("\0", "\\0"), 126,
                            "bash: cannot execute binary file: the command line contains a NUL byte (\\0)\n")
                    : ShellResult.error(WorkspaceReplay.APPLY_STDIN, 1, "error: error parsing STDIN: error converting "
                            + "YAML to JSON: yaml: control characters are not allowed\n"));
        }
        return Optional.empty();
    }

    /**
     * Looks at the workspace's cluster without changing the log: the log's length is one indexed statement; the log
     * itself is read only on a miss.
     */
    public <T> T view(Workspace w, Function<Shell, T> look) {
        return lookAt(w, WorkspaceLog.length(dataSource, w.id), look);
    }

    /**
     * Looks at the workspace's cluster after its first {@code length} entries (see {@link #view}), the length read
     * already (a page reads it with what it shows of the log, {@link #shownLog}).
     */
    public <T> T lookAt(Workspace w, int length, Function<Shell, T> look) {
        ClusterCache.Taken taken = lend(w, length);
        try {
            return look.apply(taken.shell());
        } finally {
            file(taken.key(), taken.shell(), taken.session());
        }
    }

    /**
     * The workspace's cluster after its first {@code length} entries, with its session: the cached one, or one
     * restored or replayed (see {@link #restoreOrReplay}), whose session is not known yet unless the log is empty.
     */
    private ClusterCache.Taken lend(Workspace w, int length) {
        ClusterCache.Key key = new ClusterCache.Key(w.id, length);
        return cache.lend(key).orElseGet(() -> new ClusterCache.Taken(key, restoreOrReplay(w, length),
                length == 0 ? RecordedSession.empty() : RecordedSession.UNKNOWN));
    }

    /**
     * What the log's last entries answered, in order, for the console to show again: read from what was stored with
     * each entry when it ran ({@link ConsoleEntry}, read with the rest of what the page shows: {@link #shownLog}, no
     * replay). Entries stored before outputs were kept have none; when any shown entry lacks one, the whole log is
     * read and replayed on a fresh cluster instead (the mini-cluster is deterministic, so a replay answers what the
     * learner saw) and the rebuilt cluster is filed in the cache, so the page's other views need no second replay. No
     * database connection is held through a replay, which is CPU work.
     */
    public WorkspaceViews.Transcript transcript(Workspace w, ShownLog shown) {
        if (shown.length() == 0) {
            return WorkspaceViews.Transcript.EMPTY;
        }
        List<ConsoleEntry> stored = new ArrayList<>(shown.lastOutputs().size());
        for (String output : shown.lastOutputs()) {
            Optional<ConsoleEntry> entry = ConsoleEntry.fromJson(output);
            if (entry.isEmpty()) {
                break;
            }
            stored.add(entry.get());
        }
        if (stored.size() == shown.lastOutputs().size()) {
            return new WorkspaceViews.Transcript(stored, shown.earlier());
        }
        List<LogEntry> log = log(w);
        Lab lab = w.isPlayground() ? null : labOf(w);
        Replayed replayed = replay(w, lab, log);
        file(new ClusterCache.Key(w.id, log.size()), replayed.shell());
        return WorkspaceViews.Transcript.ofWholeLog(replayed.results().stream().map(ConsoleEntry::of).toList());
    }

    /** Grades the workspace's log against its lab and stores the attempt (see {@link #grade}). */
    public LabAttempt check(Workspace w, long accountId) {
        return check(w, accountId, Map.of());
    }

    /**
     * Grades the workspace, with the learner's answers to the lab's questions, and stores the attempt (see
     * {@link #check(Workspace, int, long, Map, Lab)}): the log's length read first, one indexed statement.
     */
    public LabAttempt check(Workspace w, long accountId, Map<String, String> answers) {
        return check(w, WorkspaceLog.length(dataSource, w.id), accountId, answers, labOf(w)).attempt();
    }

    /**
     * What "Check my work" reads before it grades, in one statement when the workspace exists: the learner's current
     * workspace for {@code lab} (opened on first visit), its log's length and the hints they revealed.
     */
    WorkspaceLog.ToCheck toCheck(long accountId, Lab lab) {
        Optional<WorkspaceLog.ToCheck> found = WorkspaceLog.currentToCheck(dataSource, accountId, lab.id());
        if (found.isPresent()) {
            remember(found.get().workspace());
            return found.get();
        }
        Workspace w = forLab(accountId, lab);
        return new WorkspaceLog.ToCheck(w, WorkspaceLog.length(dataSource, w.id),
                RevealedHint.revealedCount(accountId, lab.id()));
    }

    /**
     * A stored attempt and the errors of the learner's attempt at the lab just before it (none for a first).
     */
    public record Checked(LabAttempt attempt, List<String> errorsBefore) {
        public Checked {
            errorsBefore = List.copyOf(errorsBefore);
        }
    }

    /**
     * Grades the workspace's first {@code length} entries (its log, as just read), with the learner's answers, on
     * {@code lab} (the lab it was opened on), and stores the attempt. Its cost does not grow with the log:
     * <ul>
     *   <li>The grade is taken on the workspace's own cluster (cached, or restored from its saved state: no replay
     *   of the log) with the session the grader reads, each entry's part, exit code and failed standard error
     *   ({@link Grader#gradeSession}; linear in the log, but in memory, microseconds an entry). The session is kept
     *   beside the cached cluster and appended as each entry runs ({@link RecordedSession}); only after a miss is
     *   it read from the log, once ({@link WorkspaceLog#recorded}), and filed with the cluster for the next check.</li>
     *   <li>The attempt stores its submission by reference, the workspace and the log's length (the log only grows
     *   and a workspace is never deleted: a foreign key keeps it), with the answers: one short insert whatever the
     *   log's length, which also reads the learner's attempts before and the errors of the last one
     *   ({@link LabAttempt#insertChecked}). Every
     *   reader gets the same submission text as when it was copied ({@link LabAttempt#submissionText}).</li>
     * </ul>
     * A log with an entry stored before exit codes were kept, or a console entry of several lines, is graded as
     * before: its submission replayed on a fresh cluster ({@link Grader#grade}), the log read in full for it.
     */
    public Checked check(Workspace w, int length, long accountId, Map<String, String> answers, Lab lab) {
        ClusterCache.Taken taken = lend(w, length);
        RecordedSession session = taken.session();
        if (session.kind() == RecordedSession.Kind.UNKNOWN) {
            session = RecordedSession.of(WorkspaceLog.recorded(dataSource, w.id, length));
        }
        Optional<List<Grader.Ran>> steps = session.steps();
        long start = System.nanoTime();
        Optional<GradeResult> onCluster;
        try {
            onCluster = steps.map(s -> Grader.gradeSession(lab, taken.shell().cluster(), s, answers));
        } finally {
            file(taken.key(), taken.shell(), session);
        }
        GradeResult result = onCluster.orElseGet(() -> Grader.grade(lab, WorkspaceReplay.submission(
                WorkspaceLog.entriesBetween(dataSource, w.id, 0, length)).withAnswers(answers), limits.limits()));
        long nanos = System.nanoTime() - start;
        String json = GradeJson.write(GradeJson.of(lab, result));
        Checked checked;
        try (Connection c = dataSource.getConnection()) {
            checked = LabAttempt.insertChecked(c, accountId, lab.id(), lab.version(), w.id, length,
                    GradeJson.submission(Submission.EMPTY.withAnswers(answers)), result.score(), result.max(), json);
        } catch (SQLException e) {
            throw new PersistenceException("Could not store the attempt", e);
        }
        counted(lab, accountId, checked.attempt(), result, nanos);
        return checked;
    }

    /**
     * Grades {@code submission} against {@code lab} and stores the attempt (lab version and result JSON). Grading
     * runs outside any transaction: it is CPU work on a fresh mini-cluster and needs no database connection, so a
     * connection is taken only for the insert. Holding one through the grade would make the pool (20 connections by
     * default), not the CPU, the limit on attempts graded at once, and leave PostgreSQL sessions idle in transaction.
     * The insert is one statement in auto-commit mode (see {@link LabAttempt#insert}): committed before this returns,
     * so before the attempt is acknowledged; inside a caller's transaction it joins that one instead.
     */
    public LabAttempt grade(long accountId, Lab lab, Submission submission) {
        long start = System.nanoTime();
        GradeResult result = Grader.grade(lab, submission, limits.limits());
        return store(accountId, lab, submission, result, System.nanoTime() - start);
    }

    /** Stores a graded attempt (one statement) and counts the grading. */
    private LabAttempt store(long accountId, Lab lab, Submission submission, GradeResult result, long nanos) {
        String submitted = GradeJson.submission(submission);
        String json = GradeJson.write(GradeJson.of(lab, result));
        LabAttempt attempt;
        try (Connection c = dataSource.getConnection()) {
            attempt = LabAttempt.insert(c, accountId, lab.id(), lab.version(), submitted, result.score(),
                    result.max(), json);
        } catch (SQLException e) {
            throw new PersistenceException("Could not store the attempt", e);
        }
        counted(lab, accountId, attempt, result, nanos);
        return attempt;
    }

    /** Counts a stored attempt's grading. */
    private void counted(Lab lab, long accountId, LabAttempt attempt, GradeResult result, long nanos) {
        telemetry.graded(new Grading(lab.id(), lab.version(), accountId, attempt.id, result.score(), result.max(),
                nanos));
    }

    /**
     * What the editor opens with on {@code w}'s page: the learner's draft for its lab (or the playground), when they
     * typed one; otherwise the page's default (the last YAML applied).
     */
    public WorkspaceViews.Prefill draft(long accountId, Workspace w) {
        return new WorkspaceViews.Prefill(EditorDraft.of(accountId, EditorDraft.placeOf(w)).orElse(null), null);
    }

    /**
     * Keeps {@code yaml} as the learner's draft for {@code w}'s lab (or the playground).
     *
     * @return why it was not kept, worded as kubectl words such input, or empty when it was
     */
    @Transactional
    public Optional<String> keepDraft(Workspace w, String yaml) {
        if (yaml.length() > MAX_ENTRY) {
            return Optional.of("error: input is longer than " + MAX_ENTRY + " characters\n");
        }
        if (yaml.indexOf('\0') >= 0) {
            return Optional.of("error: error parsing STDIN: error converting YAML to JSON: yaml: control characters"
                    + " are not allowed\n");
        }
        EditorDraft.keep(w.accountId, EditorDraft.placeOf(w), yaml);
        return Optional.empty();
    }

    /**
     * What a page shows of the workspace's log, in one statement whatever its length ({@link WorkspaceLog#shown}):
     * its length, its last {@link WorkspaceViews#HISTORY_SHOWN} commands, the outputs of its last
     * {@link WorkspaceViews#TRANSCRIPT_SHOWN} entries, and the last YAML applied when {@code editor} shows it (the
     * editor has no draft or snippet to show instead).
     */
    public ShownLog shownLog(Workspace w, WorkspaceViews.Prefill editor) {
        return WorkspaceLog.shown(dataSource, w.id, WorkspaceViews.TRANSCRIPT_SHOWN, WorkspaceViews.HISTORY_SHOWN,
                editor.yaml() == null);
    }

    /** The workspace's log, in order: one JDBC statement (kind and text), no Hibernate session. */
    public List<LogEntry> log(Workspace w) {
        return WorkspaceLog.entries(dataSource, w.id);
    }

    /**
     * The workspace's cluster after its first {@code length} entries, for a request that did not find it in this
     * server's cache: restored from the workspace's saved state with the entries after it replayed (fewer than
     * {@code minicluster.workspace.snapshot-every}), or, when there is no state of this build, rebuilt from the whole
     * log and its state saved, so that the next miss restores it. No database connection is held through either.
     */
    Shell restoreOrReplay(Workspace w, int length) {
        long start = System.nanoTime();
        Optional<WorkspaceSnapshots.Saved> saved = snapshots.latest(w.id, length);
        Lab lab = w.isPlayground() || saved.isEmpty() ? null : labOf(w);
        Optional<Shell> restored = saved.flatMap(s -> snapshots.restore(w.id, lab, s));
        if (restored.isPresent()) {
            List<LogEntry> after = WorkspaceLog.entriesAfter(dataSource, w.id, saved.get().logLength());
            // Entries another request appended since the length was read are not part of this state.
            WorkspaceReplay.replay(restored.get(), after.subList(0, Math.min(after.size(),
                    length - saved.get().logLength())));
            telemetry.restored(System.nanoTime() - start);
            return restored.get();
        }
        Lab started = w.isPlayground() ? null : lab != null ? lab : labOf(w);
        List<LogEntry> log = WorkspaceLog.entries(dataSource, w.id);
        Shell shell = rebuild(w, started, log.subList(0, Math.min(log.size(), length)));
        if (length > 0 && snapshots.every() > 0) {
            saveState(w.id, length, shell);
        }
        return shell;
    }

    /**
     * Files {@code shell} in the cache and saves the state of each cluster that made room for it, unless a state was
     * saved at that length already (every {@code snapshot-every} entries): a later miss on it restores that state
     * and replays nothing. One save per eviction, paid by the request that evicted, outside the cache's lock.
     */
    private void file(ClusterCache.Key key, Shell shell) {
        file(key, shell, RecordedSession.UNKNOWN);
    }

    /** Files {@code shell} with its session (see {@link #file(ClusterCache.Key, Shell)}). */
    private void file(ClusterCache.Key key, Shell shell, RecordedSession session) {
        for (ClusterCache.Evicted e : cache.put(key, shell, session)) {
            int length = e.key().logLength();
            if (length > 0 && !snapshots.due(length)) {
                saveState(e.key().workspaceId(), length, e.shell());
            }
        }
    }

    /**
     * Saves the state; a failure is logged, not thrown: the entry is committed already and the state is only a
     * shortcut (the next miss replays a few more entries).
     */
    private void saveState(long workspaceId, int length, Shell shell) {
        try {
            snapshots.save(workspaceId, length, shell);
            telemetry.saved();
        } catch (PersistenceException e) {
            org.jboss.logging.Logger.getLogger(Workspaces.class).warnf(e,
                    "Workspace %d: its cluster's state after %d entries was not saved", workspaceId, length);
        }
    }

    /** Replays the log on a fresh cluster: what any server does for a workspace it has not cached. */
    public Shell rebuild(Workspace w, Lab lab, List<LogEntry> log) {
        return replay(w, lab, log).shell();
    }

    /** A cluster after a replay of its log, and what each entry answered. */
    private record Replayed(Shell shell, List<ShellResult> results) {
    }

    /** The lab's (or the playground's) fresh cluster with {@code log} replayed on it: one replay, counted once. */
    private Replayed replay(Workspace w, Lab lab, List<LogEntry> log) {
        long start = System.nanoTime();
        Shell shell = WorkspaceReplay.start(lab, w.profile, w.seed, limits.limits());
        List<ShellResult> results = WorkspaceReplay.replay(shell, log);
        telemetry.replayed(System.nanoTime() - start);
        return new Replayed(shell, results);
    }
}
