package io.beacon.email;

import io.beacon.contracts.api.channels.SenderReputation;
import io.beacon.delivery.ChannelHealth;
import java.time.Clock;

/**
 * The sender's bounce and complaint rates over the window, for the channel health (ADR 0034): the console warns at the
 * warn rates, before Gmail's and Yahoo's limits (complaints 0.3 %) are reached.
 */
class EmailReputation implements ChannelHealth.Reputations {

    /** The provider guard of the SMTP relay. */
    static final String GUARD = "smtp";

    private final SentEmails sent;
    private final ReportSettings.Reputation thresholds;
    private final Clock clock;

    EmailReputation(SentEmails sent, ReportSettings.Reputation thresholds, Clock clock) {
        this.sent = sent;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    @Override
    public SenderReputation of(String guard) {
        if (!GUARD.equals(guard)) {
            return null;
        }
        SentEmails.Counts counts = sent.since(clock.instant().minus(thresholds.window()));
        double bounceRate = rate(counts.bounced(), counts.sent());
        double complaintRate = rate(counts.complained(), counts.sent());
        String status = bounceRate >= thresholds.bounceLimit() || complaintRate >= thresholds.complaintLimit() ? "LIMIT"
                : bounceRate >= thresholds.bounceWarn() || complaintRate >= thresholds.complaintWarn() ? "WARN" : "OK";
        return new SenderReputation(thresholds.window().toString(), counts.sent(), counts.bounced(), counts.complained(), bounceRate,
                complaintRate, thresholds.bounceWarn(), thresholds.bounceLimit(), thresholds.complaintWarn(), thresholds.complaintLimit(), status);
    }

    private static double rate(long count, long sent) {
        return sent == 0 ? 0 : (double) count / sent;
    }
}
