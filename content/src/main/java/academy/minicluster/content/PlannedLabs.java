package academy.minicluster.content;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The labs the course plans ({@code course/planned-labs.yaml}), checked against the course that names them.
 *
 * @param labs the planned labs in course order
 */
public record PlannedLabs(List<PlannedLab> labs) {

    public PlannedLabs {
        labs = List.copyOf(labs);
    }

    /** Loads the built-in plan and checks it against the built-in course. */
    public static PlannedLabs load() {
        return load(PlannedLabs.class.getClassLoader(), Course.DEFAULT_ROOT, Course.load());
    }

    /**
     * Loads {@code <root>/planned-labs.yaml} and checks it against {@code course}: ids unique, each lab's lesson
     * exists and lists the lab, and every lab a lesson lists is planned.
     *
     * @throws CourseException naming the file and field at fault
     */
    public static PlannedLabs load(ClassLoader classLoader, String root, Course course) {
        String file = root + "/planned-labs.yaml";
        CourseLoader loader = new CourseLoader(classLoader, root);
        JsonNode tree = CourseLoader.parseYaml(file, loader.read(file), 0);
        JsonNode list = tree.path("labs");
        if (!list.isArray() || list.isEmpty()) {
            throw new CourseException(file, "labs", "is missing or empty");
        }
        List<PlannedLab> labs = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String at = "labs[" + i + "]";
            String id = text(file, at + ".id", node.get("id"));
            if (!ids.add(id)) {
                throw new CourseException(file, at + ".id", "lab id '" + id + "' is planned twice");
            }
            String lessonId = text(file, at + ".lesson", node.get("lesson"));
            Lesson lesson = course.lesson(lessonId).orElseThrow(() -> new CourseException(file, at + ".lesson",
                    "names lesson '" + lessonId + "', which is not in the course"));
            if (!lesson.labs().contains(id)) {
                throw new CourseException(file, at + ".lesson", "lesson '" + lessonId
                        + "' does not list lab '" + id + "' in its labs " + lesson.labs());
            }
            String kindText = text(file, at + ".kind", node.get("kind"));
            PlannedLab.Kind kind;
            try {
                kind = PlannedLab.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CourseException(file, at + ".kind", "is '" + kindText
                        + "'; it must be 'guided' or 'troubleshooting'");
            }
            labs.add(new PlannedLab(id, lessonId, kind, text(file, at + ".intent", node.get("intent"))));
        }
        for (Lesson lesson : course.lessons()) {
            for (String lab : lesson.labs()) {
                if (!ids.contains(lab)) {
                    throw new CourseException(file, "labs",
                            "lesson '" + lesson.id() + "' lists lab '" + lab + "', which is not planned here");
                }
            }
        }
        return new PlannedLabs(labs);
    }

    /** The planned lab with this id, if there is one. */
    public Optional<PlannedLab> lab(String id) {
        return labs.stream().filter(lab -> lab.id().equals(id)).findFirst();
    }

    /** The labs that start from a broken cluster. */
    public List<PlannedLab> troubleshooting() {
        return labs.stream().filter(PlannedLab::troubleshooting).toList();
    }

    private static String text(String file, String field, JsonNode value) {
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new CourseException(file, field, "is missing");
        }
        return value.asText().strip();
    }
}
