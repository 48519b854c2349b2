package io.beacon.profiles.tags;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BankEventType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.kie.dmn.feel.FEEL;

/**
 * One loaded version of the tag definitions, and the upkeep of a profile's persona tags as each event is applied.
 *
 * <p>Per tag the profile keeps the least that answers it ({@code tagState.<name>}): for a count or a sum, one bucket per
 * local calendar day that saw a matching event ({@code {d: epoch day, n: count, s: sum}}), only the days still inside
 * the window; for an absence, the last local day a matching event was seen. The answer is written as
 * {@code personaTags.<name> = {from, until}} (ADR 0022): the tag holds from {@code from} (inclusive) until
 * {@code until} (exclusive, absent while nothing ends it), so a window that passes without a new event ends the tag
 * on time with no write, and an absence tag starts on time.
 *
 * <p>Windows are calendar days in the customer's own time zone (profile {@code timeZone}, UTC when absent or unknown):
 * "in the last N days" on local day T covers the local days T-N+1 to T, and a day leaves the window at the local
 * midnight that starts day T+1, whatever a DST change makes of that instant.
 */
public final class PersonaTags {

    private static final PersonaTags NONE = new PersonaTags("none", Instant.EPOCH, List.of(), null);

    private final String version;
    private final Instant loadedAt;
    private final List<TagDefinition> definitions;
    private final Map<BankEventType, List<TagDefinition>> byEvent = new EnumMap<>(BankEventType.class);
    private final List<TagDefinition> ageBands = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final FEEL feel;

