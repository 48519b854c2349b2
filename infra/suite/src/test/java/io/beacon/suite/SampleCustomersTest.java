package io.beacon.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleCustomersTest {

    private static OfferOutcome outcome(OutcomeType type, String customer, MeasurementGroup group, String variant) {
        return new OfferOutcome(type, customer, "first-salary", "1", "Task_X", "SalaryCredited", "EASY_SAVER", "sms", null, null,
                "evt-" + customer, "dec-" + customer, Instant.EPOCH).measured(group, variant, null);
    }

    @Test
    void aSentOfferLiftsTheChanceToBuyAndTheGoalVariantMore() {
        assertThat(SampleCustomers.chance(outcome(OutcomeType.HELD_OUT, "C1", MeasurementGroup.HOLDOUT, null))).isEqualTo(SampleCustomers.BASE);
        assertThat(SampleCustomers.chance(outcome(OutcomeType.HELD_OUT, "C1", MeasurementGroup.GLOBAL_CONTROL, null))).isEqualTo(SampleCustomers.BASE);
        assertThat(SampleCustomers.chance(outcome(OutcomeType.SENT, "C1", MeasurementGroup.TREATMENT, null)))
                .isEqualTo(SampleCustomers.BASE + SampleCustomers.LIFT);
        assertThat(SampleCustomers.chance(outcome(OutcomeType.SENT, "C1", MeasurementGroup.TREATMENT, "easy-saver-sms-goal/goal")))
                .isEqualTo(SampleCustomers.BASE + SampleCustomers.LIFT + SampleCustomers.GOAL_LIFT);
        // a delivery receipt or a decision asks nothing more of the customer
        assertThat(SampleCustomers.chance(outcome(OutcomeType.DELIVERED, "C1", MeasurementGroup.TREATMENT, null))).isZero();
        assertThat(SampleCustomers.chance(outcome(OutcomeType.TRIGGERED, "C1", null, null))).isZero();
    }

    @Test
    void theSameCustomersBuyEveryRunInAboutTheStatedShare() {
        long buyers = IntStream.range(0, 10_000).filter(i -> SampleCustomers.buys(outcome(OutcomeType.SENT, "C" + i, MeasurementGroup.TREATMENT, null))).count();

        assertThat(buyers).isBetween(1_050L, 1_350L);
        IntStream.range(0, 100).forEach(i -> assertThat(SampleCustomers.buys(outcome(OutcomeType.SENT, "C" + i, MeasurementGroup.TREATMENT, null)))
                .isEqualTo(SampleCustomers.buys(outcome(OutcomeType.SENT, "C" + i, MeasurementGroup.TREATMENT, null))));
    }
}
