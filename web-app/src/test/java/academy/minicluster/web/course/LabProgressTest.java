package academy.minicluster.web.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabProgressTest {

    @Test
    void aLabNeverOpenedIsNotStarted() {
        assertThat(LabProgress.none("lab").status()).isEqualTo(LabProgress.Status.NOT_STARTED);
        assertThat(LabProgress.none("lab").score()).isEmpty();
    }

    @Test
    void anOpenedLabWithoutAttemptsIsInProgress() {
        assertThat(new LabProgress("lab", 0, 0, 0, true).status()).isEqualTo(LabProgress.Status.IN_PROGRESS);
    }

    @Test
    void partialCreditIsInProgressWithItsScore() {
        LabProgress p = new LabProgress("lab", 4, 6, 2, true);
        assertThat(p.status()).isEqualTo(LabProgress.Status.IN_PROGRESS);
        assertThat(p.score()).isEqualTo("4/6");
    }

    @Test
    void fullMarksAreDone() {
        assertThat(new LabProgress("lab", 6, 6, 1, true).status()).isEqualTo(LabProgress.Status.DONE);
        assertThat(LabProgress.Status.DONE.cssClass()).isEqualTo("done");
        assertThat(LabProgress.Status.NOT_STARTED.cssClass()).isEqualTo("not-started");
    }
}
