package io.beacon.contracts.api.profiles;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * The live progress of one run of a campaign.
 *
 * @param offerCode        the offer its members are decided for
 * @param status           null when the service names a status this Beacon does not know
 * @param dueAt            when the run was due
 * @param scanned          profiles read so far
 * @param found            members found so far
 * @param triggered        members emitted so far
 * @param waitingForWindow members not emitted yet whose send window has not opened
 * @param remaining        members not emitted yet, waiting for their window or not
 * @param timeLeft         until the last member is emitted: at the campaign's rate, or when the last window opens if later
 * @param confirmAbove     the campaign's threshold this run was judged against
 * @param confirmedBy      who confirmed it; null unless it was confirmed
 * @param stoppedBecause   why it stopped; null unless STOPPED
 */
public record CampaignRun(String runId, String campaignId, String offerCode,
                          @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Status status, Instant dueAt, long scanned,
                          long found, long triggered, long waitingForWindow, long remaining, Duration timeLeft,
                          long confirmAbove, String confirmedBy, String stoppedBecause) {

    /** Where a run is: scanning the profiles, waiting for a confirmation, emitting its members, done or stopped. */
    public enum Status { SCANNING, AWAITING_CONFIRMATION, EMITTING, DONE, STOPPED }
}
