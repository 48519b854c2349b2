package io.beacon.decisioning.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The audience preview before a campaign's launch: the real rules decide each member of the audience profiles
 * returns, consent is asked about the suitable ones only, and the figure is what remains. Profiles and consent are
 * stubbed on the wire; nothing is stored anywhere (decisioning's simulation path has no I/O).
 */
class CampaignPreviewTest {

    static final WireMockServer SERVICES = new WireMockServer(options().dynamicPort());
    static RuleBase rules;
    static CampaignPreview preview;
    static MockMvc mvc;
    static de.bwaldvogel.mongo.MongoServer mongo;
    static com.mongodb.client.MongoClient client;

    /**
     * Five members: one reachable, one holding the offer already, one whose journey for it still runs, one who opted out
     * of sms, one with no contact point.
     */
    static final String MEMBERS = """
            [{"customerId": "C-OK", "birthDate": "1998-03-01", "country": "GB", "contactChannels": ["sms", "email"]},
             {"customerId": "C-HOLDS", "birthDate": "1998-03-01", "country": "GB", "holdings": ["EASY_SAVER"], "contactChannels": ["sms"]},
             {"customerId": "C-RUNNING", "birthDate": "1998-03-01", "country": "GB", "contactChannels": ["sms"]},
             {"customerId": "C-OPTED-OUT", "birthDate": "1998-03-01", "country": "GB", "contactChannels": ["sms"]},
             {"customerId": "C-NO-CONTACT", "birthDate": "1998-03-01", "country": "GB", "contactChannels": []}]""";

    static final String CONSENTS = """
            {"results": {
              "C-OK": {"email": {"allowed": false, "reason": "NO_CONSENT"}, "push": {"allowed": false, "reason": "NO_CONSENT"}, "sms": {"allowed": true, "reason": null}},
              "C-OPTED-OUT": {"email": {"allowed": true, "reason": null}, "push": {"allowed": false, "reason": "NO_CONSENT"}, "sms": {"allowed": false, "reason": "OPTED_OUT"}},
              "C-NO-CONTACT": {"email": {"allowed": true, "reason": null}, "push": {"allowed": true, "reason": null}, "sms": {"allowed": true, "reason": null}}}}""";

    @BeforeAll
    static void start() {
        SERVICES.start();
        rules = RuleBase.load(Path.of("../../rules"));
        var clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        var http = new ServiceClients("decisioning", "dev-decisioning-password");
        var decisioning = new Decisioning(rules);
        URI base = URI.create(SERVICES.baseUrl());
        mongo = new de.bwaldvogel.mongo.MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        client = com.mongodb.client.MongoClients.create(mongo.bindAndGetConnectionString());
        var history = new ContactHistory(client.getDatabase("preview"), 30, java.time.Duration.ofDays(35));
        history.claim("C-RUNNING", "EASY_SAVER", "dec-running", Instant.now());
        preview = new CampaignPreview(decisioning, history, http.api(CampaignsApi.class, base), http.api(ConsentApi.class, base), clock, 2000);
        mvc = io.beacon.platform.ServiceApiTesting.securedMockMvcAs("console", new SimulationController(decisioning, preview, clock));
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
        client.close();
        mongo.shutdownNow();
    }

    @BeforeEach
    void reset() {
        SERVICES.resetAll();
        SERVICES.stubFor(post(urlPathEqualTo("/api/consents/checks")).willReturn(okJson(CONSENTS)));
    }

    static void audience(long found, boolean sampled) {
        SERVICES.stubFor(get(urlPathEqualTo("/api/campaigns/easy-saver/audience-sample")).willReturn(okJson("""
                {"campaignId": "easy-saver", "audience": "young-adults", "audienceExpression": "tags.age25to35", "offer": "EASY_SAVER",
                 "found": %d, "sampled": %s, "takenAt": "2026-11-22T10:00:00Z", "members": %s}""".formatted(found, sampled, MEMBERS))));
    }

    @Test
    void theFigureIsTheAudienceAfterSuitabilityRunningJourneysAndConsentWithEachExclusionByReason() {
        audience(5, false);

        var result = preview.preview("easy-saver").orElseThrow();

        assertThat(result.found()).isEqualTo(5);
        assertThat(result.evaluated()).isEqualTo(5);
        assertThat(result.sampled()).isFalse();
        assertThat(result.eligible()).isEqualTo(1);
        assertThat(result.excludedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ALREADY_HOLDS", 1L, "JOURNEY_RUNNING", 1L, "OPTED_OUT", 1L, "NO_CONTACT_POINT", 1L));
        assertThat(result.rulesVersion()).isEqualTo(rules.version());
        // consent is asked about the suitable members only, for marketing
        SERVICES.verify(1, postRequestedFor(urlPathEqualTo("/api/consents/checks"))
                .withRequestBody(equalToJson("""
                        {"customerIds": ["C-OK", "C-OPTED-OUT", "C-NO-CONTACT"], "purpose": "marketing"}""")));
    }

    @Test
    void aSampledAudienceIsScaledToItsSize() {
        audience(1000, true);

        var result = preview.preview("easy-saver").orElseThrow();

        assertThat(result.sampled()).isTrue();
        assertThat(result.evaluated()).isEqualTo(5);
        assertThat(result.eligible()).isEqualTo(200);
        assertThat(result.excludedByReason()).containsEntry("ALREADY_HOLDS", 200L);
        assertThat(result.eligible() + result.excludedByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
    }

    @Test
    void theApiAnswersThePreviewA404ForAnUnknownCampaignAndA503WhenProfilesFails() throws Exception {
        audience(5, false);
        mvc.perform(MockMvcRequestBuilders.post("/api/decisions/simulate/campaigns/easy-saver"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.found").value(5))
                .andExpect(jsonPath("$.eligible").value(1))
                .andExpect(jsonPath("$.excludedByReason.OPTED_OUT").value(1));

        SERVICES.stubFor(get(urlPathEqualTo("/api/campaigns/nope/audience-sample")).willReturn(notFound()));
        mvc.perform(MockMvcRequestBuilders.post("/api/decisions/simulate/campaigns/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nope")));

        SERVICES.stubFor(get(urlPathEqualTo("/api/campaigns/broken/audience-sample")).willReturn(serverError().withBody("database down")));
        mvc.perform(MockMvcRequestBuilders.post("/api/decisions/simulate/campaigns/broken"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("HTTP 500")));
    }

    @Test
    void aMemberWithNoConsentAnswerCountsAsNoConsent() {
        var member = new io.beacon.contracts.ProfileSnapshot("C-X", null, "GB", null, null, null, null, null,
                java.util.Set.of("push"), null, null, null, null, null, null, null, false, null, null);
        assertThat(CampaignPreview.refusal(member, Map.of())).contains("NO_CONSENT");
        assertThat(CampaignPreview.refusal(member, Map.of("push", new ConsentDecision(true, null)))).isEmpty();
    }
}
