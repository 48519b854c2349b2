package io.beacon.decisioning.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.Json;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.web.DecisionsController;
import io.beacon.decisioning.zeebe.JourneyRecreation;
import io.beacon.decisioning.zeebe.JourneyWorkers;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.OutcomePublisher;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The trigger stage end to end on the shipped rules, against a MongoDB wire server: every decision recorded (also
 * when everything is suppressed), suppressions on beacon.offers with their reason code, cooling-off after an RM's
 * rejection, one running journey per customer and offer, and the no-profiling option.
 */
public class DecisionPipelineTest {

    static RuleBase rules;

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private final List<Map.Entry<String, CloudEvent>> published = new ArrayList<>();
    /** The catalogue the journeys service would have announced: SalaryCredited starts first-salary, version 3. */
    public static final JourneyCatalogue JOURNEYS = JourneyCatalogue.of(List.of(new io.beacon.contracts.JourneyDeployed("first-salary", 3,
            "attract", List.of("SalaryCredited"), "first-salary.bpmn", java.time.Instant.parse("2026-11-01T00:00:00Z"), 0.1)));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private ContactHistory history;
    private DecisionRecords records;
    private TriggerEvaluation evaluation;

    @BeforeAll
    static void loadRules() {
        rules = RuleBase.load(Path.of("../../rules"));
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("test");
        EventPublisher publisher = recordingPublisher();
        history = new ContactHistory(database, 30, Duration.ofDays(35));
        records = new DecisionRecords(database);
        evaluation = new TriggerEvaluation(new Decisioning(rules), records, history, publisher,
                new OutcomePublisher(publisher, "/beacon/decisioning"), JOURNEYS, clock);
    }

    @AfterEach
    void stop() {
        // whatever a test did: every suppression on beacon.offers carries a reason code from the closed set
        assertThat(outcomes()).filteredOn(o -> o.type() == OutcomeType.SUPPRESSED).allSatisfy(o -> assertThat(o.reason()).isNotNull());
        client.close();
        server.shutdownNow();
    }

    @Test
    void aTriggeredOfferIsRecordedWithMinimisedInputsRulesFiredVersionsAndEvidence() throws Exception {
        var event = salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\",\"segment\":\"MASS\","
                + "\"tags\":{\"searchedMortgage\":\"2026-11-01T00:00:00Z\"}}");

        evaluation.decideAll(List.of(event));

        Document record = records.decisionsOf("C1").getFirst();
        assertThat(record.getString("_id")).isEqualTo(TriggerEvaluation.decisionId(event));
        assertThat(record.getString("outcome")).isEqualTo("TRIGGERED");
        assertThat(record.getString("trigger")).isEqualTo("SalaryCredited");
        assertThat(record.getString("productCode")).isEqualTo("EASY_SAVER");
        assertThat(record.getString("rulesVersion")).isEqualTo(rules.version());
        assertThat(record.getString("catalogueVersion")).isEqualTo(rules.catalogueVersion());
        assertThat(record.getString("personalisation")).isEqualTo("PERSONALISED");
        assertThat(record.getList("rulesFired", String.class)).contains("FirstOrChangedSalaryTriggersSalaryCredited",
                "EveryOfferStartsAtTheBasePropensity", "SalaryMomentSuitsASavingsHabit");
        var customer = record.get("inputs", Document.class).get("customer", Document.class);
        assertThat(customer.getInteger("age")).isEqualTo(41);
        assertThat(customer).doesNotContainKeys("birthDate", "tags", "customerId", "phone", "email");
        assertThat(record.toJson()).doesNotContain("searchedMortgage").doesNotContain("1985-05-05");
        var offer = record.getList("offers", Document.class).getFirst();
        assertThat(offer.getString("result")).isEqualTo("WON");
        assertThat(offer.get("evidence", Document.class).getString("result")).isEqualTo("PASSED");
        assertThat(offer.get("arbitration", Document.class).getInteger("rank")).isEqualTo(1);
        assertThat(record.get("offerVariant", Document.class).getString("variant")).isEqualTo("personalised");

