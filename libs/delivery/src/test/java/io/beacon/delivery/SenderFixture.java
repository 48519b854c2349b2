package io.beacon.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.beacon.contracts.Json;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.web.client.RestClient;

/**
 * What every sender's component test stands on, once: WireMock (the provider's HTTP API, profiles and consent, one
 * server, started once per test class), the ledger on the MongoDB wire protocol in memory (fresh for each test), the
 * outcomes recorded instead of published, and the customer C-1001 (Jane, en-GB) who consented. Register it as a
 * {@code static} field with {@code @RegisterExtension}.
 */
public final class SenderFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    public static final String CUSTOMER = "C-1001";

    private final Channel channel;
    private final String contactPoint;
    private WireMockServer http;
    private InMemoryMongo mongo;
    private DeliveryLedger ledger;
    private com.mongodb.client.MongoDatabase database;
    private RecordingOutcomes outcomes;

    private SenderFixture(Channel channel, String contactPoint) {
        this.channel = channel;
        this.contactPoint = contactPoint;
    }

    /** @param contactPoint the customer's phone, email address or push token for this channel */
    public static SenderFixture forChannel(Channel channel, String contactPoint) {
        return new SenderFixture(channel, contactPoint);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        http = new WireMockServer(wireMockConfig().dynamicPort());
        http.start();
        mongo = new InMemoryMongo();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        http.stop();
        mongo.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        http.resetAll();
        database = mongo.freshDatabase();
        ledger = new DeliveryLedger(database, Clock.systemUTC());
        ledger.ensureIndexes();
        outcomes = new RecordingOutcomes();
        consentIs("{\"allowed\":true,\"reason\":null}");
        profileIs(Map.of("firstName", "Jane", "language", "en-GB"));
    }

    public WireMockServer http() {
        return http;
    }

    public URI baseUrl() {
        return URI.create(http.baseUrl());
    }

    /** A client of the WireMock server as the provider's, with the short timeouts the tests use (1 s connect, 2 s read). */
    public RestClient restClient() {
        return HttpClients.restClient(baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    /**
     * The sender's own account on its calls to consent and profiles (its development password), as
     * {@link DeliveryConfiguration} gives it: the stubs of consent and profiles answer only that account.
     */
    public BasicCredentials account() {
        return new BasicCredentials(channel.id(), "dev-" + channel.id() + "-password");
    }

    /** A typed client of the consent or profiles API at the WireMock server, as {@link DeliveryConfiguration} builds it. */
    private <T> T beaconClient(Class<T> api) {
        // 5 s to answer: WireMock in the test JVM answers slowly on a loaded machine, and no test times the services out
        return new ServiceClients(account().username, account().password).api(api, baseUrl(), Duration.ofSeconds(5));
    }

    /** The consent service's typed API at the WireMock server, for what a sender records there beyond its leases. */
    public ConsentApi consentApi() {
        return beaconClient(ConsentApi.class);
    }

    /** The sender's database of this test (the ledger's), fresh for each test. */
    public com.mongodb.client.MongoDatabase database() {
        return database;
    }

    public ConsentClient consent() {
        return new ConsentClient(beaconClient(ConsentApi.class));
    }

    public ProfilesClient profiles() {
        return new ProfilesClient(beaconClient(ProfilesApi.class));
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public RecordingOutcomes outcomes() {
        return outcomes;
    }

    public String contactPoint() {
        return contactPoint;
    }

    /**
     * The consent service's answer for this channel and the marketing purpose: at the check, and at the send lease taken
     * around each provider attempt (ADR 0015), which is given back with a DELETE.
     */
    public void consentIs(String json) {
        http.stubFor(get(urlPathEqualTo("/api/consents/" + CUSTOMER + "/check"))
                .withQueryParam("channel", equalTo(channel.id()))
                .withQueryParam("purpose", equalTo("marketing"))
                .withBasicAuth(account().username, account().password)
                .willReturn(okJson(json)));
        String lease = json.contains("\"allowed\":true") ? json.replaceFirst("\\}\\s*$", ",\"lease\":\"lease-1\"}") : json;
        http.stubFor(post(urlPathEqualTo(SEND_LEASES)).willReturn(okJson(lease)));
        http.stubFor(delete(urlPathMatching(SEND_LEASES + "/.*")).willReturn(noContent()));
    }

    /**
     * Consent withdrawn between the send's first check and its provider call: the check still says yes, the send lease
     * taken right before the call says no.
     */
    public void withdrawnBeforeTheCall(String reason) {
        http.stubFor(post(urlPathEqualTo(SEND_LEASES)).willReturn(okJson("{\"allowed\":false,\"reason\":\"" + reason + "\"}")));
    }

    /** Every request the fixture's server saw, oldest first, as "METHOD path" (no query). */
    public java.util.List<String> requestOrder() {
        var events = new java.util.ArrayList<>(http.getAllServeEvents());
        java.util.Collections.reverse(events);
        return events.stream().map(e -> e.getRequest().getMethod() + " " + URI.create(e.getRequest().getUrl()).getPath()).toList();
    }

    /** Where the senders take their send leases (ADR 0015). */
    public static final String SEND_LEASES = "/api/consents/" + CUSTOMER + "/send-leases";

    /** The profile's contact points: the given fields plus this channel's contact point. */
    public void profileIs(Map<String, String> fields) {
        var profile = new LinkedHashMap<String, Object>();
        profile.put("customerId", CUSTOMER);
        profile.putAll(fields);
        profile.put(channel.contactPointField(), contactPoint);
        profileJson(profile);
    }

    public void profileJson(Map<String, Object> profile) {
        try {
            http.stubFor(get("/internal/profiles/" + CUSTOMER + "/contact-points").withBasicAuth(account().username, account().password)
                    .willReturn(okJson(Json.mapper().writeValueAsString(profile))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The job a journey would hand to this channel's worker. */
    public DeliveryRequest salaryCreditedOffer() {
        String step = switch (channel) {
            case SMS -> "Task_SendSmsOffer";
            case EMAIL -> "Task_SendEmailOffer";
            case PUSH -> "Task_SendPushOffer";
        };
        return new DeliveryRequest(channel, CUSTOMER, "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685249", step, "evt-0001", "dec-0001");
    }
}
