package academy.minicluster.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request line's pieces, written without java.util.Formatter, read as they did with it. */
class RequestLineFormatTest {

    @Test
    void theDurationIsWhatPercentPointOneFWrote() {
        for (long micros = 0; micros < 200_000; micros++) {
            assertThat(RequestTracing.tenths(micros))
                    .as("%d µs", micros)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", micros / 1000.0));
        }
    }

    @Test
    void aNewRequestIdIsARandomVersion4Uuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestTracing.newRequestId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
