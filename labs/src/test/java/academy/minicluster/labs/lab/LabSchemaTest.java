package academy.minicluster.labs.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the parser agree on every key. */
class LabSchemaTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = LabSchemaTest.class.getClassLoader().getResourceAsStream("lab.schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void topLevelKeysAreTheParsers() throws Exception {
        assertThat(keys(schema().get("properties"))).containsExactlyInAnyOrderElementsOf(LabParser.TOP);
    }

    @Test
    void checkKindsAreTheParsers() throws Exception {
        List<String> check = keys(schema().at("/$defs/check/properties"));
        check.removeAll(List.of("id", "title", "points"));
        assertThat(check).containsExactlyInAnyOrderElementsOf(LabParser.CHECK_KINDS);
    }

    @Test
    void profilesAreCoreNetsProfiles() throws Exception {
        List<String> profiles = new ArrayList<>();
        schema().at("/properties/profile/enum").forEach(p -> profiles.add(p.asText()));
        assertThat(profiles).containsExactlyInAnyOrderElementsOf(academy.minicluster.net.profile.ClusterProfile.all()
                .stream().map(academy.minicluster.net.profile.ClusterProfile::name).toList());
    }
}
