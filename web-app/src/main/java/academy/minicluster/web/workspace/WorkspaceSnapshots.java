package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.web.operations.MiniclusterLimits;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Saved states of workspaces' clusters in PostgreSQL ({@code workspace_snapshot}, one row per workspace): a server
 * that does not hold a workspace's cluster restores the latest state ({@link Shell#restore}) and replays only the
 * entries after it, so a cache miss costs about one apply instead of the whole log (issue 17).
 *
 * <p>A state is saved when the cache evicts a cluster (so a miss after an eviction replays nothing), after any
 * whole-log replay, and every {@code minicluster.workspace.snapshot-every} entries (default {@value #DEFAULT_EVERY})
 * by the request that appended that entry, for what no eviction saved (a restart, another replica): a miss replays
 * fewer entries than that. Saving costs a serialisation and a ~40 KiB row, so it is not done at every entry. It is what the cluster was after those entries, so restoring it and replaying the rest
 * gives the same cluster as replaying the whole log (core-net's {@code ShellStateTest}; {@code
 * WorkspaceSnapshotTest} over every lab's reference solutions): same objects, names, IPs, resourceVersions,
 * timestamps, logs and random sequence.
 *
 * <p>A state holds no rules, so it is kept per {@link #model()}: a hash of the mini-cluster's and the grader's code and
 * of the limits. A server of another build ignores the row, replays the log and saves its own. A state that cannot
 * be read is ignored the same way: the log is the truth, the state only a shortcut.
 */
@ApplicationScoped
public class WorkspaceSnapshots {

    static final int DEFAULT_EVERY = 16;
    private static final Logger LOG = Logger.getLogger(WorkspaceSnapshots.class);

    /** A saved state: after the first {@code logLength} entries. */
    record Saved(int logLength, byte[] state) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MiniclusterLimits limits;

    @ConfigProperty(name = "minicluster.workspace.snapshot-every", defaultValue = "" + DEFAULT_EVERY)
    int every;

    private volatile String model;

    /** Whether the request that appended entry {@code seq} saves the state after it. */
    boolean due(int seq) {
        return every > 0 && seq % every == 0;
    }

    /** How many entries apart states are saved (0: never). */
    int every() {
        return every;
    }

    /**
     * Saves {@code shell}'s state as the workspace's state after {@code logLength} entries, replacing an older one
     * (one statement, auto-commit). A newer one saved meanwhile by another request is kept.
     */
    void save(long workspaceId, int logLength, Shell shell) {
        byte[] state = shell.saveState();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO workspace_snapshot (workspace_id, log_length,"
                     + " model, state) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET log_length ="
                     + " excluded.log_length, model = excluded.model, state = excluded.state, saved_at = now()"
                     + " WHERE workspace_snapshot.model <> excluded.model"
                     + " OR workspace_snapshot.log_length < excluded.log_length")) {
            s.setLong(1, workspaceId);
            s.setInt(2, logLength);
            s.setString(3, model());
            s.setBytes(4, state);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Could not save the workspace's cluster", e);
        }
    }

    /** The workspace's latest state of this {@link #model()} within the first {@code logLength} entries, if any. */
    Optional<Saved> latest(long workspaceId, int logLength) {
        return WorkspaceLog.query(dataSource, "SELECT log_length, state FROM workspace_snapshot WHERE workspace_id = ?"
                + " AND model = ? AND log_length <= ?", s -> {
                    s.setLong(1, workspaceId);
                    s.setString(2, model());
                    s.setInt(3, logLength);
                }, rs -> rs.next() ? Optional.of(new Saved(rs.getInt(1), rs.getBytes(2))) : Optional.empty());
    }

    /**
     * The shell in {@code saved}'s state ({@code lab}'s workspace, or a playground's when null), or empty when the bytes cannot be read (a damaged row): the caller replays
     * the log instead.
     */
    Optional<Shell> restore(long workspaceId, Lab lab, Saved saved) {
        try {
            // What is unchanged since the lab's start is shared with its start state, as a replayed cluster shares it.
            return Optional.of(Shell.restore(saved.state(), limits.limits(),
                    lab == null ? null : Grader.startState(lab)));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Workspace %d: its saved cluster state cannot be read (%s); replaying its log", workspaceId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * This build's model version: a SHA-256 over the classes (or jars) of the mini-cluster and the grader, and the
     * limits the clusters are held to. Computed once.
     */
    String model() {
        String m = model;
        if (m == null) {
            m = modelOf(limits.limits());
            model = m;
        }
        return m;
    }

    static String modelOf(ClusterLimits limits) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Class<?> c : List.of(Cluster.class, Grader.class)) {
                digestCode(sha, c);
            }
            sha.update(limits.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not supported", e);
        }
    }

    /** The bytes of the jar {@code c} was loaded from, or of every file of its class directory, by path. */
    private static void digestCode(MessageDigest sha, Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        try {
            Path where = source == null ? null : Path.of(source.getLocation().toURI());
            if (where == null || !Files.exists(where)) {
                // Nowhere to read the code from: the class's own bytes at least, so a change of it counts.
                try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                    sha.update(in == null ? new byte[0] : in.readAllBytes());
                }
                return;
            }
            if (Files.isRegularFile(where)) {
                sha.update(Files.readAllBytes(where));
                return;
            }
            try (Stream<Path> files = Files.walk(where)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update(where.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            sha.update(c.getName().getBytes(StandardCharsets.UTF_8));
        }
    }
}
