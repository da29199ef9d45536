package academy.minicluster.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a rendered lesson a learner can try on their own cluster, and the lesson's HTML with a
 * "Try it in the playground" link after each of them.
 *
 * <p>Two kinds qualify: a {@code yaml} block that is a Kubernetes manifest (it names an {@code apiVersion} and a
 * {@code kind}), which the playground puts in its editor, and a {@code console} block with {@code $ } prompts, whose
 * command lines the playground offers for its console (the output lines after each prompt are what the lesson's
 * cluster answered; the learner's own cluster answers for itself). A command that reads a file of the lesson's
 * ({@code kubectl apply -f hello.yaml}) is left out: the playground has no such file, and the lesson's YAML blocks
 * have links of their own. Other blocks (text, plain output) get no link.
 * Snippets are numbered from 1 in the order they appear, so a link names one as {@code ?lesson=ID&snippet=N}.
 *
 * <p>A snippet runs in its setup: the lesson's {@code setup} (front matter: the manifests its examples assume, such
 * as the {@code client} pod of an earlier lesson), then what the snippets before it in the lesson changed, in order,
 * as a reader who followed the lesson has done it: each manifest applied, each command that changes the cluster
 * ({@code kubectl create}, {@code expose}, {@code label}, ...) run; commands that only read are left out. The
 * playground offers to apply the setup before the snippet, and the course's lint (content tests,
 * {@code LessonSnippetsRunTest}) runs every snippet in its setup.
 *
 * <p>The content module renders the Markdown; this wraps its output rather than changing it.
 */
public final class LessonSnippets {

    /** What a snippet is, and so where the playground puts it. */
    public enum Kind {
        /** YAML for the editor, to apply. */
        MANIFEST,
        /** Command lines for the console, to run one by one. */
        COMMANDS
    }

    /**
     * One block a learner can try.
     *
     * @param number   its place among the lesson's snippets, from 1
     * @param kind     manifest or commands
     * @param text     the YAML (a manifest) or the command lines, one a line (commands)
     * @param commands the command lines (empty for a manifest)
     * @param setup    what to do first, in order (the lesson's setup, then what the snippets before this one changed)
     * @param shown    for each command, the output the lesson shows after it (empty for a manifest)
     * @param refusal  for a manifest the lesson shows refused on purpose, the API server's words the lesson shows
     *                 (the output of {@code kubectl apply -f FILE} in the console block right after it); "" for a
     *                 manifest that applies, and for commands
     */
    public record Snippet(int number, Kind kind, String text, List<String> commands, List<Step> setup,
                          List<String> shown, String refusal) {
        public Snippet {
            commands = List.copyOf(commands);
            setup = List.copyOf(setup);
            shown = List.copyOf(shown);
        }

        public Snippet(int number, Kind kind, String text, List<String> commands, List<Step> setup,
                       List<String> shown) {
            this(number, kind, text, commands, setup, shown, "");
        }

        public Snippet(int number, Kind kind, String text, List<String> commands) {
            this(number, kind, text, commands, List.of(), List.of());
        }

        public boolean manifest() {
            return kind == Kind.MANIFEST;
        }

        /** A manifest the lesson applies to show its refusal: it is not part of any later snippet's setup. */
        public boolean refusedOnPurpose() {
            return !refusal.isEmpty();
        }
    }

    /** One step of a snippet's setup: manifests to apply, or a command to run. */
    public record Step(Kind kind, String text) {
        public boolean manifest() {
            return kind == Kind.MANIFEST;
        }
    }

    /** A command that changes the cluster, so that a later snippet depends on it. */
    private static final Pattern CHANGES_THE_CLUSTER = Pattern.compile(
            "^kubectl\\s+(-n\\s+\\S+\\s+)?"
                    + "(apply|create|expose|run|label|annotate|patch|scale|delete|set|rollout)\\b.*");

    /** A lesson's HTML with the links added, and its snippets. */
    public record Tried(String html, List<Snippet> snippets) {
        public Optional<Snippet> snippet(int number) {
            return number < 1 || number > snippets.size() ? Optional.empty() : Optional.of(snippets.get(number - 1));
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
            "<pre><code class=\"language-([A-Za-z0-9_-]+)\">(.*?)</code></pre>\\n?", Pattern.DOTALL);
    private static final Pattern API_VERSION = Pattern.compile("(?m)^apiVersion:\\s*\\S");
    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*\\S");
    /**
     * The console block that shows a manifest refused: its one command applies a file of the lesson's
     * ({@code kubectl apply -f bad-route.yaml}) and the API server answers with an error.
     */
    private static final Pattern SHOWN_REFUSAL = Pattern.compile(
            "\\$ kubectl apply -f [^\\s-]\\S*\\n((?:error: |Error from server|The \\S+ \"[^\"]+\" is invalid)[\\s\\S]*)");
    /** {@code -f FILE} / {@code --filename=FILE}, but not {@code -f -} (standard input) or a URL. */
    private static final Pattern LOCAL_FILE = Pattern.compile(
            "(^|\\s)(-f|--filename)(=|\\s+)(?!-(\\s|$))(?!https?://)\\S");

