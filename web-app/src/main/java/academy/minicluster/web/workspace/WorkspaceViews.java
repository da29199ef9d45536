package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.topology.Topology;
import academy.minicluster.web.topology.TopologySvg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The pieces of a workspace page shared by labs and the playground (templates/WorkspaceViews/): the editor and the
 * console, a console entry, an apply's output, the topology view, a grade. Pages embed them rendered; htmx swaps
 * them in after a round trip.
 */
public final class WorkspaceViews {

    private WorkspaceViews() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance panels(long workspaceId, String yaml, List<String> history);

        static native TemplateInstance consoleEntry(ShellResult result, List<HopView> trace, String traceText);

        static native TemplateInstance applyResult(ShellResult result);

        static native TemplateInstance topology(long workspaceId, String svg, String text, boolean oob);

        static native TemplateInstance grade(GradeView grade, LabAttempt attempt, String labId);
    }

    /** The editor (prefilled with {@code yaml}) and the console (↑/↓ walk {@code history}). */
    public static String panels(Workspace w, List<LogEntry> log) {
        String yaml = log.stream().filter(e -> e.kind() == LogEntry.Kind.MANIFESTS).reduce((a, b) -> b)
                .map(LogEntry::text).orElse(STARTER);
        List<String> history = log.stream().filter(e -> e.kind() == LogEntry.Kind.COMMAND).map(LogEntry::text)
                .toList();
        return Templates.panels(w.id, yaml, history).render();
    }

    static final String STARTER = "# Write or paste manifests here, then Apply (kubectl apply -f -).\n";

    public static String consoleEntry(ShellResult r) {
        List<HopView> hops = hops(r);
        StringBuilder text = new StringBuilder();
        hops.forEach(h -> text.append(h.text()).append('\n'));
        return Templates.consoleEntry(r, hops, text.toString()).render();
    }

    public static String applyResult(ShellResult r) {
        return Templates.applyResult(r).render();
    }

    public static String topology(long workspaceId, Topology t, boolean oob) {
        return Templates.topology(workspaceId, TopologySvg.render(t), t.text(), oob).render();
    }

    public static String grade(LabAttempt attempt) {
        return Templates.grade(GradeJson.view(attempt.result), attempt, attempt.labId).render();
    }

    static List<HopView> hops(ShellResult r) {
        return r.trace().stream().map(h -> new HopView(h.stage().name(), h.decision(),
                h.decidedBy().stream().map(Object::toString).toList(), h.verdict().name())).toList();
    }
}
