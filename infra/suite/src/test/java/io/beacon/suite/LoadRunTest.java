package io.beacon.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.BankEvent;
import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.contracts.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The load generator's counting and report on records shaped like the pipeline's: bank events as the generator
 * publishes them, carried on as intake, profiles, decisioning, journeys and the channel services publish them (one
 * partition per topic here), among records of another run and of the sample.
 */
class LoadRunTest {

    private static final BankEventValidator VALIDATOR = new BankEventValidator();

    private final LoadRun run = new LoadRun("run1");
    private final LoadRun other = new LoadRun("run2");
    /** The topics as one partition each: what was appended, and where the consumer groups have committed. */
    private final Map<String, Long> ends = new HashMap<>();

    @Test
    void itsCustomersConsentAsTheSamplesDoWithTheShareAsked() {
        var events = LoadGenerator.onboarding(run, 1000, 70, new Random(7));

        var sms = events.stream().filter(e -> e.eventId().endsWith("-consent")).toList();
        assertThat(sms).hasSizeBetween(650, 750);
        assertThat(events.stream().filter(e -> e.eventId().endsWith("-consent-push")).count()).isBetween(250L, 350L);
        assertThat(events.stream().filter(e -> e.eventId().endsWith("-consent-email")).count()).isBetween(350L, 450L);
        assertThat(events.stream().filter(e -> e.eventId().endsWith("-profile"))).hasSize(1000);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.customerId()).startsWith("Lrun1-");
            assertThat(e.eventId()).startsWith("load-run1-");
        });
        // valid bank events, and the consent the sample's customers grant: SMS marketing, GRANTED, by the bank's CRM
        BankEvent consent = valid(sms.getFirst());
        assertThat(consent.type().type()).isEqualTo("bank.consent.changed");
        assertThat(consent.data().path("channel").asText()).isEqualTo("sms");
        assertThat(consent.data().path("purpose").asText()).isEqualTo("marketing");
        assertThat(consent.data().path("status").asText()).isEqualTo("GRANTED");
        assertThat(events).allSatisfy(LoadRunTest::valid);
        assertThat(LoadGenerator.consentCounts(events)).isEqualTo("%d consent to SMS marketing, %d to push, %d to email".formatted(
                sms.size(), events.stream().filter(e -> e.eventId().endsWith("-consent-push")).count(),
                events.stream().filter(e -> e.eventId().endsWith("-consent-email")).count()));
    }

    @Test
    void theConsentShareGoesFromNobodyToEverybody() {
        assertThat(LoadGenerator.onboarding(run, 200, 0, new Random(1))).noneMatch(e -> e.eventId().endsWith("-consent"));
        assertThat(LoadGenerator.onboarding(run, 200, 100, new Random(1)).stream().filter(e -> e.eventId().endsWith("-consent")))
                .hasSize(200);
    }

    @Test
    void theRunWaitsForItsConsentsToBeRecorded() {
        var onboarding = LoadGenerator.onboarding(run, 20, 100, new Random(3));
        onboarding.forEach(this::publishAndCarryOn);

        var consentGroupBehind = run.summary(committedToEnd(Topics.EVENTS_PROFILED), Map.of(), Map.of(tp(Topics.EVENTS_ACCEPTED), 0L));
        var consentGroupDone = run.summary(committedToEnd(Topics.EVENTS_PROFILED), Map.of(), committedToEnd(Topics.EVENTS_ACCEPTED));

        assertThat(consentGroupBehind.consents()).isGreaterThanOrEqualTo(20);
        assertThat(consentGroupBehind.consentsRecorded()).isZero();
        assertThat(consentGroupDone.consentsRecorded()).isEqualTo(consentGroupDone.consents());
        assertThat(consentGroupDone.noLoss()).isTrue();
        assertThat(consentGroupDone.published()).isEqualTo(onboarding.size());
    }

    @Test
    void otherTrafficOnTheTopicsIsNotCounted() {
        var random = new Random(11);
        var ours = LoadGenerator.onboarding(run, 5, 70, random);
        for (int n = 0; n < 50; n++) {
            ours.add(LoadGenerator.event(run, n, 5, 10, random));
        }
        ours.forEach(this::publishAndCarryOn);
        // another load run, still in flight, the sample and a dormancy scan of one of ours (not an event of the run)
        for (int n = 0; n < 30; n++) {
            var theirs = LoadGenerator.event(other, n, 5, 10, random);
            carryOn(theirs);
        }
        SampleEvents.population(3, 42).forEach(this::carryOn);
        append(Topics.EVENTS_PROFILED, run.customerId(1), BeaconEvents.build("dormancy-" + run.customerId(1), "/beacon/profiles",
                "beacon.event.profiled", run.customerId(1), new ProfiledEvent("dormancy-x", "/beacon/profiles", "beacon.dormancy.detected",
                        Json.mapper().createObjectNode(), null)));
        String theirSalary = other.eventId("7");
        triggered(other.customerId(2), theirSalary, "SalaryCredited");
        outcome(other.customerId(2), theirSalary, OutcomeType.SENT, "first-salary", "Task_SendSms", "sms", null, Instant.now());
        append(Topics.BANK_EVENTS_REJECTED, "unknown", "{not json".getBytes());

        var summary = run.summary(committedToEnd(Topics.EVENTS_PROFILED), Map.of(), Map.of());

        assertThat(summary.published()).isEqualTo(ours.size());
        assertThat(summary.accepted()).isEqualTo(ours.size());
        assertThat(summary.reachedDecisioning()).isEqualTo(ours.size());
        assertThat(summary.decided()).isEqualTo(ours.size());
        assertThat(summary.refused()).isZero();
        assertThat(summary.triggerCount()).isZero();
        assertThat(summary.sends()).isEmpty();
        assertThat(summary.noLoss()).isTrue();
        assertThat(summary.report().getFirst()).contains("decided: %d of %d (no loss)".formatted(ours.size(), ours.size()));
    }

    @Test
    void anEventNotDecidedOrRefusedIsAMismatch() {
        var random = new Random(5);
        var events = LoadGenerator.onboarding(run, 3, 70, random);
        events.forEach(this::publishAndCarryOn);
        var late = LoadGenerator.event(run, 0, 3, 0, random);
        publishAndCarryOn(late);
        // decisioning has not committed past the last of the run's events yet
        var notYet = run.summary(Map.of(tp(Topics.EVENTS_PROFILED), ends.get(Topics.EVENTS_PROFILED) - 1), Map.of(), Map.of());
        // and one more that intake refused: it never reaches a decision
        var refused = LoadGenerator.event(run, 1, 3, 0, random);
        run.published(refused.eventId());
        append(Topics.BANK_EVENTS_REJECTED, refused.customerId(), refused.json());
        var withRefused = run.summary(committedToEnd(Topics.EVENTS_PROFILED), Map.of(), Map.of());

        assertThat(notYet.decided()).isEqualTo(events.size());
        assertThat(notYet.published()).isEqualTo(events.size() + 1);
        assertThat(notYet.noLoss()).isFalse();
        assertThat(notYet.report().getFirst()).contains("MISMATCH");
        assertThat(withRefused.refused()).isEqualTo(1);
        assertThat(withRefused.decided()).isEqualTo(withRefused.published() - 1);
        assertThat(withRefused.noLoss()).isFalse();
    }

    @Test
    void journeysAreStartedEndedOrWaitingAndSendsCountedPerChannel() {
        Instant lastEvent = Instant.now();
        String c = run.customerId(0);
        // held out: waits through the attribution window, measuring (ADR 0025)
        String heldOut = salaryTriggered(0);
        outcome(c, heldOut, OutcomeType.HELD_OUT, "first-salary", "Task_RecordHeldOut", null, ReasonCode.HOLDOUT, lastEvent.plusSeconds(1));
        // unsuitable: ended by the journey's own record step
        String unsuitable = salaryTriggered(1);
        outcome(c, unsuitable, OutcomeType.SUPPRESSED, "first-salary", "Task_RecordUnsuitable", null, ReasonCode.UNSUITABLE_RISK, lastEvent.plusSeconds(2));
        // no SMS consent: the sms service suppresses, the journey falls back to push and sends there: waits for its conversion
        String fellBack = salaryTriggered(2);
        outcome(c, fellBack, OutcomeType.SUPPRESSED, "first-salary", "Task_SendSms", "sms", ReasonCode.NO_CONSENT, lastEvent.plusSeconds(3));
        outcome(c, fellBack, OutcomeType.SENT, "first-salary", "Task_SendPush", "push", null, lastEvent.plusSeconds(4));
        // sent by SMS, the step retried: one send
        String sent = salaryTriggered(3);
        outcome(c, sent, OutcomeType.SENT, "first-salary", "Task_SendSms", "sms", null, lastEvent.plusSeconds(5));
        outcome(c, sent, OutcomeType.SENT, "first-salary", "Task_SendSms", "sms", null, lastEvent.plusSeconds(9));
        // push failed, nothing after yet
        String failing = salaryTriggered(4);
        outcome(c, failing, OutcomeType.FAILED, "first-digital-login", "Task_SendPush", "push", ReasonCode.PROVIDER_UNAVAILABLE, lastEvent.plusSeconds(6));
        // started (the journeys group is past its trigger), no outcome: in flight or waiting for the send time
        salaryTriggered(5);
        var journeysPast = committedToEnd(Topics.JOURNEYS_TRIGGERED);
        // triggered, the journeys group not past it yet
        salaryTriggered(6);
        // the decision suppressed the offer: no journey
        String running = publishAndCarryOn(SampleEvents.salary(c, run.eventId("s7"), 3000, "GBP"));
        outcome(c, running, OutcomeType.SUPPRESSED, null, "decide:SalaryCredited:EASY_SAVER", null, ReasonCode.JOURNEY_RUNNING, lastEvent.plusSeconds(7));

        var summary = run.summary(committedToEnd(Topics.EVENTS_PROFILED), journeysPast, Map.of());
        summary.report().forEach(System.out::println);

        assertThat(summary.triggers()).containsExactly(Map.entry("SalaryCredited", 7));
        assertThat(summary.started()).isEqualTo(6);
        assertThat(summary.ended()).containsOnly(Map.entry("SUPPRESSED UNSUITABLE_RISK", 1));
        assertThat(summary.waiting()).containsOnly(Map.entry(LoadRun.Waiting.CONVERSION, 2), Map.entry(LoadRun.Waiting.MEASURING, 1),
                Map.entry(LoadRun.Waiting.FALLING_BACK, 1),
                Map.entry(LoadRun.Waiting.NO_OUTCOME_YET, 1), Map.entry(LoadRun.Waiting.NOT_STARTED, 1));
        assertThat(summary.sends()).containsOnly(Map.entry("sms", 1), Map.entry("push", 1));
        assertThat(summary.failures()).containsOnly(Map.entry("push", 1));
        assertThat(summary.decisionSuppressions()).containsOnly(Map.entry("JOURNEY_RUNNING", 1));
        assertThat(summary.journeyOutcomes()).isEqualTo(6);
        assertThat(summary.waitingCount()).isEqualTo(5);
        assertThat(summary.report()).contains("  journeys: 6 started, 1 ended (SUPPRESSED UNSUITABLE_RISK 1), 5 waiting, 1 not started yet");
        assertThat(summary.noLoss()).isTrue();
        assertThat(summary.settled()).isFalse();
        // the last outcome of the run's journeys (the decision's suppression is none), from the last event published
        assertThat(summary.lastJourneyOutcomeAt()).isEqualTo(lastEvent.plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(summary.lastJourneyOutcomeAfterLastEvent()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
    }

    @Test
    void settledOnceEveryJourneyEndedOrWaitsBeyondTheRun() {
        String c = run.customerId(0);
        String sent = salaryTriggered(0);
        String quiet = salaryTriggered(1);
        outcome(c, sent, OutcomeType.SENT, "first-salary", "Task_SendSms", "sms", null, Instant.now());
        var committed = committedToEnd(Topics.EVENTS_PROFILED);
        assertThat(run.summary(committed, committedToEnd(Topics.JOURNEYS_TRIGGERED), Map.of()).settled()).isFalse();

        outcome(c, quiet, OutcomeType.OPTED_OUT, "first-salary", "Task_RecordOptedOut", null, null, Instant.now());
        var summary = run.summary(committed, committedToEnd(Topics.JOURNEYS_TRIGGERED), Map.of());

        assertThat(summary.settled()).isTrue();
        assertThat(summary.ended()).containsOnly(Map.entry("OPTED_OUT", 1));
        assertThat(summary.waiting()).containsOnly(Map.entry(LoadRun.Waiting.CONVERSION, 1));
    }

    @Test
    void theReportNamesEveryCountAndNoContactPoint() {
        var onboarding = LoadGenerator.onboarding(run, 2, 100, new Random(2));
        onboarding.forEach(this::publishAndCarryOn);
        String c = run.customerId(0);
        String sent = salaryTriggered(0);
        outcome(c, sent, OutcomeType.SENT, "first-salary", "Task_SendSms", "sms", null, Instant.now().plusMillis(1500));
        var summary = run.summary(committedToEnd(Topics.EVENTS_PROFILED), committedToEnd(Topics.JOURNEYS_TRIGGERED), Map.of());

        var report = summary.report();
        report.forEach(System.out::println);
        System.out.println(summary.progress(12, 0, 3, 1));

        assertThat(report.get(0)).startsWith("  events of run run1 decided: %d of %d (no loss); accepted by intake %d, refused 0"
                .formatted(summary.published(), summary.published(), summary.published()));
        assertThat(report.get(1)).isEqualTo("  triggers: 1 (SalaryCredited 1); offers suppressed at decision: 0");
        assertThat(report.get(2)).isEqualTo("  journeys: 1 started, 0 ended, 1 waiting, 0 not started yet");
        assertThat(report.get(3)).isEqualTo("    waiting, SENT, awaiting conversion (30 days): 1");
        assertThat(report.get(4)).isEqualTo("  sends by channel: sms 1, push 0, email 0; failed: none");
        assertThat(report.get(5)).matches("  last journey outcome \\d+\\.\\d s after the last event \\(journey outcomes on beacon.offers: 1\\)");
        assertThat(summary.progress(12, 0, 3, 1)).isEqualTo(("  t=  12 s published %d, decided %d, triggers 1, journey outcomes 1 "
                + "(journeys ended 0), lag: intake 0, profiles 3, decisioning 1").formatted(summary.published(), summary.published()));
        assertThat(String.join("\n", report)).doesNotContain("+44", "@example.com");
    }

    @Test
    void optionsHaveDefaultsAndUnknownOnesAreRefused() {
        var defaults = LoadGenerator.Options.parse(new String[0]);
        assertThat(defaults).isEqualTo(new LoadGenerator.Options(1000, 200, 60, 1, 70, 120, "127.0.0.1:9092"));
        assertThat(LoadGenerator.Options.parse(new String[] {"--consent-share", "100", "--settle", "5", "--bootstrap", "h:1"}))
                .isEqualTo(new LoadGenerator.Options(1000, 200, 60, 1, 100, 5, "h:1"));
        assertThatThrownBy(() -> LoadGenerator.Options.parse(new String[] {"--consent", "5"})).hasMessageContaining("unknown option --consent");
        assertThatThrownBy(() -> LoadGenerator.Options.parse(new String[] {"--settle"})).hasMessageContaining("no value for --settle");
        assertThatThrownBy(() -> LoadGenerator.Options.parse(new String[] {"--consent-share", "101"})).isInstanceOf(IllegalArgumentException.class);
    }

    // --- the pipeline, as its services publish

    private static BankEvent valid(SampleEvents.Event event) {
        var result = VALIDATOR.validate(event.json());
        assertThat(result).isInstanceOf(ValidationResult.Valid.class);
        return ((ValidationResult.Valid) result).event();
    }

    /** The generator publishes one of the run's events, which intake accepts and profiles hands on; returns its id. */
    private String publishAndCarryOn(SampleEvents.Event event) {
        run.published(event.eventId());
        return carryOn(event);
    }

    /** Intake accepts the event, minimised; profiles hands it on with the profile. */
    private String carryOn(SampleEvents.Event raw) {
        BankEvent event = valid(raw);
        append(Topics.EVENTS_ACCEPTED, event.subject(), BeaconEvents.build(event.id(), event.source(), event.type().type(), event.subject(), event.data()));
        append(Topics.EVENTS_PROFILED, event.subject(), BeaconEvents.build(event.id(), event.source(), "beacon.event.profiled", event.subject(),
                new ProfiledEvent(event.id(), event.source(), event.type().type(), event.data(), null)));
        return event.id();
    }

    /** A salary credit of the run, carried on and decided; decisioning triggers SalaryCredited for it. */
    private String salaryTriggered(int n) {
        String customer = run.customerId(0);
        String eventId = publishAndCarryOn(SampleEvents.salary(customer, run.eventId("s" + n), 3000, "GBP"));
        triggered(customer, eventId, "SalaryCredited");
        return eventId;
    }

    private void triggered(String customer, String eventId, String trigger) {
        String decisionId = decisionId(eventId);
        append(Topics.JOURNEYS_TRIGGERED, customer, BeaconEvents.build(decisionId, "/beacon/decisioning", "beacon.journey.triggered", customer,
                new JourneyTriggered(customer, trigger, "EASY_SAVER", eventId, decisionId, "rules-1", Instant.now())));
    }

    private void outcome(String customer, String eventId, OutcomeType type, String journey, String step, String channel, ReasonCode reason,
                         Instant at) {
        var outcome = new OfferOutcome(type, customer, journey, journey == null ? null : "2251799813685" + Math.abs(eventId.hashCode() % 1000), step,
                "SalaryCredited", "EASY_SAVER", channel, reason, null, eventId, decisionId(eventId), at);
        appendAt(Topics.OFFERS, customer, BeaconEvents.serialize(BeaconEvents.build(outcome.eventId(), "/beacon/journeys",
                type.cloudEventType(), customer, outcome)), at);
    }

    private static String decisionId(String eventId) {
        return UUID.nameUUIDFromBytes(eventId.getBytes()).toString();
    }

    private void append(String topic, String key, io.cloudevents.CloudEvent event) {
        append(topic, key, BeaconEvents.serialize(event));
    }

    private void append(String topic, String key, byte[] value) {
        appendAt(topic, key, value, Instant.now());
    }

    private void appendAt(String topic, String key, byte[] value, Instant at) {
        long offset = ends.merge(topic, 1L, Long::sum) - 1;
        run.record(topic, 0, offset, at.toEpochMilli(), key, value);
    }

    private Map<TopicPartition, Long> committedToEnd(String topic) {
        return Map.of(tp(topic), ends.getOrDefault(topic, 0L));
    }

    private static TopicPartition tp(String topic) {
        return new TopicPartition(topic, 0);
    }
}
