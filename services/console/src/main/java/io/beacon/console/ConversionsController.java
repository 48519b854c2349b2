package io.beacon.console;

import io.beacon.contracts.api.journeys.JourneysApi;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/conversions}: per day (UTC), the offers sent and held out and the conversions of each group, with
 * the funnel's filters (journey, stage, offer, channel, from, to) and its 400s. What the "conversions over time" chart
 * draws, from the same hourly counters as the funnel.
 */
@RestController
class ConversionsController {

    /** One day: sends to the treated, held-out customers (journey holdout and global control), conversions of each. */
    record Day(LocalDate day, long sent, long heldOut, long treatedConversions, long heldOutConversions) {
    }

    record Series(FunnelQuery filter, List<Day> days) {
    }

    private final OutcomeStore store;
    private final JourneysApi journeys;

    ConversionsController(OutcomeStore store, JourneysApi journeys) {
        this.store = store;
        this.journeys = journeys;
    }

    @GetMapping("/api/conversions")
    ResponseEntity<?> conversions(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                                  @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        FunnelQuery query;
        try {
            var given = FunnelFilters.Given.of(journey, stage, offer, channel, from, to);
            Optional<Set<String>> deployed = given.journey() == null ? Optional.empty()
                    : FunnelFilters.deployed(FunnelFilters.journeys(journeys));
            query = FunnelFilters.read(given, deployed);
        } catch (FunnelFilters.Refused e) {
            return FunnelFilters.problem(e);
        }
        return ResponseEntity.ok(new Series(query, days(store.sum(query, List.of("hour", "type", "group")))));
    }

    /** Folds hourly sums of SENT, HELD_OUT and CONVERTED into days, in order; other types are left out. */
    static List<Day> days(List<Document> hourly) {
        var byDay = new TreeMap<LocalDate, long[]>();
        for (Document sum : hourly) {
            if (sum.getDate("hour") == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(sum.getDate("hour").toInstant(), ZoneOffset.UTC);
            boolean treated = "TREATMENT".equals(sum.getString("group"));
            int slot = switch (String.valueOf(sum.getString("type"))) {
                case "SENT" -> 0;
                case "HELD_OUT" -> 1;
                case "CONVERTED" -> treated ? 2 : sum.getString("group") == null ? -1 : 3;
                default -> -1;
            };
            if (slot >= 0) {
                byDay.computeIfAbsent(day, d -> new long[4])[slot] += sum.getLong("count");
            }
        }
        var days = new ArrayList<Day>(byDay.size());
        byDay.forEach((day, n) -> days.add(new Day(day, n[0], n[1], n[2], n[3])));
        return days;
    }
}