        assertThat(published).extracting(Map.Entry::getKey).containsExactly(Topics.JOURNEYS_TRIGGERED, Topics.OFFERS);
        var triggered = BeaconEvents.data(published.getFirst().getValue(), JourneyTriggered.class);
        assertThat(triggered.decisionId()).isEqualTo(record.getString("_id"));
        assertThat(triggered.secondApproval()).as("EASY_SAVER needs no checker (ADR 0028)").isFalse();
        assertThat(outcomes()).extracting(OfferOutcome::type).containsExactly(OutcomeType.TRIGGERED);
        // labelled with the journey the trigger starts, so that journey's funnel starts at its own triggered count
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.journey()).isEqualTo("first-salary");
            assertThat(o.journeyVersion()).isEqualTo(3);
            assertThat(o.stage()).isEqualTo("attract");
            assertThat(o.journeyInstance()).as("no instance runs yet").isNull();
        });
    }

    @Test
    void aTriggerWhoseOfferIsSuppressedIsStillRecordedAndPublishedWithItsReasonCodeAndStartsNoJourney() throws Exception {
        evaluation.decideAll(List.of(salary("e1", "C1", "{\"birthDate\":\"2010-01-01\",\"country\":\"GB\"}")));

        Document record = records.decisionsOf("C1").getFirst();
        assertThat(record.getString("outcome")).isEqualTo("SUPPRESSED");
        assertThat(record.getList("reasonCodes", String.class)).containsExactly("NOT_ELIGIBLE_AGE");
        assertThat(record.getString("winner")).isNull();
        var offer = record.getList("offers", Document.class).getFirst();
        assertThat(offer.getString("result")).isEqualTo("SUPPRESSED");
        assertThat(offer.get("evidence", Document.class).getList("suppressions", Document.class))
                .extracting(d -> d.getString("rule")).containsExactly("CustomerOutsideTheProductAgeLimitsIsNotEligible");

        assertThat(published).extracting(Map.Entry::getKey).containsExactly(Topics.OFFERS);
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(o.reason()).isEqualTo(ReasonCode.NOT_ELIGIBLE_AGE);
            assertThat(o.decisionId()).isEqualTo(record.getString("_id"));
            assertThat(o.journey()).as("the journey that would have run").isEqualTo("first-salary");
            assertThat(o.stage()).isEqualTo("attract");
        });
    }

    @Test
    void anEventWithoutTriggerIsNotRecorded() throws Exception {
        var card = new ProfiledEvent("e2", "/cards", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":5,\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\",\"merchantCountry\":\"GB\"}"),
                profile("C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}"));

        evaluation.decideAll(List.of(card));

        assertThat(database.getCollection("decisions").countDocuments()).isZero();
        assertThat(published).isEmpty();
    }

    @Test
    void recordsAreImmutable_aRedeliveredEventKeepsTheFirstRecord() throws Exception {
        var event = salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}");
        evaluation.decideAll(List.of(event));
        Document first = records.decisionsOf("C1").getFirst();

        clock.advance(Duration.ofMinutes(5));
        evaluation.decideAll(List.of(event));

        assertThat(records.decisionsOf("C1")).singleElement().isEqualTo(first);
        assertThat(outcomes()).extracting(OfferOutcome::type)
                .as("the redelivery claims the same journey (same decision) and republishes").containsExactly(OutcomeType.TRIGGERED, OutcomeType.TRIGGERED);
    }

    @Test
    void aBatchWhoseRecordsCannotBeWrittenFails_andItsRedeliveryRecordsItOnce() throws Exception {
        var failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        var flaky = new DecisionRecords(database) {
            @Override
            public void record(List<Document> batch) {
                if (failOnce.getAndSet(false)) {
                    throw new com.mongodb.MongoSocketWriteException("connection reset", new com.mongodb.ServerAddress(), new java.io.IOException());
                }
                super.record(batch);
            }
        };
        EventPublisher publisher = recordingPublisher();
        var stage = new TriggerEvaluation(new Decisioning(rules), flaky, history, publisher, new OutcomePublisher(publisher, "/beacon/decisioning"), JOURNEYS, clock);
        var event = salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}");

        // the record is written beside the sends, but the batch is only done once it is written: the listener throws,
        // so the container neither commits the offsets nor skips the records
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stage.decideAll(List.of(event))).hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(records.decisionsOf("C1")).isEmpty();

        stage.decideAll(List.of(event));

        assertThat(records.decisionsOf("C1")).singleElement().satisfies(d -> assertThat(d.getString("outcome")).isEqualTo("TRIGGERED"));
        assertThat(outcomes()).extracting(OfferOutcome::type, OfferOutcome::decisionId)
                .as("published again with the same decision: the journey start is idempotent by it")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OutcomeType.TRIGGERED, TriggerEvaluation.decisionId(event)),
                        org.assertj.core.groups.Tuple.tuple(OutcomeType.TRIGGERED, TriggerEvaluation.decisionId(event)));
    }

    @Test
    void anRmRejectionCoolsTheProductOffFor30Days() throws Exception {
        history.apply(outcome(OutcomeType.REJECTED, "C1", "GLOBAL_EQUITY_FUND", "large-deposit-investment", "Task_RecordRejected", "d-old"));
        history.apply(outcome(OutcomeType.REJECTED, "C1", "EASY_SAVER", "first-salary", "Task_RecordRejected", "d-old2"));

        clock.advance(Duration.ofDays(29));
        evaluation.decideAll(List.of(salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}")));
        assertThat(outcomes()).last().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(o.reason()).isEqualTo(ReasonCode.COOLING_OFF);
        });
        assertThat(records.decisionsOf("C1").getLast().get("inputs", Document.class).get("history", Document.class)
                .getList("rejections", Document.class)).extracting(d -> d.getString("productCode")).contains("EASY_SAVER");

        clock.advance(Duration.ofDays(1));
        evaluation.decideAll(List.of(salary("e2", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}")));
        assertThat(outcomes()).last().extracting(OfferOutcome::type).isEqualTo(OutcomeType.TRIGGERED);
    }

    @Test
    void aCustomersDeclineCoolsTheProductOffFor30DaysFromTheDayOfTheDecline() throws Exception {
        String profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        var declined = new ProfiledEvent("d1", "/mobile-app", "bank.offer.declined",
                Json.mapper().readTree("{\"productCode\":\"EASY_SAVER\",\"declinedAt\":\"" + clock.instant() + "\"}"), profile("C1", profile));
        evaluation.decideAll(List.of(declined));
        evaluation.decideAll(List.of(declined)); // redelivered: still one decline
        assertThat(outcomes()).as("a decline decides nothing by itself").isEmpty();
        assertThat(records.decisionsOf("C1")).isEmpty();

        clock.advance(Duration.ofDays(29));
        evaluation.decideAll(List.of(salary("e1", "C1", profile)));
        assertThat(outcomes()).last().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(o.reason()).isEqualTo(ReasonCode.COOLING_OFF);
        });
        assertThat(records.decisionsOf("C1").getLast().get("inputs", Document.class).get("history", Document.class)
                .getList("rejections", Document.class)).singleElement()
                .satisfies(r -> assertThat(r.getString("cause")).isEqualTo("CUSTOMER_DECLINED"));

        clock.advance(Duration.ofDays(1));
        evaluation.decideAll(List.of(salary("e2", "C1", profile)));
        assertThat(outcomes()).last().extracting(OfferOutcome::type).isEqualTo(OutcomeType.TRIGGERED);
    }

    @Test
    void aDeclineInTheSameBatchAsATriggerOfThatProductSuppressesIt() throws Exception {
        String profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        var declined = new ProfiledEvent("d1", "/mobile-app", "bank.offer.declined",
                Json.mapper().readTree("{\"productCode\":\"EASY_SAVER\",\"declinedAt\":\"" + clock.instant() + "\"}"), profile("C1", profile));

        evaluation.decideAll(List.of(declined, salary("e1", "C1", profile)));

        assertThat(outcomes()).singleElement().satisfies(o -> assertThat(o.reason()).isEqualTo(ReasonCode.COOLING_OFF));
    }

    @Test
    void oneRunningJourneyPerCustomerAndOffer_untilItsTerminalOutcome() throws Exception {
        var profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        // two triggers for the same customer and offer in one batch: the second finds the first one's journey
        evaluation.decideAll(List.of(salary("e1", "C1", profile), salary("e2", "C1", profile)));
        assertThat(outcomes()).extracting(OfferOutcome::type, OfferOutcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OutcomeType.TRIGGERED, null),
                        org.assertj.core.groups.Tuple.tuple(OutcomeType.SUPPRESSED, ReasonCode.JOURNEY_RUNNING));
        String running = outcomes().getFirst().decisionId();

        // a channel's failure is not the end of the journey (it falls back to the next channel)
        history.apply(outcome(OutcomeType.SUPPRESSED, "C1", "EASY_SAVER", "first-salary", "Task_SendSms", running));
        // an outcome of an older journey for the same offer ends nothing
        history.apply(outcome(OutcomeType.CONVERTED, "C1", "EASY_SAVER", "first-salary", "Task_RecordConverted", "an-older-decision"));
        evaluation.decideAll(List.of(salary("e3", "C1", profile)));
        assertThat(outcomes()).last().extracting(OfferOutcome::reason).isEqualTo(ReasonCode.JOURNEY_RUNNING);

        history.apply(outcome(OutcomeType.CONVERTED, "C1", "EASY_SAVER", "first-salary", "Task_RecordConverted", running));
        evaluation.decideAll(List.of(salary("e4", "C1", profile)));
        assertThat(outcomes()).last().extracting(OfferOutcome::type).isEqualTo(OutcomeType.TRIGGERED);
    }

    @Test
    void journeysRunningWhenTheEngineWasLostAreRecreatedFromTheirClaims_notTheEndedOnesNorTheOnesStartedSince() throws Exception {
        var profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        evaluation.decideAll(List.of(salary("e1", "C1", profile), salary("e2", "C2", profile)));
        var first = triggers();
        history.apply(outcome(OutcomeType.CONVERTED, "C2", "EASY_SAVER", "first-salary", "Task_RecordConverted", first.get(1).decisionId()));
        clock.advance(Duration.ofMinutes(1));
        Instant lostFoundAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        // decided after the new engine was found: its journey starts there, it was never lost
        evaluation.decideAll(List.of(salary("e3", "C3", profile)));
        published.clear();

        int recreated = new JourneyRecreation(history, records, recordingPublisher(), clock, () -> rules)
                .recreate(new io.beacon.contracts.EngineReplaced(2, lostFoundAt, List.of("first-salary")));

        assertThat(recreated).isEqualTo(1);
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.getKey()).isEqualTo(Topics.JOURNEYS_TRIGGERED);
            assertThat(record.getValue().getSource()).hasToString(JourneyRecreation.SOURCE);
        });
        // the same trigger as the first time: same source event (the engine's message id), decision and rules version
        assertThat(triggers()).singleElement().usingRecursiveComparison().ignoringFields("at").isEqualTo(first.getFirst());
        assertThat(outcomes()).as("re-creating a journey decides nothing again").isEmpty();
    }

    @Test
    void aRunningClaimWithoutItsDecisionRecordIsReleasedAtRecreation_andNeverBlocksTheCustomer() throws Exception {
        var profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        // a claim whose decision record was never written (the batch failed in between and was not redelivered)
        history.claim("C9", "EASY_SAVER", "a-lost-decision", clock.instant());
        clock.advance(Duration.ofMinutes(1));

        new JourneyRecreation(history, records, recordingPublisher(), clock, () -> rules)
                .recreate(new io.beacon.contracts.EngineReplaced(2, clock.instant(), List.of("first-salary")));
        evaluation.decideAll(List.of(salary("e1", "C9", profile)));

        assertThat(triggers()).singleElement().satisfies(t -> assertThat(t.customerId()).isEqualTo("C9"));
        assertThat(outcomes()).singleElement().extracting(OfferOutcome::type).isEqualTo(OutcomeType.TRIGGERED);
    }

    @Test
    void aJourneyThatRecordedNoEndCountsAsRunningOnlyForTheMaximumDuration() throws Exception {
        var profile = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}";
        evaluation.decideAll(List.of(salary("e1", "C1", profile)));

        clock.advance(Duration.ofDays(35).minusSeconds(1));
        evaluation.decideAll(List.of(salary("e2", "C1", profile)));
        assertThat(outcomes()).last().extracting(OfferOutcome::reason).isEqualTo(ReasonCode.JOURNEY_RUNNING);

        clock.advance(Duration.ofSeconds(1));
        evaluation.decideAll(List.of(salary("e3", "C1", profile)));
        assertThat(outcomes()).last().extracting(OfferOutcome::type).isEqualTo(OutcomeType.TRIGGERED);
    }

    @Test
    void aBatchsClaimsInOneWriteEndAsIfClaimedOneAfterTheOther() {
        assertThat(history.claim("C9", "TRAVEL_CARD", "d0", clock.instant())).isTrue();

        boolean[] won = history.claimAll(List.of(
                new ContactHistory.Claim("C1", "EASY_SAVER", "d1"),
                new ContactHistory.Claim("C1", "EASY_SAVER", "d2"),    // the same offer, another decision: loses to d1
                new ContactHistory.Claim("C1", "EASY_SAVER", "d1"),    // d1 redelivered in the batch: its own claim
                new ContactHistory.Claim("C9", "TRAVEL_CARD", "d3"),   // a journey already running
                new ContactHistory.Claim("C9", "TRAVEL_CARD", "d0"),   // ... the running one's own decision, redelivered
                new ContactHistory.Claim("C2", "EASY_SAVER", "d4")), clock.instant());

        assertThat(won).containsExactly(true, false, true, false, true, true);
    }

    @Test
    void journeyClaimsRacingForOneCustomerAndOfferGiveOneWinner() throws Exception {
        int racers = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            List<java.util.concurrent.Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String decision = "d" + i;
                claims.add(pool.submit(() -> {
                    start.await();
                    return history.claim("C1", "EASY_SAVER", decision, clock.instant());
                }));
            }
            start.countDown();
            int won = 0;
            for (var claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(history.claim("C2", "EASY_SAVER", "d0", clock.instant())).as("another customer").isTrue();
        assertThat(history.claim("C1", "TRAVEL_CARD", "d0", clock.instant())).as("another offer").isTrue();
    }

    @Test
    void aCustomerWhoRefusedProfilingGetsOnlyGenericOffersChosenWithoutTheirProfile() throws Exception {
        String noProfiling = "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\",\"segment\":\"AFFLUENT\",\"noProfiling\":true,"
                + "\"holdings\":[\"CREDIT_CARD\"],\"tags\":{\"firstDigitalLogin\":\"2026-11-22T09:00:00Z\"},\"lastDigitalLogin\":\"2026-11-22T09:00:00Z\"}";
        // the salary rule reads the profile (a changed salary); the first-login rule reads its tags: neither fires
        evaluation.decideAll(List.of(salary("e1", "C1", noProfiling),
                new ProfiledEvent("e2", "/app", "bank.digital.login", Json.mapper().createObjectNode(), profile("C1", noProfiling))));
        assertThat(database.getCollection("decisions").countDocuments()).isZero();
        assertThat(published).isEmpty();

        // a deposit maturing is about a product they hold, not about them: a generic trigger
        var maturing = new ProfiledEvent("e3", "/core-banking", "bank.term-deposit.maturing",
                Json.mapper().readTree("{\"maturityDate\":\"2026-11-30\"}"), profile("C1", noProfiling));
        evaluation.decideAll(List.of(maturing));

        Document record = records.decisionsOf("C1").getFirst();
        assertThat(record.getString("outcome")).isEqualTo("TRIGGERED");
        assertThat(record.getString("personalisation")).isEqualTo("NON_PERSONALISED");
        var variant = record.get("offerVariant", Document.class);
        assertThat(variant.getString("variant")).isEqualTo("nonPersonalised");
        assertThat(variant.get("templates", Document.class).get("sms", Document.class).getString("en")).isEqualTo(
                rules.product("TERM_DEPOSIT_12M").orElseThrow().getNonPersonalised().getTemplates().get("sms").get("en"));
        assertThat(record.get("rulesNotApplied", Document.class).getList("rules", String.class))
                .contains("io.beacon.rules.triggers/FirstOrChangedSalaryTriggersSalaryCredited",
                        "io.beacon.rules.arbitration/CustomersAlreadyHoldingATermDepositRenewMoreOften");
        assertThat(record.getList("rulesFired", String.class)).doesNotContain("CustomersAlreadyHoldingATermDepositRenewMoreOften")
                .contains("EveryOfferStartsAtTheBasePropensity", "MaturingDepositMomentSuitsItsRenewal");
        var arbitration = record.getList("offers", Document.class).getFirst().get("arbitration", Document.class);
        assertThat(arbitration.getDouble("propensity")).as("the base propensity only").isEqualTo(0.1);
        assertThat(record.get("inputs", Document.class).get("customer", Document.class)).doesNotContainKey("segment");
    }

    @Test
    void decisionsAreServedByIdAndByCustomer() throws Exception {
        evaluation.decideAll(List.of(salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}"),
                salary("e9", "C2", "{\"birthDate\":\"2012-01-01\",\"country\":\"GB\"}")));
        String id = records.decisionsOf("C1").getFirst().getString("_id");
        MockMvc mvc = io.beacon.platform.ServiceApiTesting.securedMockMvcAs("console", new DecisionsController(records));

        mvc.perform(get("/api/decisions/{id}", id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("TRIGGERED"))
                .andExpect(jsonPath("$.offers[0].arbitration.rank").value(1))
                .andExpect(jsonPath("$.rulesVersion").value(rules.version()));
        mvc.perform(get("/api/decisions/{id}", "no-such-decision")).andExpect(status().isNotFound());
        mvc.perform(get("/api/decisions").param("customerId", "C2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.decisions.length()").value(1))
                .andExpect(jsonPath("$.decisions[0].outcome").value("SUPPRESSED"))
                .andExpect(jsonPath("$.decisions[0].reasonCodes[0]").value("NOT_ELIGIBLE_AGE"));
    }

    @Test
    void complianceSearchesDecisionsByProductAndTimeAndIsToldWhatIsWrongWithABadSearch() throws Exception {
        evaluation.decideAll(List.of(salary("e1", "C1", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}"),
                salary("e9", "C2", "{\"birthDate\":\"2012-01-01\",\"country\":\"GB\"}")));
        String winner = records.decisionsOf("C1").getFirst().getString("productCode");
        MockMvc mvc = io.beacon.platform.ServiceApiTesting.securedMockMvcAs("console", new DecisionsController(records));

        mvc.perform(get("/api/decisions").param("productCode", winner).param("from", "2000-01-01T00:00:00Z")).andExpect(status().isOk())
                .andExpect(jsonPath("$.decisions.length()").value(1))
                .andExpect(jsonPath("$.decisions[0].customerId").value("C1"));
        mvc.perform(get("/api/decisions").param("from", "2000-01-01T00:00:00Z").param("to", "2000-01-02T00:00:00Z"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.decisions.length()").value(0));
        mvc.perform(get("/api/decisions").param("from", "yesterday")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[0].message").value("'yesterday' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
        mvc.perform(get("/api/decisions")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("give a customerId or a time range (from, optionally to)"));
    }

    /** A publisher whose sends succeed at once and land in {@link #published}. */
    private EventPublisher recordingPublisher() {
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.publish(anyString(), anyString(), any())).thenAnswer(call -> {
            published.add(Map.entry(call.getArgument(0), call.getArgument(2)));
            return CompletableFuture.completedFuture(null);
        });
        return publisher;
    }

    private List<JourneyTriggered> triggers() {
        return published.stream().filter(e -> e.getKey().equals(Topics.JOURNEYS_TRIGGERED))
                .map(e -> BeaconEvents.data(e.getValue(), JourneyTriggered.class)).toList();
    }

    private List<OfferOutcome> outcomes() {
        return published.stream().filter(e -> e.getKey().equals(Topics.OFFERS)).map(e -> BeaconEvents.data(e.getValue(), OfferOutcome.class)).toList();
    }

    private OfferOutcome outcome(OutcomeType type, String customerId, String product, String journey, String step, String decisionId) {
        return new OfferOutcome(type, customerId, journey, "1", step, null, product, null,
                type == OutcomeType.REJECTED ? ReasonCode.RM_REJECTED : type == OutcomeType.SUPPRESSED ? ReasonCode.NO_CONSENT : null,
                null, "ev-" + decisionId, decisionId, clock.instant());
    }

    public static ProfiledEvent salary(String eventId, String customerId, String profile) throws Exception {
        var p = Json.mapper().readTree(profile);
        ((com.fasterxml.jackson.databind.node.ObjectNode) p).set("salary", Json.mapper().readTree("{\"amount\":3000,\"currency\":\"GBP\"}"));
        return new ProfiledEvent(eventId, "/core-banking", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":3000,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}"),
                profile(customerId, p.toString()));
    }

    public static ProfileSnapshot profile(String customerId, String json) throws Exception {
        var p = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json);
        p.put("customerId", customerId);
        return Json.mapper().treeToValue(p, ProfileSnapshot.class);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
