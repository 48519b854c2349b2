package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.api.erasure.ErasureReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What one service keeps about customers in its MongoDB database, declared once: how a customer's documents are found
 * (for erasure, GDPR Art. 17) and how old a document may grow (retention). Each service declares one bean of it; the
 * platform's erasure endpoint and retention job work from it, so a new collection is covered by adding one line.
 * A record the law requires (a decision, its suitability evidence, a consent change, a review) is not deleted on erasure
 * but kept under the customer's pseudonym, without what could identify them, for a limited time (ADR 0033).
 *
 * @param stores one entry per collection holding personal data
 */
public record PersonalData(List<Store> stores) {

    /** What erasure does to a customer's documents in a store. */
    public enum Erasure {
        /** deleted */
        DELETE,
        /** the customer field cleared, the rest kept: aggregate statistics (the funnel) survive */
        ANONYMISE,
        /**
         * kept because a law requires it: the customer field set to the pseudonym, identifying fields removed, the
         * customer id also replaced in the document's id, and a {@code keptUntil} date the retention job deletes it by
         */
        KEEP_PSEUDONYMISED
    }

    /** The field a kept document carries the date it is deleted by in. */
    public static final String KEPT_UNTIL = "keptUntil";

    /** Why decisions, suitability evidence and reviews outlive an erasure. */
    public static final String MIFID_RECORD_KEEPING = "MiFID II Art. 16(6) and Art. 25 record keeping; GDPR Art. 17(3)(b)";

    /**
     * What a kept store keeps after erasure, and for how long.
     *
     * @param period     how long after the erasure (shorter when the store's own retention ends first)
     * @param legalBasis the law that requires the record
     * @param removed    the fields removed because they could identify the person (free text, a note); dotted paths
     */
    public record Kept(Duration period, String legalBasis, List<String> removed) {
    }

    /**
     * @param collection the collection
     * @param customerFilter how the customer's documents are found
     * @param erasure delete them, clear {@code customerField}, or keep them under a pseudonym
     * @param customerField the field that holds the customer id: anonymisation clears it, keeping sets the pseudonym in it
     * @param timestampField the date field retention reads (null: kept until erased)
     * @param retention how long a document is kept after {@code timestampField} (null: kept until erased)
     * @param kept what erasure keeps, for {@link Erasure#KEEP_PSEUDONYMISED}; null otherwise
     */
    public record Store(String collection, java.util.function.Function<String, Bson> customerFilter, Erasure erasure, String customerField,
                        String timestampField, Duration retention, Kept kept) {

        /** Documents that name no customer (de-duplication keys, say): under retention only, untouched by erasure. */
        public static Store withoutCustomer(String collection) {
            return new Store(collection, null, Erasure.DELETE, null, null, null, null);
        }

        /** Documents whose {@code field} is the customer id, deleted on erasure. */
        public static Store byField(String collection, String field) {
            return new Store(collection, id -> Filters.eq(field, id), Erasure.DELETE, field, null, null, null);
        }

        /** Documents whose id starts with {@code customerId + separator} (counters keyed by customer and period). */
        public static Store byIdPrefix(String collection, String separator) {
            return new Store(collection, id -> Filters.regex("_id", "^" + Pattern.quote(id + separator)), Erasure.DELETE, null, null, null, null);
        }

        /** The customer field cleared on erasure, the document kept. */
        public Store anonymised(String field) {
            return new Store(collection, customerFilter, Erasure.ANONYMISE, field, timestampField, retention, null);
        }

        /**
         * Kept on erasure under the customer's pseudonym (in the field the store was declared {@link #byField by}),
         * without the {@code removed} fields, for {@code period} after the erasure at most, then deleted by the
         * retention job.
         */
        public Store keptAfterErasure(Duration period, String legalBasis, String... removed) {
            if (customerField == null) {
                throw new IllegalStateException(collection + ": only a store declared by its customer field can be kept under a pseudonym");
            }
            return new Store(collection, customerFilter, Erasure.KEEP_PSEUDONYMISED, customerField, timestampField, retention,
                    new Kept(period, legalBasis, List.of(removed)));
        }

        /** Deleted once {@code field} (a date) is older than {@code period}, by the retention job. */
        public Store keptFor(Duration period, String field) {
            return new Store(collection, customerFilter, erasure, customerField, field, period, kept);
        }
    }

    public static PersonalData of(Store... stores) {
        return new PersonalData(List.of(stores));
    }

    /** Several declarations of one service (a shared library's and the service's own) as one. */
    public static PersonalData merged(java.util.stream.Stream<PersonalData> declarations) {
        return new PersonalData(declarations.flatMap(d -> d.stores().stream()).toList());
    }

