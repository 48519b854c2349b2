package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;

/** The profiles service's campaigns API as the console reads it (CampaignsController there), and a run's outcomes. */
final class CampaignFixture {

    static final String CAMPAIGN = "easy-saver-for-young-adults";
    static final String DONE_RUN = CAMPAIGN + "-20261204T090000Z";
    static final String WAITING_RUN = CAMPAIGN + "-20261205T090000Z";

    private CampaignFixture() {
    }

    /**
     * The listing: one campaign, its run of yesterday still emitting (confirmed, part of it waiting for the send window)
     * and, when waiting is true, today's run waiting for a confirmation; the definitions version and a refused file.
     */
    static void listing(WireMockServer services, boolean waiting) {
        String latest = waiting ? """
                {"runId":"%s","campaignId":"%s","offerCode":"EASY_SAVER","status":"AWAITING_CONFIRMATION",
                 "dueAt":"2026-12-05T09:00:00Z","scanned":48210,"found":6120,"triggered":0,"waitingForWindow":0,"remaining":0,
                 "timeLeft":"PT0S","confirmAbove":5000,"confirmedBy":null,"stoppedBecause":null},""".formatted(WAITING_RUN, CAMPAIGN) : "";
        services.stubFor(get(urlPathEqualTo("/profiles/api/campaigns")).willReturn(okJson("""
                {"version":"campaigns-3f2a91","loadedAt":"2026-12-05T08:00:00Z",
                 "campaigns":[{"id":"%s","name":"Easy Saver for customers aged 25-35","file":"campaigns/easy-saver-for-young-adults.json",
                   "audience":"young-adults-without-savings","audienceExpression":"age >= 25 and age <= 35 and not(list contains(holdings, \\"EASY_SAVER\\"))",
                   "offer":"EASY_SAVER","schedule":"every day at 09:00 Europe/London","nextRun":"2026-12-06T09:00:00Z",
                   "sendWindow":"08:00-21:00","ratePerSecond":20,"confirmAbove":5000,
                   "runs":[%s
                     {"runId":"%s","campaignId":"%s","offerCode":"EASY_SAVER","status":"EMITTING",
                      "dueAt":"2026-12-04T09:00:00Z","scanned":48190,"found":1234,"triggered":1100,"waitingForWindow":100,"remaining":134,
                      "timeLeft":"PT1H5M","confirmAbove":5000,"confirmedBy":"ops-lead","stoppedBecause":null}]}],
                 "lastRejected":{"at":"2026-12-05T08:30:00Z","fingerprint":"9c1e",
                   "problems":[{"file":"campaigns/weekend-isa.json","line":7,"pointer":"/audience","reason":"audience 'isa-savers' is not declared"}]}}
                """.formatted(CAMPAIGN, latest, DONE_RUN, CAMPAIGN))));
    }

    /** The older run finished: nothing on the page moves any more. */
    static void settledListing(WireMockServer services) {
        services.stubFor(get(urlPathEqualTo("/profiles/api/campaigns")).willReturn(okJson("""
                {"version":"campaigns-3f2a91","loadedAt":"2026-12-05T08:00:00Z",
                 "campaigns":[{"id":"%s","name":"Easy Saver for customers aged 25-35","file":"campaigns/easy-saver-for-young-adults.json",
                   "audience":"young-adults-without-savings","audienceExpression":"age >= 25 and age <= 35",
                   "offer":"EASY_SAVER","schedule":"once, 3 minutes after it is published","nextRun":null,
                   "sendWindow":"08:00-21:00","ratePerSecond":20,"confirmAbove":5000,
                   "runs":[{"runId":"%s","campaignId":"%s","offerCode":"EASY_SAVER","status":"DONE",
                      "dueAt":"2026-12-04T09:00:00Z","scanned":48190,"found":1234,"triggered":1234,"waitingForWindow":0,"remaining":0,
                      "timeLeft":"PT0S","confirmAbove":5000,"confirmedBy":null,"stoppedBecause":null}]}],
                 "lastRejected":null}
                """.formatted(CAMPAIGN, DONE_RUN, CAMPAIGN))));
    }

    /** Decisioning's simulation over the audience, estimated from a sample. */
    static void preview(WireMockServer services) {
        services.stubFor(post(urlPathEqualTo("/decisioning/api/decisions/simulate/campaigns/" + CAMPAIGN)).willReturn(okJson("""
                {"campaignId":"%s","audience":"young-adults-without-savings","audienceExpression":"age >= 25 and age <= 35",
                 "offer":"EASY_SAVER","found":12430,"evaluated":2000,"sampled":true,"eligible":9870,
                 "excludedByReason":{"NO_CONSENT":1830,"ALREADY_HOLDS":730},"rulesVersion":"rules-7","computedAt":"2026-12-05T09:10:00Z"}
                """.formatted(CAMPAIGN))));
    }

    /** An outcome of a campaign member's offer, its id made from the member's source event id as the journeys make it. */
    static OfferOutcome outcome(String runId, String customerId, OutcomeType type, ReasonCode reason) {
        return new OfferOutcome(type, customerId, type == OutcomeType.TRIGGERED ? null : "campaign-offer", "2251799813685249",
                "Task_" + type.name(), "CampaignMember", "EASY_SAVER", type == OutcomeType.SENT || type == OutcomeType.FAILED ? "sms" : null,
                reason, null, "campaign-" + runId + "-" + customerId, "dec-" + customerId, Instant.parse("2026-12-04T09:05:00Z"));
    }

    static void record(OutcomeStore store, String runId, String customerId, OutcomeType type, ReasonCode reason) {
        OfferOutcome outcome = outcome(runId, customerId, type, reason);
        store.record(outcome.eventId(), outcome, outcome.at());
    }
}
