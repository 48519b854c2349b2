package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;

/**
 * What one service keeps about customers in its MongoDB database, declared once: how a customer's documents are found
 * (for erasure, GDPR Art. 17) and how old a document may grow (retention). Each service declares one bean of it; the
 * platform's erasure endpoint and retention job work from it, so a new collection is covered by adding one line.
 *
 * @param stores one entry per collection holding personal data
 */
public record PersonalData(List<Store> stores) {

    /** What erasure does to a customer's documents in a store. */
    public enum Erasure {
        /** deleted */
        DELETE,
        /** the customer field cleared, the rest kept: aggregate statistics (the funnel) survive */
        ANONYMISE
    }

    /**
     * @param collection the collection
     * @param customerFilter how the customer's documents are found
     * @param erasure delete them, or clear {@code customerField}
     * @param customerField the field anonymisation clears (null when erasure deletes)
     * @param timestampField the date field retention reads (null: kept until erased)
     * @param retention how long a document is kept after {@code timestampField} (null: kept until erased)
     */
    public record Store(String collection, java.util.function.Function<String, Bson> customerFilter, Erasure erasure, String customerField,
                        String timestampField, Duration retention) {

        /** Documents that name no customer (de-duplication keys, say): under retention only, untouched by erasure. */
        public static Store withoutCustomer(String collection) {
            return new Store(collection, null, Erasure.DELETE, null, null, null);
        }

        /** Documents whose {@code field} is the customer id, deleted on erasure. */
        public static Store byField(String collection, String field) {
            return new Store(collection, id -> Filters.eq(field, id), Erasure.DELETE, null, null, null);
        }

        /** Documents whose id starts with {@code customerId + separator} (counters keyed by customer and period). */
        public static Store byIdPrefix(String collection, String separator) {
            return new Store(collection, id -> Filters.regex("_id", "^" + Pattern.quote(id + separator)), Erasure.DELETE, null, null, null);
        }

        /** The customer field cleared on erasure, the document kept. */
        public Store anonymised(String field) {
            return new Store(collection, customerFilter, Erasure.ANONYMISE, field, timestampField, retention);
        }

        /** Deleted once {@code field} (a date) is older than {@code period}, by the retention job. */
        public Store keptFor(Duration period, String field) {
            return new Store(collection, customerFilter, erasure, customerField, field, period);
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

    /** Erases one customer: collection to the number of documents deleted or anonymised. */
    public Map<String, Long> erase(MongoDatabase database, String customerId) {
        var report = new LinkedHashMap<String, Long>();
        for (Store store : stores) {
            if (store.customerFilter() == null) {
                continue;
            }
            var collection = database.getCollection(store.collection());
            Bson filter = store.customerFilter().apply(customerId);
            long count = store.erasure() == Erasure.DELETE ? collection.deleteMany(filter).getDeletedCount()
                    : collection.updateMany(filter, Updates.set(store.customerField(), null)).getModifiedCount();
            report.merge(store.collection(), count, Long::sum);
        }
        return report;
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
        return report;
    }
}
