package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ResolvConfTest {

    private static ResolvConf clusterFirst(String namespace) {
        return ResolvConf.parse(List.of(
                "search " + namespace + ".svc.cluster.local svc.cluster.local cluster.local",
                "nameserver 10.96.0.10",
                "options ndots:5"));
    }

    @Test
    void parsesKubeletsClusterFirstResolvConf() {
        ResolvConf conf = clusterFirst("default");

        assertThat(conf.nameservers()).containsExactly("10.96.0.10");
        assertThat(conf.search()).containsExactly("default.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(conf.ndots()).isEqualTo(5);
    }

    @Test
    void defaultsToNdotsOneAndLocalhostWithoutOptions() {
        ResolvConf conf = ResolvConf.parse(List.of("# empty"));

        assertThat(conf.ndots()).isEqualTo(1);
        assertThat(conf.primaryNameserver()).isEqualTo("127.0.0.1");
    }

    @Test
    void lastSearchLineWinsAndTrailingDotsAreDropped() {
        ResolvConf conf = ResolvConf.parse(List.of("domain example.com", "search a.example. b.example"));

        assertThat(conf.search()).containsExactly("a.example", "b.example");
    }

    @Test
    void keepsAtMostThreeNameservers() {
        ResolvConf conf = ResolvConf.parse(List.of("nameserver 1.1.1.1", "nameserver 2.2.2.2", "nameserver 3.3.3.3",
                "nameserver 4.4.4.4"));

        assertThat(conf.nameservers()).containsExactly("1.1.1.1", "2.2.2.2", "3.3.3.3");
    }

    @TestFactory
    Stream<DynamicTest> searchListExpansionFollowsResolvConfFive() throws IOException {
        return cases().map(row -> DynamicTest.dynamicTest(row[0] + ": " + row[1], () ->
                assertThat(clusterFirst(row[0]).candidates(row[1]))
                        .containsExactlyElementsOf(Arrays.asList(row[2].split(" ")))));
    }

    private static Stream<String[]> cases() throws IOException {
        try (InputStream in = ResolvConfTest.class.getResourceAsStream("/probe/tools/search-list-cases.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toArray(String[]::new))
                    .toList().stream();
        }
    }
}
