package academy.minicluster.labs.json;

import academy.minicluster.labs.grade.CheckResult;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lint.Finding;
import academy.minicluster.labs.lint.LintReport;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shapes of the {@code minicluster} tool's contract (labs/README.md): a command's result, a trace's hops, a
 * grade and lint reports. Field order is fixed, so the same run prints the same bytes. The web app uses the same
 * shapes for its JSON API.
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

    /**
     * A grade as {@code minicluster grade --json} prints it:
     * {@code {"lab","version","score","max","checks":[{"id","title","verdict","points","maxPoints","explanation",
     * "command","trace"}],"errors":[...]}}.
     */
    public static ObjectNode grade(Lab lab, GradeResult r) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("lab", lab.id());
        doc.put("version", lab.version());
        doc.put("score", r.score());
        doc.put("max", r.max());
        ArrayNode checks = doc.putArray("checks");
        for (CheckResult c : r.checks()) {
            ObjectNode n = checks.addObject();
            n.put("id", c.id());
            n.put("title", c.title());
            n.put("verdict", c.verdict().name());
            n.put("points", c.points());
            n.put("maxPoints", c.maxPoints());
            n.put("explanation", c.explanation());
            n.put("command", c.command());
            n.set("trace", trace(c.trace()));
            // explanation = symptom + cause: a page shows the cause only when the lab's feedback allows.
            n.put("symptom", c.symptom());
            n.put("cause", c.cause());
        }
        ArrayNode errors = doc.putArray("errors");
        r.errors().forEach(errors::add);
        return doc;
    }

    /** Lint reports as {@code minicluster lint --json} prints them: {@code {"ok","labs":[...]}}. */
    public static ObjectNode lint(List<LintReport> reports) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("ok", reports.stream().allMatch(LintReport::ok));
        ArrayNode a = doc.putArray("labs");
        for (LintReport r : reports) {
            ObjectNode n = a.addObject();
            n.put("lab", r.lab());
            n.put("source", r.source());
            n.put("ok", r.ok());
            n.put("submissions", r.submissions());
            ArrayNode f = n.putArray("findings");
            for (Finding x : r.findings()) {
                ObjectNode fn = f.addObject();
                fn.put("rule", x.rule());
                fn.put("where", x.where());
                fn.put("message", x.message());
            }
            n.put("mutants", r.mutants());
            n.put("relevant", r.relevant());
            n.put("killed", r.killed());
        }
        return doc;
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
