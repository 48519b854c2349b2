package io.beacon.intake;

import io.beacon.contracts.BankEventValidator;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
class IntakeConfiguration {

    @Bean
    BankEventValidator bankEventValidator() {
        return new BankEventValidator();
    }

    /** bank.events, read as raw bytes so that no record can fail deserialisation and stall the partition. */
    @Bean
    Consumer<Message<byte[]>> bankEvents(EventIntake intake) {
        return message -> intake.accept(message.getPayload());
    }
}
