package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counters kept per hour from the outcomes: the same sums as counting the outcomes themselves, however they arrive. */
class OutcomeCountsTest {

    private static final MemoryMongo MONGO = new MemoryMongo();
    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    private final OutcomeCounts counts = new OutcomeCounts(MONGO.database());

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @BeforeEach
    void empty() {
        MONGO.database().drop();
    }

    private static Document outcome(OutcomeType type, String journey, String channel, ReasonCode reason, Instant at, MeasurementGroup group) {
        var outcome = new OfferOutcome(type, "C1", journey, "1", "Task_X", "SalaryCredited", "EASY_SAVER", channel, reason, null,
                "evt-" + at + type + channel, "d-1", at).measured(group, null, null);
        return OutcomeStore.document(outcome.eventId(), outcome, at);
    }

    private static final List<Document> HISTORY = List.of(
            outcome(OutcomeType.SENT, "first-salary", "sms", null, NINE.plusSeconds(60), MeasurementGroup.TREATMENT),
            outcome(OutcomeType.SENT, "first-salary", "sms", null, NINE.plusSeconds(3_000), MeasurementGroup.TREATMENT),
            outcome(OutcomeType.SENT, "first-salary", "push", null, NINE.plusSeconds(3_700), MeasurementGroup.TREATMENT),
            outcome(OutcomeType.SUPPRESSED, "first-salary", "sms", ReasonCode.NO_CONSENT, NINE.plusSeconds(4_000), MeasurementGroup.TREATMENT),
            outcome(OutcomeType.HELD_OUT, "first-salary", null, ReasonCode.HOLDOUT, NINE.plusSeconds(10), MeasurementGroup.HOLDOUT),
            outcome(OutcomeType.SENT, "spend-abroad-travel-card", "push", null, NINE.plusSeconds(20), MeasurementGroup.TREATMENT));

    @Test
    void sumsByWhatIsAskedWithinTheHoursAsked() {
        HISTORY.forEach(counts::add);

        assertThat(byType(counts.sum(new Document(), null, null, List.of("type")))).isEqualTo(Map.of("SENT", 4L, "SUPPRESSED", 1L, "HELD_OUT", 1L));
        assertThat(byType(counts.sum(Filters.eq("journey", "first-salary"), NINE, NINE.plusSeconds(3_600), List.of("type"))))
                .isEqualTo(Map.of("SENT", 2L, "HELD_OUT", 1L));
        assertThat(byType(counts.sum(Filters.and(Filters.eq("channel", "sms")), null, null, List.of("type", "reason"))))
                .isEqualTo(Map.of("SENT", 2L, "SUPPRESSED", 1L));
        assertThat(counts.sum(Filters.eq("group", "HOLDOUT"), null, null, List.of("journey", "group")))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("journey", "first-salary").containsEntry("count", 1L));
    }

    @Test
    void rebuildingFromTheStoredOutcomesGivesTheSameCounters() {
        HISTORY.forEach(counts::add);
        List<Document> kept = counts.sum(new Document(), null, null, OutcomeCounts.DIMENSIONS);
        MONGO.database().getCollection(OutcomeStore.OUTCOMES).insertMany(HISTORY.stream().map(Document::new).toList());
        counts.add(HISTORY.getFirst()); // a count made twice by a crash

        counts.rebuild();

        assertThat(counts.sum(new Document(), null, null, OutcomeCounts.DIMENSIONS)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(MONGO.database().getCollection(OutcomeStore.OUTCOMES).countDocuments(Filters.eq("counted", true))).isEqualTo(HISTORY.size());
    }

    private static Map<String, Long> byType(List<Document> sums) {
        return sums.stream().collect(Collectors.toMap(d -> d.getString("type"), d -> d.getLong("count"), Long::sum));
    }
}
