package academy.minicluster.labs.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInLabsTest {

    private static final Path SOURCES = Path.of("src/main/resources/labs");
    /** The course's promise, from the content module (read as a file: labs does not depend on content). */
    private static final Path PLAN = Path.of("../content/src/main/resources/course/planned-labs.yaml");

    private static List<Lab> labs;

    /** Every built-in lab, parsed once for the whole class. */
    private static List<Lab> labs() throws LabFormatException {
        if (labs == null) {
            labs = BuiltInLabs.all();
        }
        return labs;
    }

    @Test
    void indexListsEveryLabFileAndNothingElse() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertThat(BuiltInLabs.ids()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void eachLabsIdIsItsFileName() throws Exception {
        for (Lab lab : labs()) {
            assertThat(lab.source()).isEqualTo("builtin:" + lab.id());
        }
    }

    @Test
    void everyBuiltInLabIsPlannedByTheCourseUnderItsLesson() throws Exception {
        JsonNode plan = new YAMLMapper().readTree(PLAN.toFile());
        Map<String, String> lessonOf = new HashMap<>();
        plan.get("labs").forEach(l -> lessonOf.put(l.get("id").asText(), l.get("lesson").asText()));

        for (Lab lab : labs()) {
            assertThat(lessonOf).as("planned-labs.yaml plans %s", lab.id()).containsKey(lab.id());
            assertThat(lab.lesson()).as(lab.id()).isEqualTo(lessonOf.get(lab.id()));
        }
    }

    @Test
    void everyLabHasSeveralSolutionsAndHints() throws Exception {
        for (Lab lab : labs()) {
            assertThat(lab.solutions()).as(lab.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(lab.hints()).as(lab.id()).hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
