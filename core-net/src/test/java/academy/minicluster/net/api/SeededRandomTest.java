package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void drawsWhatJavaUtilRandomDrawsForTheSameSeed() {
        Random expected = new Random(42);
        SeededRandom actual = new SeededRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(actual.nextInt(1 + i)).isEqualTo(expected.nextInt(1 + i));
            assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
            assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
        }
    }

    @Test
    void aCopyGoesOnWithTheSameNumbers() {
        SeededRandom original = new SeededRandom(7);
        original.nextInt();
        SeededRandom copy = original.copy();
        for (int i = 0; i < 100; i++) {
            assertThat(copy.nextInt(1000)).isEqualTo(original.nextInt(1000));
        }
    }
}
