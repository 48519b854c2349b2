package io.beacon.console;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Duration;
import java.time.Instant;

/**
 * A known history across two journeys, their steps, channels, stages and two days, and two outcomes from before
 * outcomes carried a journey. The numbers each filter must give are worked out in FunnelApiTest. As decisioning
 * publishes them, an offer the rules proposed is either TRIGGERED or SUPPRESSED at the decision (a3), never both; the
 * journey's outcomes carry its measurement group (HOLDOUT for a4, TREATMENT for the rest) and a conversion its value.
 *
 * <pre>
 * salary-savings (attract, v2, SAVINGS_PLUS)            large-deposit-investment (leverage, v3, GLOBAL_EQUITY_FUND)
 *  day 1  a1 TRIGGERED, SENT sms, DELIVERED sms          day 2  b1 TRIGGERED, SENT push, OPTED_OUT push
 *         a2 TRIGGERED, DEFERRED push (quiet hours),            b2 TRIGGERED, SUPPRESSED push FREQUENCY_CAP
 *            FAILED sms PROVIDER_UNAVAILABLE, SENT email
 *         a3 SUPPRESSED NO_CONSENT (at the decision)      (no journey, SAVINGS_PLUS)
 *         a4 TRIGGERED, HELD_OUT HOLDOUT                 day 1  n1 TRIGGERED; n2 SUPPRESSED NO_PROFILE (decision)
 *  day 2  a5 TRIGGERED (at 09:00:00 sharp), SENT sms, CONVERTED
 * </pre>
 */
final class FunnelFixture {

    static final String SAVINGS = "salary-savings";
    static final String INVESTMENT = "large-deposit-investment";
    static final Instant DAY1 = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-03-03T09:00:00Z");

    /** Both journeys deployed, as the journeys service lists them. */
    static final String DEPLOYED = "{\"deployed\":["
            + "{\"processId\":\"salary-savings\",\"version\":2,\"file\":\"salary-savings.bpmn\",\"stage\":\"attract\"},"
            + "{\"processId\":\"large-deposit-investment\",\"version\":3,\"file\":\"large-deposit-investment.bpmn\",\"stage\":\"leverage\"}],"
            + "\"running\":{\"counts\":{\"salary-savings\":1,\"large-deposit-investment\":2},\"atLeast\":false},\"watching\":true}";

    private FunnelFixture() {
    }

    static void seed(OutcomeStore store) {
        savings(store, "a1", DAY1, OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 0);
        savings(store, "a1", DAY1, OutcomeType.SENT, "Task_SendSms", "sms", null, 5);
        savings(store, "a1", DAY1, OutcomeType.DELIVERED, "Task_SendSms", "sms", null, 6);
        savings(store, "a2", DAY1, OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 1);
        savings(store, "a2", DAY1, OutcomeType.DEFERRED, "Task_SendPush", "push", ReasonCode.QUIET_HOURS_DEFERRED, 7);
        savings(store, "a2", DAY1, OutcomeType.FAILED, "Task_SendSms", "sms", ReasonCode.PROVIDER_UNAVAILABLE, 8);
        savings(store, "a2", DAY1, OutcomeType.SENT, "Task_SendEmail", "email", null, 9);
        savings(store, "a3", DAY1, OutcomeType.SUPPRESSED, OfferOutcome.DECISION_STEP + ":SalaryCredited:SAVINGS_PLUS", null, ReasonCode.NO_CONSENT, 2);
        savings(store, "a4", DAY1, OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 3);
        savings(store, "a4", DAY1, OutcomeType.HELD_OUT, "Gateway_Holdout", null, ReasonCode.HOLDOUT, 4);
        savings(store, "a5", DAY2, OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 0);
        savings(store, "a5", DAY2, OutcomeType.SENT, "Task_SendSms", "sms", null, 5);
        savings(store, "a5", DAY2, OutcomeType.CONVERTED, "Event_Converted", null, null, 60);
        investment(store, "b1", OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 1);
        investment(store, "b1", OutcomeType.SENT, "Task_SendPush", "push", null, 2);
        investment(store, "b1", OutcomeType.OPTED_OUT, "Event_OptedOut", "push", null, 30);
        investment(store, "b2", OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, 3);
        investment(store, "b2", OutcomeType.SUPPRESSED, "Task_SendPush", "push", ReasonCode.FREQUENCY_CAP, 4);
        record(store, new OfferOutcome(OutcomeType.TRIGGERED, "n1", null, null, OfferOutcome.DECISION_STEP, "SalaryCredited", "SAVINGS_PLUS", null,
                null, null, "evt-n1", "dec-n1", DAY1.plus(Duration.ofMinutes(10))));
        record(store, new OfferOutcome(OutcomeType.SUPPRESSED, "n2", null, null, OfferOutcome.DECISION_STEP, "SalaryCredited", "SAVINGS_PLUS", null,
                ReasonCode.NO_PROFILE, null, "evt-n2", "dec-n2", DAY1.plus(Duration.ofMinutes(11))));
    }

    private static void savings(OutcomeStore store, String customer, Instant day, OutcomeType type, String step, String channel,
                                ReasonCode reason, int minutes) {
        Instant at = day.plus(Duration.ofMinutes(minutes));
        record(store, new OfferOutcome(type, customer, SAVINGS, instance(customer, step), step, "SalaryCredited", "SAVINGS_PLUS", channel,
                reason, null, "evt-" + customer, "dec-" + customer, at, 2, "attract",
                type == OutcomeType.DEFERRED ? Instant.parse("2026-03-03T08:00:00Z") : null, group(type, step),
                null, type == OutcomeType.CONVERTED ? 120.0 : null));
    }

    private static void investment(OutcomeStore store, String customer, OutcomeType type, String step, String channel,
                                   ReasonCode reason, int minutes) {
        record(store, new OfferOutcome(type, customer, INVESTMENT, instance(customer, step), step, "LargeDeposit", "GLOBAL_EQUITY_FUND",
                channel, reason, null, "evt-" + customer, "dec-" + customer, DAY2.plus(Duration.ofMinutes(minutes)), 3, "leverage", null,
                group(type, step), null, null));
    }

    /** Decisioning's outcomes come before any journey instance. */
    private static String instance(String customer, String step) {
        return step.startsWith(OfferOutcome.DECISION_STEP) ? null : "inst-" + customer;
    }

    /** The journey's group: none at the decision, HOLDOUT for the held-out customer, TREATMENT for everyone it contacted. */
    private static MeasurementGroup group(OutcomeType type, String step) {
        if (step.startsWith(OfferOutcome.DECISION_STEP)) {
            return null;
        }
        return type == OutcomeType.HELD_OUT ? MeasurementGroup.HOLDOUT : MeasurementGroup.TREATMENT;
    }

    static void record(OutcomeStore store, OfferOutcome outcome) {
        store.record(outcome.eventId(), outcome, outcome.at());
    }
}
