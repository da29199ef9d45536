package academy.minicluster.net.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Data-driven from {@code workload/kubelet-expansion-cases.tsv}. */
class ExpansionTest {

    private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("VAR_A", "A");
        VARIABLES.put("VAR_B", "B");
        VARIABLES.put("VAR_C", "C");
        VARIABLES.put("VAR_REF", "$(VAR_A)");
        VARIABLES.put("VAR_EMPTY", "");
    }

    @TestFactory
    Stream<DynamicTest> expandsAsTheKubeletDoes() throws IOException {
        List<String[]> cases;
        try (var reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/workload/kubelet-expansion-cases.tsv")), StandardCharsets.UTF_8))) {
            cases = reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", -1)).toList();
        }
        assertThat(cases).hasSizeGreaterThan(10);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[0] + ": " + c[1],
                () -> assertThat(Expansion.expand(c[1], VARIABLES)).isEqualTo(c[2])));
    }
}
