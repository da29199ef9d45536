package academy.minicluster.web.workspace;

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

    /** Appends an entry after the last one; call inside a transaction. */
    public static WorkspaceEntry append(long workspaceId, int seq, String kind, String text) {
        WorkspaceEntry e = new WorkspaceEntry();
        e.workspaceId = workspaceId;
        e.seq = seq;
        e.kind = kind;
        e.text = text;
        e.createdAt = Instant.now();
        e.persist();
        return e;
    }

    /** The whole log of a workspace, in order. */
    public static List<WorkspaceEntry> log(long workspaceId) {
        return list("workspaceId = ?1 order by seq", workspaceId);
    }

    public LogEntry toLogEntry() {
        return new LogEntry(MANIFESTS.equals(kind) ? LogEntry.Kind.MANIFESTS : LogEntry.Kind.COMMAND, text);
    }
}
