package io.beacon.console.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionsTest {

    @Test
    void newcombesOwnWorkedExampleGivesHisInterval() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, example (a): 56/70 against 48/80, method 10: 0.0524 to 0.3339
        var interval = Proportions.newcombe(70, 56, 80, 48, 0.95);

        assertThat(interval.lower()).isCloseTo(0.0524, within(5e-5));
        assertThat(interval.upper()).isCloseTo(0.3339, within(5e-5));
        assertThat(interval.excludesZero()).isTrue();
    }

    @Test
    void wilsonsIntervalOfNoSuccessStartsAtZero() {
        var interval = Proportions.wilson(10, 0, 0.95);

        assertThat(interval.lower()).isCloseTo(0, within(1e-12));
        // Newcombe's example (e) for a single proportion: 0/10 gives 0 to 0.2775
        assertThat(interval.upper()).isCloseTo(0.2775, within(5e-5));
    }

    @Test
    void theSampleSizeForTwoPointsFromFivePercentIsTheTextbookOne() {
        // Fleiss' formula without continuity correction, two-sided 5 %, power 80 %: 2 213 per group from 5 % to 7 %
        assertThat(Proportions.sampleSizePerGroup(0.05, 0.02, 0.05, 0.8)).isEqualTo(2_213);
    }

    @Test
    void aRateNeedsTrials() {
        assertThatThrownBy(() -> Proportions.wilson(0, 0, 0.95)).hasMessageContaining("trials > 0");
    }
}
