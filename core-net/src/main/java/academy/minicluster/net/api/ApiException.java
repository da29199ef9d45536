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
    private final String statusMessage;

    public ApiException(Reason reason, String message) {
        this(reason, message, message);
    }

    /**
     * @param message       what kubectl prints for this error alone ({@code The Service "web" is invalid: ...})
     * @param statusMessage the message of the Status the server returned ({@code Service "web" is invalid: [...]}),
     *                      which kubectl prints when several errors are reported together
     */
    public ApiException(Reason reason, String message, String statusMessage) {
        super(message, null, false, false);
        this.reason = reason;
        this.statusMessage = statusMessage;
    }

    /** The Status message kube-apiserver returned; for all reasons but Invalid the same as the message. */
    public String statusMessage() {
        return statusMessage;
    }

    public Reason reason() {
        return reason;
    }
}
