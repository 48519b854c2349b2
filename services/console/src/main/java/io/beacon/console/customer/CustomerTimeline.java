package io.beacon.console.customer;

import io.beacon.console.OutcomeStore;
import io.beacon.console.services.BeaconServices;
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

    public CustomerTimeline(OutcomeStore outcomes, BeaconServices services) {
        this.outcomes = outcomes;
        this.services = services;
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
        for (Map<String, Object> c : services.array("consent", "/api/consents/{id}/history", customerId)) {
            entries.add(new Entry(BeaconServices.instant(c.get("at")), "consent", String.valueOf(c.getOrDefault("change", describe(c))),
                    join(String.valueOf(c.get("source")), (String) c.get("legalBasis"))));
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return entries;
    }

    private static String describe(Map<String, Object> change) {
        return String.join(" ", String.valueOf(change.get("channel")), String.valueOf(change.get("purpose")),
                Boolean.TRUE.equals(change.get("granted")) ? "granted" : "withdrawn");
    }


    private static String join(String... parts) {
        return String.join(" · ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank() && !p.endsWith("null")).toList());
    }
}
