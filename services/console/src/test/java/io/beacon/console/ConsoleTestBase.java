package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.beacon.console.review.OfferReview;
import io.beacon.console.review.OfferReviews;
import io.beacon.console.review.ReviewMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole console (its security, pages, stores) on a real port: MongoDB's wire protocol in memory, the Beacon
 * services it reads from as WireMock stubs, the outcome stream on the test binder, and the journey engine replaced by
 * a recorder of the OfferReviewed messages it would get. One Spring context for every test class that extends it.
 *
 * <p>Customers: C-1 in rm-1's book, C-2 in rm-2's. Contact points on file are in clear at the profiles stub, so a
 * page showing them unmasked would be caught.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnableTestBinder
@AutoConfigureMockMvc
@Import(ConsoleTestBase.EngineRecorder.class)
public abstract class ConsoleTestBase {

    static final String PHONE = "+447700900123";
    static final String EMAIL = "jane.doe@example.com";

    static final MemoryMongo MONGO = new MemoryMongo();
    static final WireMockServer SERVICES = new WireMockServer(options().dynamicPort());

    static {
        SERVICES.start();
    }

    /** The OfferReviewed messages the journeys would have received. */
    public record Reviewed(String reviewId, boolean approved, String reason, String note, String by) {
    }

    /** The OfferChecked messages the journeys would have received (ADR 0028). */
    public record Checked(String reviewId, boolean approved, String reason, String by) {
    }

    /** What the console published to Kafka, by topic: there is no broker here. */
    public record Published(String topic, String key, io.cloudevents.CloudEvent event) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class EngineRecorder {
        static final List<Reviewed> MESSAGES = new CopyOnWriteArrayList<>();
        static final List<Checked> CHECKS = new CopyOnWriteArrayList<>();
        static final List<Published> PUBLISHED = new CopyOnWriteArrayList<>();
        static volatile RuntimeException failNext;

