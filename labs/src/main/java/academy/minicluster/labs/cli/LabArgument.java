package academy.minicluster.labs.cli;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import java.nio.file.Files;
import java.nio.file.Path;

/** A LAB argument: a lab file, or the id of a built-in lab. */
final class LabArgument {

    private LabArgument() {
    }

    static boolean isFile(String arg) {
        return arg.endsWith(".yaml") || arg.endsWith(".yml") || arg.contains("/") || Files.exists(Path.of(arg));
    }

    /** Reads the lab; misuse when it is neither a file nor a built-in lab's id. */
    static Lab load(String arg) throws LabFormatException {
        if (isFile(arg)) {
            Path p = Path.of(arg);
            if (!Files.isRegularFile(p)) {
                throw new Minicluster.Misuse(arg + ": no such file");
            }
            return LabParser.parse(p);
        }
        return BuiltInLabs.load(arg).orElseThrow(() -> new Minicluster.Misuse("unknown lab \"" + arg
                + "\": not a file, nor a built-in lab (see `minicluster labs`)"));
    }
}
