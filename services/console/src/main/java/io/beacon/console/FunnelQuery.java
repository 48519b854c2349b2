package io.beacon.console;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a funnel counts: outcomes of one journey, stage, offer (product code) and channel, with {@code at} in
 * [from, to); any of them absent means "all". {@link FunnelFilters} reads one from a request and refuses bad input.
 *
 * <p>The channel filter keeps the outcomes that carry no channel yet (TRIGGERED, HELD_OUT, a decision-stage
 * SUPPRESSED: a journey picks its channel after them), so that a channel's funnel still starts at its triggered count.
 */
public record FunnelQuery(String journey, String stage, String offer, String channel, Instant from, Instant to) {

    public static final FunnelQuery ALL = new FunnelQuery(null, null, null, null, null, null);

    /** The same query for every channel. */
    public FunnelQuery withoutChannel() {
        return new FunnelQuery(journey, stage, offer, null, from, to);
    }

    /** The MongoDB filter: equality on the indexed fields, a half-open range on {@code at}. */
    Bson filter() {
        return filter(from, to);
    }

    /** The filter on journey, stage, offer and channel alone: what a counter is matched by ({@link OutcomeCounts}). */
    Bson dimensions() {
        return filter(null, null);
    }

    /** The filter with {@code at} in [start, end) instead. */
    Bson filter(Instant start, Instant end) {
        List<Bson> clauses = new ArrayList<>();
        if (journey != null) {
            clauses.add(Filters.eq("journey", journey));
        }
        if (stage != null) {
            clauses.add(Filters.eq("stage", stage));
        }
        if (offer != null) {
            clauses.add(Filters.eq("productCode", offer));
        }
        if (channel != null) {
            clauses.add(Filters.or(Filters.eq("channel", channel), Filters.exists("channel", false)));
        }
        if (start != null) {
            clauses.add(Filters.gte("at", Date.from(start)));
        }
        if (end != null) {
            clauses.add(Filters.lt("at", Date.from(end)));
        }
        return clauses.isEmpty() ? new Document() : Filters.and(clauses);
    }
}
