package io.beacon.console;

import io.beacon.contracts.api.journeys.JourneysState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code /api/uplift} answers (ADR 0025): for "All journeys", for the programme (treatment against the global
 * control group only), and per journey and per offer of it, the conversion of treated and of held-out customers, the
 * uplift with its Newcombe interval, the incremental value and the automated share. Counted from the hourly counters
 * when asked, like the funnel, with the same filters.
 *
 * @param confidence the level of every interval
 * @param methods    how each figure is computed, in words, for a reader of the JSON who has not read the ADR
 * @param rows       "All journeys", "Programme", then per journey its row followed by its offers' rows
 */
public record UpliftReport(FunnelQuery filter, double confidence, Map<String, String> methods, List<UpliftRow> rows) {

    public static final double CONFIDENCE = 0.95;

    static final Map<String, String> METHODS = describeMethods();

    /**
     * Counts the query's outcomes and builds the rows; {@code journeys} is the journeys service's answer, for holdout
     * shares (null when it did not answer).
     */
    public static UpliftReport of(OutcomeStore store, FunnelQuery query, JourneysState journeys) {
        var measures = store.measures(query);
        return of(query, measures.measured(), measures.automation(), holdoutShares(journeys));
    }

    static UpliftReport of(FunnelQuery query, List<MeasuredCount> measured, List<AutomationCount> automation,
                           Map<String, Double> holdoutShares) {
        var all = new UpliftRow.Tally();
        var programme = new UpliftRow.Tally();
        Map<String, Map<String, UpliftRow.Tally>> byJourney = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (MeasuredCount count : measured) {
            all.add(count, false);
            programme.add(count, true);
            offers(byJourney, count.journey()).computeIfAbsent(count.offer(), o -> new UpliftRow.Tally()).add(count, false);
        }
        for (AutomationCount count : automation) {
            all.add(count);
            offers(byJourney, count.journey()).computeIfAbsent(count.offer(), o -> new UpliftRow.Tally()).add(count);
        }
        var rows = new ArrayList<UpliftRow>();
        if (byJourney.isEmpty()) {
            return new UpliftReport(query, CONFIDENCE, METHODS, rows);
        }
        rows.add(all.row(UpliftRow.Scope.ALL, JourneyFunnel.ALL_JOURNEYS, null, null, null));
        rows.add(programme.row(UpliftRow.Scope.PROGRAMME, "Programme (against the global control group)", null, null, null));
        byJourney.forEach((journey, offers) -> {
            var total = new UpliftRow.Tally();
            offers.values().forEach(total::add);
            String name = journey == null ? JourneyFunnel.NO_JOURNEY : journey;
            rows.add(total.row(UpliftRow.Scope.JOURNEY, name, journey, null, holdoutShares.get(journey)));
            offers.forEach((offer, tally) -> rows.add(tally.row(UpliftRow.Scope.OFFER, name + " · " + (offer == null ? "(no offer)" : offer),
                    journey, offer, holdoutShares.get(journey))));
        });
        return new UpliftReport(query, CONFIDENCE, METHODS, List.copyOf(rows));
    }

    private static Map<String, UpliftRow.Tally> offers(Map<String, Map<String, UpliftRow.Tally>> byJourney, String journey) {
        return byJourney.computeIfAbsent(journey, j -> new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /**
     * Each deployed journey's holdout share as the journeys service lists it (the file's {@code beacon.holdout-share});
     * a journey whose file sets none is left out (the service's default applies), as is everything while it is down.
     */
    static Map<String, Double> holdoutShares(JourneysState journeys) {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (journeys != null && journeys.deployed() != null) {
            for (JourneysState.Deployed journey : journeys.deployed()) {
                if (journey.processId() != null && journey.holdoutShare() != null) {
                    shares.put(journey.processId(), journey.holdoutShare());
                }
            }
        }
        return shares;
    }

    private static Map<String, String> describeMethods() {
        Map<String, String> methods = new LinkedHashMap<>();
        methods.put("treated", "n: SENT outcomes in group TREATMENT (a journey run sends at most once); conversions: CONVERTED in "
                + "group TREATMENT, at most n");
        methods.put("control", "n: HELD_OUT outcomes in groups HOLDOUT and GLOBAL_CONTROL (the programme row: GLOBAL_CONTROL only); "
                + "conversions: CONVERTED in those groups, at most n");
        methods.put("uplift", "treated rate minus control rate");
        methods.put("interval", "Newcombe's hybrid score interval (method 10, 1998) on Wilson score intervals "
                + "(Apache Commons Math 3.6.1); significant when it excludes 0; none when a group has n = 0");
        methods.put("incrementalConversions", "uplift x treated n");
        methods.put("incrementalValue", "incremental conversions x mean value of the treated conversions (each CONVERTED carries the offer's "
                + "expected value); its interval is the uplift's interval x treated n x that mean");
        methods.put("automatedShare", "journey runs with no REVIEW_REQUESTED over all journey runs; a run is counted by its TRIGGERED "
                + "(each starts one journey instance), and one that asked for the RM review by its REVIEW_REQUESTED");
        methods.put("channel", "selects the sends: treated customers are those sent by the channel, with their conversions (a "
                + "CONVERTED carries the channel of the send it follows); the control group is every held-out customer");
        methods.put("range", "from and to select outcomes by their own time: a customer counts when sent or held out in the range, "
                + "a conversion when it happened in the range (it may follow a send before the range)");
        return java.util.Collections.unmodifiableMap(methods);
    }
}
