package academy.minicluster.labs.grade;

import academy.minicluster.labs.lab.Steps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a learner hands in: manifests (applied with {@code kubectl apply -f}), kubectl transcripts (command lines, as
 * typed), or both, applied in the order given; and the answers to the lab's questions ({@code answer} checks), by
 * check id.
 */
public record Submission(List<Part> parts, Map<String, String> answers) {

    /** Nothing: grading it grades the starting state. */
    public static final Submission EMPTY = new Submission(List.of());

    public Submission {
        parts = List.copyOf(parts);
        answers = Collections.unmodifiableMap(new TreeMap<>(answers));
    }

    /** Parts and no answers. */
    public Submission(List<Part> parts) {
        this(parts, Map.of());
    }

    /** The same parts, with {@code answers} (check id to the text the learner gave). */
    public Submission withAnswers(Map<String, String> answers) {
        return new Submission(parts, answers);
    }

    /** One piece of a submission. */
    public sealed interface Part {
        /** The file name it came from, as kubectl would name it ({@code web.yaml}). */
        String source();

        String text();
    }

    /** A multi-document YAML (or JSON) manifest. */
    public record Manifests(String source, String text) implements Part {
        public Manifests {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Command lines, one a line, with {@code #} comments and here-documents. */
    public record Commands(String source, String text) implements Part {
        public Commands {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }
    }

    public static Submission manifests(String yaml) {
        return new Submission(List.of(new Manifests("submission.yaml", yaml)));
    }

    public static Submission commands(String transcript) {
        return new Submission(List.of(new Commands("transcript.sh", transcript)));
    }

    /** A lab's steps (a reference solution) as a submission: its manifests, then its commands. */
    /** A lab's solution or answer as a submission: its steps, and its answers to the lab's questions. */
    public static Submission of(academy.minicluster.labs.lab.Solution solution) {
        return of(solution.steps()).withAnswers(solution.answers());
    }

    public static Submission of(Steps steps) {
        List<Part> parts = new ArrayList<>();
        if (!steps.manifests().isBlank()) {
            parts.add(new Manifests("solution.yaml", steps.manifests()));
        }
        if (!steps.commands().isBlank()) {
            parts.add(new Commands("solution.sh", steps.commands()));
        }
        return new Submission(parts);
    }

    /** Whether a file is read as a transcript ({@code .sh}, {@code .txt}) rather than manifests. */
    public static boolean isTranscript(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".sh") || n.endsWith(".txt");
    }

    /** Files in order: {@code .sh}/{@code .txt} are transcripts, anything else manifests. */
    public static Submission read(List<Path> files) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String name = f.getFileName().toString();
            parts.add(isTranscript(f) ? new Commands(name, text) : new Manifests(name, text));
        }
        return new Submission(parts);
    }
}
