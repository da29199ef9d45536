package academy.minicluster.web.errors;

import java.util.List;

/**
 * What a styled error page says: the status, a heading that names the problem, the reason in words a learner can act
 * on, and the ways on from there.
 *
 * @param requestId the request's id when the failure is ours (500): the one thing to quote when reporting it
 */
public record ErrorPage(int status, String heading, String reason, List<WayOn> waysOn, String requestId) {

    /** A link out of the error: where it goes and what it is called. */
    public record WayOn(String href, String label) {
    }

    public boolean hasRequestId() {
        return requestId != null && !requestId.isEmpty();
    }
}
