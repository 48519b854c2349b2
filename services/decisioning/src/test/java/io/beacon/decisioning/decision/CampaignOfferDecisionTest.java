package io.beacon.decisioning.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.kafka.DecisionPipelineTest;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.RuleBase;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A scheduled campaign's member enters the same decision as an event trigger; its offer is dynamic, so checked here. */
class CampaignOfferDecisionTest {

    static final RuleBase BASE = RuleBase.load(Path.of("../../rules"));
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    void aCampaignMemberIsOfferedTheCampaignsOfferThroughTheUsualChecks() throws Exception {
        var decision = Decisioning.decide(BASE, member("TRAVEL_CARD", "{\"birthDate\":\"1990-01-01\",\"country\":\"GB\","
                + "\"riskProfile\":{\"tolerance\":3,\"knowledgeLevel\":\"BASIC\",\"assessedAt\":\"2026-06-01\"}}"), TODAY, OfferHistory.none());

        assertThat(decision.triggers()).extracting(Decisions.Trigger::name).containsExactly("CampaignOffer");
        assertThat(decision.offers()).singleElement().satisfies(o -> assertThat(o.reasonCodes()).as(o.why()).isEmpty());
        assertThat(decision.winner()).isEqualTo("CampaignOffer/TRAVEL_CARD");
    }

    @Test
    void theUsualSuitabilityChecksStillSuppressACampaignOffer() throws Exception {
        var decision = Decisioning.decide(BASE, member("TRAVEL_CARD", "{\"birthDate\":\"2015-01-01\",\"country\":\"GB\"}"), TODAY, OfferHistory.none());

        assertThat(decision.winner()).isNull();
        assertThat(decision.offers()).singleElement().satisfies(o -> assertThat(o.reasonCodes()).contains(ReasonCode.NOT_ELIGIBLE_AGE));
    }

    @Test
    void anOfferTheCatalogueLacksIsSuppressedWithItsReasonNotThrown() throws Exception {
        var decision = Decisioning.decide(BASE, member("SPACE_TRAVEL", "{\"birthDate\":\"1990-01-01\",\"country\":\"GB\"}"), TODAY, OfferHistory.none());

        assertThat(decision.winner()).isNull();
        assertThat(decision.offers()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(OfferDecision.Result.SUPPRESSED);
            assertThat(o.reasonCodes()).containsExactly(ReasonCode.UNKNOWN_OFFER);
            assertThat(o.why()).contains("SPACE_TRAVEL").contains("not in catalogue");
        });
    }

    private static ProfiledEvent member(String offer, String profile) throws Exception {
        return new ProfiledEvent("campaign-c1-c1-20261204T100000Z-C1", "/beacon/profiles/campaigns", "beacon.campaign.member",
                Json.mapper().readTree("{\"campaignId\":\"c1\",\"runId\":\"c1-20261204T100000Z\",\"offerCode\":\"" + offer + "\"}"),
                DecisionPipelineTest.profile("C1", profile));
    }
}
