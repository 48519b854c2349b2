package io.beacon.contracts.api.profiles;

import java.time.Instant;
import java.util.List;

/**
 * One declared campaign as marketing operations see it.
 *
 * @param file               the campaign's file, relative to the rules folder
 * @param audience           the audience's id
 * @param audienceExpression the audience's expression; null when the audience is no longer declared
 * @param offer              the offer code every member is decided for
 * @param schedule           the schedule as written ({@code every day at 09:00 Europe/London})
 * @param nextRun            when the next run is due; null when none is scheduled
 * @param sendWindow         the local hours messages may leave in, {@code HH:mm-HH:mm}
 * @param ratePerSecond      members emitted per second at most
 * @param confirmAbove       a run finding more members than this waits for a person's confirmation
 * @param runs               the latest runs, newest first
 */
public record CampaignView(String id, String name, String file, String audience, String audienceExpression, String offer,
                           String schedule, Instant nextRun, String sendWindow, int ratePerSecond, long confirmAbove,
                           List<CampaignRun> runs) {
}
