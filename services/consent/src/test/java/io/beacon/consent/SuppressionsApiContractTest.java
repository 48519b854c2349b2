package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.consent.ErasureReport;
import io.beacon.contracts.api.consent.SuppressionCheck;
import io.beacon.contracts.api.consent.SuppressionsApi;
import io.beacon.contracts.api.profiles.SuppressionTokens;
import java.util.List;
import java.util.Map;
import io.beacon.platform.Pseudonyms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** SuppressionsApi: the erasure and the suppression check over real HTTP, called through the typed client. */
class SuppressionsApiContractTest extends ConsentOverHttp {

    @Autowired
    Pseudonyms pseudonyms;

    @Autowired
    com.mongodb.client.MongoDatabase database;

    @Test
    void anErasureReportsWhatWentWhereAndItsContactPointsStaySuppressed() {
        api(ConsentApi.class, "console").change("C-ERASED", new ConsentChangeRequest("sms", "marketing", "GRANTED", null, "/crm", null, null));
        when(profiles.suppressionTokens("C-ERASED")).thenReturn(new SuppressionTokens(Map.of("phone", "token-of-the-phone", "email", "token-of-the-email")));
        SuppressionsApi consent = api(SuppressionsApi.class, "console");

        var answer = consent.erase("C-ERASED");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        ErasureReport report = answer.getBody();
        assertThat(report.customerId()).isEqualTo("C-ERASED");
        assertThat(report.erasedAt()).isNotNull();
        assertThat(report.suppressionTokensKept()).isEqualTo(2);
        assertThat(report.complete()).isTrue();
        assertThat(report.services()).singleElement().satisfies(own -> {
            assertThat(own.service()).isEqualTo("consent");
            assertThat(own.stores()).containsEntry("beacon-consent.consents", io.beacon.contracts.api.erasure.ErasureReport.Store.deleted(1));
            var history = own.stores().get("beacon-consent.consent_history");
            assertThat(history.action()).isEqualTo("kept");
            assertThat(history.documents()).isEqualTo(3); // the grant and the two objections
            assertThat(history.legalBasis()).isEqualTo("GDPR Art. 7(1) proof of consent; GDPR Art. 17(3)(b) and (e)");
            assertThat(history.keptUntil()).isAfter(report.erasedAt().plus(java.time.Duration.ofDays(5 * 365)));
        });
        assertThat(api(SuppressionsApi.class, "decisioning").check(new SuppressionCheck(List.of("token-of-the-phone", "token-of-another"))).suppressed())
                .containsExactly("token-of-the-phone");
    }

    @Test
    void theConsentHistoryIsKeptUnderThePseudonymWithNoCustomerIdInItAndASecondErasureChangesNothing() {
        api(ConsentApi.class, "console").change("C-TWICE", new ConsentChangeRequest("sms", "marketing", "GRANTED", null, "/crm", null, null));
        when(profiles.suppressionTokens("C-TWICE")).thenReturn(new SuppressionTokens(Map.of("phone", "token-of-a-phone")));
        SuppressionsApi consent = api(SuppressionsApi.class, "console");
        var first = consent.erase("C-TWICE").getBody();
        when(profiles.suppressionTokens("C-TWICE")).thenThrow(new ApiProblem.NotFound("no profile of customer C-TWICE"));

        var second = consent.erase("C-TWICE");

        assertThat(second.getStatusCode().value()).isEqualTo(200);
        var keptFirst = first.services().getFirst().stores().get("beacon-consent.consent_history");
        assertThat(second.getBody().services()).singleElement().satisfies(own -> assertThat(own.stores())
                .containsEntry("beacon-consent.consents", io.beacon.contracts.api.erasure.ErasureReport.Store.deleted(0))
                .containsEntry("beacon-consent.consent_history", keptFirst));
        assertThat(second.getBody().suppressionTokensKept()).isZero(); // nothing recorded or published again
        assertThat(api(ConsentApi.class, "console").history("C-TWICE")).isEmpty();
        var kept = api(ConsentApi.class, "console").history(pseudonyms.of("C-TWICE"));
        assertThat(kept).extracting(e -> e.channel() + " " + e.purpose() + " " + e.granted() + " " + e.source())
                .containsExactlyInAnyOrder("sms marketing true /crm", "all marketing false erasure", "all profiling false erasure");
        assertThat(kept).allSatisfy(e -> {
            assertThat(e.customerId()).isEqualTo(pseudonyms.of("C-TWICE"));
            assertThat(e.keptUntil()).isEqualTo(keptFirst.keptUntil());
        });
        try (var history = database.getCollection("consent_history").find().iterator()) {
            history.forEachRemaining(change -> assertThat(change.toJson()).doesNotContain("C-TWICE"));
        }
    }

    @Test
    void aCustomerBeaconDoesNotKnowIsNotFoundAndNothingChanges() {
        when(profiles.suppressionTokens("C-NOBODY")).thenThrow(new ApiProblem.NotFound("no profile of customer C-NOBODY"));

        assertThatThrownBy(() -> api(SuppressionsApi.class, "console").erase("C-NOBODY")).isInstanceOf(ApiProblem.NotFound.class)
                .hasMessage("No customer C-NOBODY in Beacon: no profile and no consent record; nothing was changed");
    }

    @Test
    void aCheckWithoutTokensNamesTheField() {
        assertThatThrownBy(() -> api(SuppressionsApi.class, "decisioning").check(new SuppressionCheck(null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).containsExactly(new ApiProblem.FieldError("/tokens", "required, a list of suppression tokens"));
                });
    }
}
