package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.erasure.ErasureApi;
import io.beacon.contracts.api.erasure.ErasureReport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/customers/{id}/erasure}: this service's part of an erasure (GDPR Art. 17), called by the consent
 * service, which orchestrates it. Erases what the service's {@link PersonalData} declares and says what, per
 * collection. Idempotent: a second call finds nothing and says so.
 */
@RestController
class CustomerErasureEndpoint implements ErasureApi {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasureEndpoint.class);

    private final ObjectProvider<PersonalData> personalData;
    private final MongoDatabase database;
    private final String service;

    CustomerErasureEndpoint(ObjectProvider<PersonalData> personalData, MongoDatabase database, String service) {
        this.personalData = personalData;
        this.database = database;
        this.service = service;
    }

    @Override
    public ErasureReport erase(String customerId) {
        PersonalData declared = PersonalData.merged(personalData.orderedStream());
        Map<String, Long> erased = declared.erase(database, customerId);
        var stores = new LinkedHashMap<String, ErasureReport.Store>();
        for (var store : declared.stores()) {
            if (store.customerFilter() == null) {
                continue;
            }
            stores.put(database.getName() + "." + store.collection(), new ErasureReport.Store(
                    store.erasure() == PersonalData.Erasure.DELETE ? "deleted" : "anonymised", erased.get(store.collection())));
        }
        // an audit line: which customer was erased here and how much (the id is the bank's pseudonymous customer id)
        log.info("erasure of customer {}: {}", customerId, erased);
        return new ErasureReport(service, stores);
    }
}
