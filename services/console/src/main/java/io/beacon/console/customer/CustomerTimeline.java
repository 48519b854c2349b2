package io.beacon.console.customer;

import io.beacon.console.OutcomeStore;
import io.beacon.console.services.BeaconServices;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentHistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    private final BeaconServices services;
    private final ConsentApi consent;

    public CustomerTimeline(OutcomeStore outcomes, BeaconServices services, ConsentApi consent) {
        this.outcomes = outcomes;
        this.services = services;
        this.consent = consent;
    }

    @SuppressWarnings("unchecked")
    public List<Entry> of(String customerId) {
        var entries = new ArrayList<Entry>();
        outcomes.latest(customerId, 200).forEach(o -> entries.add(new Entry(o.at(), "offer",
                o.type() + (o.productCode() == null ? "" : " " + o.productCode()) + (o.channel() == null ? "" : " by " + o.channel())
                        + (o.sendAt() == null ? "" : ", to be sent at " + SEND_AT.format(o.sendAt()) + " UTC"),
                join(o.journey(), o.step(), o.reason(), o.group(), o.variant() == null ? null : "variant " + o.variant(),
                        o.value() == null ? null : "worth " + o.value()))));
        services.object("decisioning", "/api/decisions?customerId={id}", customerId).ifPresent(body -> {
            for (Map<String, Object> d : (List<Map<String, Object>>) body.getOrDefault("decisions", List.of())) {
                entries.add(new Entry(BeaconServices.instant(d.get("at")), "decision",
                        d.get("outcome") + (d.get("productCode") == null ? "" : " " + d.get("productCode")),
                        join("on " + d.get("eventType"), "reasons " + d.get("reasonCodes"), "rules " + d.get("rulesVersion"))));
            }
        });
        for (ConsentHistoryEntry c : consent.history(customerId)) {
            entries.add(new Entry(c.at(), "consent", describe(c), join(c.source(), c.legalBasis())));
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return entries;
    }

    private static String describe(ConsentHistoryEntry change) {
        return String.join(" ", String.valueOf(change.channel()), String.valueOf(change.purpose()), change.granted() ? "granted" : "withdrawn");
    }


    private static String join(String... parts) {
        return String.join(" · ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank() && !p.endsWith("null")).toList());
    }
}
