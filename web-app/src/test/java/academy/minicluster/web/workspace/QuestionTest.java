package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lab's questions on its page, the answers a form sends, and how an attempt stores them. */
class QuestionTest {

    private static Lab lab() throws Exception {
        return LabParser.parse("""
                id: find-the-node
                version: 1
                title: Find the node
                summary: Which node runs web?
                difficulty: beginner
                minutes: 5
                lesson: services-and-clusterip
                start:
                  commands: kubectl run web --image=traefik/whoami
                tasks: Find the node that runs pod web.
                hints:
                  - kubectl get pods -o wide
                solutions:
                  - id: look
                    commands: kubectl get pods -o wide
                checks:
                  - id: node
                    title: The node of web
                    answer:
                      question: Which node runs pod web?
                      expect: {field: {kind: Pod, name: web, path: spec.nodeName}}
                  - id: web
                    title: web exists
                    exists: {kind: Pod, name: web}
                """, "find-the-node.yaml");
    }

    @Test
    void theLabsQuestionsAreItsAnswerChecks() throws Exception {
        assertThat(Question.of(lab())).containsExactly(new Question("node", "Which node runs pod web?"));
    }

    @Test
    void aFormsAnswersArePairedWithTheirQuestionsAndUnknownOrBlankOnesDropped() throws Exception {
        Map<String, String> answers = Question.answers(lab(), List.of("node", "web", "nope"),
                Arrays.asList(" worker2 ", "x", "y"));
        assertThat(answers).containsExactly(Map.entry("node", "worker2"));
        assertThat(Question.answers(lab(), List.of("node"), List.of("  "))).isEmpty();
        assertThat(Question.answers(lab(), null, null)).isEmpty();
    }

    @Test
    void anAttemptStoresItsAnswersAfterItsParts() {
        String stored = GradeJson.submission(Submission.commands("kubectl get pods -o wide")
                .withAnswers(Map.of("node", "worker2")));
        assertThat(stored).contains("\"kind\" : \"commands\"").contains("\"kind\" : \"answer\"")
                .contains("\"source\" : \"node\"").contains("\"text\" : \"worker2\"");
        assertThat(stored.indexOf("commands")).isLessThan(stored.indexOf("answer"));
    }
}
