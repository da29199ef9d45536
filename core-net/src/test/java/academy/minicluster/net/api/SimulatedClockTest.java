package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    @Test
    void timestampsAreWhatIsoInstantWrites() {
        SimulatedClock clock = new SimulatedClock();
        assertThat(clock.timestamp()).isEqualTo("2026-01-01T09:00:00Z");
        for (long step : new long[] {1, 59, 3_600, 86_400 * 59, 86_400 * 400, 999_999_937L}) {
            clock.advance(step);
            assertThat(clock.timestamp()).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(clock.now()));
        }
    }

    @Test
    void rfc3339CoversLeapDaysAndYearEnds() {
        for (String instant : new String[] {"2028-02-29T23:59:59Z", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z",
                "1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            long second = Instant.parse(instant).getEpochSecond();
            assertThat(SimulatedClock.rfc3339(second)).isEqualTo(instant);
            assertThat(SimulatedClock.epochSecondOf(SimulatedClock.rfc3339(second))).isEqualTo(second);
        }
        long beyond = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        assertThat(SimulatedClock.rfc3339(beyond)).isEqualTo("+10000-01-01T00:00:00Z");
    }
}
