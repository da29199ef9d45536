package academy.minicluster.labs.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The labs that ship with the academy, read from the classpath: {@code labs/index.txt} lists their ids in course
 * order, and each lives in {@code labs/ID.yaml}.
 */
public final class BuiltInLabs {

    private static final String DIR = "labs/";

    private BuiltInLabs() {
    }

    /** The built-in labs' ids, in course order. */
    public static List<String> ids() {
        String index = resource(DIR + "index.txt").orElseThrow(() -> new IllegalStateException("no labs/index.txt"));
        List<String> ids = new ArrayList<>();
        for (String line : index.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                ids.add(l);
            }
        }
        return ids;
    }

    /** The YAML text of a built-in lab. */
    public static Optional<String> text(String id) {
        if (!id.matches("[a-z0-9-]+")) {
            return Optional.empty();
        }
        return resource(DIR + id + ".yaml");
    }

    /** A built-in lab, parsed; its source is {@code builtin:ID}. */
    public static Optional<Lab> load(String id) throws LabFormatException {
        Optional<String> text = text(id);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LabParser.parse(text.get(), source(id)));
    }

    /** Every built-in lab, parsed, in course order. */
    public static List<Lab> all() throws LabFormatException {
        List<Lab> labs = new ArrayList<>();
        for (String id : ids()) {
            labs.add(load(id).orElseThrow(() -> new IllegalStateException("labs/index.txt names " + id
                    + " but there is no labs/" + id + ".yaml")));
        }
        return labs;
    }

    public static String source(String id) {
        return "builtin:" + id;
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = BuiltInLabs.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
