package io.beacon.intake;

import org.springframework.core.env.Environment;
import io.beacon.platform.PersonalData;
import io.beacon.contracts.BankEventValidator;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.messaging.Message;
import java.util.List;

@Configuration
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

    @Bean
    BankEventValidator bankEventValidator() {
        return new BankEventValidator();
    }

    /**
     * bank.events in batches, read as raw bytes so that no record can fail deserialisation and stall the partition, with
     * each record's key and headers for what is refused.
     */
    @Bean
    Consumer<Message<List<Object>>> bankEvents(EventIntake intake) {
        return new BankEventsConsumer(intake);
    }

    /** De-duplication keys name no customer: only kept for beacon.retention.events. */
    @Bean
    PersonalData intakePersonalData(Environment environment) {
        return PersonalData.of(PersonalData.Store.withoutCustomer("seen_events").keptFor(PersonalData.retention(environment, "events"), "receivedAt"));
    }
}
