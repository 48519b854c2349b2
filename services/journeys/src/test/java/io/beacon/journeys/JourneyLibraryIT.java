package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.testkit.LocalInfrastructure;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The journey library on the real Zeebe engine, with test workers that answer per customer id (the id says what
 * the customer is: UNSUITABLE, NOCONSENT, NOPUSH, PUSHFAIL, QUIET). Timers keep their production values (8 hours of
 * quiet hours, a 2-day review SLA, a 30-day attribution window): the tests move the engine's clock instead of waiting.
 */
class JourneyLibraryIT {

    private static LocalInfrastructure infra;
    private static CamundaClient client;
    private static JourneyMessages messages;
    private static EngineRecovery engine;
    private static final List<JobWorker> workers = new ArrayList<>();
    private static final Map<String, List<String>> calls = new ConcurrentHashMap<>();
    private static final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    private static final List<Map<String, String>> outcomes = new CopyOnWriteArrayList<>();
    private static final AtomicInteger ids = new AtomicInteger();
    private static final Duration QUIET_HOURS = Duration.ofHours(8);

    @BeforeAll
    static void deployAndStartWorkers() {
        infra = LocalInfrastructure.shared();
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create(infra.zeebeGrpc())).preferRestOverGrpc(false).build();
        var deployment = new JourneyDeployment(client, Path.of("../../workflows"), new JourneyRules(JourneyRules.BEACON_JOB_TYPES),
                Duration.ofMinutes(2));
        assertThat(deployment.deploy()).isTrue();
        engine = EngineFixture.recovery(infra, client, deployment, "journey-library-it");
        messages = new JourneyMessages(client, Duration.ofMinutes(10), new Holdout(0), engine, Duration.ofSeconds(30), noHoldout(deployment));
        worker("check-suitability", job -> Map.of("suitability", Map.of("suitable", !customer(job).contains("UNSUITABLE"),
                "reason", customer(job).contains("UNSUITABLE") ? "UNSUITABLE_RISK" : "")));
        worker("check-contact-policy", job -> {
            String customer = customer(job);
            String channel = String.valueOf(job.getVariable("channel"));
            calls.computeIfAbsent("check-contact-policy:" + channel, t -> new CopyOnWriteArrayList<>()).add(customer);
            boolean allowed = !customer.contains("NOCONSENT") && !(customer.contains("NOPUSH") && channel.equals("push"));
            Instant now = infra.engineNow();
            Instant sendAt = customer.contains("QUIET") ? now.plus(QUIET_HOURS) : now;
            return Map.of("contactPolicy", allowed
                    ? Map.of("allowed", true, "channel", channel, "sendAt", sendAt.toString(), "deferred", sendAt.isAfter(now))
                    : Map.of("allowed", false, "channel", channel, "reason", "NO_CONSENT"));
        });
        for (String channel : List.of("push", "sms", "email")) {
            worker("send-" + channel, job -> {
                sentAt.put(customer(job) + ":" + channel, Instant.now());
                boolean failed = channel.equals("push") && customer(job).contains("PUSHFAIL") || customer(job).contains("ALLFAIL");
                return Map.of("delivery", failed ? Map.of("channel", channel, "status", "FAILED", "reason", "PROVIDER_UNAVAILABLE")
                        : Map.of("channel", channel, "status", "SENT"));
            });
        }
        // as the console: the review's deadline, computed once, which both SLA timers fire at (ADR 0028)
        worker("request-rm-review", job -> {
            record(job, "REVIEW_REQUESTED");
            Object sla = job.getVariablesAsMap().get("reviewSla");
            return Map.of("reviewDueAt", infra.engineNow().plus(sla == null ? Duration.ofDays(2) : Duration.parse(sla.toString())).toString());
        });
        worker("request-offer-check", job -> {
            record(job, "CHECK_REQUESTED");
            return Map.of();
        });
        worker("report-not-delivered", job -> {
            record(job, "NOT_DELIVERED");
            return Map.of();
        });
        worker("record-outcome", job -> {
            record(job, job.getCustomHeaders().get("outcome"));
            return Map.of();
        });
    }

    @AfterAll
    static void stop() {
        workers.forEach(JobWorker::close);
        if (client != null) {
            client.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: sent on {2}, converted inside the window")
    @CsvSource({
            "first-salary, SalaryCredited, sms, EASY_SAVER, attract",
            "welcome-onboarding, Onboarded, push, EASY_SAVER, attract",
            "first-digital-login, FirstDigitalLogin, push, EASY_SAVER, attract",
            "dormancy-win-back, DormancyRisk, email, EASY_SAVER, retain",
            "spend-abroad-travel-card, SpendAbroad, push, TRAVEL_CARD, leverage",
            "term-deposit-renewal, TermDepositMaturing, email, TERM_DEPOSIT_12M, retain",
            "loan-repaid-credit-offer, LoanRepaid, push, CREDIT_CARD, leverage",
            "campaign-offer, CampaignOffer, push, TRAVEL_CARD, leverage",
            "campaign-offer, CampaignOffer, push, TERM_DEPOSIT_12M, leverage"})
    void happyPathSendsOnTheFirstChannelAndConvertsOnThePurchase(String journey, String trigger, String channel, String product, String stage) {
        String customer = customer("HAPPY");
        // as the triggers consumer starts it: with the stage of the journey the trigger starts
        messages.startAll(List.of(new JourneyTriggered(customer, trigger, product, "evt-" + customer, "d-" + customer, "test", Instant.now())));

        awaitCall("send-" + channel, customer);
        assertThat(calls("check-suitability")).contains(customer);
        assertThat(calls("check-contact-policy:" + channel)).contains(customer);
        purchaseUntilOutcome(customer, product, "CONVERTED");

        // the stage the journey's file declares travels with the instance, so every outcome can carry it
        assertThat(outcome(customer, "CONVERTED")).containsEntry("journey", journey).containsEntry("step", "Task_RecordConverted")
                .containsEntry("stage", stage);
        assertThat(types(customer)).containsExactly("CONVERTED");
        assertThat(sends(customer)).containsExactly("send-" + channel);
    }

    @Test
    void largeDepositGoesToTheRmAndIsSentOnceApproved() {
        String customer = customer("RM-APPROVE");
        start(customer, "LargeDeposit", "GLOBAL_EQUITY_FUND", Map.of());

        awaitOutcome(customer, "REVIEW_REQUESTED");
        assertThat(sends(customer)).isEmpty();
        publishUntilOutcome("OfferReviewed", customer + ":GLOBAL_EQUITY_FUND", Map.of("approved", true, "reviewReason", "fits the mandate"),
                customer, "APPROVED");
        awaitCall("send-email", customer);
        purchaseUntilOutcome(customer, "GLOBAL_EQUITY_FUND", "CONVERTED");

        assertThat(outcome(customer, "APPROVED")).containsEntry("detail", "fits the mandate");
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "APPROVED", "CONVERTED");
        assertThat(sends(customer)).containsExactly("send-email");
    }

    /** A flagged offer (ADR 0028), started as the journeys service starts it from decisioning's trigger. */
    private static void startFlagged(String customer) {
        messages.startAll(List.of(new JourneyTriggered(customer, "LargeDeposit", "GLOBAL_EQUITY_FUND", "evt-" + customer, "d-" + customer,
                "test", Instant.now(), 300.0, true)));
        awaitOutcome(customer, "REVIEW_REQUESTED");
    }

    @Test
    void makerChecker_aFlaggedOfferApprovedByTheRmWaitsForTheCheckerAndIsSentOnceTheCheckerApproves() {
        String customer = customer("MC-APPROVE");
        startFlagged(customer);

        publishUntilOutcome("OfferReviewed", customer + ":GLOBAL_EQUITY_FUND", Map.of("approved", true, "reviewReason", "fits the mandate",
                "personalNote", "Happy to talk it through"), customer, "CHECK_REQUESTED");
        assertThat(outcome(customer, "CHECK_REQUESTED")).containsEntry("step", "Task_RequestOfferCheck");
        // waiting for the checker: nothing is approved or sent on the RM's word alone
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "CHECK_REQUESTED");
        assertThat(calls("check-contact-policy:email")).doesNotContain(customer);
        assertThat(sends(customer)).isEmpty();

        publishUntilOutcome("OfferChecked", customer + ":GLOBAL_EQUITY_FUND", Map.of("checkApproved", true, "checkedBy", "checker"),
                customer, "APPROVED");
        awaitCall("send-email", customer);

        assertThat(outcome(customer, "APPROVED")).containsEntry("step", "Task_RecordApproved").containsEntry("detail", "fits the mandate");
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "CHECK_REQUESTED", "APPROVED");
        assertThat(sends(customer)).containsExactly("send-email");
    }

    @Test
    void makerChecker_theCheckersRejectionSuppressesTheOfferLikeAnRmRejection() {
        String customer = customer("MC-REJECT");
        startFlagged(customer);
        publishUntilOutcome("OfferReviewed", customer + ":GLOBAL_EQUITY_FUND", Map.of("approved", true), customer, "CHECK_REQUESTED");

        publishUntilOutcome("OfferChecked", customer + ":GLOBAL_EQUITY_FUND", Map.of("checkApproved", false, "checkReason", "concentration",
                "checkedBy", "checker"), customer, "SUPPRESSED");

        assertThat(outcome(customer, "REJECTED")).containsEntry("reason", "CHECKER_REJECTED").containsEntry("detail", "concentration")
                .containsEntry("step", "Task_RecordCheckRejected");
        assertThat(outcome(customer, "SUPPRESSED")).containsEntry("reason", "CHECKER_REJECTED").containsEntry("step", "Task_RecordCheckSuppressed");
        assertThat(types(customer)).doesNotContain("APPROVED");
        assertThat(calls("check-contact-policy")).doesNotContain(customer);
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void makerChecker_theSlaCoversBothSteps_theCheckExpiresAtTheReviewsDeadlineNotAFreshOne() {
        String customer = customer("MC-SLA");
        startFlagged(customer);
        // the RM decides a day and a half into the two days
        infra.advanceEngineClock(Duration.ofHours(36));
        publishUntilOutcome("OfferReviewed", customer + ":GLOBAL_EQUITY_FUND", Map.of("approved", true), customer, "CHECK_REQUESTED");

        infra.advanceEngineClock(Duration.ofHours(12).minusMinutes(5));
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "CHECK_REQUESTED");
        infra.advanceEngineClock(Duration.ofMinutes(10));
        awaitOutcome(customer, "EXPIRED");

        assertThat(outcome(customer, "EXPIRED")).containsEntry("reason", "REVIEW_EXPIRED").containsEntry("step", "Task_RecordCheckExpired");
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "CHECK_REQUESTED", "EXPIRED");
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void rmRejectionSuppressesTheOfferWithRmRejected() {
        String customer = customer("RM-REJECT");
        start(customer, "LargeDeposit", "GLOBAL_EQUITY_FUND", Map.of());

        awaitOutcome(customer, "REVIEW_REQUESTED");
        publishUntilOutcome("OfferReviewed", customer + ":GLOBAL_EQUITY_FUND", Map.of("approved", false, "reviewReason", "concentration"),
                customer, "SUPPRESSED");

        assertThat(outcome(customer, "REJECTED")).containsEntry("reason", "RM_REJECTED").containsEntry("detail", "concentration");
        assertThat(outcome(customer, "SUPPRESSED")).containsEntry("reason", "RM_REJECTED").containsEntry("step", "Task_RecordRmSuppressed");
        assertThat(calls("check-contact-policy")).doesNotContain(customer);
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void reviewSlaExpiresTheOfferAfterTwoDays() {
        String customer = customer("RM-SLA");
        start(customer, "LargeDeposit", "GLOBAL_EQUITY_FUND", Map.of());
        awaitOutcome(customer, "REVIEW_REQUESTED");

        infra.advanceEngineClock(Duration.ofDays(2).minusMinutes(1));
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED");
        infra.advanceEngineClock(Duration.ofMinutes(2));
        awaitOutcome(customer, "EXPIRED");

        assertThat(outcome(customer, "EXPIRED")).containsEntry("reason", "REVIEW_EXPIRED").containsEntry("step", "Task_RecordReviewExpired");
        assertThat(types(customer)).containsExactly("REVIEW_REQUESTED", "EXPIRED");
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void optOutWhileWaitingForTheReviewEndsTheJourney() {
        String customer = customer("RM-OPTOUT");
        start(customer, "LargeDeposit", "GLOBAL_EQUITY_FUND", Map.of());

        awaitOutcome(customer, "REVIEW_REQUESTED");
        optOutUntilRecorded(customer);

        assertThat(outcome(customer, "OPTED_OUT")).containsEntry("step", "Task_RecordOptedOut");
        assertThat(calls("check-contact-policy")).doesNotContain(customer);
    }

    @Test
    void unsuitableCustomerIsSuppressedWithTheReason() {
        String customer = customer("UNSUITABLE");
        start(customer, "Onboarded", "EASY_SAVER", Map.of());

        awaitOutcome(customer, "SUPPRESSED");

        assertThat(outcome(customer, "SUPPRESSED")).containsEntry("reason", "UNSUITABLE_RISK").containsEntry("step", "Task_RecordUnsuitable");
        assertThat(calls("check-contact-policy")).doesNotContain(customer);
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void customerWithoutConsentOnAnyChannelIsSuppressedAfterTryingEachInOrder() {
        String customer = customer("NOCONSENT");
        start(customer, "DormancyRisk", "EASY_SAVER", Map.of());

        awaitOutcome(customer, "SUPPRESSED");

        assertThat(outcome(customer, "SUPPRESSED")).containsEntry("reason", "NO_CONSENT").containsEntry("step", "Task_RecordContactBlocked")
                .containsEntry("channel", "sms");
        assertThat(calls("check-contact-policy").stream().filter(customer::equals)).hasSize(3);
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void failedPushFallsBackToSms() {
        String customer = customer("PUSHFAIL");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());

        awaitCall("send-sms", customer);

        assertThat(sends(customer)).containsExactly("send-push", "send-sms");
        assertThat(calls("check-contact-policy:sms")).contains(customer);
    }

    @Test
    void whenEveryChannelFailsTheJourneyReportsItAfterTryingEachInOrder() {
        String customer = customer("ALLFAIL");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());

        awaitOutcome(customer, "NOT_DELIVERED");

        assertThat(sends(customer)).containsExactly("send-push", "send-sms", "send-email");
        assertThat(outcome(customer, "NOT_DELIVERED")).containsEntry("step", "Task_ReportNotDelivered").containsEntry("reason", "PROVIDER_UNAVAILABLE")
                .containsEntry("channel", "email");
    }

    @Test
    void pushWithoutConsentFallsBackToTheNextChannelInTheCustomersOrder() {
        String customer = customer("NOPUSH");
        start(customer, "FirstDigitalLogin", "EASY_SAVER", Map.of("channels", List.of("push", "sms", "email")));

        awaitCall("send-sms", customer);

        assertThat(sends(customer)).containsExactly("send-sms");
        assertThat(calls("check-contact-policy:push")).contains(customer);
        assertThat(outcomes(customer)).isEmpty();
    }

    @Test
    void quietHoursDeferTheSendUntilTheAllowedTime() {
        String customer = customer("QUIET");
        start(customer, "Onboarded", "EASY_SAVER", Map.of());
        awaitCall("check-contact-policy", customer);

        infra.advanceEngineClock(QUIET_HOURS.minusMinutes(1));
        assertThat(sends(customer)).isEmpty();
        infra.advanceEngineClock(Duration.ofMinutes(2));

        awaitCall("send-push", customer);
        assertThat(sends(customer)).containsExactly("send-push");
    }

    @Test
    void optOutWhileWaitingForQuietHoursToEndSendsNothing() {
        String customer = customer("QUIET");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());

        awaitCall("check-contact-policy", customer);
        optOutUntilRecorded(customer);

        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void optOutWhileWaitingForTheConversionEndsTheJourney() {
        String customer = customer("CONV-OPTOUT");
        start(customer, "SalaryCredited", "EASY_SAVER", Map.of());

        awaitCall("send-sms", customer);
        optOutUntilRecorded(customer);
        purchase(customer, "EASY_SAVER");

        assertThat(types(customer)).containsExactly("OPTED_OUT");
    }

    /**
     * A batch consumed again (its offsets were not committed: a crash, a rebalance, a start pushed back) holds triggers
     * the engine already took: their starts come back ALREADY_EXISTS, which is done, not a failure, so the batch goes
     * through instead of being retried for ever and holding up its partition.
     */
    @Test
    void aBatchOfTriggersConsumedAgainGoesThroughAndStartsNothingTwice() {
        String first = customer("AGAIN");
        String second = customer("AGAIN");
        var batch = List.of(trigger(first), trigger(second));
        messages.startAll(List.of(batch.getFirst()));

        messages.startAll(batch);

        awaitCall("send-sms", first);
        awaitCall("send-sms", second);
        assertThat(calls("check-suitability").stream().filter(first::equals)).hasSize(1);
        assertThat(calls("check-suitability").stream().filter(second::equals)).hasSize(1);
    }

    private static JourneyTriggered trigger(String customer) {
        return new JourneyTriggered(customer, "SalaryCredited", "EASY_SAVER", "evt-" + customer, "d-" + customer, "test", Instant.now());
    }

    @Test
    void replayedTriggerWithTheSameEventIdStartsNothing() {
        String customer = customer("REPLAY");
        start(customer, "SalaryCredited", "EASY_SAVER", Map.of());

        assertThatThrownBy(() -> start(customer, "SalaryCredited", "EASY_SAVER", Map.of()))
                .isInstanceOfSatisfying(ClientStatusException.class, e -> assertThat(e.getStatusCode().name()).isEqualTo("ALREADY_EXISTS"));
        awaitCall("send-sms", customer);
        assertThat(calls("check-suitability").stream().filter(customer::equals)).hasSize(1);
    }

    @Test
    void heldOutCustomerGetsNothingYetAPurchaseInsideTheWindowCountsAsTheHoldoutsConversion() {
        String customer = customer("HOLDOUT");
        var allHeldOut = new JourneyMessages(client, Duration.ofMinutes(10), new Holdout(1), engine, Duration.ofSeconds(30), trigger -> java.util.Optional.empty());
        allHeldOut.startAll(List.of(new JourneyTriggered(customer, "FirstDigitalLogin", "EASY_SAVER", "evt-" + customer, "d-" + customer,
                "test", Instant.now())));

        awaitOutcome(customer, "HELD_OUT");
        assertThat(outcome(customer, "HELD_OUT")).containsEntry("reason", "HOLDOUT").containsEntry("step", "Task_RecordHeldOut")
                .containsEntry("group", "HOLDOUT");

        // the measurement-only path waits through the same attribution window as a sent offer
        infra.advanceEngineClock(Duration.ofDays(30).minusHours(1));
        purchaseUntilOutcome(customer, "EASY_SAVER", "CONVERTED");

        assertThat(outcome(customer, "CONVERTED")).containsEntry("step", "Task_RecordHeldOutConverted").containsEntry("group", "HOLDOUT");
        assertThat(calls("check-contact-policy")).doesNotContain(customer);
        assertThat(sends(customer)).isEmpty();
    }

    @Test
    void globalControlCustomerIsHeldOutOfEveryJourneyWithItsOwnReason() {
        var globalControl = new JourneyMessages(client, Duration.ofMinutes(10), new Holdout(0, 1), engine, Duration.ofSeconds(30),
                trigger -> java.util.Optional.empty());
        String salary = customer("GLOBAL");
        String abroad = customer("GLOBAL");
        globalControl.startAll(List.of(
                new JourneyTriggered(salary, "SalaryCredited", "EASY_SAVER", "evt-" + salary, "d-" + salary, "test", Instant.now()),
                new JourneyTriggered(abroad, "SpendAbroad", "TRAVEL_CARD", "evt-" + abroad, "d-" + abroad, "test", Instant.now())));

        awaitOutcome(salary, "HELD_OUT");
        awaitOutcome(abroad, "HELD_OUT");

        for (String customer : List.of(salary, abroad)) {
            assertThat(outcome(customer, "HELD_OUT")).containsEntry("reason", "GLOBAL_CONTROL").containsEntry("group", "GLOBAL_CONTROL");
            assertThat(sends(customer)).isEmpty();
        }
    }

    @Test
    void heldOutCustomerWhoBuysAfterTheWindowConvertsNothing() throws Exception {
        String customer = customer("HOLDOUT-LATE");
        var allHeldOut = new JourneyMessages(client, Duration.ofMinutes(10), new Holdout(1), engine, Duration.ofSeconds(30), trigger -> java.util.Optional.empty());
        allHeldOut.startAll(List.of(new JourneyTriggered(customer, "SpendAbroad", "TRAVEL_CARD", "evt-" + customer, "d-" + customer,
                "test", Instant.now())));
        awaitOutcome(customer, "HELD_OUT");

        infra.advanceEngineClock(Duration.ofDays(30).plusHours(1));
        Thread.sleep(2_000);
        purchase(customer, "TRAVEL_CARD");
        Thread.sleep(2_000);

        assertThat(types(customer)).containsExactly("HELD_OUT");
    }

    @Test
    void purchaseOnTheLastDayOfTheAttributionWindowConverts() {
        String customer = customer("DAY29");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());
        awaitCall("send-push", customer);

        infra.advanceEngineClock(Duration.ofDays(30).minusHours(1));
        purchaseUntilOutcome(customer, "TRAVEL_CARD", "CONVERTED");

        assertThat(types(customer)).containsExactly("CONVERTED");
    }

    @Test
    void purchaseAfterTheAttributionWindowConvertsNothing() throws Exception {
        String customer = customer("LATE");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());
        awaitCall("send-push", customer);

        infra.advanceEngineClock(Duration.ofDays(30).plusMinutes(1));
        purchase(customer, "TRAVEL_CARD");
        Thread.sleep(1_500); // not a timer: what a wrongly converted journey would record reaches the test worker within 200 ms

        assertThat(outcomes(customer)).isEmpty();
    }

    @Test
    void purchaseOfAnotherProductDoesNotConvert() throws Exception {
        String customer = customer("OTHER");
        start(customer, "SpendAbroad", "TRAVEL_CARD", Map.of());

        awaitCall("send-push", customer);
        purchase(customer, "EASY_SAVER");
        Thread.sleep(1_500); // as above
        assertThat(outcomes(customer)).isEmpty();
        purchaseUntilOutcome(customer, "TRAVEL_CARD", "CONVERTED");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String customer(String kind) {
        return "LIB-" + kind + "-" + ids.incrementAndGet();
    }

    /** As the journeys service starts a journey (its variables, holdout false), plus test variables. */
    private static void start(String customerId, String trigger, String productCode, Map<String, Object> extra) {
        var variables = new HashMap<String, Object>(Map.of("customerId", customerId, "trigger", trigger, "productCode", productCode,
                "sourceEventId", "evt-" + customerId, "decisionId", "d-" + customerId, "rulesVersion", "test", "holdout", false));
        variables.putAll(extra);
        client.newPublishMessageCommand().messageName(trigger).correlationKey(customerId).messageId("evt-" + customerId)
                .timeToLive(Duration.ofMinutes(10)).variables(variables).send().join();
    }

    /** A bank.product.purchased as accepted by intake, through the journeys service's handler. */
    private static void purchase(String customerId, String productCode) {
        String id = "evt-pp-" + ids.incrementAndGet();
        messages.acceptedEvents(List.of(BeaconEvents.build(id, "/core-banking", JourneyMessages.PRODUCT_PURCHASED_TYPE, customerId,
                Map.of("productCode", productCode, "purchasedAt", Instant.now().toString()))));
    }

    /** TTL-0 messages only reach a journey already waiting: publish again until the journey has recorded the outcome. */
    private static void purchaseUntilOutcome(String customerId, String productCode, String type) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (outcome(customerId, type) == null) {
                purchase(customerId, productCode);
            }
            return outcome(customerId, type) != null;
        });
    }

    private static void publishUntilOutcome(String name, String key, Map<String, Object> variables, String customerId, String type) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (outcome(customerId, type) == null) {
                client.newPublishMessageCommand().messageName(name).correlationKey(key).timeToLive(Duration.ZERO)
                        .variables(variables).send().join();
            }
            return outcome(customerId, type) != null;
        });
    }

    private static void optOutUntilRecorded(String customerId) {
        publishUntilOutcome(JourneyMessages.CONSENT_WITHDRAWN, customerId, Map.of("optOutChannel", "sms"), customerId, "OPTED_OUT");
    }

    private static void awaitCall(String type, String customerId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> calls(type).contains(customerId));
    }

    private static void awaitOutcome(String customerId, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome(customerId, type) != null);
    }

    private interface Answer {
        Map<String, Object> variables(ActivatedJob job);
    }

    private static void worker(String type, Answer answer) {
        workers.add(client.newWorker().jobType(type).handler((jobClient, job) -> {
            Map<String, Object> result = answer.variables(job);
            jobClient.newCompleteCommand(job).variables(result).send().join();
            // recorded once the engine has the completion: a test that saw the call may move the clock at once
            calls.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(customer(job));
        }).pollInterval(Duration.ofMillis(100)).open());
    }

    /** The deployed journeys, with every journey's own holdout share ignored: these tests hold out nobody by chance. */
    private static java.util.function.Function<String, java.util.Optional<JourneyDeployment.Deployed>> noHoldout(JourneyDeployment deployment) {
        return trigger -> deployment.startedBy(trigger).map(d -> new JourneyDeployment.Deployed(d.processId(), d.version(), d.file(),
                d.stage(), d.triggers(), null));
    }

    private static void record(ActivatedJob job, String type) {
        var vars = job.getVariablesAsMap();
        var outcome = new HashMap<String, String>();
        outcome.put("customerId", customer(job));
        outcome.put("type", type);
        outcome.put("journey", job.getBpmnProcessId());
        outcome.put("step", job.getElementId());
        outcome.put("reason", vars.get("outcomeReason") == null ? null : vars.get("outcomeReason").toString());
        outcome.put("channel", vars.get("outcomeChannel") == null ? null : vars.get("outcomeChannel").toString());
        outcome.put("detail", vars.get("outcomeDetail") == null ? null : vars.get("outcomeDetail").toString());
        outcome.put("stage", vars.get("stage") == null ? null : vars.get("stage").toString());
        outcome.put("group", RecordOutcomeWorker.group(vars).name());
        outcomes.add(outcome);
    }

    private static List<String> calls(String type) {
        return calls.getOrDefault(type, List.of());
    }

    private static List<String> sends(String customerId) {
        var sends = new ArrayList<String>();
        for (String type : List.of("send-push", "send-sms", "send-email")) {
            if (calls(type).contains(customerId)) {
                sends.add(type);
            }
        }
        sends.sort((a, b) -> sentAt.get(customerId + ":" + a.substring(5)).compareTo(sentAt.get(customerId + ":" + b.substring(5))));
        return sends;
    }

    private static List<Map<String, String>> outcomes(String customerId) {
        return outcomes.stream().filter(o -> customerId.equals(o.get("customerId"))).toList();
    }

    private static List<String> types(String customerId) {
        return outcomes(customerId).stream().map(o -> o.get("type")).toList();
    }

    private static Map<String, String> outcome(String customerId, String type) {
        return outcomes(customerId).stream().filter(o -> type.equals(o.get("type"))).findFirst().orElse(null);
    }

    private static String customer(ActivatedJob job) {
        return String.valueOf(job.getVariable("customerId"));
    }
}
