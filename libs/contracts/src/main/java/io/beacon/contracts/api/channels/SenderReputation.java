package io.beacon.contracts.api.channels;

/**
 * An email sender's bounce and complaint rates over a recent window, against the mailbox providers' thresholds (Gmail
 * and Yahoo refuse bulk senders whose complaint rate passes 0.3 % and ask for it under 0.1 %; ADR 0034).
 *
 * @param window             the window measured, ISO 8601 ({@code P7D})
 * @param sent               emails the relay accepted in the window
 * @param bounced            of those, how many bounced for good (a 5.x.x report, or soft bounces past the limit)
 * @param complained         of those, how many their recipient marked as spam (a feedback report)
 * @param bounceRate         bounced / sent, 0 when nothing was sent
 * @param complaintRate      complained / sent, 0 when nothing was sent
 * @param bounceWarnRate     the bounce rate at which the console warns
 * @param bounceLimitRate    the bounce rate past which mailbox providers start refusing
 * @param complaintWarnRate  the complaint rate at which the console warns (0.001)
 * @param complaintLimitRate the complaint rate past which Gmail and Yahoo refuse the sender (0.003)
 * @param status             {@code OK}; {@code WARN} at or past a warn rate; {@code LIMIT} at or past a limit
 */
public record SenderReputation(String window, long sent, long bounced, long complained, double bounceRate, double complaintRate,
                               double bounceWarnRate, double bounceLimitRate, double complaintWarnRate, double complaintLimitRate,
                               String status) {
}
