package academy.minicluster.web.admin;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.workspace.StorageQuota;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The admin's page of workspace storage: per account, the workspaces, their log entries and the bytes they store
 * (what the per-learner quota counts, {@link StorageQuota}), largest first, with the share of the quota used.
 */
@Path("/admin/storage")
@RolesAllowed(Role.ADMIN_VALUE)
public class AdminStorageResource {

    /** One account's usage as the table shows it. */
    public record Usage(String username, long workspaces, long entries, long bytes, String size, int percent) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance storage(List<Usage> accounts, String quota, int maxEntries);
    }

    @Inject
    EntityManager em;

    @Inject
    StorageQuota quota;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list() {
        return Templates.storage(usage(), StorageQuota.mebibytes(quota.maxBytesPerLearner()),
                quota.maxEntriesPerWorkspace());
    }

    /** Every account, the largest storage first (ties by username, so the order is the same at every load). */
    @SuppressWarnings("unchecked")
    List<Usage> usage() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.username, count(w.id), coalesce(sum(w.entry_count), 0), coalesce(sum(w.stored_bytes), 0)
                FROM account a LEFT JOIN workspace w ON w.account_id = a.id
                GROUP BY a.id, a.username
                ORDER BY 4 DESC, a.username""").getResultList();
        long max = quota.maxBytesPerLearner();
        return rows.stream().map(r -> {
            long bytes = ((Number) r[3]).longValue();
            int percent = max <= 0 ? 100 : (int) Math.min(100, bytes * 100 / max);
            return new Usage((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), bytes,
                    StorageQuota.mebibytes(bytes), percent);
        }).toList();
    }
}
