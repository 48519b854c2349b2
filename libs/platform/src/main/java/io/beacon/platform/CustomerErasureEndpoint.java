package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/customers/{id}/erasure}: this service's part of an erasure (GDPR Art. 17), called by the consent
 * service, which orchestrates it. Erases what the service's {@link PersonalData} declares and says what, per
 * collection. Idempotent: a second call finds nothing and says so.
 */
@RestController
class CustomerErasureEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasureEndpoint.class);

    private final ObjectProvider<PersonalData> personalData;
    private final MongoDatabase database;
    private final String service;

    CustomerErasureEndpoint(ObjectProvider<PersonalData> personalData, MongoDatabase database, String service) {
        this.personalData = personalData;
        this.database = database;
        this.service = service;
    }

    @PostMapping("/internal/customers/{customerId}/erasure")
    Map<String, Object> erase(@PathVariable String customerId) {
        PersonalData declared = PersonalData.merged(personalData.orderedStream());
        Map<String, Long> erased = declared.erase(database, customerId);
        var stores = new LinkedHashMap<String, Object>();
        for (var store : declared.stores()) {
            if (store.customerFilter() == null) {
                continue;
            }
            stores.put(database.getName() + "." + store.collection(),
                    Map.of("action", store.erasure() == PersonalData.Erasure.DELETE ? "deleted" : "anonymised", "documents", erased.get(store.collection())));
        }
        // an audit line: which customer was erased here and how much (the id is the bank's pseudonymous customer id)
        log.info("erasure of customer {}: {}", customerId, erased);
        return Map.of("service", service, "stores", stores);
    }
}
