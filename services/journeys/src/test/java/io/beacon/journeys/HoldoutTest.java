package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.MeasurementGroup;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutTest {

    @Test
    void sameCustomerAndJourneyAlwaysLandsInTheSameGroup() {
        var holdout = new Holdout(0.5);
        for (int i = 0; i < 100; i++) {
            String customer = "C" + i;
            assertThat(holdout.groupOf(customer, "SalaryCredited", null).heldOut()).isEqualTo(holdout.groupOf(customer, "SalaryCredited", null).heldOut());
        }
    }

    @Test
    void shareZeroHoldsOutNobodyAndShareOneEverybody() {
        var none = new Holdout(0);
        var all = new Holdout(1);
        IntStream.range(0, 1_000).mapToObj(i -> "C" + i).forEach(c -> {
            assertThat(none.groupOf(c, "LargeDeposit", null).heldOut()).isFalse();
            assertThat(all.groupOf(c, "LargeDeposit", null).heldOut()).isTrue();
        });
    }

    @Test
    void aTenthIsHeldOutByDefaultShareAndGroupsDifferBetweenJourneys() {
        var holdout = new Holdout(0.1);
        long heldOut = IntStream.range(0, 20_000).filter(i -> holdout.groupOf("C" + i, "SalaryCredited", null).heldOut()).count();
        assertThat(heldOut).isBetween(1_800L, 2_200L);
        long inBoth = IntStream.range(0, 20_000)
                .filter(i -> holdout.groupOf("C" + i, "SalaryCredited", null).heldOut() && holdout.groupOf("C" + i, "SpendAbroad", null).heldOut()).count();
        assertThat(inBoth).isLessThan(400L);
    }

    @Test
    void shareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new Holdout(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGlobalControlGroupIsHeldOutOfEveryJourneyAndTheSameCustomersEachTime() {
        var holdout = new Holdout(0.1, 0.05);
        var global = IntStream.range(0, 20_000).mapToObj(i -> "C" + i)
                .filter(c -> holdout.groupOf(c, "SalaryCredited", null) == MeasurementGroup.GLOBAL_CONTROL).toList();

        assertThat(global.size()).isBetween(850, 1_150);
        // the same customers, whatever the journey, and whatever its own share
        assertThat(global).allSatisfy(c -> {
            assertThat(holdout.groupOf(c, "SpendAbroad", null)).isEqualTo(MeasurementGroup.GLOBAL_CONTROL);
            assertThat(holdout.groupOf(c, "DormancyRisk", 0.0)).isEqualTo(MeasurementGroup.GLOBAL_CONTROL);
        });
    }

    @Test
    void aJourneysOwnShareReplacesTheDefault() {
        var holdout = new Holdout(0.1);
        long atTwentyPercent = IntStream.range(0, 20_000)
                .filter(i -> holdout.groupOf("C" + i, "DormancyRisk", 0.2) == MeasurementGroup.HOLDOUT).count();
        long none = IntStream.range(0, 20_000).filter(i -> holdout.groupOf("C" + i, "DormancyRisk", 0.0).heldOut()).count();

        assertThat(atTwentyPercent).isBetween(3_700L, 4_300L);
        assertThat(none).isZero();
    }
}