    /** The periods of {@code beacon.retention.*}, for services to declare their stores with. */
    public static Duration retention(org.springframework.core.env.Environment environment, String kind) {
        Duration period = environment.getProperty("beacon.retention." + kind, Duration.class);
        if (period == null) {
            throw new IllegalStateException("no retention period beacon.retention." + kind);
        }
        return period;
    }

    /**
     * Erases one customer from every store that names them: what was deleted, anonymised or kept (with why and until
     * when), per {@code database.collection}. Idempotent: a second call deletes nothing and reports what is kept.
     */
    public ErasureReport erase(MongoDatabase database, String service, String customerId, Pseudonyms pseudonyms, Instant now) {
        var report = new LinkedHashMap<String, ErasureReport.Store>();
        for (Store store : stores) {
            if (store.customerFilter() == null) {
                continue;
            }
            var collection = database.getCollection(store.collection());
            Bson filter = store.customerFilter().apply(customerId);
            ErasureReport.Store done = switch (store.erasure()) {
                case DELETE -> ErasureReport.Store.deleted(collection.deleteMany(filter).getDeletedCount());
                case ANONYMISE -> ErasureReport.Store.anonymised(collection.updateMany(filter, Updates.set(store.customerField(), null)).getModifiedCount());
                case KEEP_PSEUDONYMISED -> keep(collection, store, customerId, pseudonyms.of(customerId), now);
            };
            report.merge(database.getName() + "." + store.collection(), done, (a, b) -> new ErasureReport.Store(a.action(),
                    a.documents() + b.documents(), a.legalBasis(), a.keptUntil(), a.removed()));
        }
        return new ErasureReport(service, report);
    }

    /**
     * Each of the customer's documents rewritten under the pseudonym, without the removed fields, with its
     * {@code keptUntil}. A document whose id names the customer ({@code erasure:C-1}) moves to the same id with the
     * pseudonym in its place: written first, then the original deleted, so that a crash in between leaves a copy the
     * next erasure finishes.
     */
    private static ErasureReport.Store keep(com.mongodb.client.MongoCollection<Document> collection, Store store, String customerId,
                                            String pseudonym, Instant now) {
        Kept kept = store.kept();
        for (Document original : collection.find(store.customerFilter().apply(customerId))) {
            var document = new Document(original);
            document.put(store.customerField(), pseudonym);
            kept.removed().forEach(path -> remove(document, path));
            Instant until = now.plus(kept.period());
            if (store.retention() != null && original.get(store.timestampField()) instanceof Date written
                    && written.toInstant().plus(store.retention()).isBefore(until)) {
                until = written.toInstant().plus(store.retention());
            }
            document.put(KEPT_UNTIL, Date.from(until));
            Object id = original.get("_id");
            if (id instanceof String text && text.contains(customerId)) {
                document.put("_id", text.replace(customerId, pseudonym));
                try {
                    collection.insertOne(document);
                } catch (com.mongodb.MongoWriteException e) {
                    if (e.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    // kept by an earlier erasure already: that copy stays as it was
                }
                collection.deleteOne(Filters.eq("_id", id));
            } else {
                collection.replaceOne(Filters.eq("_id", id), document);
            }
        }
        long documents = 0;
        Instant latest = null;
        for (Document k : collection.find(store.customerFilter().apply(pseudonym)).projection(new Document(KEPT_UNTIL, 1))) {
            documents++;
            Instant until = k.getDate(KEPT_UNTIL) == null ? null : k.getDate(KEPT_UNTIL).toInstant();
            if (until != null && (latest == null || until.isAfter(latest))) {
                latest = until;
            }
        }
        return new ErasureReport.Store("kept", documents, kept.legalBasis(), latest, kept.removed());
    }

    /** Removes a field, or a dotted path into nested documents. */
    private static void remove(Document document, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            document.remove(path);
        } else if (document.get(path.substring(0, dot)) instanceof Document nested) {
            remove(nested, path.substring(dot + 1));
        }
    }

    /** Deletes what outlived its retention period: collection to documents deleted. */
    public Map<String, Long> enforceRetention(MongoDatabase database, Instant now) {
        var report = new LinkedHashMap<String, Long>();
        for (Store store : stores) {
            if (store.retention() == null) {
                continue;
            }
            long deleted = database.getCollection(store.collection())
                    .deleteMany(Filters.lt(store.timestampField(), Date.from(now.minus(store.retention())))).getDeletedCount();
            report.merge(store.collection(), deleted, Long::sum);
        }
        for (Store store : stores) {
            if (store.kept() == null) {
                continue;
            }
            // what was kept after an erasure goes when its time is up, whatever the store's own retention says
            long deleted = database.getCollection(store.collection()).deleteMany(Filters.lt(KEPT_UNTIL, Date.from(now))).getDeletedCount();
            report.merge(store.collection(), deleted, Long::sum);
        }
        return report;
    }
}
