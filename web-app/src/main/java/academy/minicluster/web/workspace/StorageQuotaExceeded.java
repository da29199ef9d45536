package academy.minicluster.web.workspace;

import java.util.Objects;

/** An entry refused by the {@link StorageQuota}: answered 413 with the message (JSON on the API, text elsewhere). */
public class StorageQuotaExceeded extends RuntimeException {

    private final StorageQuota.Limit limit;

    public StorageQuotaExceeded(StorageQuota.Limit limit, String message) {
        super(message);
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    public StorageQuota.Limit limit() {
        return limit;
    }
}
