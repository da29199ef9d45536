package academy.minicluster.content;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every built-in lesson renders to the page a newcomer reads: sections, a "Try it", a recap, code with a language,
 * and accessible diagrams.
 */
class LessonRenderingTest {

    private static final Course COURSE = Course.load();
    private static final MarkdownRenderer RENDERER = new MarkdownRenderer();
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);
    private static final Pattern SVG_ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private static Stream<DynamicTest> forEachLesson(String what, java.util.function.Consumer<Lesson> check) {
        return COURSE.lessons().stream().map(lesson -> dynamicTest(lesson.id() + " " + what, () -> check.accept(lesson)));
    }

    private static List<String> svgs(String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = SVG.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    @TestFactory
    Stream<DynamicTest> rendersWithSectionHeadings() {
        return forEachLesson("has h2 sections", lesson ->
                assertThat(RENDERER.render(lesson)).containsPattern("<h2 id=\"[a-z0-9-]+\">"));
    }

    @TestFactory
    Stream<DynamicTest> hasATryItSectionAndARecap() {
        return forEachLesson("has Try it and Recap", lesson -> assertThat(RENDERER.render(lesson))
                .contains("<h2 id=\"try-it\">Try it</h2>", "<h2 id=\"recap\">Recap</h2>"));
    }

    @TestFactory
    Stream<DynamicTest> doesNotRepeatTheTitleAsH1() {
        return forEachLesson("has no h1", lesson -> assertThat(RENDERER.render(lesson)).doesNotContain("<h1"));
    }

    @TestFactory
    Stream<DynamicTest> hasAtLeastOneAccessibleDiagram() {
        return forEachLesson("has accessible SVGs", lesson -> {
            List<String> svgs = svgs(RENDERER.render(lesson));
            assertThat(svgs).isNotEmpty();
            assertThat(svgs).allSatisfy(svg -> assertThat(svg)
                    .contains("role=\"img\"", "<title", "<desc", "aria-labelledby=\""));
        });
    }

    @TestFactory
    Stream<DynamicTest> diagramsSurviveRenderingWhole() {
        // An HTML block ends at a blank line; a blank line inside an <svg> would let Markdown mangle the rest.
        return forEachLesson("keeps each SVG as written", lesson -> {
            List<String> inSource = svgs(lesson.markdown());
            assertThat(svgs(RENDERER.render(lesson))).containsExactlyElementsOf(inSource);
            assertThat(inSource).allSatisfy(svg -> assertThat(svg).doesNotContain("\n\n"));
        });
    }

    @TestFactory
    Stream<DynamicTest> diagramIdsAreUniqueAcrossTheCourse() {
        List<String> ids = new ArrayList<>();
        COURSE.lessons().forEach(lesson -> svgs(lesson.markdown()).forEach(svg -> {
            Matcher matcher = SVG_ID.matcher(svg);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }));
        return Stream.of(dynamicTest("ids in diagrams are unique", () -> assertThat(ids).doesNotHaveDuplicates()));
    }

    @TestFactory
    Stream<DynamicTest> everyCodeBlockNamesItsLanguage() {
        return forEachLesson("code blocks have a language", lesson -> {
            String html = RENDERER.render(lesson);
            assertThat(html).contains("<pre><code class=\"language-");
            assertThat(html).doesNotContain("<pre><code>");
        });
    }

    @TestFactory
    Stream<DynamicTest> usesOnlyTheCommandsTheMiniClusterKnows() {
        // The playground has no `kubectl run`; lessons create pods from manifests.
        return forEachLesson("uses no kubectl run", lesson ->
                assertThat(lesson.markdown()).doesNotContain("kubectl run "));
    }
}
