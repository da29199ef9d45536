package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.Utf8;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One step of a workspace's log, in order ({@link #seq} from 1): a console command line, or the YAML applied from
 * the editor (as {@code kubectl apply -f -} with the YAML on standard input).
 */
@Entity
@Table(name = "workspace_entry")
public class WorkspaceEntry extends PanacheEntityBase {

    public static final String COMMAND = "command";
    public static final String MANIFESTS = "manifests";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false, length = 20)
    public String kind;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** What the entry answered, as the console shows it ({@link ConsoleEntry#toJson()}); null for older entries. */
    @Column
    public String output;

    /** Appends an entry after the last one, without its output (as entries were stored before it was kept). */
    public static WorkspaceEntry append(long workspaceId, int seq, String kind, String text) {
        return append(workspaceId, seq, kind, text, null);
    }

    /** Appends an entry after the last one, with what it answered; call inside a transaction. */
    public static WorkspaceEntry append(long workspaceId, int seq, String kind, String text, String output) {
        WorkspaceEntry e = new WorkspaceEntry();
        e.workspaceId = workspaceId;
        e.seq = seq;
        e.kind = kind;
        e.text = text;
        e.output = output;
        e.createdAt = Instant.now();
        e.persist();
        return e;
    }

    /**
     * What an entry costs its learner's storage quota: the UTF-8 bytes of its text and of its output, as PostgreSQL's
     * {@code octet_length} counts them (migration V11 counted the existing entries so).
     */
    public static long storedBytes(String text, String output) {
        return Utf8.length(text) + (output == null ? 0 : Utf8.length(output));
    }

    /** The whole log of a workspace, in order. */
    public static List<WorkspaceEntry> log(long workspaceId) {
        return list("workspaceId = ?1 order by seq", workspaceId);
    }

    /**
     * The log as values, in order: only kind and text are read (not the outputs, which only the page's transcript
     * needs, see {@link #outputs}).
     */
    public static List<LogEntry> logEntries(long workspaceId) {
        return getEntityManager()
                .createQuery("select e.kind, e.text from WorkspaceEntry e where e.workspaceId = ?1 order by e.seq",
                        Object[].class)
                .setParameter(1, workspaceId).getResultStream()
                .map(row -> toLogEntry((String) row[0], (String) row[1])).toList();
    }

    public LogEntry toLogEntry() {
        return toLogEntry(kind, text);
    }

    private static LogEntry toLogEntry(String kind, String text) {
        return new LogEntry(MANIFESTS.equals(kind) ? LogEntry.Kind.MANIFESTS : LogEntry.Kind.COMMAND, text);
    }
}
