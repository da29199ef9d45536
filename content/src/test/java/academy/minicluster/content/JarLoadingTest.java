package academy.minicluster.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course loads from a jar, where nothing can be listed or opened as a file: packs the course resources
 * into a jar and loads them through a class loader that sees only that jar.
 */
class JarLoadingTest {

    @Test
    void courseLoadsFromAJarAlone(@TempDir Path temp) throws IOException {
        Path jar = temp.resolve("course.jar");
        Path resources = Path.of("src/main/resources");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(resources.resolve("course"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(resources.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }

        try (URLClassLoader onlyTheJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Course fromJar = Course.load(onlyTheJar, Course.DEFAULT_ROOT);
            PlannedLabs plan = PlannedLabs.load(onlyTheJar, Course.DEFAULT_ROOT, fromJar);

            List<Lesson> expected = Course.load().lessons();
            assertThat(fromJar.lessons()).containsExactlyElementsOf(expected);
            assertThat(plan.labs()).hasSameSizeAs(PlannedLabs.load().labs());
        }
    }
}
