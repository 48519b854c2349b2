package io.beacon.console.customer;

import io.beacon.console.OutcomeStore;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentHistoryEntry;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that happened between Beacon and one customer, newest first: offer outcomes (this console's projection of
 * beacon.offers), decisions (decisioning) and consent changes (consent).
 */
public class CustomerTimeline {

    /** One line of the timeline. */
    public record Entry(Instant at, String kind, String what, String detail) {
    }

    /** A deferred send's new time, as every time on the console: UTC. */
    private static final java.time.format.DateTimeFormatter SEND_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private final OutcomeStore outcomes;
    private final DecisionsApi decisions;
    private final ConsentApi consent;

    public CustomerTimeline(OutcomeStore outcomes, DecisionsApi decisions, ConsentApi consent) {
        this.outcomes = outcomes;
        this.decisions = decisions;
        this.consent = consent;
    }

    public List<Entry> of(String customerId) {
        var entries = new ArrayList<Entry>();
        outcomes.latest(customerId, 200).forEach(o -> entries.add(new Entry(o.at(), "offer",
                o.type() + (o.productCode() == null ? "" : " " + o.productCode()) + (o.channel() == null ? "" : " by " + o.channel())
                        + (o.sendAt() == null ? "" : ", to be sent at " + SEND_AT.format(o.sendAt()) + " UTC"),
                join(o.journey(), o.step(), o.reason(), o.group(), o.variant() == null ? null : "variant " + o.variant(),
                        o.value() == null ? null : "worth " + o.value()))));
        for (DecisionRecord d : decisionsOf(customerId)) {
            entries.add(new Entry(d.at(), "decision", d.outcome() + (d.productCode() == null ? "" : " " + d.productCode()),
                    join("on " + d.eventType(), "reasons " + d.reasonCodes(), "rules " + d.rulesVersion())));
        }
        for (ConsentHistoryEntry c : consent.history(customerId)) {
            entries.add(new Entry(c.at(), "consent", describe(c), join(c.source(), c.legalBasis())));
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return entries;
    }

    /** The customer's decisions; none when decisioning knows nothing of them. */
    private List<DecisionRecord> decisionsOf(String customerId) {
        try {
            return decisions.decisions(customerId, null, null, null, null).decisions();
        } catch (ApiProblem.NotFound e) {
            return List.of();
        }
    }

    private static String describe(ConsentHistoryEntry change) {
        return String.join(" ", String.valueOf(change.channel()), String.valueOf(change.purpose()), change.granted() ? "granted" : "withdrawn");
    }


    private static String join(String... parts) {
        return String.join(" · ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank() && !p.endsWith("null")).toList());
    }
}
