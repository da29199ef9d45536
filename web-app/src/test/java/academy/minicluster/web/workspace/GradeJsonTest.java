package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
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
}
