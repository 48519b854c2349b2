package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.erasure.ErasureApi;
import io.beacon.contracts.api.erasure.ErasureReport;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/customers/{id}/erasure}: this service's part of an erasure (GDPR Art. 17), called by the consent
 * service, which orchestrates it. Erases what the service's {@link PersonalData} declares and says what, per
 * collection: deleted, anonymised, or kept under the customer's pseudonym where a law requires the record (ADR 0033).
 * Idempotent: a second call deletes nothing and reports what is kept.
 */
@RestController
class CustomerErasureEndpoint implements ErasureApi {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasureEndpoint.class);

    private final ObjectProvider<PersonalData> personalData;
    private final MongoDatabase database;
    private final String service;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    CustomerErasureEndpoint(ObjectProvider<PersonalData> personalData, MongoDatabase database, String service, Pseudonyms pseudonyms,
                            Clock clock) {
        this.personalData = personalData;
        this.database = database;
        this.service = service;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @Override
    public ErasureReport erase(String customerId) {
        ErasureReport report = PersonalData.merged(personalData.orderedStream()).erase(database, service, customerId, pseudonyms, clock.instant());
        // an audit line: which customer was erased here and how much (the id is the bank's pseudonymous customer id)
        log.info("erasure of customer {}: {}", customerId, report.stores());
        return report;
    }
}
