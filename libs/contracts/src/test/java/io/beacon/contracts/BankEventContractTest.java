package io.beacon.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BankEventContractTest {

    private final BankEventValidator validator = new BankEventValidator();

    static Stream<BankEventType> types() {
        return Arrays.stream(BankEventType.values());
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyEventTypeHasASchemaAndAValidFixture(BankEventType type) throws IOException {
        byte[] fixture = resource("/contracts/fixtures/valid/" + type.type() + ".json");

        var result = validator.validate(fixture);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Valid.class, valid -> {
            assertThat(valid.event().type()).isEqualTo(type);
            assertThat(valid.event().subject()).isEqualTo("C0001");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-type", "missing-subject", "missing-id", "amount-is-text", "missing-currency",
            "phone-not-e164", "consent-unknown-channel", "wrong-specversion", "bad-time", "risk-tolerance-out-of-range",
            "missing-data", "declined-without-date"})
    void invalidEventIsRefusedNamingTheOffendingField(String fixtureName) throws IOException {
        JsonNode fixture = Json.mapper().readTree(resource("/contracts/fixtures/invalid/" + fixtureName + ".json"));

        var result = validator.validate(Json.mapper().writeValueAsBytes(fixture.get("event")));

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, invalid ->
                assertThat(invalid.violations()).extracting(Violation::field).contains(fixture.get("expectField").asText()));
    }

    @Test
    void refusalReasonsNameTheFieldButNeverRepeatAContactPoint() {
        String event = """
                {"specversion":"1.0","id":"p1","source":"/crm","type":"bank.customer.updated","subject":"C1",
                 "data":{"contactPoints":{"phone":"0770 SECRET 123","email":"secret-person-at-example"}}}
                """;

        var result = validator.validate(event.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, invalid -> {
            assertThat(invalid.violations()).extracting(Violation::field)
                    .contains("/data/contactPoints/phone", "/data/contactPoints/email");
            assertThat(invalid.reason()).doesNotContain("SECRET").doesNotContain("secret-person");
        });
    }

    @Test
    void malformedJsonIsRefusedWithoutThrowing() {
        var result = validator.validate("{\"specversion\": \"1.0\", \"id\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).startsWith("/: malformed JSON"));
    }

    @Test
    void eventOver256KiloBytesIsRefused() {
        String padding = "x".repeat(BankEventValidator.MAX_EVENT_BYTES);
        String event = "{\"specversion\":\"1.0\",\"id\":\"big\",\"source\":\"/crm\",\"type\":\"bank.customer.updated\","
                + "\"subject\":\"C1\",\"data\":{\"firstName\":\"" + padding + "\"}}";

        var result = validator.validate(event.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).contains("at most 262144"));
    }

    @Test
    void fieldsNoRuleNeedsAreDroppedBeforeAnythingIsStored() throws IOException {
        String event = """
                {"specversion":"1.0","id":"m1","source":"/crm","type":"bank.customer.updated","subject":"C1",
                 "data":{"firstName":"Mei","nationalId":"AB123456C","contactPoints":{"phone":"+447700900123","fax":"+441234"}}}
                """;

        var result = validator.validate(event.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Valid.class, valid -> {
            assertThat(valid.event().data().has("nationalId")).isFalse();
            assertThat(valid.event().data().path("contactPoints").has("fax")).isFalse();
            assertThat(valid.event().data().path("contactPoints").path("phone").asText()).isEqualTo("+447700900123");
        });
    }

    @Test
    void offerOutcomeRoundTripsAsACloudEvent() {
        var outcome = new OfferOutcome(OutcomeType.SUPPRESSED, "C1", "first-salary", "2251799813685249", "Task_CheckContactPolicy",
                "SalaryCredited", "EASY_SAVER", "sms", ReasonCode.NO_CONSENT, null, "evt-1", "dec-1", java.time.Instant.now());

        var event = BeaconEvents.build(outcome.eventId(), "/beacon/journeys", outcome.type().cloudEventType(), "C1", outcome);
        var back = BeaconEvents.deserialize(BeaconEvents.serialize(event));

        assertThat(back.getType()).isEqualTo("beacon.offer.suppressed");
        assertThat(BeaconEvents.data(back, OfferOutcome.class)).isEqualTo(outcome);
    }

    @ParameterizedTest
    @MethodSource("types")
    void asyncApiDocumentDescribesEveryEventTypeWithItsSchema(BankEventType type) throws IOException {
        String asyncApi = java.nio.file.Files.readString(java.nio.file.Path.of("asyncapi.yaml"));

        assertThat(asyncApi).contains("name: " + type.type() + ",").contains(type.schemaResource().substring(1));
        assertThat(java.nio.file.Path.of("src/main/resources" + type.schemaResource())).exists();
    }

    @Test
    void asyncApiDocumentNamesEveryOutcomeTypeAndTopic() throws IOException {
        String asyncApi = java.nio.file.Files.readString(java.nio.file.Path.of("asyncapi.yaml"));

        for (OutcomeType type : OutcomeType.values()) {
            assertThat(asyncApi).contains(type.name());
        }
        assertThat(asyncApi).contains("address: " + Topics.BANK_EVENTS + "\n", "address: " + Topics.BANK_EVENTS_REJECTED, "address: " + Topics.OFFERS);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BankEventContractTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
