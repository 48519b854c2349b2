package io.beacon.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.testkit.HeadlessChromium;
import io.beacon.testkit.LocalInfrastructure;
import io.beacon.testkit.RepositoryLayout;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin path of the foundation, driven only through the public contract: bank events in on bank.events and
 * POST /api/events; SMS observed at the Twilio simulator, outcomes on beacon.offers, refusals on bank.events.rejected.
 */
class SalaryOfferEndToEndIT {

    private static final List<String> SERVICES = List.of("intake", "profiles", "consent", "decisioning", "journeys", "sms", "console");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The first name of every customer the tests onboard: long enough that no ciphertext holds it by chance. */
    private static final String FIRST_NAME = "Alexandrina";
    /** Their birth date: one no rule file or fixture names (the rules travel on beacon.releases). */
    private static final LocalDate BIRTH_DATE = LocalDate.of(1984, 2, 29);
    /** The personal data of the customers the tests onboarded, as it would read in clear. */
    private static final java.util.Set<String> onboarded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static BeaconSuite suite;
    private static String inboundWebhook;
    private static BankEventProducer producer;
    private static final List<OfferOutcome> offers = new CopyOnWriteArrayList<>();
    private static final List<String> rejections = new CopyOnWriteArrayList<>();
    private static volatile boolean listening = true;
    private static Thread listener;

