package io.beacon.console;

import io.beacon.platform.PersonalData;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Wires the projection; the MongoDB database comes from the platform (beacon.mongo.database). */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean(initMethod = "ensureIndexes")
    OutcomeStore outcomeStore(MongoDatabase database) {
        return new OutcomeStore(database);
    }

    /**
     * Bound as {@code offers-in-0}. Declared as a Consumer of byte[] messages, not of OfferOutcome, so that decoding
     * and its failures stay in our hands rather than in the framework's message conversion.
     */
    @Bean
    Consumer<Message<byte[]>> offers(OutcomeStore store, MeterRegistry meters) {
        return new OffersConsumer(store, meters);
    }

    /** Outcomes lose their customer on erasure but stay counted: the funnel is aggregate statistics. */
    @Bean
    PersonalData consolePersonalData() {
        return PersonalData.of(PersonalData.Store.byField("outcomes", "customerId").anonymised("customerId"));
    }
}
