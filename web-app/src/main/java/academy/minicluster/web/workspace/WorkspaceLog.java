package academy.minicluster.web.workspace;

import io.agroal.api.AgroalDataSource;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of a console command's and an apply's hot path, each one plain JDBC statement on a pooled
 * connection in auto-commit mode: no Hibernate session, no JTA transaction around a single statement. What they
 * read and write is what {@link Workspace} and {@link WorkspaceEntry} map; the entities stay for the pages.
 */
final class WorkspaceLog {

    /** SQLState of a unique violation: another request appended this entry first. */
    private static final String UNIQUE_VIOLATION = "23505";

    private WorkspaceLog() {
    }

    /** What a command needs before it runs: the log's length and what the learner stores, for the quota. */
    record Head(int entries, long accountBytes) {
    }

    /**
     * The log's length (its last {@code seq}: entries are numbered from 1 without gaps, an index lookup) and the
     * learner's stored bytes over all their workspaces, in one statement.
     */
    static Head head(AgroalDataSource dataSource, long workspaceId, long accountId) {
        return query(dataSource, "SELECT (SELECT coalesce(max(seq), 0) FROM workspace_entry WHERE workspace_id = ?),"
                + " (SELECT coalesce(sum(stored_bytes), 0) FROM workspace WHERE account_id = ?)", s -> {
                    s.setLong(1, workspaceId);
                    s.setLong(2, accountId);
                }, rs -> {
                    rs.next();
                    return new Head(rs.getInt(1), rs.getLong(2));
                });
    }

    /** The log's length (see {@link #head}). */
    static int length(AgroalDataSource dataSource, long workspaceId) {
        return query(dataSource, "SELECT coalesce(max(seq), 0) FROM workspace_entry WHERE workspace_id = ?",
                s -> s.setLong(1, workspaceId), rs -> {
                    rs.next();
                    return rs.getInt(1);
                });
    }

    /** The whole log, in order (kind and text): read only when a cluster must be rebuilt. */
    static List<LogEntry> entries(AgroalDataSource dataSource, long workspaceId) {
        return entriesAfter(dataSource, workspaceId, 0);
    }

    /**
     * The entries after the first {@code logLength}, in order (kind and text): what a cluster restored from a state
     * saved at that length replays (an index range on {@code (workspace_id, seq)}).
     */
    static List<LogEntry> entriesAfter(AgroalDataSource dataSource, long workspaceId, int logLength) {
        return entriesBetween(dataSource, workspaceId, logLength, Integer.MAX_VALUE);
    }

    /**
     * The entries after the first {@code after} up to entry {@code upTo}, in order (kind and text): an index range on
     * {@code (workspace_id, seq)}. The log only grows, so the first {@code upTo} entries are read the same at any time.
     */
    static List<LogEntry> entriesBetween(AgroalDataSource dataSource, long workspaceId, int after, int upTo) {
        return query(dataSource, "SELECT kind, text FROM workspace_entry WHERE workspace_id = ? AND seq > ?"
                + " AND seq <= ? ORDER BY seq", s -> {
                    s.setLong(1, workspaceId);
                    s.setInt(2, after);
                    s.setInt(3, upTo);
                }, rs -> {
                    List<LogEntry> log = new ArrayList<>();
                    while (rs.next()) {
                        log.add(new LogEntry(WorkspaceEntry.MANIFESTS.equals(rs.getString(1))
                                ? LogEntry.Kind.MANIFESTS : LogEntry.Kind.COMMAND, rs.getString(2)));
                    }
                    return log;
                });
    }

