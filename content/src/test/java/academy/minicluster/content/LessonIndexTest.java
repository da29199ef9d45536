package academy.minicluster.content;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader reads {@code course/lessons/index.txt} because a jar cannot be listed portably. This test (which may
 * use the file system: surefire runs it from the module directory) keeps the index equal to the directory, so a
 * lesson file is never silently left out.
 */
class LessonIndexTest {

    @Test
    void indexListsExactlyTheLessonFiles() throws IOException {
        // The source directory, not target/classes: a lesson renamed or removed leaves a stale copy there.
        Path directory = Path.of("src/main/resources/course/lessons");
        List<String> onDisk;
        try (Stream<Path> files = Files.list(directory)) {
            onDisk = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".md"))
                    .sorted().toList();
        }
        String index;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("course/lessons/index.txt")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> listed = Arrays.stream(index.split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(listed).isSorted().containsExactlyElementsOf(onDisk);
    }
}
