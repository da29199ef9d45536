package academy.minicluster.labs.session;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.Hop;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shapes of the {@code minicluster} tool's contract: a command's result and a trace's hops. Field order is
 * fixed, so the same run prints the same bytes.
 */
public final class TraceJson {

    /** The mapper every JSON output of the tool uses: two-space indentation, fields in insertion order. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceJson() {
    }

    /** {@code {"command","exitCode","stdout","stderr","trace":[...]}}. */
    public static ObjectNode result(ShellResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("command", r.command());
        n.put("exitCode", r.exitCode());
        n.put("stdout", r.stdout());
        n.put("stderr", r.stderr());
        n.set("trace", trace(r.trace()));
        return n;
    }

    /** {@code [{"stage","decision","decidedBy":["Service default/web"],"verdict"}]}. */
    public static ArrayNode trace(List<Hop> hops) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Hop h : hops) {
            ObjectNode n = a.addObject();
            n.put("stage", h.stage().name());
            n.put("decision", h.decision());
            ArrayNode by = n.putArray("decidedBy");
            for (ObjectRef ref : h.decidedBy()) {
                by.add(ref.toString());
            }
            n.put("verdict", h.verdict().name());
        }
        return a;
    }

    /** The trace as text, one hop a line, indented under the command's output. */
    public static String traceText(List<Hop> hops) {
        StringBuilder s = new StringBuilder();
        for (Hop h : hops) {
            s.append("  ").append(h).append('\n');
        }
        return s.toString();
    }
}
