package io.beacon.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfferOutcomeTest {

    @Test
    void aJourneyEndsOnItsOwnTerminalOutcomesOnly() {
        for (var type : new OutcomeType[] {OutcomeType.REJECTED, OutcomeType.EXPIRED, OutcomeType.CONVERTED, OutcomeType.OPTED_OUT}) {
            assertThat(outcome(type, "first-salary", "Task_Record" + type).endsJourney()).as(type.name()).isTrue();
        }
        assertThat(outcome(OutcomeType.SUPPRESSED, "first-salary", "Task_RecordUnsuitable").endsJourney()).isTrue();
        assertThat(outcome(OutcomeType.SUPPRESSED, "first-salary", "Task_RecordContactBlocked").endsJourney()).isTrue();
    }

    @Test
    void aChannelsSetbackASendOrADecisionEndsNothing() {
        // a channel service's SUPPRESSED or FAILED: the journey falls back to its next channel
        assertThat(outcome(OutcomeType.SUPPRESSED, "first-salary", "Task_SendSms").endsJourney()).isFalse();
        assertThat(outcome(OutcomeType.FAILED, "first-salary", "Task_SendPush").endsJourney()).isFalse();
        // a SENT offer waits for its conversion, and so does a held-out customer (ADR 0025); a review waits for the RM
        assertThat(outcome(OutcomeType.SENT, "first-salary", "Task_SendSms").endsJourney()).isFalse();
        assertThat(outcome(OutcomeType.HELD_OUT, "first-salary", "Task_RecordHeldOut").endsJourney()).isFalse();
        assertThat(outcome(OutcomeType.REVIEW_REQUESTED, "large-deposit-investment", "Task_RequestRmReview").endsJourney()).isFalse();
        // decisioning's own outcomes belong to no journey
        assertThat(outcome(OutcomeType.SUPPRESSED, null, "decide:SalaryCredited:EASY_SAVER").endsJourney()).isFalse();
        assertThat(outcome(OutcomeType.HELD_OUT, null, "decide").endsJourney()).isFalse();
    }

    private static OfferOutcome outcome(OutcomeType type, String journey, String step) {
        return new OfferOutcome(type, "C1", journey, journey == null ? null : "42", step, "SalaryCredited", "EASY_SAVER", "sms",
                type == OutcomeType.SUPPRESSED ? ReasonCode.NO_CONSENT : null, null, "e-1", "d-1", Instant.EPOCH);
    }
}