    private LessonSnippets() {
    }

    /** Finds the snippets of {@code html} (a lesson as the content module renders it) and links each one. */
    public static Tried of(String lessonId, String html) {
        return of(lessonId, Lesson.NO_SETUP, html);
    }

    /** The snippets of {@code lesson}, rendered as {@code html}, each with its setup. */
    public static Tried of(Lesson lesson, String html) {
        return of(lesson.id(), lesson.setup(), html);
    }

    private static Tried of(String lessonId, String lessonSetup, String html) {
        List<Snippet> snippets = new ArrayList<>();
        List<Step> applied = new ArrayList<>();
        if (!lessonSetup.isBlank()) {
            applied.add(new Step(Kind.MANIFEST, lessonSetup));
        }
        StringBuilder out = new StringBuilder();
        Matcher m = BLOCK.matcher(html);
        int last = 0;
        // A manifest is added to the setup of the snippets after it once the next block shows it was not refused.
        Snippet manifestBefore = null;
        while (m.find()) {
            out.append(html, last, m.end());
            last = m.end();
            String code = unescape(m.group(2));
            Optional<String> refusal = manifestBefore == null ? Optional.empty() : shownRefusal(m.group(1), code);
            if (refusal.isPresent()) {
                Snippet refused = manifestBefore;
                snippets.set(refused.number() - 1, new Snippet(refused.number(), refused.kind(), refused.text(),
                        refused.commands(), refused.setup(), refused.shown(), refusal.get()));
            } else if (manifestBefore != null) {
                applied.add(new Step(Kind.MANIFEST, manifestBefore.text()));
            }
            manifestBefore = null;
            Optional<Snippet> s = snippet(snippets.size() + 1, m.group(1), code);
            if (s.isPresent()) {
                Snippet found = s.get();
                Snippet inSetup = new Snippet(found.number(), found.kind(), found.text(), found.commands(), applied,
                        found.shown());
                snippets.add(inSetup);
                out.append(link(lessonId, inSetup));
                if (found.manifest()) {
                    manifestBefore = inSetup;
                } else {
                    found.commands().stream().filter(c -> CHANGES_THE_CLUSTER.matcher(c).matches())
                            .forEach(c -> applied.add(new Step(Kind.COMMANDS, c)));
                }
            }
        }
        out.append(html.substring(last));
        return new Tried(out.toString(), snippets);
    }

    /** The refusal a console block shows, when it shows {@code kubectl apply -f FILE} refused. */
    static Optional<String> shownRefusal(String language, String code) {
        if (!language.equals("console") && !language.equals("shell-session")) {
            return Optional.empty();
        }
        Matcher m = SHOWN_REFUSAL.matcher(code);
        return m.matches() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    static Optional<Snippet> snippet(int number, String language, String code) {
        return switch (language) {
            case "yaml", "yml" -> API_VERSION.matcher(code).find() && KIND.matcher(code).find()
                    ? Optional.of(new Snippet(number, Kind.MANIFEST, code, List.of()))
                    : Optional.empty();
            case "console", "shell-session" -> {
                List<String> commands = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                StringBuilder output = null;
                for (String line : code.lines().toList()) {
                    if (line.startsWith("$ ")) {
                        String command = line.substring(2).strip();
                        boolean tried = !command.isEmpty()
                                && !(command.startsWith("kubectl ") && LOCAL_FILE.matcher(command).find());
                        if (output != null) {
                            shown.add(output.toString());
                        }
                        output = tried ? new StringBuilder() : null;
                        if (tried) {
                            commands.add(command);
                        }
                    } else if (output != null) {
                        output.append(line).append('\n');
                    }
                }
                if (output != null) {
                    shown.add(output.toString());
                }
                yield commands.isEmpty() ? Optional.empty()
                        : Optional.of(new Snippet(number, Kind.COMMANDS, String.join("\n", commands), commands,
                                List.of(), shown));
            }
            default -> Optional.empty();
        };
    }

    private static String link(String lessonId, Snippet s) {
        String what = s.manifest() ? "this manifest in the editor" : "these commands in the console";
        return "<p class=\"try-it\"><a href=\"/playground?lesson=" + lessonId + "&amp;snippet=" + s.number()
                + "\" data-snippet=\"" + s.number() + "\">Try it in the playground<span class=\"visually-hidden\">: "
                + what + " (snippet " + s.number() + ")</span></a></p>\n";
    }

    /** commonmark escapes these four in code; nothing else. */
    static String unescape(String escaped) {
        return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
