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
import org.junit.jupiter.api.Test;

/** SuppressionsApi: the erasure and the suppression check over real HTTP, called through the typed client. */
class SuppressionsApiContractTest extends ConsentOverHttp {

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
            assertThat(own.stores()).containsEntry("beacon-consent.consents", new io.beacon.contracts.api.erasure.ErasureReport.Store("deleted", 1));
            assertThat(own.stores().get("beacon-consent.consent_history").documents()).isEqualTo(3); // the grant and the two objections
        });
        assertThat(api(SuppressionsApi.class, "decisioning").check(new SuppressionCheck(List.of("token-of-the-phone", "token-of-another"))).suppressed())
                .containsExactly("token-of-the-phone");
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
