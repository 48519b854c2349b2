package io.beacon.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.platform.ContactPointProtection;
import io.beacon.profiles.tags.PersonaTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The customer profiles in MongoDB, one document per customer. A consumed batch is applied in memory, in event
 * order, and written back with one bulk write: one read and one write per batch instead of two per event.
 * Each document carries a version; a write expects the version it read, so a second writer (a partition moved
 * mid-batch) fails the batch, which is then consumed again, instead of overwriting.
 */
public class ProfileStore {

    /** How many applied event ids a profile remembers, to apply a redelivered event once. */
    static final int REMEMBERED_EVENTS = 64;

    private final MongoCollection<Document> profiles;
    private final ContactPointProtection protection;
    private final SealedFields sealed;
    private final Supplier<PersonaTags> tags;

    public ProfileStore(MongoDatabase database, ContactPointProtection protection) {
        this(database, protection, PersonaTags::none);
    }

    /** @param tags the tag definitions serving now (they hot-reload), read once per batch */
    public ProfileStore(MongoDatabase database, ContactPointProtection protection, Supplier<PersonaTags> tags) {
        this.profiles = database.getCollection("profiles");
        this.protection = protection;
        this.sealed = new SealedFields(protection);
        this.tags = tags;
    }

    /**
     * Indexes on the blind indexes an inbound STOP and a refused push token search by: without them each look-up reads
     * every profile, and a STOP's answer (with the opt-out behind it) grows with the customer base. Idempotent.
     */
    public void ensureIndexes() {
        profiles.createIndex(com.mongodb.client.model.Indexes.ascending("contactIndex.phone"));
        profiles.createIndex(com.mongodb.client.model.Indexes.ascending("contactIndex.pushToken"));
    }

    /** One accepted event for one customer. */
    public record Change(String customerId, String eventId, BankEventType type, JsonNode data, Instant at) {
    }

    public ProfileSnapshot apply(String customerId, String eventId, BankEventType type, JsonNode data, Instant at) {
        return applyAll(List.of(new Change(customerId, eventId, type, data, at))).get(0);
    }

