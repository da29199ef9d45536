package academy.minicluster.labs.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    private static final JsonNode SERVICE = read("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"web"}},
             "spec":{"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"metrics","port":9090}]}}
            """);

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String select(String path) {
        return FieldPath.parse(path).select(SERVICE).toString();
    }

    @Test
    void indexSelectsOneElement() {
        assertThat(select("spec.ports[0].targetPort")).isEqualTo("[8080]");
    }

    @Test
    void wildcardSelectsEveryElement() {
        assertThat(select(".spec.ports[*].port")).isEqualTo("[80, 9090]");
    }

    @Test
    void filterSelectsByField() {
        assertThat(select("{.spec.ports[?(@.name==\"metrics\")].port}")).isEqualTo("[9090]");
    }

    @Test
    void quotedKeySelectsALabelWithDots() {
        assertThat(select("metadata.labels['app.kubernetes.io/name']")).isEqualTo("[\"web\"]");
    }

    @Test
    void missingFieldSelectsNothing() {
        assertThat(select("spec.clusterIP")).isEqualTo("[]");
    }

    @Test
    void malformedPathIsRefused() {
        assertThatThrownBy(() -> FieldPath.parse("spec.ports[")).hasMessageContaining("not a field path");
    }
}
