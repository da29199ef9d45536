package academy.minicluster.content;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The course's lint: every "Try it" snippet of every lesson, run as the playground runs it (a fresh mini-cluster of
 * the default profile, the snippet's setup applied, then the manifest applied or each command run), must not fail
 * unless the lesson shows that failure itself (a troubleshooting lesson's refused connection). A snippet that names
 * a pod, a namespace or an address its lesson never sets up fails here, not in front of a learner.
 */
class LessonSnippetsRunTest {

    /** Words by which a lesson's shown output says the command fails, on purpose. */
    static final Pattern SHOWN_FAILING = Pattern.compile(
            "(?i)error|curl: \\(|refused|timed out|NXDOMAIN|not found|forbidden|command terminated|unreachable|"
                    + "no endpoints|SERVFAIL|exit code|can't find");

    /** A word for the reader to replace, as lessons write it: {@code <pod>}, {@code <pod IP>}. */
    static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z ]*>");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void everySnippetRunsInItsSetupWithoutAnError() {
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (Lesson lesson : Course.load().lessons()) {
            for (LessonSnippets.Snippet snippet : LessonSnippets.of(lesson, renderer.render(lesson)).snippets()) {
                failures.addAll(run(lesson, snippet));
                run++;
            }
        }
        assertThat(run).as("snippets run").isGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    @Test
    void aSnippetNamingAPodItsLessonNeverSetsUpFails() {
        Lesson lesson = new Lesson("l", "t", 1, "m", "s", 1, List.of(),
                "```console\n$ kubectl exec client -- curl -sS http://web/\nhello\n```\n");
        LessonSnippets.Snippet snippet = LessonSnippets.of(lesson, renderer.render(lesson)).snippets().get(0);

        assertThat(run(lesson, snippet)).singleElement().asString()
                .startsWith("l, snippet 1: kubectl exec client -- curl -sS http://web/ exited 1: ")
                .contains("pods \"client\" not found");
    }

    @Test
    void theSameSnippetRunsInASetupThatCreatesThePod() {
        String client = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                spec:
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                    command: ["sleep", "3600"]
                """;
        Lesson lesson = new Lesson("l", "t", 1, "m", "s", 1, List.of(),
                "```console\n$ kubectl exec client -- hostname\nclient\n```\n", client);
        LessonSnippets.Snippet snippet = LessonSnippets.of(lesson, renderer.render(lesson)).snippets().get(0);

        assertThat(snippet.setup()).containsExactly(new LessonSnippets.Step(LessonSnippets.Kind.MANIFEST, client));
        assertThat(run(lesson, snippet)).isEmpty();
    }

    /** What went wrong running {@code snippet} in its setup, one line a failure. */
    static List<String> run(Lesson lesson, LessonSnippets.Snippet snippet) {
        List<String> failures = new ArrayList<>();
        String where = lesson.id() + ", snippet " + snippet.number() + ": ";
        Shell shell = Sessions.open(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED);
        boolean first = true;
        for (LessonSnippets.Step step : snippet.setup()) {
            ShellResult r = step.manifest() ? shell.execute("kubectl apply -f -", step.text())
                    : shell.execute(step.text());
            // The lesson's own setup must apply; an earlier snippet's step is judged where it is tried.
            if (first && !lesson.setup().isBlank() && r.exitCode() != 0) {
                failures.add(where + "the lesson's setup does not apply: " + r.stderr().strip());
                return failures;
            }
            first = false;
        }
        if (snippet.manifest()) {
            ShellResult r = shell.execute("kubectl apply -f -", snippet.text());
            if (snippet.refusedOnPurpose()) {
                // The lesson shows the refusal: it must be the API server's, word for word.
                if (r.exitCode() == 0 || !r.stderr().strip().equals(snippet.refusal())) {
                    failures.add(where + "the lesson shows the manifest refused with \"" + snippet.refusal()
                            + "\", the cluster answers (exit " + r.exitCode() + ") \"" + (r.stderr() + r.stdout()).strip()
                            + "\"");
                }
            } else if (r.exitCode() != 0) {
                failures.add(where + "the manifest does not apply: " + r.stderr().strip());
            }
            return failures;
        }
        for (int i = 0; i < snippet.commands().size(); i++) {
            String command = snippet.commands().get(i);
            if (PLACEHOLDER.matcher(command).find()) {
                // "kubectl describe pod <pod>": the reader fills it in; as typed it is not meant to run.
                continue;
            }
            String shown = i < snippet.shown().size() ? snippet.shown().get(i) : "";
            ShellResult r = shell.execute(command);
            if (r.exitCode() != 0 && !SHOWN_FAILING.matcher(shown).find()) {
                failures.add(where + command + " exited " + r.exitCode() + ": "
                        + (r.stderr() + r.stdout()).strip().lines().findFirst().orElse(""));
            }
        }
        return failures;
    }
}
