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
    void theSampleHasLargeDepositsAndCardSpendAbroadForTheTargetingTables() {
        var ids = SampleEvents.population(300, 42).stream().map(SampleEvents.Event::eventId).toList();
        // about 8 % and 10 % of 300 customers: the DMN tables LargeDepositTargeting and SpendAbroadTargeting have work
        assertThat(ids.stream().filter(id -> id.endsWith("-deposit")).count()).isBetween(12L, 40L);
        assertThat(ids.stream().filter(id -> id.endsWith("-card-abroad")).count()).isBetween(15L, 50L);
    }

    @Test
    void samePopulationForTheSameSeed() {
        assertThat(SampleEvents.population(20, 7)).extracting(SampleEvents.Event::customerId)
                .isEqualTo(SampleEvents.population(20, 7).stream().map(SampleEvents.Event::customerId).toList());
    }
}
