package io.beacon.contracts.api.profiles;

import java.time.Instant;
import java.util.List;

/**
 * @param version      the campaign definitions version serving
 * @param loadedAt     when it was loaded
 * @param campaigns    every campaign it declares, by id
 * @param lastRejected the last change of the definitions that was refused (the version above kept serving); null when none
 */
public record CampaignListing(String version, Instant loadedAt, List<CampaignView> campaigns, DefinitionsRejection lastRejected) {
}
