package academy.minicluster.web.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinCodeTest {

    @Test
    void codesAreEightCharactersWithoutLookAlikes() {
        JoinCode codes = new JoinCode();
        for (int i = 0; i < 200; i++) {
            assertThat(codes.next()).hasSize(8).doesNotContainAnyWhitespaces()
                    .matches("[A-HJKMNP-Z2-9]{8}");
        }
    }

    @Test
    void typedCodesIgnoreCaseSpacesAndDashes() {
        assertThat(JoinCode.normalize(" k7m2-pq9x ")).isEqualTo("K7M2PQ9X");
        assertThat(JoinCode.normalize("K7M2 PQ9X")).isEqualTo("K7M2PQ9X");
    }

    @Test
    void nothingTypedIsEmpty() {
        assertThat(JoinCode.normalize(null)).isEmpty();
    }
}
