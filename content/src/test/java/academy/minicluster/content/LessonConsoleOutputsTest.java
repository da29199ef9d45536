package academy.minicluster.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The course's console blocks are its cluster's, word for word: what a lesson shows after a command is what the
 * lesson's cluster (a fresh playground with the snippet's setup, as {@link LessonOutputsTest} builds it) prints, line
 * for line, trailing spaces aside. {@link LessonOutputsTest} compares the addresses of every output; this compares
 * whole outputs, where the run can agree (as there: not a command that fails, shows nothing, or shows a failure).
 * The blocks that differ are listed in {@link #DIFFERENT}, each with why; the list must stay exact.
 */
class LessonConsoleOutputsTest {

    /**
     * Outputs that differ from the run, with why. Each is "lesson, snippet N: command": those that show a state the
     * setup does not build ({@link LessonOutputsTest#ILLUSTRATED}), and these.
     */
    static final Map<String, String> DIFFERENT = Stream.concat(LessonOutputsTest.ILLUSTRATED.entrySet().stream(),
            Map.of(
                    "readiness-and-traffic, snippet 3: kubectl describe endpointslice -l kubernetes.io/service-name=api",
                    "shortened (no Labels, Annotations, Hostname, Zone, Events) and one endpoint not ready: the"
                            + " state of a pod failing its probe, which the lesson describes and its setup does not"
                            + " build",
                    "gateway-api, snippet 1: kubectl get gatewayclass",
                    "AGE: the lesson shows 4m56s, what labs' GatewayLessonsTest prints replaying the lesson's sessions in one"
                            + " cluster; here, after the snippet's setup, the clock has gone on to 5m1s",
                    "gateway-api, snippet 3: kubectl get pods -n envoy-gateway-system",
                    "AGE of envoy-gateway's pod: the lesson shows 5m5s, as GatewayLessonsTest's replay prints it; after"
                            + " the snippet's setup the clock has gone on to 5m6s").entrySet().stream())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void everyConsoleOutputALessonShowsIsWhatItsClusterPrints() {
        List<String> differences = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Lesson lesson : Course.load().lessons()) {
            for (LessonOutputsTest.Run run : LessonOutputsTest.runs(lesson, renderer)) {
                if (!lines(run.shown()).equals(lines(run.printed()))) {
                    where.add(run.where());
                    differences.add(run.where() + "\n--- shown\n" + lines(run.shown()) + "\n--- printed\n"
                            + lines(run.printed()));
                }
            }
        }
        assertThat(differences.stream().filter(d -> !DIFFERENT.containsKey(d.substring(0, d.indexOf('\n'))))
                .toList()).isEmpty();
        assertThat(DIFFERENT.keySet()).as("listed differences that no longer differ").allSatisfy(
                known -> assertThat(where).contains(known));
    }

    static String lines(String output) {
        return output.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}
