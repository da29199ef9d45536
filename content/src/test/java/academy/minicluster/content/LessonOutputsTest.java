package academy.minicluster.content;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The course's addresses are its cluster's: every address (IPv4, node port) and generated name (a Deployment's pods,
 * an EndpointSlice) a lesson shows after a command is the one the lesson's cluster answers, in order. The lesson's
 * cluster is the playground's: a fresh mini-cluster of the default profile and seed with the snippet's setup
 * applied, which is what "Set up the example on my cluster" builds on a fresh playground. So a learner who sets the
 * example up sees the lesson's addresses, and a command that names one (curl http://10.244.1.3/) reaches what the
 * lesson says it reaches.
 *
 * <p>Only outputs the run can agree with are compared: a command that fails, or whose shown output is a failure, or
 * that shows nothing, shows a state the lesson describes ("say the selector matches no pod") rather than one its
 * setup builds. The blocks that illustrate such a state with a successful command are listed in
 * {@link #ILLUSTRATED}, each with why; the list must stay exact.
 */
class LessonOutputsTest {

    /** An IPv4 address, a node port ({@code 80:30080/TCP}), or a name ending in a generated suffix. */
    static final Pattern ADDRESS = Pattern.compile(
            "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"
                    + "|(?<=:)3[0-2]\\d{3}(?=/(?:TCP|UDP))"
                    // Kubernetes' generated suffixes have no vowels and no 0, 1, 3 (k8s.io/apimachinery rand).
                    + "|\\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[bcdfghjklmnpqrstvwxz2456789]{5}\\b");

    /**
     * Commands whose output shows a state the snippet's setup does not build, with why. Each is "lesson, snippet N:
     * command".
     */
    static final Map<String, String> ILLUSTRATED = Map.of(
            "services-and-clusterip, snippet 7: kubectl get endpointslices -l kubernetes.io/service-name=web",
            "\"say the Service selects app: web but the pods are labelled app: frontend\": a Service the setup lacks",
            "readiness-and-traffic, snippet 4: kubectl get pods -l app=api",
            "\"suppose the probe checks the wrong port\": pods that never become ready",
            "troubleshooting, snippet 4: kubectl get endpointslices -n shop -l kubernetes.io/service-name=api"
                    + " -o jsonpath='{range .items[*].endpoints[*]}{.addresses[0]} ready={.conditions.ready}{\"\\n\"}{end}'",
            "a case of the troubleshooting table: an endpoint that is not ready",
            "troubleshooting, snippet 10: kubectl describe service -n shop api",
            "the exercise's broken shop (selector app=api-server, targetPort 80), which the learner gets in its lab",
            "troubleshooting, snippet 10: kubectl get pods -n shop --show-labels",
            "the exercise's broken shop, one api pod",
            "troubleshooting, snippet 11: kubectl get endpointslices -n shop -l kubernetes.io/service-name=api",
            "the exercise's broken shop, fixed selector and wrong targetPort");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void everyAddressALessonShowsIsTheOneItsClusterAnswers() {
        List<Difference> differences = differences();
        List<String> unexpected = differences.stream().filter(d -> !ILLUSTRATED.containsKey(d.where()))
                .map(Difference::toString).toList();
        assertThat(unexpected).isEmpty();
        assertThat(ILLUSTRATED.keySet()).as("illustrated outputs that differ from the run")
                .allSatisfy(known -> assertThat(differences).anySatisfy(d -> assertThat(d.where()).isEqualTo(known)));
    }

    @Test
    void anAddressTheClusterDoesNotAnswerIsFound() {
        Lesson lesson = new Lesson("l", "t", 1, "m", "s", 1, List.of(),
                "```console\n$ kubectl get service -n kube-system kube-dns\n"
                        + "NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n"
                        + "kube-dns   ClusterIP   10.96.0.99   <none>        53/UDP,53/TCP,9153/TCP   3d\n```\n");
        List<Difference> found = differences(lesson);
        assertThat(found).singleElement().asString().isEqualTo("l, snippet 1: kubectl get service -n kube-system "
                + "kube-dns shows [10.96.0.99], the lesson's cluster answers [10.96.0.10]");
    }

    /** Where a lesson shows other addresses than its cluster answers. */
    record Difference(String where, List<String> shown, List<String> answered) {
        @Override
        public String toString() {
            return where + " shows " + shown + ", the lesson's cluster answers " + answered;
        }
    }

    List<Difference> differences() {
        List<Difference> all = new ArrayList<>();
        for (Lesson lesson : Course.load().lessons()) {
            all.addAll(differences(lesson));
        }
        return all;
    }

    List<Difference> differences(Lesson lesson) {
        List<Difference> found = new ArrayList<>();
        for (Run run : runs(lesson, renderer)) {
            List<String> expected = addresses(run.shown());
            List<String> answered = addresses(run.printed());
            if (!expected.equals(answered)) {
                found.add(new Difference(run.where(), expected, answered));
            }
        }
        return found;
    }

    /**
     * A command of a lesson's console block whose output the run can agree with, what the lesson shows after it and
     * what the lesson's cluster printed. {@code where} is "lesson, snippet N: command".
     */
    record Run(String where, String shown, String printed) {
    }

    /**
     * Each command of {@code lesson}'s console blocks run on the lesson's cluster (a fresh playground with the
     * snippet's setup), but those the run cannot agree with: a command with a placeholder, one that fails, shows
     * nothing, or shows a failure.
     */
    static List<Run> runs(Lesson lesson, MarkdownRenderer renderer) {
        List<Run> runs = new ArrayList<>();
        for (LessonSnippets.Snippet snippet : LessonSnippets.of(lesson, renderer.render(lesson)).snippets()) {
            if (snippet.manifest()) {
                continue;
            }
            Shell shell = Sessions.open(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED);
            for (LessonSnippets.Step step : snippet.setup()) {
                if (step.manifest()) {
                    shell.execute("kubectl apply -f -", step.text());
                } else {
                    shell.execute(step.text());
                }
            }
            for (int i = 0; i < snippet.commands().size(); i++) {
                String command = snippet.commands().get(i);
                if (LessonSnippetsRunTest.PLACEHOLDER.matcher(command).find()) {
                    continue;
                }
                ShellResult r = shell.execute(command);
                String shown = i < snippet.shown().size() ? snippet.shown().get(i) : "";
                if (r.exitCode() != 0 || shown.isBlank() || LessonSnippetsRunTest.SHOWN_FAILING.matcher(shown).find()) {
                    continue;
                }
                runs.add(new Run(lesson.id() + ", snippet " + snippet.number() + ": " + command, shown, r.stdout()));
            }
        }
        return runs;
    }

    static List<String> addresses(String output) {
        List<String> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(output);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** What each shown address becomes (for rewriting a lesson by hand): pairs in order, where the counts agree. */
    static Map<String, String> renames(List<Difference> differences) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (Difference d : differences) {
            if (d.shown().size() == d.answered().size()) {
                for (int i = 0; i < d.shown().size(); i++) {
                    renames.putIfAbsent(d.shown().get(i), d.answered().get(i));
                }
            }
        }
        return renames;
    }
}
