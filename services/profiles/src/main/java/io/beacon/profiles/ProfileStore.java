package io.beacon.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.BankEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

/**
 * The customer profiles in MongoDB, one document per customer, changed only by single-document atomic updates
 * (the embedded MongoDB server and a sharded cluster both honour them).
 */
@Component
public class ProfileStore {

    /** How many applied event ids a profile remembers, to apply a redelivered event once. */
    private static final int REMEMBERED_EVENTS = 64;

    private final MongoCollection<Document> profiles;

    public ProfileStore(MongoDatabase database) {
        this.profiles = database.getCollection("profiles");
    }

    /** Applies the event once; returns the profile after it, or the unchanged profile when it was applied before. */
    public Document apply(String customerId, String eventId, BankEventType type, JsonNode data, Instant eventTime) {
        Document current = find(customerId).orElse(new Document());
        if (current.getList("appliedEvents", String.class, List.of()).contains(eventId)) {
            return current;
        }
        List<Bson> updates = new ArrayList<>(changes(type, data, eventTime, current));
        updates.add(Updates.setOnInsert("createdAt", Date.from(Instant.now())));
        updates.add(Updates.set("updatedAt", Date.from(Instant.now())));
        updates.add(Updates.pushEach("appliedEvents", List.of(eventId), new com.mongodb.client.model.PushOptions().slice(-REMEMBERED_EVENTS)));
        try {
            return profiles.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", customerId), Filters.ne("appliedEvents", eventId)),
                    Updates.combine(updates),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoWriteException e) {
            // The filter missed because the event was applied already; the upsert then collides with the profile.
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(customerId).orElseThrow();
            }
            throw e;
        }
    }

    public Optional<Document> find(String customerId) {
        return Optional.ofNullable(profiles.find(Filters.eq("_id", customerId)).first());
    }

    /** One customer's events arrive in order on one consumer (keyed partitions), so reading current state here is safe. */
    private static List<Bson> changes(BankEventType type, JsonNode data, Instant at, Document current) {
        List<Bson> set = new ArrayList<>();
        switch (type) {
            case CUSTOMER_UPDATED -> {
                for (String field : List.of("firstName", "birthDate", "country", "language", "timeZone", "segment", "relationshipManager")) {
                    if (data.hasNonNull(field)) {
                        set.add(Updates.set(field, data.get(field).asText()));
                    }
                }
                data.path("contactPoints").properties().forEach(e -> set.add(Updates.set("contactPoints." + e.getKey(), e.getValue().asText())));
                data.path("flags").properties().forEach(e -> set.add(Updates.set("flags." + e.getKey(), e.getValue().asBoolean())));
                if (data.has("preferredChannels")) {
                    List<String> channels = new ArrayList<>();
                    data.get("preferredChannels").forEach(c -> channels.add(c.asText()));
                    set.add(Updates.set("preferredChannels", channels));
                }
            }
            case RISK_PROFILE_ASSESSED -> set.add(Updates.set("riskProfile", new Document("tolerance", data.get("tolerance").asInt())
                    .append("knowledgeLevel", data.get("knowledgeLevel").asText())
                    .append("assessedAt", data.get("assessedAt").asText())));
            case TRANSACTION_POSTED -> {
                if ("SALARY".equals(data.path("category").asText()) && "CREDIT".equals(data.path("direction").asText())) {
                    // The previous amount is kept so that a trigger can tell a first or changed salary from a repeat.
                    Object previous = current.get("salary", new Document()).get("amount");
                    set.add(previous == null ? Updates.unset("salary.previousAmount") : Updates.set("salary.previousAmount", previous));
                    set.add(Updates.set("salary.amount", new Decimal128(data.get("amount").decimalValue())));
                    set.add(Updates.set("salary.currency", data.get("currency").asText()));
                    set.add(Updates.set("salary.lastCreditedAt", Date.from(at)));
                    set.add(Updates.set("tags.salaryCredited", Date.from(at)));
                }
            }
            case ACCOUNT_OPENED -> {
                set.add(Updates.addToSet("holdings", data.get("productCode").asText()));
                set.add(Updates.set("tags.accountOpened", Date.from(at)));
            }
            case PRODUCT_PURCHASED -> set.add(Updates.addToSet("holdings", data.get("productCode").asText()));
            case LOAN_REPAID -> {
                set.add(Updates.pull("holdings", data.get("productCode").asText()));
                set.add(Updates.set("tags.loanRepaid", Date.from(at)));
            }
            case DIGITAL_LOGIN -> {
                set.add(Updates.set("lastDigitalLogin", Date.from(at)));
                set.add(Updates.set("tags.digitalLogin", Date.from(at)));
            }
            case TERM_DEPOSIT_MATURING -> set.add(Updates.set("tags.termDepositMaturing", Date.from(at)));
            case CONSENT_CHANGED -> {
                // Consent is owned by the consent service; the profile only remembers a refusal of profiling (PIPL Art. 24).
                if ("profiling".equals(data.path("purpose").asText())) {
                    set.add(Updates.set("noProfiling", "WITHDRAWN".equals(data.path("status").asText())));
                }
            }
        }
        return set;
    }
}