        @Bean
        @org.springframework.context.annotation.Primary
        io.beacon.platform.EventPublisher recordingPublisher() {
            return new io.beacon.platform.EventPublisher(null) {
                @Override
                public java.util.concurrent.CompletableFuture<?> publish(String topic, String key, io.cloudevents.CloudEvent event) {
                    PUBLISHED.add(new Published(topic, key, event));
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
        }

        /** Releases as published on beacon.releases (ADR 0029), recorded like every other publication. */
        @Bean
        @org.springframework.context.annotation.Primary
        io.beacon.console.changes.ReleasePublisher recordingReleasePublisher() {
            return release -> PUBLISHED.add(new Published(io.beacon.contracts.Topics.RELEASES, io.beacon.contracts.LiveRelease.KEY,
                    io.beacon.contracts.BeaconEvents.build("release-" + release.number(), "/beacon/console", io.beacon.contracts.LiveRelease.TYPE,
                            io.beacon.contracts.LiveRelease.KEY, release)));
        }

        @Bean
        ReviewMessages recordingReviewMessages() {
            return (review, approved, reason, note, by) -> {
                RuntimeException failure = failNext;
                failNext = null;
                if (failure != null) {
                    throw failure;
                }
                MESSAGES.add(new Reviewed(review.id(), approved, reason, note, by));
            };
        }

        @Bean
        io.beacon.console.review.CheckMessages recordingCheckMessages() {
            return (review, approved, reason, by) -> {
                RuntimeException failure = failNext;
                failNext = null;
                if (failure != null) {
                    throw failure;
                }
                CHECKS.add(new Checked(review.id(), approved, reason, by));
            };
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", MONGO::uri);
        properties.add("beacon.zeebe.enabled", () -> "false");
        // the repository's own folders seed release 1; tests look at them when they say so, not every 2 s
        for (String folder : List.of("rules", "workflows", "content")) {
            properties.add("beacon.changes.folders." + folder, () -> java.nio.file.Path.of("../..", folder).toAbsolutePath().normalize().toString());
        }
        properties.add("beacon.changes.watch-interval", () -> "PT1H");
        for (String service : List.of("profiles", "consent", "decisioning", "journeys", "sms", "push", "email")) {
            properties.add("beacon.console.services." + service, () -> SERVICES.baseUrl() + "/" + service);
        }
    }


    @Autowired
    protected OfferReviews reviews;

    protected List<Reviewed> messages() {
        return EngineRecorder.MESSAGES;
    }

    protected List<Checked> checks() {
        return EngineRecorder.CHECKS;
    }

    protected List<Published> published() {
        return EngineRecorder.PUBLISHED;
    }

    protected void failNextMessage(RuntimeException failure) {
        EngineRecorder.failNext = failure;
    }

    @BeforeEach
    void freshWorld() {
        MONGO.database().drop();
        reviews.ensureIndexes();
        EngineRecorder.MESSAGES.clear();
        EngineRecorder.CHECKS.clear();
        EngineRecorder.PUBLISHED.clear();
        EngineRecorder.failNext = null;
        SERVICES.resetAll();
        profile("C-1", "rm-1");
        profile("C-2", "rm-2");
        SERVICES.stubFor(get(urlPathEqualTo("/profiles/api/profiles/C-1/contact-points"))
                .willReturn(okJson("{\"customerId\":\"C-1\",\"firstName\":\"Jane\",\"language\":\"en\",\"phone\":\"" + PHONE
                        + "\",\"email\":\"" + EMAIL + "\",\"pushToken\":\"fcm-token-abcdef123456\"}")));
        SERVICES.stubFor(get(urlPathEqualTo("/decisioning/api/decisions/D-1")).willReturn(okJson("""
                {"_id":"D-1","customerId":"C-1","eventType":"bank.transaction.posted","sourceEventId":"E-1","outcome":"TRIGGERED",
                 "trigger":"LargeDeposit","productCode":"GLOBAL_EQUITY_FUND","rulesVersion":"rules-7","catalogueVersion":"cat-3",
                 "inputs":{"amount":250000,"currency":"GBP"},
                 "offers":[{"productCode":"GLOBAL_EQUITY_FUND","result":"WON","reasonCodes":[],"why":"highest score 0.42",
                            "evidence":{"rulesFired":["InvestmentRequiresCurrentRiskProfile"]}},
                           {"productCode":"FIXED_TERM_12M","result":"LOST","reasonCodes":["LOST_ARBITRATION"],"why":"score 0.30 below 0.42",
                            "evidence":{"rulesFired":[]}}],
                 "at":"2026-11-20T10:00:00Z"}""")));
        SERVICES.stubFor(get(urlPathEqualTo("/decisioning/api/decisions")).willReturn(okJson("""
                {"decisions":[{"_id":"D-1","customerId":"C-1","eventType":"bank.transaction.posted","outcome":"TRIGGERED",
                 "productCode":"GLOBAL_EQUITY_FUND","reasonCodes":[],"rulesFired":["LargeDepositTriggersInvestmentOffer"],
                 "rulesVersion":"rules-7","catalogueVersion":"cat-3","at":"2026-11-20T10:00:00Z"}],"evidence":[]}""")));
        SERVICES.stubFor(get(urlPathEqualTo("/consent/api/consents/C-1/history")).willReturn(okJson("""
                [{"customerId":"C-1","channel":"sms","purpose":"marketing","granted":true,"legalBasis":"CONSENT",
                  "source":"/app/preferences","at":"2026-11-01T09:00:00Z"}]""")));
        SERVICES.stubFor(get(urlPathEqualTo("/consent/api/consents/changes")).willReturn(okJson("[]")));
        SERVICES.stubFor(put(urlPathEqualTo("/consent/api/consents/C-1")).willReturn(okJson("{\"_id\":\"C-1\"}")));
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).willReturn(okJson(
                "{\"parts\":{\"body\":\"Jane, our Global Equity Fund could put your savings to work. Reply STOP to opt out\"}}")));
        SERVICES.stubFor(post(urlPathEqualTo("/push/api/templates/preview")).willReturn(okJson(
                "{\"parts\":{\"title\":\"Global Equity Fund\",\"body\":\"Jane, see what it could do\"}}")));
        SERVICES.stubFor(post(urlPathEqualTo("/email/api/templates/preview")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://beacon.example/problems/invalid-request","title":"Bad Request","status":400,
                         "detail":"/productCode: no email template for GLOBAL_EQUITY_FUND",
                         "errors":[{"field":"/productCode","message":"no email template for GLOBAL_EQUITY_FUND"}]}""")));
        SERVICES.stubFor(get(urlPathEqualTo("/journeys/api/journeys")).willReturn(okJson(
                "{\"deployed\":[{\"processId\":\"large-deposit-investment\",\"version\":3,\"file\":\"large-deposit-investment.bpmn\",\"stage\":\"leverage\"}],\"running\":{\"counts\":{\"large-deposit-investment\":17},\"atLeast\":false},"
                        + "\"engine\":{\"epoch\":2,\"status\":\"CURRENT\",\"confirmedAt\":\"2026-11-20T08:00:00Z\",\"problem\":null,"
                        + "\"lastRecovery\":{\"epoch\":2,\"detectedAt\":\"2026-11-20T07:58:00Z\",\"redeployed\":[\"large-deposit-investment\"],"
                        + "\"recreationRequestedAt\":\"2026-11-20T07:58:01Z\"}},\"watching\":true}")));
        SERVICES.stubFor(get(urlPathEqualTo("/decisioning/api/rules")).willReturn(okJson(
                "{\"version\":\"rules-7\",\"catalogueVersion\":\"cat-3\",\"loadedAt\":\"2026-11-20T08:00:00Z\",\"watching\":true}")));
        for (String channel : List.of("sms", "push", "email")) {
            SERVICES.stubFor(get(urlPathEqualTo("/" + channel + "/api/channel-health")).willReturn(okJson(
                    "[{\"name\":\"" + channel + "-provider\",\"circuit\":\"" + ("sms".equals(channel) ? "OPEN" : "CLOSED")
                            + "\",\"failureRate\":" + ("sms".equals(channel) ? "62.5" : "-1") + ",\"bufferedCalls\":8,\"failedCalls\":5,"
                            + "\"notPermittedCalls\":4,\"rateLimitPermits\":1,\"rateLimitWaiting\":0}]")));
        }
    }

    static void profile(String customerId, String rm) {
        SERVICES.stubFor(get(urlPathEqualTo("/profiles/api/profiles/" + customerId)).willReturn(okJson("""
                {"customerId":"%s","relationshipManager":"%s","segment":"AFFLUENT","country":"GB","language":"en","birthDate":"1980-04-02",
                 "riskProfile":{"tolerance":4,"knowledgeLevel":"ADVANCED","assessedAt":"2026-06-01"},
                 "flags":{"vulnerable":false,"inArrears":false,"deceased":false,"minor":false},"holdings":["CURRENT_ACCOUNT"],"noProfiling":false}
                """.formatted(customerId, rm))));
    }

    /** A review of an offer the catalogue flags for a second approval (ADR 0028), waiting in rm's queue. */
    protected OfferReview flagged(String id, String customerId, String rm, Duration dueIn) {
        Instant now = Instant.now();
        var review = new OfferReview(id, customerId, "GLOBAL_EQUITY_FUND", "D-1", "large-deposit-investment", "LargeDeposit", "E-" + id, rm,
                now.minus(Duration.ofHours(1)), now.plus(dueIn), OfferReview.Status.PENDING, null, null, null, null, true, null, null);
        reviews.open(review);
        return review;
    }

    /** A review waiting in rm's queue, due in the given time (negative: already past its SLA). */
    protected OfferReview waiting(String id, String customerId, String rm, Duration dueIn) {
        Instant now = Instant.now();
        var review = new OfferReview(id, customerId, "GLOBAL_EQUITY_FUND", "D-1", "large-deposit-investment", "LargeDeposit", "E-" + id, rm,
                now.minus(Duration.ofHours(1)), now.plus(dueIn), OfferReview.Status.PENDING, null, null, null, null);
        reviews.open(review);
        return review;
    }
}
