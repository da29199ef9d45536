package academy.minicluster.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a course from the classpath and checks that its parts agree: every lesson is well formed, ids are unique,
 * the outline and the lessons name each other, and {@code order} grows along the outline.
 *
 * <p>Every check fails with a {@link CourseException} naming the file and field, worded so an author knows what to
 * fix. The first problem found wins; the course is small enough that fixing one at a time is fine.
 */
final class CourseLoader {

    private static final Pattern LESSON_FILE = Pattern.compile("(\\d{2,3})-([a-z0-9][a-z0-9-]*[a-z0-9])\\.md");
    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Set<String> LESSON_FIELDS =
            Set.of("id", "title", "order", "module", "summary", "minutes", "labs", "setup");
    private static final Set<String> MODULE_FIELDS = Set.of("id", "title", "summary", "lessons");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ClassLoader classLoader;
    private final String root;

    CourseLoader(ClassLoader classLoader, String root) {
        this.classLoader = classLoader;
        this.root = root;
    }

    Course load() {
        List<OutlineModule> outline = readOutline();
        Map<String, LessonFile> lessons = readLessons();

        Map<String, String> moduleOfLesson = new LinkedHashMap<>();
        List<CourseModule> modules = new ArrayList<>();
        String outlineFile = outlinePath();
        for (int m = 0; m < outline.size(); m++) {
            OutlineModule module = outline.get(m);
            List<Lesson> moduleLessons = new ArrayList<>();
            for (String lessonId : module.lessonIds()) {
                String field = "modules[" + m + "].lessons";
                String earlier = moduleOfLesson.putIfAbsent(lessonId, module.id());
                if (earlier != null) {
                    throw new CourseException(outlineFile, field, "lesson '" + lessonId
                            + "' is listed in module '" + earlier + "' and again in module '" + module.id()
                            + "'; a lesson belongs to exactly one module");
                }
                LessonFile lesson = lessons.get(lessonId);
                if (lesson == null) {
                    throw new CourseException(outlineFile, field, "names lesson '" + lessonId
                            + "' but no lesson file has that id (lesson files: " + lessons.keySet() + ")");
                }
                if (!lesson.lesson().module().equals(module.id())) {
                    throw new CourseException(lesson.file(), "module", "is '" + lesson.lesson().module()
                            + "' but " + outlineFile + " lists this lesson under module '" + module.id() + "'");
                }
                moduleLessons.add(lesson.lesson());
            }
            modules.add(new CourseModule(module.id(), module.title(), module.summary(), moduleLessons));
        }

        for (LessonFile lesson : lessons.values()) {
            if (!moduleOfLesson.containsKey(lesson.lesson().id())) {
                throw new CourseException(lesson.file(), "id", "lesson '" + lesson.lesson().id()
                        + "' is not in the outline; add it to a module's lessons in " + outlineFile);
            }
        }

        checkOrderGrowsAlongTheOutline(modules, lessons);
        return new Course(modules);
    }

    private void checkOrderGrowsAlongTheOutline(List<CourseModule> modules, Map<String, LessonFile> files) {
        Lesson previous = null;
        for (CourseModule module : modules) {
            for (Lesson lesson : module.lessons()) {
                if (previous != null && lesson.order() <= previous.order()) {
                    throw new CourseException(files.get(lesson.id()).file(), "order", "is " + lesson.order()
                            + " but the outline places this lesson after '" + previous.id() + "' (order "
                            + previous.order() + "); order must grow along the outline");
                }
                previous = lesson;
            }
        }
    }

    // ---- outline -------------------------------------------------------------------------------------------

    private record OutlineModule(String id, String title, String summary, List<String> lessonIds) {
    }

    private String outlinePath() {
        return root + "/outline.yaml";
    }

    private List<OutlineModule> readOutline() {
        String file = outlinePath();
        JsonNode tree = parseYaml(file, read(file), 0);
        if (!tree.isObject() || !tree.path("modules").isArray() || tree.path("modules").isEmpty()) {
            throw new CourseException(file, "modules", "is missing or empty; the outline must list the modules");
        }
        List<OutlineModule> modules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = tree.path("modules");
        for (int m = 0; m < list.size(); m++) {
            JsonNode node = list.get(m);
            String at = "modules[" + m + "]";
            if (!node.isObject()) {
                throw new CourseException(file, at, "must be a mapping with id, title, summary and lessons");
            }
            rejectUnknownFields(file, at + ".", node, MODULE_FIELDS);
            String id = requiredId(file, at + ".id", node.get("id"));
            if (!ids.add(id)) {
                throw new CourseException(file, at + ".id", "module id '" + id + "' is used twice");
            }
            String title = requiredText(file, at + ".title", node.get("title"));
            String summary = requiredText(file, at + ".summary", node.get("summary"));
            List<String> lessons = stringList(file, at + ".lessons", node.get("lessons"));
            if (lessons.isEmpty()) {
                throw new CourseException(file, at + ".lessons", "is empty; a module lists at least one lesson");
            }
            modules.add(new OutlineModule(id, title, summary, lessons));
        }
        return modules;
    }

    // ---- lessons -------------------------------------------------------------------------------------------

