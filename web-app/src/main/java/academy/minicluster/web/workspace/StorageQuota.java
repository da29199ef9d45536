package academy.minicluster.web.workspace;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one learner may store in workspace logs: at most {@code minicluster.workspace.max-bytes-per-learner} across all
 * their workspaces (console commands, applied YAML and what each answered), and at most
 * {@code minicluster.workspace.max-entries} entries in one workspace (its replay grows with it). Checked before an
 * entry runs: it is refused, unrun and unstored, when the workspace is full or when what the learner stores plus the
 * entry's text would pass the limit. Its output is counted once stored, so the last entry accepted may take the total
 * over by its output; the next one is refused. Two entries sent at once may both pass the check: the overshoot is
 * bounded by one entry per request in flight.
 */
@ApplicationScoped
public class StorageQuota {

    /** Which limit an entry ran into. */
    public enum Limit {
        BYTES_PER_LEARNER("minicluster.workspace.max-bytes-per-learner"),
        ENTRIES_PER_WORKSPACE("minicluster.workspace.max-entries");

        private final String property;

        Limit(String property) {
            this.property = property;
        }

        public String property() {
            return property;
        }
    }

    private final long maxBytesPerLearner;
    private final int maxEntriesPerWorkspace;

    @Inject
    StorageQuota(@ConfigProperty(name = "minicluster.workspace.max-bytes-per-learner", defaultValue = "32M")
            MemorySize maxBytesPerLearner,
            @ConfigProperty(name = "minicluster.workspace.max-entries", defaultValue = "1000") int maxEntries) {
        this(maxBytesPerLearner.asLongValue(), maxEntries);
    }

    StorageQuota(long maxBytesPerLearner, int maxEntriesPerWorkspace) {
        this.maxBytesPerLearner = maxBytesPerLearner;
        this.maxEntriesPerWorkspace = maxEntriesPerWorkspace;
    }

    public long maxBytesPerLearner() {
        return maxBytesPerLearner;
    }

    public int maxEntriesPerWorkspace() {
        return maxEntriesPerWorkspace;
    }

    /**
     * Refuses an entry of {@code entryBytes} for a workspace that holds {@code entries} entries, of a learner who
     * stores {@code learnerBytes}.
     *
     * @throws StorageQuotaExceeded naming the limit, what is stored and what to do
     */
    public void check(long learnerBytes, int entries, long entryBytes) {
        if (entries >= maxEntriesPerWorkspace) {
            throw new StorageQuotaExceeded(Limit.ENTRIES_PER_WORKSPACE, "workspace storage quota exceeded: this "
                    + "workspace holds " + entries + " entries, the most one workspace may hold is "
                    + maxEntriesPerWorkspace + " (" + Limit.ENTRIES_PER_WORKSPACE.property() + "). Reset the lab or "
                    + "open a new playground to go on; nothing was run.");
        }
        if (learnerBytes + entryBytes > maxBytesPerLearner) {
            throw new StorageQuotaExceeded(Limit.BYTES_PER_LEARNER, "workspace storage quota exceeded: your "
                    + "workspaces store " + mebibytes(learnerBytes) + ", this entry " + mebibytes(entryBytes)
                    + ", and a learner may store " + mebibytes(maxBytesPerLearner) + " ("
                    + Limit.BYTES_PER_LEARNER.property() + "). Ask an administrator to make room; nothing was run.");
        }
    }

    /** Bytes as MiB with one decimal, rounded half up: 33554432 as "32.0 MiB". */
    public static String mebibytes(long bytes) {
        long tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        return (tenths / 10) + "." + (tenths % 10) + " MiB";
    }
}
