package academy.minicluster.web.workspace;

import academy.minicluster.labs.lab.Feedback;
import academy.minicluster.web.display.Highlight;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabKind;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.topology.Topology;
import academy.minicluster.web.topology.TopologySvg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.SnapshotCache;
import academy.minicluster.net.api.ObjectStore;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

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
        /** {@code history}: the console's history as the list's items, HTML ({@link #historyItems}). */
        static native TemplateInstance panels(long workspaceId, String yaml, String history, String command,
                                              String transcript, int earlier, String prompt);

        static native TemplateInstance prompt(String prompt, boolean oob);

        static native TemplateInstance applyResult(ShellResult result);

        static native TemplateInstance topology(long workspaceId, String svg, String text, boolean oob);

        static native TemplateInstance grade(GradeView grade, LabAttempt attempt, String labId,
                                             boolean troubleshooting);
    }

    /**
     * What a page opens the editor and console with, instead of the last YAML applied and an empty prompt: a lesson's
     * snippet the learner chose to try. Either may be null (keep the default).
     */
    public record Prefill(String yaml, String command) {
        public static final Prefill NONE = new Prefill(null, null);
    }

    /** How many of the log's last entries the console shows again when the page is opened. */
    public static final int TRANSCRIPT_SHOWN = 100;

    /**
     * How many of the log's last commands ↑ and ↓ walk in the console: bash's own default ({@code HISTSIZE=500}),
     * so the console remembers as far back as the shell learners know, and a page lists at most that many (a
     * workspace's log holds up to a thousand entries, and the page's cost must not grow with it).
     */
    public static final int HISTORY_SHOWN = 500;

    /**
     * What the console shows again when a page is opened: the last {@link #TRANSCRIPT_SHOWN} entries of the log, and
     * how many came before them.
     */
    public record Transcript(List<ConsoleEntry> shown, int earlier) {
        public static final Transcript EMPTY = new Transcript(List.of(), 0);

        public Transcript {
            shown = List.copyOf(shown);
        }

        /** The last {@link #TRANSCRIPT_SHOWN} of {@code entries}, which are the whole log's, in order. */
        public static Transcript ofWholeLog(List<ConsoleEntry> entries) {
            int earlier = Math.max(0, entries.size() - TRANSCRIPT_SHOWN);
            return new Transcript(entries.subList(earlier, entries.size()), earlier);
        }
    }

    /**
     * What a page shows of the learner's cluster beside the log: its map and the shell's prompt (a pod's after
     * {@code kubectl exec -it}), taken in one look ({@link Workspaces#view}).
     */
    public record ClusterLook(Drawn drawn, String prompt) {
        public static ClusterLook of(Shell shell) {
            return new ClusterLook(WorkspaceViews.drawn(shell.cluster()), shell.prompt());
        }

        public Topology topology() {
            return drawn.topology();
        }
    }

    /**
     * A cluster's map, drawn (SVG) and as text, at one revision of its objects; with its topology view as rendered the
     * first time it was asked for, in place and out of band ({@link #topology(long, Drawn, boolean)}): every console
     * command, apply and page shows the map, and most of them an unchanged one, so an unchanged map is not escaped
     * and rendered again.
     */
    public record Drawn(long revision, Topology topology, String svg, String text, Views views) {

        public Drawn(long revision, Topology topology, String svg, String text) {
            this(revision, topology, svg, text, new Views());
        }

        /** The topology view of this map, rendered once per workspace and {@code oob}. */
        String view(long workspaceId, boolean oob) {
            Rendered kept = oob ? views.outOfBand : views.inPlace;
            if (kept != null && kept.workspaceId() == workspaceId) {
                return kept.html();
            }
            Rendered fresh = new Rendered(workspaceId, render(workspaceId, this, oob));
            if (oob) {
                views.outOfBand = fresh;
            } else {
                views.inPlace = fresh;
            }
            return fresh.html();
        }
    }

    /**
     * A map's topology view as rendered in place and out of band, each with the workspace it links to. Written
     * without a lock: two requests racing render the same bytes, and either's result is kept.
     */
    public static final class Views {
        private volatile Rendered inPlace;
        private volatile Rendered outOfBand;
    }

    private record Rendered(long workspaceId, String html) {
    }

    /**
     * The last map drawn of each cluster, by its object store (weakly: an evicted cluster's goes with it). The map is
     * a function of the store's objects and the store's revision grows with every write, so a map drawn at the same
     * revision is the same map: most console commands (kubectl get, describe, a curl) write nothing the map shows,
     * and their answer's map is not drawn again. A few KB per cached cluster. Each cluster is lent to one request at
     * a time ({@link ClusterCache#take}), so no two requests draw the same cluster at once.
     */
    private static final Map<ObjectStore, Drawn> DRAWN = Collections.synchronizedMap(new WeakHashMap<>());

    /** The cluster's map at its current revision: drawn again only when its objects changed since the last time. */
    public static Drawn drawn(Cluster cluster) {
        ObjectStore store = cluster.store();
        long revision = store.revision();
        Drawn drawn = DRAWN.get(store);
        if (drawn == null || drawn.revision() != revision) {
            Topology t = Topology.of(cluster);
            drawn = new Drawn(revision, t, TopologySvg.render(t), t.text());
            DRAWN.put(store, drawn);
        }
        return drawn;
    }

    /** The prompt at the workstation; inside a pod ({@code kubectl exec -it}) the shell shows the image's own. */
    public static final String WORKSTATION_PROMPT = "$ ";

    /**
     * The editor (prefilled with the last YAML applied) and the console (↑/↓ walk the log's last
     * {@link #HISTORY_SHOWN} commands), its output area showing again what the log's last entries answered
     * ({@code transcript}, in the log's order), so a reload or another server shows the session the learner left.
     * {@code prompt} is the learner's shell's ({@link academy.minicluster.net.shell.Shell#prompt}): the terminal goes
     * on where the session is, in a pod or not.
     */
    public static String panels(Workspace w, ShownLog log, Transcript transcript, Prefill prefill, String prompt) {
        String yaml = prefill.yaml() != null ? prefill.yaml() : log.lastApplied().orElse(STARTER);
        StringBuilder shown = new StringBuilder(transcript.shown().size() * 512);
        transcript.shown().forEach(e -> consoleEntry(shown, e));
        return Templates.panels(w.id, yaml, historyItems(log.commands()),
                prefill.command() == null ? "" : prefill.command(), shown.toString(), transcript.earlier(),
                Templates.prompt(prompt, false).render()).render();
    }

    /** The console's history as the hidden list's items, one {@code <li>} per command, escaped. */
    static String historyItems(List<String> commands) {
        StringBuilder items = new StringBuilder(commands.size() * 40);
        for (String command : commands) {
            items.append("<li>");
            Highlight.escape(items, command);
            items.append("</li>");
        }
        return items.toString();
    }

    /**
     * An HTML answer as UTF-8 bytes: a String entity is copied into the network buffer character by character
     * (netty's writeUtf8; the workspace's fragments and pages carry non-Latin-1 characters, so the slow path), which
     * cost more than the rest of a console command under load; one {@code String.getBytes} encodes it in a fraction.
     * Same bytes, same {@code Content-Type} (as {@code CourseResource.lesson} does for the lesson page).
     */
    public static Response html(String html) {
        return Response.ok(html.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    static final String STARTER = "# Write or paste manifests here, then Apply (kubectl apply -f -).\n";

    public static String consoleEntry(ShellResult r) {
        return consoleEntry(ConsoleEntry.of(r));
    }

    public static String consoleEntry(ConsoleEntry entry) {
        StringBuilder html = new StringBuilder(512);
        consoleEntry(html, entry);
        return html.toString();
    }

    /**
     * One console entry as HTML, appended to {@code html}: the command and what it wrote, and its trace's lines when
     * it sent a packet. Built in Java rather than by a template: a page shows up to {@link #TRANSCRIPT_SHOWN} of them,
     * and a template rendered once per entry was a fifth of the lab page's CPU. Escaped as Qute escapes.
     */
    static void consoleEntry(StringBuilder html, ConsoleEntry entry) {
        html.append("<div class=\"console-entry\">\n<pre class=\"console-out\"><span class=\"prompt\">$ </span><kbd>");
        Highlight.escape(html, entry.command());
        html.append("</kbd>\n");
        Highlight.escape(html, entry.stdout());
        if (!entry.stderr().isEmpty()) {
            html.append("<span class=\"stderr\">");
            Highlight.escape(html, entry.stderr());
            html.append("</span>");
        }
        html.append("</pre>\n");
        if (!entry.trace().isEmpty()) {
            html.append("<details class=\"console-trace\">\n  <summary>Trace (").append(entry.trace().size())
                    .append(" hops)</summary>\n  <pre class=\"trace-text\">");
            Highlight.escape(html, entry.traceText());
            html.append("</pre>\n</details>\n");
        }
        html.append("</div>\n");
    }

    /**
     * The console's prompt, swapped out of band after each command: the shell's ({@code $ }, or the image's own in a
     * pod after {@code kubectl exec -it}); the terminal reads it from there too.
     */
    public static String prompt(String prompt) {
        return Templates.prompt(prompt, true).render();
    }

    public static String applyResult(ShellResult r) {
        return Templates.applyResult(r).render();
    }

    public static String topology(long workspaceId, Topology t, boolean oob) {
        return Templates.topology(workspaceId, TopologySvg.render(t), t.text(), oob).render();
    }

    /**
     * The topology view of a map drawn before ({@link #drawn}): rendered the first time, then the same HTML while the
     * map is unchanged (a changed map is a new {@link Drawn}).
     */
    public static String topology(long workspaceId, Drawn drawn, boolean oob) {
        return drawn.view(workspaceId, oob);
    }

    /** The topology view of {@code drawn}, rendered now (what {@link #topology(long, Drawn, boolean)} keeps). */
    static String render(long workspaceId, Drawn drawn, boolean oob) {
        return Templates.topology(workspaceId, drawn.svg(), drawn.text(), oob).render();
    }

    /** A grade as a learner sees it: each failed check's cause only when {@code feedback} says so. */
    public static String grade(LabAttempt attempt, Lab lab, Feedback feedback) {
        return grade(attempt, lab, feedback, new Seen(RevealedHint.revealedCount(attempt.accountId, attempt.labId),
                LabAttempt.failedUpTo(attempt), LabAttempt.errorsBefore(attempt)));
    }

    /**
     * What a grade's view depends on beyond the attempt: the hints the learner revealed, their attempts up to it that
     * missed full marks, and the errors of their attempt before it. The lab page and "Check my work" know the first
     * two already (the hints pane, the attempt history), so they pass them instead of querying them again.
     */
    public record Seen(int revealedHints, long failedUpTo, List<String> errorsBefore) {
    }

    /**
     * A grade as {@link #grade(LabAttempt, Lab, Feedback)} shows it, with what it depends on given: rendered once, then
     * taken from {@link #GRADES} (the lab page shows the last attempt's grade again at every view).
     */
    public static String grade(LabAttempt attempt, Lab lab, Feedback feedback, Seen seen) {
        GradeKey key = new GradeKey(attempt.id, attempt.labId, attempt.labVersion, attempt.createdAt, attempt.result,
                feedback.revealsCause(seen.revealedHints(), (int) seen.failedUpTo()), List.copyOf(seen.errorsBefore()),
                lab.kind() == LabKind.troubleshooting);
        return GRADES.get(key, () -> render(key));
    }

    /** A grade's view, rendered now from exactly what {@link GradeKey} holds (what {@link #GRADES} keeps). */
    static String render(GradeKey key) {
        GradeView view = GradeJson.view(key.result(), key.causes()).newErrorsSince(key.errorsBefore());
        LabAttempt shown = new LabAttempt();
        shown.id = key.attemptId();
        shown.labId = key.labId();
        shown.labVersion = key.labVersion();
        shown.createdAt = key.createdAt();
        shown.result = key.result();
        return Templates.grade(view, shown, key.labId(), key.troubleshooting()).render();
    }

    /**
     * Everything a grade's view is rendered from: the attempt's fields the template shows and its stored result (the
     * view is parsed from it), whether failed checks' causes are shown, the errors of the attempt before (not listed
     * again) and whether the lab is a troubleshooting one (what a hidden cause says). The template is fixed when the
     * server is built, so equal keys render the same HTML; and as the key holds the result itself, not only the
     * attempt's id, it stays exact even where ids are given again (a database emptied under a running server).
     */
    record GradeKey(Long attemptId, String labId, int labVersion, Instant createdAt, String result, boolean causes,
                    List<String> errorsBefore, boolean troubleshooting) {
    }

    /**
     * How many grades' views are kept: an attempt never changes, so a view stays right as long as it is kept, and the
     * lab page (a learner's most frequent request after the console) shows their last attempt's again at every view.
     * A view and its result are a few KB to a few tens of KB: at most some tens of MB, least recently used dropped
     * first.
     */
    static final int GRADES_KEPT = 2_048;

    /** Grades' views rendered, by {@link GradeKey}; shared by every request thread. */
    private static final SnapshotCache<GradeKey, String> GRADES = new SnapshotCache<>(GRADES_KEPT);

    /**
     * Whether the learner who made {@code attempt} is shown its failed checks' causes: after the hints or the failed
     * checks the lab's {@code feedback} asks for. The page and the JSON API both ask this.
     */
    static boolean causesShown(LabAttempt attempt, Feedback feedback) {
        return feedback.revealsCause(RevealedHint.revealedCount(attempt.accountId, attempt.labId),
                (int) LabAttempt.failedUpTo(attempt));
    }

    static List<HopView> hops(ShellResult r) {
        return r.trace().stream().map(h -> new HopView(h.stage().name(), h.decision(),
                h.decidedBy().stream().map(Object::toString).toList(), h.verdict().name())).toList();
    }
}
