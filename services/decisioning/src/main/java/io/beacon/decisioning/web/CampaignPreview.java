package io.beacon.decisioning.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChecksRequest;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.SampledAudience;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.OfferDecision;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many of a campaign's audience an offer would reach, before launch: the audience as profiles finds it now (all
 * members, or a uniform sample of a large one), each member decided as a live decision would be (the live rules
 * version, targeting and suitability, and their offer history: a journey for the offer still running, a cooling-off
 * after a rejection), then consent checked for the suitable ones on the channels they have a contact point for. It
 * only reads: nothing is stored, published or counted against a cap. Frequency caps and quiet hours depend on the
 * moment of sending and are not in the figure.
 */
public class CampaignPreview {

    /** What a member would not get the offer for, when no {@link ReasonCode} says it: no trigger rule fired. */
    static final String NOT_TARGETED = "NOT_TARGETED";

    /**
     * @param found             the audience's members now
     * @param evaluated         members decided and checked (all of them unless {@code sampled})
     * @param eligible          members the offer would reach after consent and suitability; scaled to {@code found}
     *                          from the sample when {@code sampled}
     * @param excludedByReason  the others by their first reason, scaled likewise
     */
    public record Preview(String campaignId, String audience, String audienceExpression, String offer, long found,
                          long evaluated, boolean sampled, long eligible, Map<String, Long> excludedByReason,
                          String rulesVersion, String catalogueVersion, Instant computedAt) {
    }

    /** Members whose history is read, and whose consent is checked, at a time. */
    static final int BATCH = 500;

    private final Decisioning decisioning;
    private final ContactHistory history;
    private final CampaignsApi campaigns;
    private final ConsentApi consent;
    private final Clock clock;
    private final int sampleSize;

    public CampaignPreview(Decisioning decisioning, ContactHistory history, CampaignsApi campaigns, ConsentApi consent, Clock clock, int sampleSize) {
        this.decisioning = decisioning;
        this.history = history;
        this.campaigns = campaigns;
        this.consent = consent;
        this.clock = clock;
        this.sampleSize = sampleSize;
    }

    /**
     * Empty when profiles knows no such campaign; {@link IllegalStateException} when profiles or consent refuses or
     * cannot answer.
     */
    public Optional<Preview> preview(String campaignId) {
        SampledAudience sample;
        try {
            sample = campaigns.audienceSample(campaignId, sampleSize);
        } catch (ApiProblem.NotFound unknown) {
            return Optional.empty();
        } catch (ApiProblem e) {
            throw new IllegalStateException("profiles refused the audience sample (HTTP " + e.status() + "): " + e.getMessage(), e);
        }
        return Optional.of(evaluate(sample));
    }

    Preview evaluate(SampledAudience sample) {
        RuleBase base = decisioning.ruleBase();
        LocalDate today = LocalDate.now(clock);
        JsonNode data = Json.mapper().createObjectNode().put("campaignId", sample.campaignId()).put("runId", "preview")
                .put("offerCode", sample.offer());
        Map<String, Long> excluded = new TreeMap<>();
        List<ProfileSnapshot> suitable = new ArrayList<>();
        Map<String, OfferHistory> histories = new java.util.HashMap<>();
        for (int from = 0; from < sample.members().size(); from += BATCH) {
            var ids = sample.members().subList(from, Math.min(sample.members().size(), from + BATCH)).stream().map(ProfileSnapshot::customerId).toList();
            histories.putAll(history.historyOf(ids, List.of(sample.offer()), Instant.now(clock)));
        }
        for (ProfileSnapshot member : sample.members()) {
            var event = new ProfiledEvent("preview-" + sample.campaignId() + "-" + member.customerId(), "/beacon/decisioning/preview",
                    "beacon.campaign.member", data, member);
            OfferDecision decision = Decisioning.decide(base, event, today, histories.getOrDefault(member.customerId(), OfferHistory.none()));
            Optional<String> reason = decision.winningOffer().isPresent() ? Optional.empty()
                    : Optional.of(decision.offers().stream().map(OfferDecision.Offer::reason).filter(r -> r != null).map(Enum::name)
                    .findFirst().orElse(NOT_TARGETED));
            reason.ifPresentOrElse(r -> excluded.merge(r, 1L, Long::sum), () -> suitable.add(member));
        }
        long reachable = 0;
        for (int from = 0; from < suitable.size(); from += BATCH) {
            List<ProfileSnapshot> batch = suitable.subList(from, Math.min(suitable.size(), from + BATCH));
            Map<String, Map<String, ConsentDecision>> answers = consents(batch.stream().map(ProfileSnapshot::customerId).toList());
            for (ProfileSnapshot member : batch) {
                Optional<String> refusal = refusal(member, answers.getOrDefault(member.customerId(), Map.of()));
                if (refusal.isEmpty()) {
                    reachable++;
                } else {
                    excluded.merge(refusal.get(), 1L, Long::sum);
                }
            }
        }
        long evaluated = sample.members().size();
        Map<String, Long> scaledExcluded = new LinkedHashMap<>();
        excluded.forEach((reason, count) -> scaledExcluded.put(reason, scale(count, sample.found(), evaluated, sample.sampled())));
        return new Preview(sample.campaignId(), sample.audience(), sample.audienceExpression(), sample.offer(), sample.found(),
                evaluated, sample.sampled(), scale(reachable, sample.found(), evaluated, sample.sampled()), scaledExcluded,
                base.version(), base.catalogueVersion(), Instant.now(clock));
    }

    /**
     * Reachable when consent allows marketing on at least one channel the customer has a contact point for. Otherwise
     * OPTED_OUT when any such channel was withdrawn or objected to, NO_CONSENT when none was ever granted, and
     * NO_CONTACT_POINT when there is no channel to ask about.
     */
    static Optional<String> refusal(ProfileSnapshot member, Map<String, ConsentDecision> byChannel) {
        if (member.contactChannels() == null || member.contactChannels().isEmpty()) {
            return Optional.of(ReasonCode.NO_CONTACT_POINT.name());
        }
        boolean optedOut = false;
        for (String channel : member.contactChannels()) {
            ConsentDecision answer = byChannel.get(channel);
            if (answer != null && answer.allowed()) {
                return Optional.empty();
            }
            optedOut |= answer != null && answer.reason() == ReasonCode.OPTED_OUT;
        }
        return Optional.of((optedOut ? ReasonCode.OPTED_OUT : ReasonCode.NO_CONSENT).name());
    }

    private Map<String, Map<String, ConsentDecision>> consents(List<String> customerIds) {
        try {
            var results = consent.checks(new ConsentChecksRequest(customerIds, "marketing")).results();
            return results == null ? Map.of() : results;
        } catch (ApiProblem e) {
            throw new IllegalStateException("consent refused the checks of the audience (HTTP " + e.status() + "): " + e.getMessage(), e);
        }
    }

    /** A sample's count as its share of the whole audience, rounded; the count itself when every member was checked. */
    static long scale(long count, long found, long evaluated, boolean sampled) {
        if (!sampled || evaluated == 0) {
            return count;
        }
        return Math.round((double) count * found / evaluated);
    }
}
