package academy.minicluster.web.course;

import academy.minicluster.content.Course;
import academy.minicluster.content.Lesson;
import academy.minicluster.content.LessonSnippets;
import academy.minicluster.content.MarkdownRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The course as the pages serve it: loaded from the content module once, every lesson rendered to HTML once
 * (the course ships inside the jar and never changes while the platform runs).
 */
@ApplicationScoped
public class CourseCatalog {

    /** A section of a lesson, for its "On this page" list: the heading's anchor and its text. */
    public record Section(String anchor, String title) {
    }

    /**
     * A lesson's body as HTML (each code block a learner can try followed by its "Try it in the playground" link),
     * its sections, and those snippets.
     */
    public record RenderedLesson(Lesson lesson, String html, List<Section> sections,
                                 List<LessonSnippets.Snippet> snippets) {
    }

    private static final Pattern H2 = Pattern.compile("<h2 id=\"([^\"]+)\">(.*?)</h2>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private final Course course;
    private final Map<String, RenderedLesson> rendered = new LinkedHashMap<>();

    public CourseCatalog() {
        this.course = Course.load();
        MarkdownRenderer renderer = new MarkdownRenderer();
        for (Lesson lesson : course.lessons()) {
            LessonSnippets.Tried tried = LessonSnippets.of(lesson, renderer.render(lesson));
            rendered.put(lesson.id(), new RenderedLesson(lesson, tried.html(), sections(tried.html()),
                    tried.snippets()));
        }
    }

    public Course course() {
        return course;
    }

    public Optional<RenderedLesson> lesson(String id) {
        return Optional.ofNullable(rendered.get(id));
    }

    /** Snippet {@code number} (from 1) of lesson {@code lessonId}, for the playground to open with. */
    public Optional<LessonSnippets.Snippet> snippet(String lessonId, int number) {
        return lesson(lessonId).map(RenderedLesson::snippets)
                .filter(s -> number >= 1 && number <= s.size()).map(s -> s.get(number - 1));
    }

    /**
     * Every published lab in the course's order: each lesson's labs as the lesson lists them, then the published
     * labs an author attached to that lesson ({@code lesson:} in the lab), by id; then labs of no lesson, by id.
     * The catalog, "next lab" and the gradebook's columns all use this one order.
     */
    public List<String> labOrder(Map<String, CourseProgress.PublishedLab> published) {
        List<String> order = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            labsOf(lesson, published).stream().filter(published::containsKey).forEach(order::add);
        }
        published.keySet().stream().filter(id -> !order.contains(id)).sorted().forEach(order::add);
        return order;
    }

    /** The labs of {@code lesson}: those it lists, then published labs attached to it by their author, by id. */
    public List<String> labsOf(Lesson lesson, Map<String, CourseProgress.PublishedLab> published) {
        List<String> ids = new ArrayList<>(lesson.labs());
        published.values().stream().filter(l -> lesson.id().equals(l.lessonId()) && !ids.contains(l.labId()))
                .map(CourseProgress.PublishedLab::labId).sorted().forEach(ids::add);
        return ids;
    }

    /** The published lab after {@code labId} in {@link #labOrder}, if any. */
    public Optional<String> nextLab(String labId, Map<String, CourseProgress.PublishedLab> published) {
        List<String> order = labOrder(published);
        int at = order.indexOf(labId);
        return at < 0 || at + 1 >= order.size() ? Optional.empty() : Optional.of(order.get(at + 1));
    }

    static List<Section> sections(String html) {
        List<Section> sections = new ArrayList<>();
        Matcher m = H2.matcher(html);
        while (m.find()) {
            String text = TAG.matcher(m.group(2)).replaceAll("")
                    .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            sections.add(new Section(m.group(1), text));
        }
        return sections;
    }
}
