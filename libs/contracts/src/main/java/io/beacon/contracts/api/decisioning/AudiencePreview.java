package io.beacon.contracts.api.decisioning;

import java.time.Instant;
import java.util.Map;

/**
 * How many of a campaign's audience its offer would reach now, after suitability and consent. Frequency caps and quiet
 * hours depend on the moment of sending and are not in the figures.
 *
 * @param campaignId         the campaign
 * @param audience           its audience's name
 * @param audienceExpression the audience's expression, as declared
 * @param offer              the product it offers
 * @param found              the audience's members now
 * @param evaluated          members decided and checked (all of them unless {@code sampled})
 * @param sampled            whether a uniform sample of a large audience was checked
 * @param eligible           members the offer would reach; scaled to {@code found} from the sample when {@code sampled}
 * @param excludedByReason   the others by their first reason (a reason code, or {@code NOT_TARGETED}), scaled likewise
 * @param rulesVersion       the rules version that decided
 * @param catalogueVersion   the catalogue version it decided with
 * @param computedAt         when
 */
public record AudiencePreview(String campaignId, String audience, String audienceExpression, String offer, long found, long evaluated,
                              boolean sampled, long eligible, Map<String, Long> excludedByReason, String rulesVersion,
                              String catalogueVersion, Instant computedAt) {
}
