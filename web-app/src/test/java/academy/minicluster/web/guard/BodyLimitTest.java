package academy.minicluster.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    @Test
    void theLimitIsNamedInTheUnitItWasSetIn() {
        assertThat(BodyLimit.readable(1024 * 1024)).isEqualTo("1 MiB");
        assertThat(BodyLimit.readable(256 * 1024)).isEqualTo("256 KiB");
        assertThat(BodyLimit.readable(1_000_000)).isEqualTo("1000000 bytes");
    }

    @Test
    void theMessageNamesTheConfiguredLimit() {
        BodyLimit limit = new BodyLimit(new MemorySize(BigInteger.valueOf(1024 * 1024)));

        assertThat(limit.message()).isEqualTo("request body too large: limit is 1 MiB");
    }

    @Test
    void aChunkedFormIsDecodedAsVertxDecodesAFormInOrderAndAsUtf8() {
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();

        BodyLimit.decodeForm("yaml=kind%3A+Pod%0Aname%3A+caf%C3%A9&csrf-token=a%2Bb&yaml=second", fields);

        assertThat(fields.getAll("yaml")).containsExactly("kind: Pod\nname: café", "second");
        assertThat(fields.get("csrf-token")).isEqualTo("a+b");
    }
}