    /**
     * What a workspace page shows of the log, read in one statement whatever the log's length ({@link #shown}): the
     * log's length (the key of its cluster), the outputs stored with its last entries (the console's transcript), its
     * last commands (the console's history) and the last YAML applied (the editor's default).
     */
    static ShownLog shown(AgroalDataSource dataSource, long workspaceId, int transcriptShown, int historyShown,
                          boolean lastApplied) {
        // Three index ranges on workspace_entry_order (workspace_id, seq), each read backwards from the log's end
        // and stopped by its LIMIT: the last entries' outputs (the first row's seq is the log's length: entries are
        // numbered from 1 without gaps), the last commands' text, the last manifests' text (only when the editor
        // has no draft to show instead). Only what the page shows travels: no entry's text twice, no older output.
        return query(dataSource, "(SELECT 0, seq, output FROM workspace_entry WHERE workspace_id = ?"
                + " ORDER BY seq DESC LIMIT ?)"
                + " UNION ALL (SELECT 1, seq, text FROM workspace_entry WHERE workspace_id = ? AND kind = ?"
                + " ORDER BY seq DESC LIMIT ?)"
                + " UNION ALL (SELECT 2, seq, text FROM workspace_entry WHERE workspace_id = ? AND kind = ? AND ?"
                + " ORDER BY seq DESC LIMIT 1)", s -> {
                    s.setLong(1, workspaceId);
                    s.setInt(2, transcriptShown);
                    s.setLong(3, workspaceId);
                    s.setString(4, WorkspaceEntry.COMMAND);
                    s.setInt(5, historyShown);
                    s.setLong(6, workspaceId);
                    s.setString(7, WorkspaceEntry.MANIFESTS);
                    s.setBoolean(8, lastApplied);
                }, rs -> {
                    List<Row> outputs = new ArrayList<>(transcriptShown);
                    List<Row> commands = new ArrayList<>();
                    String applied = null;
                    while (rs.next()) {
                        switch (rs.getInt(1)) {
                            case 0 -> outputs.add(new Row(rs.getInt(2), rs.getString(3)));
                            case 1 -> commands.add(new Row(rs.getInt(2), rs.getString(3)));
                            default -> applied = rs.getString(3);
                        }
                    }
                    int length = outputs.stream().mapToInt(Row::seq).max().orElse(0);
                    return new ShownLog(length, inOrder(commands), Optional.ofNullable(applied), inOrder(outputs));
                });
    }

    /** An entry's seq and one of its columns, as {@link #shown} reads them. */
    private record Row(int seq, String value) {
    }

    /** The rows' values in the log's order (each range is read backwards; SQL promises no order without ORDER BY). */
    private static List<String> inOrder(List<Row> rows) {
        rows.sort(java.util.Comparator.comparingInt(Row::seq));
        return rows.stream().map(Row::value).toList();
    }

    /**
     * One entry of the log as "Check my work" needs it: what was run, how it ended ({@code null} for an entry stored
     * before exit codes were kept) and, when it failed, its standard error.
     */
    record Recorded(LogEntry entry, Integer exitCode, String failedStderr) {
    }

    /**
     * The log's first {@code length} entries with each one's exit code and a failed entry's standard error, in order,
     * in one statement: PostgreSQL reads them from the stored output, so only a failed entry's error travels, not
     * every output. Read by "Check my work" only when this server has no session of the log beside its cluster
     * ({@link RecordedSession}): once per miss, not at every check.
     */
    static List<Recorded> recorded(AgroalDataSource dataSource, long workspaceId, int length) {
        return query(dataSource, "SELECT kind, text, o ->> 'exitCode', CASE WHEN o ->> 'exitCode' <> '0'"
                + " THEN o ->> 'stderr' END FROM (SELECT seq, kind, text, output::jsonb AS o FROM workspace_entry"
                + " WHERE workspace_id = ? AND seq <= ?) e ORDER BY seq", s -> {
                    s.setLong(1, workspaceId);
                    s.setInt(2, length);
                }, rs -> {
                    List<Recorded> log = new ArrayList<>();
                    while (rs.next()) {
                        LogEntry entry = new LogEntry(WorkspaceEntry.MANIFESTS.equals(rs.getString(1))
                                ? LogEntry.Kind.MANIFESTS : LogEntry.Kind.COMMAND, rs.getString(2));
                        String exit = rs.getString(3);
                        log.add(new Recorded(entry, exit == null ? null : Integer.valueOf(exit), rs.getString(4)));
                    }
                    return log;
                });
    }

