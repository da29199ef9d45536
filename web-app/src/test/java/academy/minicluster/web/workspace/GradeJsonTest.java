package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.api.ClusterLimits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An attempt's JSON, spliced from the stored grade, is the text writing the merged object gave. */
class GradeJsonTest {

    private static final String PARTIAL = """
            apiVersion: v1
            kind: Service
            metadata:
              name: hello
            spec:
              selector:
                app: hello
              ports:
                - port: 80
                  targetPort: 8080
            """;

    private static String merged(ObjectNode head, String json) {
        ObjectNode doc = head.deepCopy();
        doc.setAll((ObjectNode) GradeJson.read(json));
        return GradeJson.write(doc);
    }

    private static ObjectNode head() {
        ObjectNode head = TraceJson.MAPPER.createObjectNode();
        head.put("attempt", 4711L);
        head.put("createdAt", Instant.parse("2026-11-27T02:00:00.123456789Z").toString());
        return head;
    }

    @Test
    void anAttemptsJsonIsTheMergedObjectWrittenOnce() throws Exception {
        Lab lab = BuiltInLabs.load("first-clusterip-service").orElseThrow();
        GradeResult result = Grader.grade(lab, new Submission(java.util.List.of(
                new Submission.Manifests("submission.yaml", PARTIAL))));
        String stored = GradeJson.write(GradeJson.of(lab, result));

        assertThat(GradeJson.withFields(head(), stored)).isEqualTo(merged(head(), stored));
    }

    @Test
    void aCompactOrEmptyStoredObjectIsMergedByParsing() {
        assertThat(GradeJson.withFields(head(), "{\"lab\":\"x\",\"score\":1}"))
                .isEqualTo(merged(head(), "{\"lab\":\"x\",\"score\":1}"));
        assertThat(GradeJson.withFields(head(), "{}")).isEqualTo(merged(head(), "{}"));
    }

    @Test
    void theErrorsReadAloneAreTheErrorsOfTheWholeView() throws Exception {
        Lab lab = BuiltInLabs.load(LabWorkspaceResourceTest.LAB).orElseThrow();
        ObjectNode graded = GradeJson.of(lab, Grader.grade(lab, Submission.EMPTY, ClusterLimits.DEFAULTS));
        ObjectNode withErrors = graded.deepCopy();
        withErrors.putArray("errors").add("error: one \"quoted\" <b>").add("error: two\nlines");
        ObjectNode nestedErrors = withErrors.deepCopy();
        ((ObjectNode) nestedErrors.path("checks").get(0)).putArray("errors").add("not the result's");
        List<String> documents = List.of(GradeJson.write(graded), GradeJson.write(withErrors),
                GradeJson.write(nestedErrors), "{\"errors\": [\"a\"], \"score\": 1, \"errors\": [\"b\", \"c\"]}",
                "{\"errors\": [\"a\", 3, null]}", "{\"errors\": {\"x\": \"a\"}}", "{\"errors\": []}", "{}", "[]");
        assertThat(GradeJson.errors(GradeJson.write(withErrors)))
                .containsExactly("error: one \"quoted\" <b>", "error: two\nlines");
        for (String json : documents) {
            assertThat(GradeJson.errors(json)).as(json).isEqualTo(GradeJson.view(json).errors());
        }
    }
}
