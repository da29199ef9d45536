package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ManifestDecoder#hasBooleanKey} finds by hand what a regular expression used to find: documents with a key
 * YAML 1.1 reads as a boolean, which take the composer's path. Checked against that expression.
 */
class BooleanKeyScanTest {

    private static final Pattern REGEX = Pattern.compile("(?m)^[\\s-]*(?i:on|off|yes|no|true|false)\\s*:");

    private static boolean expected(String text) {
        return REGEX.matcher(text).find();
    }

    @Test
    void findsBooleanKeysWhereverALineStartsWithOne() {
        for (String text : List.of("on: push", "  - Yes: 1", "a: 1\nOFF :\n", "x: 1\r  no: 2", "- - true\t: x",
                "a: b\u2028false: 1", "\n\n   TRUE:")) {
            assertThat(ManifestDecoder.hasBooleanKey(text)).as(text).isTrue().isEqualTo(expected(text));
        }
        for (String text : List.of("online: 1", "a: on", "# on: x", "noon: 1", "yess: 1", "o n: 1", "\"on\": 1",
                "key: {on: 1}", "")) {
            assertThat(ManifestDecoder.hasBooleanKey(text)).as(text).isFalse().isEqualTo(expected(text));
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnEveryTestManifest() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                assertThat(ManifestDecoder.hasBooleanKey(text)).as(file.toString()).isEqualTo(expected(text));
            }
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomText() {
        String alphabet = "onfyestrualONFYESTRUAL-: \t\r\n\u000B\f\u0085\u2028xk";
        Random random = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(ManifestDecoder.hasBooleanKey(t)).as("%s", t.chars().boxed().toList()).isEqualTo(expected(t));
        }
    }
}