    /** Applies each event once, in order; returns the profile as it was right after each event. */
    public List<ProfileSnapshot> applyAll(List<Change> changes) {
        var ids = changes.stream().map(Change::customerId).distinct().toList();
        Map<String, Document> current = load(ids);
        Map<String, Long> readVersions = new LinkedHashMap<>();
        current.forEach((id, d) -> readVersions.put(id, d.getLong("version")));

        PersonaTags definitions = tags.get();
        var snapshots = new ArrayList<ProfileSnapshot>(changes.size());
        var changed = new LinkedHashSet<String>();
        for (Change change : changes) {
            Document profile = current.computeIfAbsent(change.customerId(),
                    id -> new Document("_id", id).append("createdAt", Date.from(Instant.now())));
            List<String> applied = new ArrayList<>(profile.getList("appliedEvents", String.class, List.of()));
            if (!applied.contains(change.eventId())) {
                ProfileChanges.apply(profile, change.type(), change.data(), change.at(), protection);
                definitions.upkeep(profile, change.type(), change.data(), change.at());
                applied.add(change.eventId());
                profile.put("appliedEvents", applied.subList(Math.max(0, applied.size() - REMEMBERED_EVENTS), applied.size()));
                profile.put("updatedAt", Date.from(Instant.now()));
                changed.add(change.customerId());
            }
            snapshots.add(ProfileSnapshots.of(profile));
        }

        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String id : changed) {
            Document profile = current.get(id);
            Long read = readVersions.get(id);
            profile.put("version", read == null ? 1L : read + 1);
            var expected = read == null ? Filters.and(Filters.eq("_id", id), Filters.exists("version", false))
                    : Filters.and(Filters.eq("_id", id), Filters.eq("version", read));
            // A new profile is inserted by the upsert; an existing one whose version moved makes the upsert collide
            // on _id, which fails the batch.
            writes.add(new ReplaceOneModel<>(expected, sealed.forStorage(profile), new ReplaceOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            profiles.bulkWrite(writes);
        }
        return snapshots;
    }

    /** The stored profiles of a batch's customers, by id. */
    protected Map<String, Document> load(List<String> customerIds) {
        Map<String, Document> loaded = new LinkedHashMap<>();
        profiles.find(Filters.in("_id", customerIds)).forEach(d -> loaded.put(d.getString("_id"), sealed.opened(d)));
        return loaded;
    }

    /**
     * The customers with this phone number: an inbound STOP suppresses the number, whoever holds it. Found through the
     * blind index; nothing is decrypted.
     */
    public List<String> customersWithPhone(String phone) {
        List<String> ids = new ArrayList<>();
        profiles.find(Filters.eq("contactIndex.phone", protection.blindIndex("phone", phone))).projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** A customer's contact points in clear, for the channel services right before a send. */
    public Map<String, String> contactPoints(Document profile) {
        Map<String, String> clear = new LinkedHashMap<>();
        profile.get("contactPoints", new Document()).forEach((kind, sealed) ->
                clear.put(kind, protection.open(profile.getString("_id"), kind, String.valueOf(sealed))));
        return clear;
    }

    /**
     * FCM said the app is gone from that device (UNREGISTERED): the token is removed, but only if it is still the one
     * on the profile (found by its blind index), so a token the app registered since is kept. Returns whether it was removed.
     */
    public boolean removePushToken(String customerId, String token) {
        return profiles.updateOne(Filters.and(Filters.eq("_id", customerId), Filters.eq("contactIndex.pushToken", protection.blindIndex("pushToken", token))),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.unset("contactPoints.pushToken"),
                        com.mongodb.client.model.Updates.unset("contactIndex.pushToken"))).getModifiedCount() == 1;
    }

    /**
     * A refusal (or a renewed grant) of profiling recorded at the consent service. Only a profile that exists takes it:
     * one made later starts from a bank system's consent events, and consent stays the authority either way.
     * Returns whether a profile took it.
     */
    public boolean recordProfiling(String customerId, boolean granted) {
        // A refusal takes the persona tags and their state with it (PIPL Art. 24); a renewed grant starts them afresh.
        // The version moves, so a batch that read the profile before fails and is applied again on top of this.
        var update = granted ? com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("noProfiling", false),
                com.mongodb.client.model.Updates.inc("version", 1L))
                : com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("noProfiling", true),
                com.mongodb.client.model.Updates.unset("personaTags"), com.mongodb.client.model.Updates.unset("tagState"),
                com.mongodb.client.model.Updates.inc("version", 1L));
        return profiles.updateOne(Filters.eq("_id", customerId), update).getMatchedCount() == 1;
    }

    public Optional<Document> find(String customerId) {
        return Optional.ofNullable(sealed.opened(profiles.find(Filters.eq("_id", customerId)).first()));
    }

    /** How each event type changes a profile document. */
    static final class ProfileChanges {

        private ProfileChanges() {
        }

        static void apply(Document profile, BankEventType type, JsonNode data, Instant at, ContactPointProtection protection) {
            switch (type) {
                case CUSTOMER_UPDATED -> {
                    for (String field : List.of("firstName", "birthDate", "country", "language", "timeZone", "segment", "relationshipManager")) {
                        if (data.hasNonNull(field)) {
                            profile.put(field, data.get(field).asText());
                        }
                    }
                    // sealed at rest, bound to the customer and kind; the blind index finds them without decrypting
                    Document contacts = profile.get("contactPoints", new Document());
                    Document index = profile.get("contactIndex", new Document());
                    data.path("contactPoints").properties().forEach(e -> {
                        String customerId = profile.getString("_id");
                        contacts.put(e.getKey(), protection.seal(customerId, e.getKey(), e.getValue().asText()));
                        index.put(e.getKey(), protection.blindIndex(e.getKey(), e.getValue().asText()));
                    });
                    if (!contacts.isEmpty()) {
                        profile.put("contactPoints", contacts);
                        profile.put("contactIndex", index);
                    }
                    Document flags = profile.get("flags", new Document());
                    data.path("flags").properties().forEach(e -> flags.put(e.getKey(), e.getValue().asBoolean()));
                    if (!flags.isEmpty()) {
                        profile.put("flags", flags);
                    }
                    if (data.has("preferredChannels")) {
                        List<String> channels = new ArrayList<>();
                        data.get("preferredChannels").forEach(c -> channels.add(c.asText()));
                        profile.put("preferredChannels", channels);
                    }
                }
                case RISK_PROFILE_ASSESSED -> profile.put("riskProfile", new Document("tolerance", data.get("tolerance").asInt())
                        .append("knowledgeLevel", data.get("knowledgeLevel").asText())
                        .append("assessedAt", data.get("assessedAt").asText()));
                case TRANSACTION_POSTED -> {
                    if ("SALARY".equals(data.path("category").asText()) && "CREDIT".equals(data.path("direction").asText())) {
                        // The previous amount is kept so that a trigger can tell a first or changed salary from a repeat.
                        Document salary = profile.get("salary", new Document());
                        Object previous = salary.get("amount");
                        salary.remove("previousAmount");
                        if (previous != null) {
                            salary.put("previousAmount", previous);
                        }
                        salary.put("amount", new Decimal128(data.get("amount").decimalValue()));
                        salary.put("currency", data.get("currency").asText());
                        salary.put("lastCreditedAt", Date.from(at));
                        profile.put("salary", salary);
                        tag(profile, "salaryCredited", at);
                    }
                }
                case ACCOUNT_OPENED -> {
                    hold(profile, data.get("productCode").asText(), true);
                    tag(profile, "accountOpened", at);
                }
                case PRODUCT_PURCHASED -> hold(profile, data.get("productCode").asText(), true);
                case LOAN_REPAID -> {
                    hold(profile, data.get("productCode").asText(), false);
                    tag(profile, "loanRepaid", at);
                }
                case DIGITAL_LOGIN -> {
                    if (profile.get("lastDigitalLogin") == null) {
                        tag(profile, "firstDigitalLogin", at);
                    }
                    profile.put("lastDigitalLogin", Date.from(at));
                    tag(profile, "digitalLogin", at);
                }
                case TERM_DEPOSIT_MATURING -> tag(profile, "termDepositMaturing", at);
                case CONSENT_CHANGED -> {
                    // Consent is owned by the consent service; the profile only remembers a refusal of profiling (PIPL Art. 24).
                    if ("profiling".equals(data.path("purpose").asText())) {
                        profile.put("noProfiling", "WITHDRAWN".equals(data.path("status").asText()));
                    }
                }
            }
        }

        private static void tag(Document profile, String tag, Instant at) {
            Document tags = profile.get("tags", new Document());
            tags.put(tag, Date.from(at));
            profile.put("tags", tags);
        }

        private static void hold(Document profile, String productCode, boolean holds) {
            var holdings = new LinkedHashSet<>(profile.getList("holdings", String.class, List.of()));
            if (holds) {
                holdings.add(productCode);
            } else {
                holdings.remove(productCode);
            }
            profile.put("holdings", new ArrayList<>(holdings));
        }
    }
}
