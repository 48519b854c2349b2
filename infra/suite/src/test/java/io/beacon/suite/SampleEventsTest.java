package io.beacon.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.ValidationResult;
import org.junit.jupiter.api.Test;

class SampleEventsTest {

    @Test
    void everySampleEventHonoursThePublicContract() {
        var validator = new BankEventValidator();

        var events = SampleEvents.population(300, 42);

        assertThat(events).hasSizeGreaterThan(600);
        assertThat(events).allSatisfy(event ->
                assertThat(validator.validate(event.json())).isInstanceOf(ValidationResult.Valid.class));
    }

    @Test
    void samePopulationForTheSameSeed() {
        assertThat(SampleEvents.population(20, 7)).extracting(SampleEvents.Event::customerId)
                .isEqualTo(SampleEvents.population(20, 7).stream().map(SampleEvents.Event::customerId).toList());
    }
}
