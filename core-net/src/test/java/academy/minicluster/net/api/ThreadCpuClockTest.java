package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bounds a {@link Budget} charges commands by: whatever the wall clock did in between, a lower bound taken before
 * some work never exceeds the clock read after it, and an upper bound taken after never falls below it.
 */
class ThreadCpuClockTest {

    @Test
    void theBoundsHoldTheClockBetweenThem() {
        ThreadCpuClock clock = ThreadCpuClock.current();
        for (int round = 0; round < 1_000; round++) {
            ThreadCpuClock.Reading before = clock.atLeast();
            long work = spin(round);
            ThreadCpuClock.Reading read = clock.exact();
            long after = clock.atMost();

            assertThat(work).isNotZero();
            assertThat(before.cpu()).isLessThanOrEqualTo(read.cpu());
            assertThat(after).isGreaterThanOrEqualTo(read.cpu());
            assertThat(read.wall()).isGreaterThanOrEqualTo(before.wall());
        }
    }

    @Test
    void theSlackIsAtLeastTheWallTime() {
        for (long wall : new long[] {0, 1, 999, 100_000, 5_000_000_000L}) {
            assertThat(ThreadCpuClock.slack(wall)).isGreaterThan(wall);
        }
    }

    private static long spin(int round) {
        long x = round + 1;
        for (int i = 0; i < 10_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x | 1;
    }
}
