package academy.minicluster.net.api;

/**
 * A refused API call, with the status reason kubectl shows in {@code Error from server (Reason): ...} and the
 * message kube-apiserver writes.
 *
 * @see ApiServer
 */
public final class ApiException extends RuntimeException {

    /** The {@code metav1.StatusReason}s the mini-cluster's API server answers with. */
    public enum Reason {
        BadRequest(400), NotFound(404), AlreadyExists(409), Conflict(409), Invalid(422), Forbidden(403);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Reason reason;

    public ApiException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
