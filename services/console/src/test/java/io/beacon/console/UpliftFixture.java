package io.beacon.console;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Duration;
import java.time.Instant;

/**
 * A measured history with known counts (ADR 0025), each run as the services publish it: TRIGGERED at the decision (no
 * group, no journey instance), then in its journey instance either HELD_OUT and, for a buyer, CONVERTED at
 * {@code Task_RecordHeldOutConverted}, or SENT and, for a buyer, CONVERTED at {@code Task_RecordConverted} with the
 * offer's value and the channel of the send (as the journeys' record-outcome worker labels it). A run sends at most once. The numbers UpliftApiTest expects are worked out from these.
 *
 * <pre>
 * salary-savings, SAVINGS_PLUS (holdout share 0.2)  treated 56/70 (values 100 and 140 in turn: mean 120; 10 runs
 *                                                   asked an RM), holdout 36/60,
 *                                                   global control 12/20: control 48/80, Newcombe's published example
 * large-deposit-investment, GLOBAL_EQUITY_FUND      treated 10/100 (value 500; the 10 buyers among the 50 sent by sms,
 *                                                   the other 50 by email), holdout 1/12: not significant
 * card-upgrade, GOLD_CARD                           treated 2/5, nobody held out: no uplift
 * </pre>
 * Day 1 is 2026-03-02; every run's outcomes are on its day, the card upgrade's on day 2.
 */
final class UpliftFixture {

    static final String SAVINGS = "salary-savings";
    static final String INVESTMENT = "large-deposit-investment";
    static final String CARD = "card-upgrade";
    static final Instant DAY1 = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-03-03T09:00:00Z");

    static final String DEPLOYED = "{\"deployed\":["
            + "{\"processId\":\"salary-savings\",\"version\":2,\"file\":\"salary-savings.bpmn\",\"stage\":\"attract\",\"holdoutShare\":0.2},"
            + "{\"processId\":\"large-deposit-investment\",\"version\":3,\"file\":\"large-deposit-investment.bpmn\",\"stage\":\"leverage\"},"
            + "{\"processId\":\"card-upgrade\",\"version\":1,\"file\":\"card-upgrade.bpmn\",\"stage\":\"retain\"}],\"watching\":true}";

    private static int runs;

    private UpliftFixture() {
    }

    static void seed(OutcomeStore store) {
        runs = 0;
        for (int i = 0; i < 70; i++) {
            treated(store, SAVINGS, "SAVINGS_PLUS", DAY1, "sms", i < 56 ? (i % 2 == 0 ? 100.0 : 140.0) : null, i < 10);
        }
        heldOut(store, SAVINGS, "SAVINGS_PLUS", MeasurementGroup.HOLDOUT, 60, 36, DAY1);
        heldOut(store, SAVINGS, "SAVINGS_PLUS", MeasurementGroup.GLOBAL_CONTROL, 20, 12, DAY1);
        for (int i = 0; i < 100; i++) {
            treated(store, INVESTMENT, "GLOBAL_EQUITY_FUND", DAY1, i < 50 ? "sms" : "email", i < 10 ? 500.0 : null, false);
        }
        heldOut(store, INVESTMENT, "GLOBAL_EQUITY_FUND", MeasurementGroup.HOLDOUT, 12, 1, DAY1);
        for (int i = 0; i < 5; i++) {
            treated(store, CARD, "GOLD_CARD", DAY2, "sms", i < 2 ? 60.0 : null, false);
        }
    }

    /** One treated run: TRIGGERED, SENT by the channel, CONVERTED (by that channel) with its value when {@code value} is not null. */
    private static void treated(OutcomeStore store, String journey, String offer, Instant day, String channel, Double value,
                                  boolean reviewed) {
        String run = triggered(store, journey, offer, day);
        if (reviewed) {
            record(store, run, journey, offer, OutcomeType.REVIEW_REQUESTED, "Task_RequestRmReview", null, null, null, null, day);
            record(store, run, journey, offer, OutcomeType.APPROVED, "Task_RecordApproved", null, null, null, null, day);
        }
        record(store, run, journey, offer, OutcomeType.SENT, channel.equals("sms") ? "Task_SendSms" : "Task_SendEmail", channel, null,
                MeasurementGroup.TREATMENT, null, day);
        if (value != null) {
            record(store, run, journey, offer, OutcomeType.CONVERTED, "Task_RecordConverted", channel, null, MeasurementGroup.TREATMENT, value, day);
        }
    }

    /** {@code n} held-out runs of the group, the first {@code buyers} of them converting within the window. */
    private static void heldOut(OutcomeStore store, String journey, String offer, MeasurementGroup group, int n, int buyers, Instant day) {
        ReasonCode reason = group == MeasurementGroup.HOLDOUT ? ReasonCode.HOLDOUT : ReasonCode.GLOBAL_CONTROL;
        for (int i = 0; i < n; i++) {
            String run = triggered(store, journey, offer, day);
            record(store, run, journey, offer, OutcomeType.HELD_OUT, "Task_RecordHeldOut", null, reason, group, null, day);
            if (i < buyers) {
                record(store, run, journey, offer, OutcomeType.CONVERTED, "Task_RecordHeldOutConverted", null, null, group, null, day);
            }
        }
    }

    private static String triggered(OutcomeStore store, String journey, String offer, Instant day) {
        String run = "r" + runs++;
        var outcome = new OfferOutcome(OutcomeType.TRIGGERED, "C-" + run, journey, null, OfferOutcome.DECISION_STEP, "Trigger", offer, null, null, null,
                "evt-" + run, "dec-" + run, day.plus(Duration.ofSeconds(runs)));
        store.record(outcome.eventId(), outcome, outcome.at());
        return run;
    }

    private static void record(OutcomeStore store, String run, String journey, String offer, OutcomeType type, String step, String channel,
                               ReasonCode reason, MeasurementGroup group, Double value, Instant day) {
        var outcome = new OfferOutcome(type, "C-" + run, journey, "inst-" + run, step, "Trigger", offer, channel, reason, null, "evt-" + run,
                "dec-" + run, day.plus(Duration.ofSeconds(runs)).plusMillis(type.ordinal()), 1, "attract", null, group, null, value);
        store.record(outcome.eventId(), outcome, outcome.at());
    }
}
