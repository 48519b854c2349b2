package io.beacon.profiles.campaigns;

/**
 * A scheduled campaign from rules/campaigns/: an audience, an offer of the catalogue, a schedule, a send window in each
 * customer's time zone, a throttle and the size above which a run waits for a confirmation.
 */
public record Campaign(String id, String name, String file, String audienceId, String offerCode, Schedule schedule,
                       String scheduleText, SendWindow sendWindow, int ratePerSecond, long confirmAbove, String fingerprint) {
}