    @BeforeAll
    static void startSuite() throws Exception {
        var servicePorts = new LinkedHashMap<String, Integer>();
        var free = LocalInfrastructure.freePorts();
        for (String service : SERVICES) {
            servicePorts.put(service, new java.net.ServerSocket(0) {{ close(); }}.getLocalPort());
        }
        // no holdout: these tests follow one customer each through a send (JourneyLibraryIT covers the holdout)
        inboundWebhook = "http://127.0.0.1:" + servicePorts.get("sms") + "/webhooks/twilio/inbound";
        suite = BeaconSuite.start(free, servicePorts, Files.createTempDirectory("beacon-e2e"), List.of("-Dbeacon.mongo.backend=memory"),
                Map.of("beacon.journeys.holdout-share", "0", "beacon.journeys.global-control-share", "0",
                        "beacon.sms.inbound-webhook-url", inboundWebhook,
                        "beacon.consent.erasure.sweep-after", "PT10S",
                        "beacon.profiles.campaigns.tick", "PT1S"));
        producer = new BankEventProducer(suite.infrastructure().kafkaBootstrap());
        listener = new Thread(SalaryOfferEndToEndIT::listen, "e2e-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @AfterAll
    static void stopSuite() throws Exception {
        try {
            noServiceLoggedAContactPointInClear();
            noTopicCarriesPersonalDataInClear();
        } finally {
            stop();
        }
    }

    /**
     * Personal data in flight (ADR 0038): after every test of this class ran, no record key or value on any of Beacon's
     * topics holds a contact point (phone, email, push token), a first name or a birth date of the customers the tests
     * onboarded, in clear (a name or a birth date as a JSON value in quotes: the rules on beacon.releases hold dates of
     * their own). {@code bank.events} is left out: it is the banks' own inbound topic, written as their
     * contract says (the suite's {@code POST /api/events} puts a post there as received).
     */
    private static void noTopicCarriesPersonalDataInClear() throws Exception {
        var clear = new java.util.LinkedHashSet<String>(onboarded);
        SampleEvents.population(20, 7).stream().filter(e -> new String(e.json(), StandardCharsets.UTF_8).contains("bank.customer.updated"))
                .forEach(e -> {
                    try {
                        JsonNode data = Json.mapper().readTree(e.json()).path("data");
                        clear.add("\"" + data.path("firstName").asText() + "\"");
                        clear.add("\"" + data.path("birthDate").asText() + "\"");
                        data.path("contactPoints").forEach(c -> clear.add(c.asText()));
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
        var found = new java.util.ArrayList<String>();
        var topics = new java.util.ArrayList<String>();
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure().kafkaBootstrap());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            topics.addAll(admin.listTopics().names().get());
        }
        topics.remove(Topics.BANK_EVENTS);
        assertThat(topics).contains(Topics.EVENTS_ACCEPTED, Topics.EVENTS_PROFILED, Topics.OFFERS, Topics.JOURNEYS_TRIGGERED, Topics.CONSENT_CHANGES);
        long read = 0;
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = new java.util.ArrayList<org.apache.kafka.common.TopicPartition>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    String text = (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)) + " "
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    clear.stream().filter(text::contains).forEach(v -> found.add(record.topic() + "@" + record.offset() + ": " + v));
                }
            }
        }
        assertThat(read).as("records read from " + topics).isPositive();
        assertThat(found).as("personal data in clear on a topic").isEmpty();
    }

    /**
     * Suitability by regime (ADR 0037): a travel card is a card, not an investment, so a customer who never took the
     * investment risk questionnaire gets its offer after spending abroad.
     */
    @Test
    void aCustomerWithoutARiskProfileIsSentTheTravelCardOfferAfterSpendingAbroad() throws Exception {
        String customer = "E2E-ABROAD";
        String phone = "+447700900161";
        onboard(customer, phone, zoneWhereItIsNow(12), true);

        producer.sendAll(List.of(SampleEvents.transaction(customer, "e2e-card-abroad", 120, "GBP", "DEBIT", "CARD", "FR")));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED, OutcomeType.SENT));
        OfferOutcome sent = outcomesOf(customer).stream().filter(o -> o.type() == OutcomeType.SENT).findFirst().orElseThrow();
        assertThat(sent.journey()).isEqualTo("spend-abroad-travel-card");
        assertThat(sent.productCode()).isEqualTo("TRAVEL_CARD");
        assertThat(smsTo(phone)).hasSize(1);
        JsonNode decision = Json.mapper().readTree(body(suite.serviceUrl("decisioning") + "/api/decisions?customerId=" + customer))
                .path("decisions").path(0);
        assertThat(decision.path("productCode").asText()).isEqualTo("TRAVEL_CARD");
        assertThat(decision.path("inputs").path("customer").path("riskTolerance").isNull()).as("no risk profile").isTrue();
    }

    /**
     * Privacy by default: after every test of this class ran, no service log holds a phone number or email address the
     * tests used, unmasked (masked they read {@code +44 ****0101}, {@code e***@example.com}).
     */
    private static void noServiceLoggedAContactPointInClear() throws Exception {
        var clear = java.util.regex.Pattern.compile("\\+447700900\\d{3}|[A-Za-z0-9._-]{2,}@example\\.com");
        var found = new java.util.ArrayList<String>();
        try (var logs = Files.list(suite.logDir())) {
            for (var log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (clear.matcher(line).find()) {
                        found.add(log.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertThat(found).as("service log lines with a contact point in clear").isEmpty();
    }

    private static void stop() throws Exception {
        listening = false;
        if (listener != null) {
            listener.join(5_000);
        }
        if (producer != null) {
            producer.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void salaryCreditForConsentingCustomerSendsOneSmsAndRecordsIt() throws Exception {
        String customer = "E2E-SENT";
        String phone = "+447700900101";
        onboard(customer, phone, zoneWhereItIsNow(12), true);

        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-salary-sent", 3200, "GBP")));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED, OutcomeType.SENT));
        assertThat(smsTo(phone)).hasSize(1);
        JsonNode sms = smsTo(phone).get(0);
        assertThat(sms.path("request").path("body").asText()).contains("Reply+STOP+to+opt+out");
        OfferOutcome sent = outcomesOf(customer).stream().filter(o -> o.type() == OutcomeType.SENT).findFirst().orElseThrow();
        assertThat(sent.journey()).isEqualTo("first-salary");
        assertThat(sent.channel()).isEqualTo("sms");
        assertThat(sent.sourceEventId()).isEqualTo("e2e-salary-sent");
        // every outcome, the decision's TRIGGERED included, is placed in the journey, its version and its stage
        assertThat(outcomesOf(customer)).allSatisfy(o -> {
            assertThat(o.journey()).isEqualTo("first-salary");
            assertThat(o.journeyVersion()).isNotNull();
            assertThat(o.stage()).isEqualTo("attract");
        });
    }

    /**
     * A scheduled campaign published into the running suite (hot reload) reaches its audience through the same decision
     * path as an event: the consenting member gets one SMS through the campaign journey, the member without SMS consent
     * is suppressed NO_CONSENT, a customer outside the audience gets nothing.
     */
    @Test
    void aCampaignPublishedIntoTheRunningSuiteSendsItsOfferToTheConsentingMembersOfItsAudience() throws Exception {
        String member = "E2E-CAMPAIGN-MEMBER";
        String memberPhone = "+447700900131";
        String unconsenting = "E2E-CAMPAIGN-NO-SMS";
        String outsider = "E2E-CAMPAIGN-OUTSIDER";
        String zone = zoneWhereItIsNow(12);
        onboardIn(member, memberPhone, zone, true, "IE");
        onboardIn(unconsenting, "+447700900132", zone, false, "IE");
        onboardIn(outsider, "+447700900133", zone, true, "GB");

        // marketing ops proposes the audience and the campaign; a second person approves; the release goes live
        var ops = ConsoleSession.signIn(suite.serviceUrl("console"), "ops", "beacon-ops");
        String id = ops.propose("Easy Saver for Ireland", Map.of(
                "rules/audiences/e2e-irish-customers.json", """
                        {"id": "e2e-irish-customers", "name": "Irish customers (end-to-end test)", "expression": "country = \\"IE\\" and age >= 18"}
                        """,
                "rules/campaigns/e2e-easy-saver-ireland.json", """
                        {"id": "e2e-easy-saver-ireland", "name": "Easy Saver for Ireland (end-to-end test)", "audience": "e2e-irish-customers",
                         "offer": "EASY_SAVER", "schedule": {"afterPublished": "PT1S"}, "sendWindow": {"from": "00:00", "until": "23:59"},
                         "ratePerSecond": 10, "confirmAbove": 100}
                        """)).path("id").asText();
        JsonNode checked = ops.awaitChecked(id, Duration.ofMinutes(3));
        assertThat(checked.path("status").asText()).as(checked.toPrettyString()).isEqualTo("READY");
        ConsoleSession.signIn(suite.serviceUrl("console"), "ops-lead", "beacon-ops-lead").approve(id);
        assertThat(ops.proposal(id).path("status").asText()).isEqualTo("LIVE");

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(outcomesOf(member)).extracting(OfferOutcome::type).contains(OutcomeType.SENT);
            assertThat(outcomesOf(unconsenting)).extracting(OfferOutcome::reason).contains(ReasonCode.NO_CONSENT);
        });
        assertThat(smsTo(memberPhone)).hasSize(1);
        OfferOutcome sent = outcomesOf(member).stream().filter(o -> o.type() == OutcomeType.SENT).findFirst().orElseThrow();
        assertThat(sent.journey()).isEqualTo("campaign-offer");
        assertThat(sent.trigger()).isEqualTo("CampaignOffer");
        assertThat(sent.productCode()).isEqualTo("EASY_SAVER");
        assertThat(sent.sourceEventId()).startsWith("campaign-e2e-easy-saver-ireland-").endsWith("-" + member);
        assertThat(outcomesOf(outsider)).isEmpty();
        JsonNode campaign = Json.mapper().readTree(body(suite.serviceUrl("profiles") + "/api/campaigns/e2e-easy-saver-ireland"));
        JsonNode run = campaign.path("runs").path(0);
        assertThat(run.path("status").asText()).isEqualTo("DONE");
        assertThat(run.path("found").asLong()).isEqualTo(2);
        assertThat(run.path("triggered").asLong()).isEqualTo(2);
    }

    /**
     * Governed change (ADR 0029): a rules change proposed by marketing ops is replayed, refused when its author approves
     * it, live within seconds once a second person approves it (decisioning serves the replayed version and a new decision
     * carries it), and one rollback brings the previous version back.
     */
    @Test
    void aRulesChangeGoesLiveOnlyWhenASecondPersonApprovesItAndRollsBackInOneAct() throws Exception {
        String console = suite.serviceUrl("console");
        String decisioning = suite.serviceUrl("decisioning");
        String before = Json.mapper().readTree(body(decisioning + "/api/rules/version")).path("rulesVersion").asText();
        var ops = ConsoleSession.signIn(console, "ops", "beacon-ops");
        String salaryRules = Files.readString(RepositoryLayout.root().resolve("rules/triggers/salary.drl"));
        String id = ops.propose("Salary trigger: explain the moment", Map.of("rules/triggers/salary.drl",
                salaryRules + "\n// reviewed with marketing ops: the first salary is still the moment to offer a savings habit\n")).path("id").asText();
        JsonNode checked = ops.awaitChecked(id, Duration.ofMinutes(3));
        assertThat(checked.path("status").asText()).as(checked.toPrettyString()).isEqualTo("READY");
        JsonNode report = checked.path("report").path("report");
        assertThat(report.path("liveVersion").asText()).isEqualTo(before);
        String proposed = report.path("proposedVersion").asText();
        assertThat(proposed).isNotBlank().isNotEqualTo(before);

        ops.approve(id);
        assertThat(ops.proposal(id).path("status").asText()).as("approved by its own author").isEqualTo("READY");
        assertThat(Json.mapper().readTree(body(decisioning + "/api/rules/version")).path("rulesVersion").asText()).isEqualTo(before);

        var lead = ConsoleSession.signIn(console, "ops-lead", "beacon-ops-lead");
        lead.approve(id);
        assertThat(ops.proposal(id).path("status").asText()).isEqualTo("LIVE");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Json.mapper().readTree(body(decisioning + "/api/rules/version")).path("rulesVersion").asText().equals(proposed));
        String customer = "E2E-GOVERNED";
        onboard(customer, "+447700900141", zoneWhereItIsNow(12), true);
        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-governed-salary", 2900, "GBP")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Json.mapper().readTree(
                        body(decisioning + "/api/decisions?customerId=" + customer)).path("decisions").findValuesAsText("rulesVersion"))
                .containsOnly(proposed).isNotEmpty());

        long live = lead.releases().path("live").path("number").asLong();
        lead.rollback(live);
        assertThat(lead.releases().path("live").path("kind").asText()).isEqualTo("ROLLBACK");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Json.mapper().readTree(body(decisioning + "/api/rules/version")).path("rulesVersion").asText().equals(before));
    }

    /**
     * The engine is replaced by a new, empty one while journeys run (ADR 0020): one has sent its SMS and waits for the
     * conversion, one waits for its send (the SMS service is down). The journeys service notices, redeploys, and
     * decisioning re-creates both from their running-journey claims: the first one's send is answered from the delivery
     * ledger (no second SMS in the simulator's journal), the second one sends once when the SMS service is back, and
     * the first customer's purchase converts their re-created journey, so their next salary starts a new one instead
     * of being suppressed JOURNEY_RUNNING.
     */
    @Test
    void aNewEmptyEngineGetsTheJourneysBack_nobodyGetsAnOfferTwice_andNobodyIsLeftBlocked() throws Exception {
        String sent = "E2E-ENGINE-SENT";
        String sentPhone = "+447700900121";
        String waiting = "E2E-ENGINE-WAITING";
        String waitingPhone = "+447700900122";
        onboard(sent, sentPhone, zoneWhereItIsNow(12), true);
        onboard(waiting, waitingPhone, zoneWhereItIsNow(12), true);
        producer.sendAll(List.of(SampleEvents.salary(sent, "e2e-engine-salary-1", 3300, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(sent)).extracting(OfferOutcome::type).contains(OutcomeType.SENT));
        suite.stopService("sms");
        producer.sendAll(List.of(SampleEvents.salary(waiting, "e2e-engine-salary-2", 3400, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(waiting)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED));
        JsonNode before = Json.mapper().readTree(body(suite.serviceUrl("journeys") + "/api/journeys")).path("engine");
        long epoch = before.path("epoch").asLong();
        assertThat(before.path("status").asText()).isEqualTo("CURRENT");

        suite.infrastructure().restartEngine(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode journeys = Json.mapper().readTree(body(suite.serviceUrl("journeys") + "/api/journeys"));
            assertThat(journeys.path("engine").path("epoch").asLong()).isEqualTo(epoch + 1);
            assertThat(journeys.path("engine").path("status").asText()).isEqualTo("CURRENT");
            assertThat(journeys.path("engine").path("lastRecovery").path("redeployed")).hasSize(9);
            assertThat(journeys.path("deployed")).hasSize(9);
        });
        suite.startService("sms");

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(smsTo(waitingPhone)).as("the journey that waited for its send, re-created").hasSize(1);
            assertThat(outcomesOf(waiting)).extracting(OfferOutcome::type).contains(OutcomeType.SENT);
        });
        // the re-created journey of the customer who had their SMS waits for the conversion: a purchase converts it
        String purchase = "e2e-engine-purchase";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            producer.sendAll(List.of(SampleEvents.event(sent, purchase + "-" + System.nanoTime(), "/core-banking", "bank.product.purchased",
                    Map.of("productCode", "EASY_SAVER", "purchasedAt", java.time.Instant.now().toString()))));
            Thread.sleep(2_000);
            assertThat(outcomesOf(sent)).extracting(OfferOutcome::type).contains(OutcomeType.CONVERTED);
        });
        assertThat(smsTo(sentPhone)).as("an SMS sent before the engine was lost is not sent again").hasSize(1);
        // the converted journey's claim is gone: the next decision for this customer finds no journey running
        producer.sendAll(List.of(SampleEvents.salary(sent, "e2e-engine-salary-3", 3900, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode next = null;
            for (JsonNode decision : Json.mapper().readTree(body(suite.serviceUrl("decisioning") + "/api/decisions?customerId=" + sent))
                    .path("decisions")) {
                if (decision.path("sourceEventId").asText().equals("e2e-engine-salary-3")) {
                    next = decision;
                }
            }
            assertThat(next).as("the decision on the next salary").isNotNull();
            assertThat(next.path("inputs").path("history").path("runningJourneys")).isEmpty();
            assertThat(next.path("reasonCodes").toString()).doesNotContain("JOURNEY_RUNNING");
        });
    }

    @Test
    void replayOfTheSameSalaryEventSendsOnlyOneSms() throws Exception {
        String customer = "E2E-REPLAY";
        String phone = "+447700900102";
        onboard(customer, phone, zoneWhereItIsNow(12), true);
        var salary = SampleEvents.salary(customer, "e2e-salary-replayed", 2900, "GBP");

        producer.sendAll(List.of(salary, salary));
        post(List.of(salary));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.SENT));
        // Give a wrongly accepted replay every chance to arrive before counting.
        Thread.sleep(8_000);
        assertThat(smsTo(phone)).hasSize(1);
        assertThat(outcomesOf(customer).stream().filter(o -> o.type() == OutcomeType.TRIGGERED).map(OfferOutcome::eventId).distinct()).hasSize(1);
    }

    @Test
    void withdrawalWhileTheJourneyWaitsForQuietHoursEndsItWithoutAnSms() throws Exception {
        String customer = "E2E-OPTOUT";
        String phone = "+447700900103";
        // 02:00 in the customer's zone: quiet hours, so the journey waits at its timer until 08:00.
        onboard(customer, phone, zoneWhereItIsNow(2), true);
        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-salary-optout", 3100, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED));
        Thread.sleep(5_000);

        producer.sendAll(List.of(SampleEvents.consent(customer, "e2e-optout-withdrawal", "sms", "WITHDRAWN")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).anySatisfy(o -> {
                    assertThat(o.type()).isEqualTo(OutcomeType.OPTED_OUT);
                    assertThat(o.reason()).isEqualTo(ReasonCode.OPTED_OUT);
                    assertThat(o.journey()).isEqualTo("first-salary");
                }));
        assertThat(smsTo(phone)).isEmpty();
    }

    @Test
    void aChineseCustomerWhoRepliesTuiDingWhileTheJourneyWaitsEndsItAsStopDoes_withoutAnSms_confirmedOnceInChinese() throws Exception {
        String customer = "E2E-TUIDING";
        String phone = "+447700900107";
        onboardIn(customer, phone, zoneWhereItIsNow(2), true, "GB", "zh-CN");
        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-salary-tuiding", 3100, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED));
        Thread.sleep(5_000);

        // the customer's reply, as Twilio posts it to the sms service, signed
        HttpResponse<String> answer = inboundText(phone, "SMe2etuiding1", "退订");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>【Beacon Bank】您已退订营销短信");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).anySatisfy(o -> {
                    assertThat(o.type()).isEqualTo(OutcomeType.OPTED_OUT);
                    assertThat(o.reason()).isEqualTo(ReasonCode.OPTED_OUT);
                    assertThat(o.journey()).isEqualTo("first-salary");
                }));
        assertThat(body(suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=sms")).contains("\"allowed\":false");
        // the carriers' shorthand from the same number: honoured, not confirmed a second time
        HttpResponse<String> again = inboundText(phone, "SMe2etuiding2", "TD");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).doesNotContain("<Message>");
        assertThat(smsTo(phone)).isEmpty();
    }

    /**
     * Erasure mid-journey: the journey ends, the customer's profile, contact points and everything else go, and what the
     * law requires (the decision, its suitability evidence, the consent history) stays under the customer's pseudonym,
     * with no customer id, name or contact point in it, where compliance finds it by the customer id (ADR 0033).
     */
    @Test
    void erasureMidJourneyEndsTheJourneyAndKeepsOnlyTheRequiredEvidenceUnderAPseudonym() throws Exception {
        String customer = "E2E-ERASED";
        String phone = "+447700900106";
        String email = customer.toLowerCase() + "@example.com";
        // 02:00 in the customer's zone: the journey waits at its quiet-hours timer when the erasure comes
        onboard(customer, phone, zoneWhereItIsNow(2), true);
        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-salary-erased", 3300, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.TRIGGERED));

        var response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("consent") + "/api/customers/" + customer + "/erasure"))
                .header("Authorization", BeaconSuite.authorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = Json.mapper().readTree(response.body());
        assertThat(report.path("suppressionTokensKept").asInt()).isEqualTo(3); // phone, email and push token
        assertThat(report.path("failures")).isEmpty();
        assertThat(report.path("services").findValuesAsText("service")).contains("profiles", "decisioning", "sms", "intake", "consent");
        assertThat(report.path("services").findValues("stores").stream().anyMatch(s -> s.path("beacon-profiles.profiles").path("documents").asInt() == 1)).isTrue();
        JsonNode keptDecisions = report.path("services").findValues("stores").stream().map(s -> s.path("beacon-decisioning.decisions"))
                .filter(store -> !store.isMissingNode()).findFirst().orElseThrow();
        assertThat(keptDecisions.path("action").asText()).isEqualTo("kept");
        assertThat(keptDecisions.path("documents").asInt()).isPositive();
        assertThat(keptDecisions.path("legalBasis").asText()).contains("MiFID II Art. 16(6)", "GDPR Art. 17(3)(b)");
        assertThat(java.time.Instant.parse(keptDecisions.path("keptUntil").asText())).isAfter(java.time.Instant.now().plus(Duration.ofDays(4 * 365)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.OPTED_OUT));

        // in-flight steps may write for a moment after the first pass; the second pass (10 s here) erases that too
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(documentsNaming(customer, phone, email, "fcm-" + customer)).as("documents still naming the erased customer").isEmpty());
        assertThat(smsTo(phone)).isEmpty();

        // compliance asks by the customer id the bank keeps: the kept decision and consent history, under the pseudonym
        String csv = ConsoleSession.signIn(suite.serviceUrl("console"), "compliance", "beacon-compliance").complianceExport(customer);
        var kept = csv.lines().skip(1).filter(line -> !line.contains(",console,")).toList();
        assertThat(kept).extracting(line -> line.split(",")[1]).contains("decision", "consent");
        assertThat(kept).allSatisfy(line -> {
            assertThat(line.split(",")[2]).startsWith("P-");
            assertThat(java.time.Instant.parse(line.substring(line.lastIndexOf(',') + 1))).as("kept after erasure until")
                    .isAfter(java.time.Instant.now().plus(Duration.ofDays(4 * 365)));
        });
        assertThat(csv).contains("all marketing withdrawn", "TRIGGERED", "rules ").doesNotContain(customer, phone, email);
        String pseudonym = kept.getFirst().split(",")[2];
        assertThat(documentsNaming(pseudonym)).as("kept records").anyMatch(d -> d.startsWith("beacon-decisioning.decisions"))
                .anyMatch(d -> d.startsWith("beacon-consent.consent_history"));

        // a second erasure changes nothing and says what is kept
        var again = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("consent") + "/api/customers/" + customer + "/erasure"))
                .header("Authorization", BeaconSuite.authorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("services").findValues("stores").stream()
                .map(s -> s.path("beacon-decisioning.decisions")).filter(store -> !store.isMissingNode()).findFirst().orElseThrow())
                .isEqualTo(keptDecisions);

        // the number passes to a new customer who consents: it is still never marketed to (its suppression token)
        String reborn = "E2E-REBORN";
        onboard(reborn, phone, zoneWhereItIsNow(12), true);
        producer.sendAll(List.of(SampleEvents.salary(reborn, "e2e-salary-reborn", 3300, "GBP")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(reborn)).extracting(OfferOutcome::type).contains(OutcomeType.SUPPRESSED));
        assertThat(smsTo(phone)).isEmpty();

        var unknown = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("consent") + "/api/customers/E2E-NOBODY/erasure"))
                .header("Authorization", BeaconSuite.authorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No customer E2E-NOBODY in Beacon");
    }

    @Test
    void customerWithoutSmsConsentIsSuppressedWithNoConsent() throws Exception {
        String customer = "E2E-NOCONSENT";
        String phone = "+447700900104";
        onboard(customer, phone, zoneWhereItIsNow(12), false);

        producer.sendAll(List.of(SampleEvents.salary(customer, "e2e-salary-noconsent", 2500, "GBP")));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).anySatisfy(o -> {
                    assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
                    assertThat(o.reason()).isEqualTo(ReasonCode.NO_CONSENT);
                    assertThat(o.step()).isEqualTo("Task_RecordContactBlocked");
                }));
        // every channel the journey tried says why it was refused, not only the last
        assertThat(outcomesOf(customer)).filteredOn(o -> "Task_CheckContactPolicy".equals(o.step()))
                .extracting(o -> o.channel() + " " + o.type() + " " + o.reason())
                .containsExactlyInAnyOrder("sms SUPPRESSED NO_CONSENT", "push SUPPRESSED NO_CONSENT", "email SUPPRESSED NO_CONSENT");
        assertThat(smsTo(phone)).isEmpty();
    }

    @Test
    void aJourneyDeployedStraightToTheEngineAsFromCamundaModelerRunsWithBeaconsWorkers() throws Exception {
        String customer = "E2E-MODELER";
        String phone = "+447700900105";
        onboard(customer, phone, zoneWhereItIsNow(12), true);
        // what a marketing ops user deploys from Camunda Modeler (Camunda 8 Self-Managed, http://127.0.0.1:26500, no auth):
        // a journey the journeys service never read, started by a message of its own
        String journey = Files.readString(RepositoryLayout.root().resolve("workflows/first-salary.bpmn"))
                .replace("first-salary", "modeler-deployed-journey").replace("SalaryCredited", "ModelerCheck");
        try (CamundaClient zeebe = CamundaClient.newClientBuilder().grpcAddress(URI.create(suite.infrastructure().zeebeGrpc()))
                .preferRestOverGrpc(false).build()) {
            zeebe.newDeployResourceCommand().addResourceString(journey, StandardCharsets.UTF_8, "modeler-deployed-journey.bpmn").send().join();
            zeebe.newPublishMessageCommand().messageName("ModelerCheck").correlationKey(customer).messageId("e2e-modeler-1")
                    .variables(Map.of("customerId", customer, "trigger", "SalaryCredited", "productCode", "EASY_SAVER",
                            "sourceEventId", "e2e-modeler-1", "decisionId", "e2e-modeler-decision", "holdout", false))
                    .send().join();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(smsTo(phone)).hasSize(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outcomesOf(customer)).anySatisfy(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SENT);
            assertThat(o.journey()).isEqualTo("modeler-deployed-journey");
        }));
    }

    @Test
    void anRmApprovesTheOfferInTheBrowserTheCheckerApprovesItAndTheSmsWithTheNoteReachesTheSimulator() throws Exception {
        String customer = "E2E-RM-REVIEW";
        String phone = "+447700900150";
        var profile = Json.mapper().createObjectNode().put("firstName", "Robin").put("birthDate", "1975-03-04").put("country", "GB")
                .put("language", "en-GB").put("timeZone", zoneWhereItIsNow(12)).put("segment", "AFFLUENT").put("relationshipManager", "rm-1");
        profile.putObject("contactPoints").put("phone", phone);
        profile.putArray("preferredChannels").add("sms");
        producer.sendAll(List.of(
                SampleEvents.event(customer, customer + "-profile", "/crm", "bank.customer.updated", profile),
                SampleEvents.consent(customer, customer + "-consent", "sms", "GRANTED"),
                SampleEvents.event(customer, customer + "-risk", "/mifid-questionnaire", "bank.risk-profile.assessed",
                        Map.of("tolerance", 5, "knowledgeLevel", "ADVANCED", "assessedAt", LocalDate.now().minusDays(30).toString()))));
        await().atMost(Duration.ofSeconds(60)).until(() -> body(suite.serviceUrl("profiles") + "/api/profiles/" + customer).contains("ADVANCED"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                body(suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=sms").contains("\"allowed\":true"));

        producer.sendAll(List.of(SampleEvents.event(customer, "e2e-large-deposit", "/core-banking", "bank.transaction.posted",
                Map.of("accountId", "ACC-RM", "amount", 25000, "currency", "GBP", "direction", "CREDIT", "category", "TRANSFER"))));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(outcomesOf(customer)).extracting(OfferOutcome::type).contains(OutcomeType.REVIEW_REQUESTED));
        assertThat(smsTo(phone)).as("nothing is sent before the RM approves").isEmpty();

        try (var browser = HeadlessChromium.start(Path.of("target/screenshots"))) {
            signIn(browser, "rm-1", "beacon-rm-1");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                browser.open(suite.serviceUrl("console") + "/reviews");
                assertThat(browser.text()).contains(customer);
            });
            browser.screenshot("e2e-rm-queue");
            browser.open(browser.driver().findElement(org.openqa.selenium.By.xpath("//tr[td/a[text()='" + customer + "']]//a[@class='button']"))
                    .getAttribute("href"));
            assertThat(browser.text()).contains("GLOBAL_EQUITY_FUND", "LargeDeposit", "+44770****0150").doesNotContain(phone);
            browser.find("#note").sendKeys("Let us talk it through on Friday.");
            browser.screenshot("e2e-rm-review");
            browser.clickAndWait("#approve");
            assertThat(browser.text()).contains("approved; it now waits for a checker's approval");
            browser.screenshot("e2e-rm-approved");

            // GLOBAL_EQUITY_FUND is flagged for a second approval (ADR 0028): nothing goes out on the RM's word alone
            assertThat(smsTo(phone)).as("nothing is sent before the checker approves").isEmpty();
            browser.driver().manage().deleteAllCookies();
            signIn(browser, "checker", "beacon-checker");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                browser.open(suite.serviceUrl("console") + "/reviews/checks");
                assertThat(browser.text()).contains(customer);
            });
            browser.open(browser.driver().findElement(org.openqa.selenium.By.xpath("//tr[td[text()='" + customer + "']]//a[@class='button']"))
                    .getAttribute("href"));
            assertThat(browser.find("#rm-note").getText()).isEqualTo("Let us talk it through on Friday.");
            browser.screenshot("e2e-checker-case");
            browser.clickAndWait("#check-approve");
            assertThat(browser.text()).contains("approved by the checker");
            browser.screenshot("e2e-checker-approved");
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(smsTo(phone)).hasSize(1));
        String sms = java.net.URLDecoder.decode(smsTo(phone).get(0).path("request").path("body").asText(), StandardCharsets.UTF_8);
        assertThat(sms).contains("Global Equity Fund", "Your relationship manager: Let us talk it through on Friday.", "Reply STOP to opt out");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outcomesOf(customer)).extracting(OfferOutcome::type)
                .contains(OutcomeType.APPROVED, OutcomeType.SENT));
    }

    @Test
    void anotherRmIsRefusedTheCustomerAndMarketingOpsSeeTheFunnelMoveAfterASampleReplay() throws Exception {
        try (var browser = HeadlessChromium.start(Path.of("target/screenshots"))) {
            signIn(browser, "rm-2", "beacon-rm-2");
            browser.open(suite.serviceUrl("console") + "/customers/E2E-SENT");
            assertThat(browser.text()).contains("Not allowed");
            browser.screenshot("e2e-rm-other-book");
            browser.open(suite.serviceUrl("console") + "/logout");
            browser.driver().manage().deleteAllCookies();

            signIn(browser, "ops", "beacon-ops");
            long before = triggered(browser.find("#funnels").getText());
            browser.screenshot("e2e-ops-before-replay");

            producer.sendAll(SampleEvents.population(20, 7));

            browser.await(Duration.ofSeconds(90), driver -> triggered(driver.findElement(org.openqa.selenium.By.id("funnels")).getText()) > before);
            browser.screenshot("e2e-ops-after-replay");
            // the sample's every decision is placed in a journey: no funnel starts without its triggered count
            var sample = SampleEvents.population(20, 7).stream().map(SampleEvents.Event::customerId).distinct().toList();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sample).allSatisfy(c -> assertThat(outcomesOf(c)).isNotEmpty()));
            assertThat(sample.stream().flatMap(c -> outcomesOf(c).stream()).toList()).allSatisfy(o -> {
                assertThat(o.journey()).as("journey of %s", o.eventId()).isNotNull();
                assertThat(o.stage()).as("stage of %s", o.eventId()).isNotNull();
            });
        }
    }

    /** Every funnel's "Triggered" count on the page, summed. */
    private static long triggered(String funnels) {
        var counts = java.util.regex.Pattern.compile("Triggered (\\d+)").matcher(funnels);
        long total = 0;
        while (counts.find()) {
            total += Long.parseLong(counts.group(1));
        }
        return total;
    }

    private static void signIn(HeadlessChromium browser, String user, String password) {
        browser.open(suite.serviceUrl("console") + "/login");
        browser.find("input[name=username]").sendKeys(user);
        browser.find("input[name=password]").sendKeys(password);
        browser.clickAndWait("#sign-in");
    }

    @Test
    void batchWithoutACallerOrInvalidIsRefusedWhole_namingTheField_andRecordedAsRejected() throws Exception {
        var good = SampleEvents.salary("E2E-BATCH", "e2e-batch-good", 1000, "GBP");
        String bad = "{\"specversion\":\"1.0\",\"id\":\"e2e-batch-bad\",\"source\":\"/core-banking\",\"type\":\"bank.transaction.posted\","
                + "\"subject\":\"E2E-BATCH\",\"data\":{\"accountId\":\"A\",\"amount\":\"lots\",\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}}";
        String body = "[" + new String(good.json(), StandardCharsets.UTF_8) + "," + bad + "]";

        var anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("intake") + "/api/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("no caller, no event").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));

        var response = postToIntake(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("/data/amount");
        assertThat(problem.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rejections).anySatisfy(r -> assertThat(r).contains("/data/amount")));

        // The malformed record on Kafka is refused too, and the consumer keeps going.
        producer.sendAll(List.of(new SampleEvents.Event("E2E-BATCH", "{not json".getBytes(StandardCharsets.UTF_8))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rejections).anySatisfy(r -> assertThat(r).contains("malformed JSON")));
        Thread.sleep(3_000);
        assertThat(outcomesOf("E2E-BATCH")).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static void onboard(String customer, String phone, String timeZone, boolean smsConsent) throws Exception {
        onboardIn(customer, phone, timeZone, smsConsent, "GB");
    }

    private static void onboardIn(String customer, String phone, String timeZone, boolean smsConsent, String country) throws Exception {
        onboardIn(customer, phone, timeZone, smsConsent, country, "en-GB");
    }

    private static void onboardIn(String customer, String phone, String timeZone, boolean smsConsent, String country, String language) throws Exception {
        onboarded.addAll(List.of(phone, customer.toLowerCase() + "@example.com", "fcm-" + customer, "\"" + FIRST_NAME + "\"", "\"" + BIRTH_DATE + "\""));
        var events = new java.util.ArrayList<SampleEvents.Event>();
        events.add(SampleEvents.customerUpdated(customer, customer + "-profile", FIRST_NAME, BIRTH_DATE, country, language,
                timeZone, phone, customer.toLowerCase() + "@example.com"));
        if (smsConsent) {
            events.add(SampleEvents.consent(customer, customer + "-consent", "sms", "GRANTED"));
        }
        producer.sendAll(events);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(suite.serviceUrl("profiles") + "/api/profiles/" + customer) == 200);
        if (smsConsent) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    body(suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=sms").contains("\"allowed\":true"));
        }
    }

    /** Every document in every database and collection whose JSON contains one of the strings. */
    private static List<String> documentsNaming(String... strings) {
        try (var mongo = com.mongodb.client.MongoClients.create(suite.infrastructure().mongoUri())) {
            var found = new java.util.ArrayList<String>();
            for (String name : mongo.listDatabaseNames()) {
                var database = mongo.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (var document : database.getCollection(collection).find()) {
                        String json = document.toJson();
                        if (java.util.Arrays.stream(strings).anyMatch(json::contains)) {
                            found.add(name + "." + collection + ": " + document.get("_id"));
                        }
                    }
                }
            }
            return found;
        }
    }

    /** A fixed-offset zone in which the local time now is about {@code hour}:00. */
    static String zoneWhereItIsNow(int hour) {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset).getId().replace("Z", "+00:00");
    }

    private static List<OfferOutcome> outcomesOf(String customer) {
        return offers.stream().filter(o -> customer.equals(o.customerId())).toList();
    }

    private static List<JsonNode> smsTo(String phone) throws Exception {
        String to = "To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.infrastructure().twilioUrl() + "/__admin/requests")).build(),
                HttpResponse.BodyHandlers.ofString());
        var matches = new java.util.ArrayList<JsonNode>();
        for (JsonNode request : Json.mapper().readTree(response.body()).path("requests")) {
            if ("POST".equals(request.path("request").path("method").asText())
                    && request.path("request").path("url").asText().endsWith("/Messages.json")
                    && request.path("request").path("body").asText().contains(to)) {
                matches.add(request);
            }
        }
        return matches;
    }

    /** A text from the customer's phone, as Twilio posts it to the sms service: signed with the development auth token. */
    private static HttpResponse<String> inboundText(String from, String messageSid, String body) throws Exception {
        var params = new java.util.TreeMap<String, String>(Map.of("From", from, "To", "BEACONBANK", "Body", body, "MessageSid", messageSid));
        String form = String.join("&", params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        return HTTP.send(HttpRequest.newBuilder(URI.create(inboundWebhook)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", OptOutPropagationBenchmark.twilioSignature("dev-token", inboundWebhook, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void post(List<SampleEvents.Event> events) throws Exception {
        String body = "[" + String.join(",", events.stream().map(e -> new String(e.json(), StandardCharsets.UTF_8)).toList()) + "]";
        var response = postToIntake(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** As the bank's core systems do, with the suite's account. */
    private static HttpResponse<String> postToIntake(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("intake") + "/api/events"))
                .header("Authorization", BeaconSuite.authorization())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BeaconSuite.authorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BeaconSuite.authorization()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void listen() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<String, byte[]>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.OFFERS, Topics.BANK_EVENTS_REJECTED));
            while (listening) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.OFFERS)) {
                        offers.add(BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class));
                    } else {
                        Header reason = record.headers().lastHeader("beacon_rejection_reason");
                        rejections.add(reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
