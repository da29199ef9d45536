package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ResolvConf#words} splits a stripped line as {@code split("\\s+")} does. */
class ResolvConfWordsTest {

    @Test
    void splitsOnRunsOfWhiteSpace() {
        assertThat(ResolvConf.words("nameserver  10.96.0.10")).containsExactly("nameserver", "10.96.0.10");
        assertThat(ResolvConf.words("search\tdefault.svc.cluster.local svc.cluster.local"))
                .containsExactly("search", "default.svc.cluster.local", "svc.cluster.local");
        assertThat(ResolvConf.words("10.244.1.5\tweb-0.web.default.svc.cluster.local\u000Bweb-0"))
                .containsExactly("10.244.1.5", "web-0.web.default.svc.cluster.local", "web-0");
    }

    @Test
    void agreesWithSplitOnRandomStrippedLines() {
        String alphabet = "ab.:- \t\u000B\f\r\n\u00A0";
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int k = 1 + random.nextInt(16); k > 0; k--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String stripped = line.toString().strip();
            if (stripped.isEmpty()) {
                continue;
            }
            assertThat(ResolvConf.words(stripped)).as(stripped).containsExactly(stripped.split("\\s+"));
        }
    }
}
