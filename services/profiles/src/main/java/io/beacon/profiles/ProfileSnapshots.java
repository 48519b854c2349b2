package io.beacon.profiles;

import io.beacon.contracts.ProfileSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;

/** Turns a stored profile into the snapshot decisions read: contact points reduced to which channels exist. */
public final class ProfileSnapshots {

    private ProfileSnapshots() {
    }

    static ProfileSnapshot of(Document p) {
        return of(p, Instant.now());
    }

    /** The profile as decisions see it at {@code at}: the persona tags that hold then. */
    public static ProfileSnapshot of(Document p, Instant at) {
        Document contacts = p.get("contactPoints", new Document());
        Set<String> contactChannels = new LinkedHashSet<>();
        if (contacts.containsKey("phone")) {
            contactChannels.add("sms");
        }
        if (contacts.containsKey("email")) {
            contactChannels.add("email");
        }
        if (contacts.containsKey("pushToken")) {
            contactChannels.add("push");
        }
        Document flags = p.get("flags", new Document());
        Document risk = p.get("riskProfile", Document.class);
        Document salary = p.get("salary", Document.class);
        Map<String, Instant> tags = new TreeMap<>();
        p.get("tags", new Document()).forEach((k, v) -> tags.put(k, ((Date) v).toInstant()));
        return new ProfileSnapshot(
                p.getString("_id"),
                null, // the age below says what decisions need: the birth date stays in the profile (ADR 0038)
                p.getString("country"),
                p.getString("language"),
                p.getString("timeZone"),
                p.getString("segment"),
                p.getString("relationshipManager"),
                p.getList("preferredChannels", String.class, List.of()),
                contactChannels,
                new ProfileSnapshot.Flags(flags.getBoolean("vulnerable", false), flags.getBoolean("inArrears", false),
                        flags.getBoolean("deceased", false), flags.getBoolean("minor", false)),
                risk == null ? null : new ProfileSnapshot.RiskProfile(risk.getInteger("tolerance"), risk.getString("knowledgeLevel"),
                        LocalDate.parse(risk.getString("assessedAt"))),
                salary == null ? null : new ProfileSnapshot.Salary(decimal(salary.get("amount")), salary.getString("currency"),
                        decimal(salary.get("previousAmount")), instant(salary.getDate("lastCreditedAt"))),
                Set.copyOf(p.getList("holdings", String.class, List.of())),
                tags,
                instant(p.getDate("lastDigitalLogin")),
                instant(p.getDate("createdAt")),
                p.getBoolean("noProfiling", false),
                activeTags(p.get("personaTags", new Document()), at),
                p.getString("birthDate") == null ? null
                        : java.time.Period.between(LocalDate.parse(p.getString("birthDate")), LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)).getYears());
    }

    /**
     * The persona tags that hold at {@code at}. Stored per tag as {@code {from, until}}: a tag holds from {@code from}
     * (inclusive) to {@code until} (exclusive; absent while nothing ends it), so one that passes its window without a new
     * event falls away on time, without a write.
     */
    public static Set<String> activeTags(Document personaTags, Instant at) {
        Set<String> active = new java.util.TreeSet<>();
        Date now = Date.from(at);
        personaTags.forEach((name, span) -> {
            if (span instanceof Document d && d.getDate("from") != null && !d.getDate("from").after(now)
                    && (d.getDate("until") == null || now.before(d.getDate("until")))) {
                active.add(name);
            }
        });
        return active;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof Decimal128 d ? d.bigDecimalValue() : null;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