    PersonaTags(String version, Instant loadedAt, List<TagDefinition> definitions, FEEL feel) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.definitions = List.copyOf(definitions);
        this.feel = feel;
        for (TagDefinition d : definitions) {
            names.add(d.name());
            if (d.kind() == TagDefinition.Kind.ageBand) {
                ageBands.add(d);
            } else {
                byEvent.computeIfAbsent(d.event(), e -> new ArrayList<>()).add(d);
            }
        }
    }

    /** No definitions: profiles keep no persona tags. */
    public static PersonaTags none() {
        return NONE;
    }

    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public List<TagDefinition> definitions() {
        return definitions;
    }

    /** The names of the loaded definitions. */
    public Set<String> names() {
        return Set.copyOf(names);
    }

    /**
     * Brings the profile's persona tags up to date with one applied event. A customer who refused profiling keeps
     * none, and no state for them either (PIPL Art. 24).
     */
    public void upkeep(Document profile, BankEventType type, JsonNode data, Instant at) {
        if (profile.getBoolean("noProfiling", false)) {
            profile.remove("personaTags");
            profile.remove("tagState");
            return;
        }
        if (definitions.isEmpty() && !profile.containsKey("personaTags") && !profile.containsKey("tagState")) {
            return;
        }
        Document tags = profile.get("personaTags", new Document());
        Document state = profile.get("tagState", new Document());
        // a definition that is gone takes its tag and state with it
        tags.keySet().retainAll(names);
        state.keySet().retainAll(names);
        ZoneId zone = zone(profile.getString("timeZone"));

        for (TagDefinition d : ageBands) {
            ageBand(d, profile, zone, tags);
        }
        List<TagDefinition> matching = byEvent.getOrDefault(type, List.of());
        Map<String, Object> inputs = matching.isEmpty() ? null : inputs(type, data, profile);
        for (TagDefinition d : matching) {
            Document s = stateOf(d, state, at);
            if (!matches(d, inputs)) {
                continue;
            }
            long day = LocalDate.ofInstant(at, zone).toEpochDay();
            switch (d.kind()) {
                case count, sum -> {
                    if (d.kind() == TagDefinition.Kind.sum && !data.path(d.sumOf()).isNumber()) {
                        continue;
                    }
                    BigDecimal amount = d.kind() == TagDefinition.Kind.sum ? data.get(d.sumOf()).decimalValue() : BigDecimal.ONE;
                    if (count(d, s, day, amount)) {
                        answer(d, s, tags, zone, day, at);
                    }
                }
                case absence -> {
                    Long last = s.getBoolean("seen", false) ? s.getLong("last") : null;
                    s.put("last", last == null ? day : Math.max(last, day));
                    s.put("seen", true);
                }
                case ageBand -> throw new IllegalStateException("an age band counts no events");
            }
        }
        // an absence tag watches from the first event applied under its definition (ADR 0022)
        for (TagDefinition d : definitions) {
            if (d.kind() == TagDefinition.Kind.absence) {
                Document s = stateOf(d, state, at);
                if (s.getLong("last") == null) {
                    s.put("last", LocalDate.ofInstant(at, zone).toEpochDay());
                }
                tags.put(d.name(), new Document("from", startOf(s.getLong("last") + d.windowDays(), zone)));
            }
        }
        put(profile, "personaTags", tags);
        put(profile, "tagState", state);
    }

    private static void put(Document profile, String field, Document value) {
        if (value.isEmpty()) {
            profile.remove(field);
        } else {
            profile.put(field, value);
        }
    }

    private boolean matches(TagDefinition d, Map<String, Object> inputs) {
        if (d.condition() == null) {
            return true;
        }
        return Boolean.TRUE.equals(feel.evaluate(d.condition(), inputs));
    }

    /**
     * The tag's state, started afresh when there is none or it was kept for another condition. {@code since} is when it
     * began: the events before it were not counted live, which is what a back-fill adds (and then sets it to the epoch).
     */
    private static Document stateOf(TagDefinition d, Document state, Instant at) {
        Document s = state.get(d.name(), Document.class);
        if (s == null || !d.fingerprint().equals(s.getString("def"))) {
            s = new Document("def", d.fingerprint()).append("since", Date.from(at));
            state.put(d.name(), s);
        }
        return s;
    }

    /**
     * A count or a sum: adds an event to its day's bucket and drops the days out of the window. Returns false for a
     * late event whose day has already left the window.
     */
    private static boolean count(TagDefinition d, Document s, long day, BigDecimal amount) {
        List<Document> kept = s.getList("days", Document.class, List.of());
        long newest = Math.max(day, kept.stream().mapToLong(b -> b.getLong("d")).max().orElse(day));
        long firstDay = newest - d.windowDays() + 1;
        if (day < firstDay) {
            return false;
        }
        List<Document> buckets = new ArrayList<>();
        for (Document b : kept) {
            if (b.getLong("d") >= firstDay) {
                buckets.add(b);
            }
        }
        Document bucket = buckets.stream().filter(b -> b.getLong("d") == day).findFirst().orElse(null);
        if (bucket == null) {
            bucket = new Document("d", day).append("n", 0).append("s", new Decimal128(BigDecimal.ZERO));
            buckets.add(bucket);
        }
        bucket.put("n", bucket.getInteger("n") + 1);
        bucket.put("s", new Decimal128(bucket.get("s", Decimal128.class).bigDecimalValue().add(amount)));
        buckets.sort((a, b) -> Long.compare(a.getLong("d"), b.getLong("d")));
        s.put("days", buckets);
        return true;
    }

    /** A count or a sum as of {@code at} (local day {@code today}): {from, until}, or no tag. */
    private static void answer(TagDefinition d, Document s, Document tags, ZoneId zone, long today, Instant at) {
        long firstDay = today - d.windowDays() + 1;
        List<Document> buckets = new ArrayList<>(s.getList("days", Document.class, List.of()).stream()
                .filter(b -> b.getLong("d") >= firstDay && b.getLong("d") <= today).toList());
        // From the newest day back: the day whose bucket brings the total to the threshold is the one whose leaving
        // the window ends the tag.
        BigDecimal total = BigDecimal.ZERO;
        Long endingDay = null;
        for (int i = buckets.size() - 1; i >= 0; i--) {
            Document b = buckets.get(i);
            total = total.add(d.kind() == TagDefinition.Kind.sum ? b.get("s", Decimal128.class).bigDecimalValue()
                    : BigDecimal.valueOf(b.getInteger("n")));
            if (total.compareTo(d.atLeast()) >= 0) {
                endingDay = b.getLong("d");
                break;
            }
        }
        if (endingDay == null) {
            tags.remove(d.name());
            return;
        }
        Date until = startOf(endingDay + d.windowDays(), zone);
        Document held = tags.get(d.name(), Document.class);
        Date from = held != null && holds(held, at) ? held.getDate("from") : Date.from(at);
        if (!until.after(Date.from(at))) {
            tags.remove(d.name());
            return;
        }
        tags.put(d.name(), new Document("from", from).append("until", until));
    }

    /** A recorded event of one customer, as a back-fill replays it. */
    public record Recorded(BankEventType type, JsonNode data, Instant at) {
    }

    /**
     * Back-fills one tag of one profile from its recorded events (in event order): those before the tag's live state
     * began ({@code since}) are added to it, and the tag is answered as of {@code now}. The state's {@code since} is
     * then set to the epoch, so running the back-fill again adds nothing. Returns whether the profile changed; a
     * customer who refused profiling gets nothing.
     */
    public boolean backfill(Document profile, String tagName, List<Recorded> recorded, Instant now) {
        TagDefinition d = definitions.stream().filter(t -> t.name().equals(tagName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tag " + tagName));
        if (profile.getBoolean("noProfiling", false)) {
            return false;
        }
        Document tags = profile.get("personaTags", new Document());
        Document state = profile.get("tagState", new Document());
        ZoneId zone = zone(profile.getString("timeZone"));
        long today = LocalDate.ofInstant(now, zone).toEpochDay();
        if (d.kind() == TagDefinition.Kind.ageBand) {
            ageBand(d, profile, zone, tags);
        } else {
            Document s = state.get(d.name(), Document.class);
            if (s == null || !d.fingerprint().equals(s.getString("def"))) {
                // no live state yet: every event applied since these definitions were loaded will be counted live
                s = new Document("def", d.fingerprint()).append("since", Date.from(loadedAt));
                state.put(d.name(), s);
            }
            Date since = s.getDate("since");
            Map<String, Object> inputs;
            // the tag as the live upkeep would have answered it at each recorded event: when it began to hold
            Document replayed = new Document();
            for (Recorded r : recorded) {
                if (r.type() != d.event()) {
                    continue;
                }
                inputs = inputs(r.type(), r.data(), profile);
                if (!matches(d, inputs)) {
                    continue;
                }
                // counted live already when at or after the live state began: only looked at, for when the tag began
                boolean countedLive = since != null && !r.at().isBefore(since.toInstant());
                long day = LocalDate.ofInstant(r.at(), zone).toEpochDay();
                if (d.kind() == TagDefinition.Kind.absence) {
                    if (!countedLive) {
                        Long last = s.getBoolean("seen", false) ? s.getLong("last") : null;
                        s.put("last", last == null ? day : Math.max(last, day));
                        s.put("seen", true);
                    }
                } else if (d.kind() == TagDefinition.Kind.count || r.data().path(d.sumOf()).isNumber()) {
                    if (!countedLive) {
                        count(d, s, day, d.kind() == TagDefinition.Kind.sum ? r.data().get(d.sumOf()).decimalValue() : BigDecimal.ONE);
                    }
                    answer(d, s, replayed, zone, day, r.at());
                }
            }
            // a streak the recorded events began that still holds now began before any the live upkeep saw
            Document earlier = replayed.get(d.name(), Document.class);
            if (earlier != null && holds(earlier, now)) {
                Document live = tags.get(d.name(), Document.class);
                if (live == null || !holds(live, now) || earlier.getDate("from").before(live.getDate("from"))) {
                    tags.put(d.name(), earlier);
                }
            }
            s.put("since", Date.from(Instant.EPOCH));
            if (d.kind() == TagDefinition.Kind.absence) {
                if (s.getLong("last") == null) {
                    s.put("last", today);
                }
                tags.put(d.name(), new Document("from", startOf(s.getLong("last") + d.windowDays(), zone)));
            } else {
                answer(d, s, tags, zone, today, now);
            }
        }
        put(profile, "personaTags", tags);
        put(profile, "tagState", state);
        return true;
    }

    private static boolean holds(Document span, Instant at) {
        Date now = Date.from(at);
        return span.getDate("from") != null && !span.getDate("from").after(now)
                && (span.getDate("until") == null || now.before(span.getDate("until")));
    }

    /** From the local midnight of the minAge-th birthday to that of the (maxAge+1)-th; none without a birth date. */
    private static void ageBand(TagDefinition d, Document profile, ZoneId zone, Document tags) {
        LocalDate birth;
        try {
            birth = profile.getString("birthDate") == null ? null : LocalDate.parse(profile.getString("birthDate"));
        } catch (DateTimeException e) {
            birth = null;
        }
        if (birth == null) {
            tags.remove(d.name());
            return;
        }
        // plusYears keeps a 29 February birthday on 28 February in a common year
        tags.put(d.name(), new Document("from", startOf(birth.plusYears(d.minAge()).toEpochDay(), zone))
                .append("until", startOf(birth.plusYears(d.maxAge() + 1L).toEpochDay(), zone)));
    }

    /** The event's fields and the customer's attributes, as the FEEL conditions name them. */
    private static Map<String, Object> inputs(BankEventType type, JsonNode data, Document profile) {
        Map<String, Object> inputs = new HashMap<>();
        // every field the event may carry is a variable, null when this event lacks it
        for (String field : TagDefinitionLoader.eventFields(type).keySet()) {
            JsonNode v = data.path(field);
            inputs.put(field, v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue()
                    : v.isMissingNode() || v.isNull() ? null : v.asText());
        }
        TagDefinitionLoader.CUSTOMER_ATTRIBUTES.forEach((variable, field) -> inputs.put(variable, profile.getString(field)));
        return inputs;
    }

    static Date startOf(long epochDay, ZoneId zone) {
        return Date.from(LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant());
    }

    static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
