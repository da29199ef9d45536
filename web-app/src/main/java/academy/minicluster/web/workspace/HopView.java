package academy.minicluster.web.workspace;

import java.util.List;

/**
 * One hop of a probe's trace as the page shows it (read back from the stored JSON).
 *
 * @param stage     CLIENT, DNS, SERVICE, NAT, ROUTE, INGRESS, POLICY or CONTAINER
 * @param decision  what happened, in one line
 * @param decidedBy the objects that decided it ({@code Service default/web}), most specific first
 * @param verdict   PASS, or how the packet stopped (REFUSED, DROPPED, NOT_FOUND, ERROR)
 */
public record HopView(String stage, String decision, List<String> decidedBy, String verdict) {

    public HopView {
        decidedBy = List.copyOf(decidedBy);
    }

    public boolean passed() {
        return "PASS".equals(verdict);
    }

    /** The deciding object, most specific first, or "" when none is named. */
    public String decider() {
        return decidedBy.isEmpty() ? "" : decidedBy.get(0);
    }

    /** Every object that decided the hop, most specific first, comma-separated. */
    public String deciders() {
        return String.join(", ", decidedBy);
    }

    /** {@code [SERVICE] decision -- REFUSED}: the trace's text form, as the command-line tool prints it. */
    public String text() {
        return "[" + stage + "] " + decision + (passed() ? "" : " -- " + verdict)
                + (decidedBy.isEmpty() ? "" : " (" + String.join(", ", decidedBy) + ")");
    }
}
