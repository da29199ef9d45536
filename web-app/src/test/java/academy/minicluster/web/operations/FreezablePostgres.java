package academy.minicluster.web.operations;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL of the {@link HardenedServerProfile}'s own, which its tests may freeze (SIGSTOP) and thaw
 * (SIGCONT) without disturbing the database every other test shares. Its data directory is handed to the tests as
 * {@value #DIRECTORY_PROPERTY}: the resource and the test run in different class loaders, so no static is shared.
 */
public class FreezablePostgres implements QuarkusTestResourceLifecycleManager {

    static final String DIRECTORY_PROPERTY = "minicluster.test.freezable-postgres-dir";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("freezable-postgres");
            postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(true).start();
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "",
                    DIRECTORY_PROPERTY, directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the freezable embedded PostgreSQL", e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The postmaster and every process it started (backends, checkpointer, WAL writer...). */
    static List<Long> processes(Path directory) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid"),
                StandardCharsets.UTF_8).get(0).strip());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(
                () -> new IllegalStateException("no postmaster " + postmaster));
        return Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid).toList();
    }

    /** Sends {@code signal} (STOP or CONT) to the server's processes. */
    static void signal(Path directory, String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes(directory).forEach(pid -> command.add(String.valueOf(pid)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (!kill.waitFor(60, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + command + " failed");
        }
    }
}