    /**
     * Appends {@code entry} as number {@code seq} with its output and counts it in the workspace's usage, in one
     * statement (a data-modifying {@code WITH}: both or neither, committed when it returns). False when entry
     * {@code seq} exists already: another request (another window) appended first.
     */
    static boolean append(AgroalDataSource dataSource, long workspaceId, int seq, LogEntry entry, String output) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("WITH e AS (INSERT INTO workspace_entry"
                     + " (workspace_id, seq, kind, text, created_at, output) VALUES (?, ?, ?, ?, ?, ?))"
                     + " UPDATE workspace SET updated_at = ?, stored_bytes = stored_bytes + ?,"
                     + " entry_count = entry_count + 1 WHERE id = ?")) {
            s.setLong(1, workspaceId);
            s.setInt(2, seq);
            s.setString(3, entry.kind() == LogEntry.Kind.MANIFESTS ? WorkspaceEntry.MANIFESTS : WorkspaceEntry.COMMAND);
            s.setString(4, entry.text());
            s.setTimestamp(5, now);
            s.setString(6, output);
            s.setTimestamp(7, now);
            s.setLong(8, WorkspaceEntry.storedBytes(entry.text(), output));
            s.setLong(9, workspaceId);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new PersistenceException("Could not store the workspace's log entry", e);
        }
    }

    /** SQLState of a foreign key violation: the workspace is gone (deleted since it was read). */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** What {@link #appendAt} did. */
    enum Appended {
        /** The entry is stored (committed). */
        STORED,
        /**
         * Nothing is stored: the log is no longer {@code length} entries long (another request, another replica),
         * the learner's storage would pass {@code maxBytes}, or the workspace is gone. The caller reads the log's
         * head and goes the long way, which tells which.
         */
        NOT_AT_LENGTH
    }

    /**
     * Appends {@code entry} as number {@code length + 1} only if the log has {@code length} entries and the learner
     * stores at most {@code maxBytes} with it (the text's bytes, as {@link StorageQuota} counts before a run), and
     * counts it in the workspace's usage: one statement (data-modifying {@code WITH}s, committed when it returns), the
     * console's only one when this server has the workspace's cluster. A unique violation (another request appended
     * entry {@code length + 1} at the same moment) is reported as false by {@link #append}'s rule: 409.
     *
     * @return whether it was stored, or why not; empty when another request appended the same entry first
     */
    static Optional<Appended> appendAt(AgroalDataSource dataSource, long workspaceId, long accountId, int length,
                                       LogEntry entry, String output, long checkedBytes, long maxBytes) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("WITH e AS (INSERT INTO workspace_entry"
                     + " (workspace_id, seq, kind, text, created_at, output) SELECT ?, ?, ?, ?, ?, ?"
                     + " WHERE (SELECT coalesce(max(seq), 0) FROM workspace_entry WHERE workspace_id = ?) = ?"
                     + " AND (SELECT coalesce(sum(stored_bytes), 0) FROM workspace WHERE account_id = ?) + ? <= ?"
                     + " RETURNING 1)"
                     + " UPDATE workspace SET updated_at = ?, stored_bytes = stored_bytes + ?,"
                     + " entry_count = entry_count + 1 WHERE id = ? AND EXISTS (SELECT 1 FROM e)")) {
            s.setLong(1, workspaceId);
            s.setInt(2, length + 1);
            s.setString(3, entry.kind() == LogEntry.Kind.MANIFESTS ? WorkspaceEntry.MANIFESTS : WorkspaceEntry.COMMAND);
            s.setString(4, entry.text());
            s.setTimestamp(5, now);
            s.setString(6, output);
            s.setLong(7, workspaceId);
            s.setInt(8, length);
            s.setLong(9, accountId);
            s.setLong(10, checkedBytes);
            s.setLong(11, maxBytes);
            s.setTimestamp(12, now);
            s.setLong(13, WorkspaceEntry.storedBytes(entry.text(), output));
            s.setLong(14, workspaceId);
            return Optional.of(s.executeUpdate() == 1 ? Appended.STORED : Appended.NOT_AT_LENGTH);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                return Optional.of(Appended.NOT_AT_LENGTH);
            }
            throw new PersistenceException("Could not store the workspace's log entry", e);
        }
    }

    /** A workspace, and its {@link Head} read in the same statement. */
    record Opened(Workspace workspace, Head head) {
    }

    /**
     * The workspace {@code id} if {@code accountId} owns it (a detached {@link Workspace}) with its {@link Head}: the
     * log's length and the learner's stored bytes, in one statement (a console command's and an apply's first).
     */
    static Optional<Opened> ownedWithHead(AgroalDataSource dataSource, long id, long accountId) {
        return query(dataSource, "SELECT " + COLUMNS + ", (SELECT coalesce(max(seq), 0) FROM workspace_entry"
                + " WHERE workspace_id = w.id), (SELECT coalesce(sum(stored_bytes), 0) FROM workspace"
                + " WHERE account_id = w.account_id) FROM workspace w WHERE id = ? AND account_id = ?", s -> {
                    s.setLong(1, id);
                    s.setLong(2, accountId);
                }, rs -> rs.next() ? Optional.of(new Opened(workspace(rs, accountId),
                        new Head(rs.getInt(10), rs.getLong(11)))) : Optional.empty());
    }

    /** The workspace {@code id} if {@code accountId} owns it, as a detached {@link Workspace} (never persisted). */
    static Optional<Workspace> owned(AgroalDataSource dataSource, long id, long accountId) {
        return query(dataSource, "SELECT " + COLUMNS + " FROM workspace WHERE id = ? AND account_id = ?", s -> {
            s.setLong(1, id);
            s.setLong(2, accountId);
        }, rs -> rs.next() ? Optional.of(workspace(rs, accountId)) : Optional.empty());
    }

    /**
     * The learner's current workspace for a lab (their newest: a reset opens a new one), as a detached
     * {@link Workspace}: one statement on {@code workspace_account_lab}, no entity loaded.
     */
    static Optional<Workspace> currentForLab(AgroalDataSource dataSource, long accountId, String labId) {
        return query(dataSource, "SELECT " + COLUMNS + " FROM workspace WHERE account_id = ? AND lab_id = ?"
                + " ORDER BY id DESC LIMIT 1", s -> {
                    s.setLong(1, accountId);
                    s.setString(2, labId);
                }, rs -> rs.next() ? Optional.of(workspace(rs, accountId)) : Optional.empty());
    }

    /** A learner's current workspace for a lab, with the hints they revealed and their editor draft for it. */
    record AtLab(Workspace workspace, int revealedHints, Optional<String> draft) {
    }

    /**
     * The learner's current workspace for a lab (as {@link #currentForLab}), how many of the lab's hints they revealed
     * and their editor draft for it, in one statement: what the lab page reads about the learner beside the log.
     */
    static Optional<AtLab> currentAtLab(AgroalDataSource dataSource, long accountId, String labId) {
        return query(dataSource, "SELECT " + COLUMNS + ", (SELECT count(*) FROM hint_reveal WHERE account_id = ?"
                + " AND lab_id = ?), (SELECT yaml FROM editor_draft WHERE account_id = ? AND place = ?)"
                + " FROM workspace WHERE account_id = ? AND lab_id = ? ORDER BY id DESC LIMIT 1", s -> {
                    s.setLong(1, accountId);
                    s.setString(2, labId);
                    s.setLong(3, accountId);
                    s.setString(4, labId);
                    s.setLong(5, accountId);
                    s.setString(6, labId);
                }, rs -> rs.next() ? Optional.of(new AtLab(workspace(rs, accountId), rs.getInt(10),
                        Optional.ofNullable(rs.getString(11)))) : Optional.empty());
    }

    /** What "Check my work" reads before it grades: the learner's workspace, its log's length, the hints revealed. */
    record ToCheck(Workspace workspace, int logLength, int revealedHints) {
    }

    /**
     * The learner's current workspace for a lab (as {@link #currentForLab}) with its log's length (an index lookup)
     * and how many of the lab's hints they revealed, in one statement: all a check reads before grading when this
     * server has the workspace's cluster.
     */
    static Optional<ToCheck> currentToCheck(AgroalDataSource dataSource, long accountId, String labId) {
        return query(dataSource, "SELECT " + COLUMNS + ", (SELECT coalesce(max(seq), 0) FROM workspace_entry"
                + " WHERE workspace_id = w.id), (SELECT count(*) FROM hint_reveal WHERE account_id = ? AND lab_id = ?)"
                + " FROM workspace w WHERE account_id = ? AND lab_id = ? ORDER BY id DESC LIMIT 1", s -> {
                    s.setLong(1, accountId);
                    s.setString(2, labId);
                    s.setLong(3, accountId);
                    s.setString(4, labId);
                }, rs -> rs.next() ? Optional.of(new ToCheck(workspace(rs, accountId), rs.getInt(10), rs.getInt(11)))
                        : Optional.empty());
    }

    private static final String COLUMNS = "id, lab_id, lab_version, profile, seed, created_at, updated_at,"
            + " stored_bytes, entry_count";

    private static Workspace workspace(ResultSet rs, long accountId) throws SQLException {
        Workspace w = new Workspace();
        w.id = rs.getLong(1);
        w.accountId = accountId;
        w.labId = rs.getString(2);
        int version = rs.getInt(3);
        w.labVersion = rs.wasNull() ? null : version;
        w.profile = rs.getString(4);
        w.seed = rs.getLong(5);
        w.createdAt = rs.getTimestamp(6).toInstant();
        w.updatedAt = rs.getTimestamp(7).toInstant();
        w.storedBytes = rs.getLong(8);
        w.entryCount = rs.getInt(9);
        return w;
    }

    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static <T> T query(AgroalDataSource dataSource, String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the workspace", e);
        }
    }
}
