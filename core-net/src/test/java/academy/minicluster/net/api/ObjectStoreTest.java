package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {

    private final ObjectStore store = new ObjectStore(new SimulatedClock());

    private ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().build();
    }

    @Test
    void uidsAreTheNameBasedUuidsOfACounter() {
        for (int i = 1; i <= 50; i++) {
            ConfigMap created = store.create(configMap("cm-" + i));
            String expected = UUID.nameUUIDFromBytes(("minicluster-uid-" + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            assertThat(created.getMetadata().getUid()).isEqualTo(expected);
        }
    }

    @Test
    void lastWriteIsTheRevisionOfTheLatestWriteOfAKindInANamespace() {
        assertThat(store.lastWrite("ConfigMap", "default")).isEqualTo(-1);
        store.create(configMap("a"));
        long afterCreate = store.revision();
        assertThat(store.lastWrite("ConfigMap", "default")).isEqualTo(afterCreate);
        assertThat(store.lastWrite("ConfigMap", "other")).isEqualTo(-1);
        assertThat(store.lastWrite("Secret", "default")).isEqualTo(-1);
        store.remove("ConfigMap", "default", "a");
        assertThat(store.lastWrite("ConfigMap", "default")).isGreaterThan(afterCreate);
    }
}
