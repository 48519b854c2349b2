package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutTest {

    @Test
    void sameCustomerAndJourneyAlwaysLandsInTheSameGroup() {
        var holdout = new Holdout(0.5);
        for (int i = 0; i < 100; i++) {
            String customer = "C" + i;
            assertThat(holdout.isHeldOut(customer, "SalaryCredited")).isEqualTo(holdout.isHeldOut(customer, "SalaryCredited"));
        }
    }

    @Test
    void shareZeroHoldsOutNobodyAndShareOneEverybody() {
        var none = new Holdout(0);
        var all = new Holdout(1);
        IntStream.range(0, 1_000).mapToObj(i -> "C" + i).forEach(c -> {
            assertThat(none.isHeldOut(c, "LargeDeposit")).isFalse();
            assertThat(all.isHeldOut(c, "LargeDeposit")).isTrue();
        });
    }

    @Test
    void aTenthIsHeldOutByDefaultShareAndGroupsDifferBetweenJourneys() {
        var holdout = new Holdout(0.1);
        long heldOut = IntStream.range(0, 20_000).filter(i -> holdout.isHeldOut("C" + i, "SalaryCredited")).count();
        assertThat(heldOut).isBetween(1_800L, 2_200L);
        long inBoth = IntStream.range(0, 20_000)
                .filter(i -> holdout.isHeldOut("C" + i, "SalaryCredited") && holdout.isHeldOut("C" + i, "SpendAbroad")).count();
        assertThat(inBoth).isLessThan(400L);
    }

    @Test
    void shareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new Holdout(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