    private record LessonFile(String file, Lesson lesson) {
    }

    private Map<String, LessonFile> readLessons() {
        String indexFile = root + "/lessons/index.txt";
        Map<String, LessonFile> byId = new LinkedHashMap<>();
        for (String line : read(indexFile).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            String file = root + "/lessons/" + name;
            Lesson lesson = parseLesson(file, name, read(file));
            LessonFile earlier = byId.putIfAbsent(lesson.id(), new LessonFile(file, lesson));
            if (earlier != null) {
                throw new CourseException(file, "id", "'" + lesson.id() + "' is already the id of "
                        + earlier.file() + "; lesson ids must be unique");
            }
        }
        return byId;
    }

    /** Parses one lesson file: front matter between {@code ---} lines, then the Markdown body. */
    static Lesson parseLesson(String file, String fileName, String text) {
        String normalized = text.replace("\r\n", "\n");
        if (normalized.startsWith("\uFEFF")) {
            normalized = normalized.substring(1);
        }
        if (!normalized.startsWith("---\n")) {
            throw new CourseException(file, null, "has no front matter; a lesson starts with a line '---', "
                    + "its YAML fields (id, title, order, module, summary, minutes, labs), and another '---'");
        }
        int end = normalized.indexOf("\n---\n", 3);
        if (end < 0 && normalized.endsWith("\n---")) {
            end = normalized.length() - 4;
        }
        if (end < 0) {
            throw new CourseException(file, null, "front matter is not closed; add a line '---' after its fields");
        }
        String frontMatter = normalized.substring(4, end + 1);
        String body = normalized.substring(Math.min(normalized.length(), end + 5));

        JsonNode fields = parseYaml(file, frontMatter, 1);
        if (!fields.isObject()) {
            throw new CourseException(file, null, "front matter must be a YAML mapping of fields");
        }
        rejectUnknownFields(file, "", fields, LESSON_FIELDS);
        String id = requiredId(file, "id", fields.get("id"));
        Matcher name = LESSON_FILE.matcher(fileName);
        if (!name.matches()) {
            throw new CourseException(file, null, "file name must be NN-<id>.md (two digits, a dash, the lesson id)");
        }
        if (!name.group(2).equals(id)) {
            throw new CourseException(file, "id", "is '" + id + "' but the file name says '" + name.group(2)
                    + "'; name the file NN-" + id + ".md or change the id");
        }
        String title = requiredText(file, "title", fields.get("title"));
        int order = positiveInt(file, "order", fields.get("order"));
        String module = requiredId(file, "module", fields.get("module"));
        String summary = requiredText(file, "summary", fields.get("summary"));
        int minutes = positiveInt(file, "minutes", fields.get("minutes"));
        List<String> labs = stringList(file, "labs", fields.get("labs"));
        if (body.isBlank()) {
            throw new CourseException(file, null, "has no body after its front matter");
        }
        JsonNode setupField = fields.get("setup");
        if (setupField != null && !setupField.isTextual()) {
            throw new CourseException(file, "setup", "must be YAML manifests as one text block (setup: |)");
        }
        String setup = setupField == null ? Lesson.NO_SETUP : setupField.asText();
        return new Lesson(id, title, order, module, summary, minutes, labs, body, setup);
    }

    // ---- field helpers -------------------------------------------------------------------------------------

    private static void rejectUnknownFields(String file, String prefix, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new CourseException(file, prefix + name, "is not a known field; known fields are "
                        + known.stream().sorted().toList());
            }
        });
    }

    private static String requiredText(String file, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new CourseException(file, field, "is missing");
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new CourseException(file, field, "must be text");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw new CourseException(file, field, "is empty");
        }
        return text;
    }

    private static String requiredId(String file, String field, JsonNode value) {
        String id = requiredText(file, field, value);
        if (!ID.matcher(id).matches()) {
            throw new CourseException(file, field, "'" + id
                    + "' is not a valid id; use lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return id;
    }

    private static int positiveInt(String file, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new CourseException(file, field, "is missing");
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() <= 0) {
            throw new CourseException(file, field, "must be a positive whole number, not '" + value.asText() + "'");
        }
        return value.intValue();
    }

    private static List<String> stringList(String file, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new CourseException(file, field, "is missing; write [] if there is nothing to list");
        }
        if (!value.isArray()) {
            throw new CourseException(file, field, "must be a list, e.g. [first, second]");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = requiredId(file, field + "[" + i + "]", value.get(i));
            if (items.contains(item)) {
                throw new CourseException(file, field + "[" + i + "]", "'" + item + "' is listed twice");
            }
            items.add(item);
        }
        return items;
    }

    /** Parses YAML; {@code lineOffset} turns a line of {@code yaml} into a line of the file (front matter starts at 2). */
    static JsonNode parseYaml(String file, String yaml, int lineOffset) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || tree.isMissingNode()) {
                throw new CourseException(file, null, "is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new CourseException(file, null, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + (e.getLocation().getLineNr() + lineOffset) + ")"), e);
        }
    }

    String read(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CourseException(resource, null, "is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CourseException(resource, null, "cannot be read: " + e.getMessage(), e);
        }
    }
}
