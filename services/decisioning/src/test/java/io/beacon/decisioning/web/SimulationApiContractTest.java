package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.Decisioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.SimulationApi;
import io.beacon.contracts.api.decisioning.SimulationRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link SimulationApi}: a decision tried out and a campaign's audience previewed, through the typed client. */
class SimulationApiContractTest extends DecisioningApiContract {

    static final SimulationRequest.Event SALARY = new SimulationRequest.Event("bank.transaction.posted",
            new SimulationRequest.EventData(new BigDecimal("3000"), "GBP", "CREDIT", "SALARY", null, null, null, null));

    @Autowired
    Decisioning decisioning;

    @Autowired
    CampaignPreview campaignPreview;

    static ProfileSnapshot profile(String json) throws Exception {
        return Json.mapper().readValue(json, ProfileSnapshot.class);
    }

    @Test
    void aSalaryCreditIsTracedStepByStep() throws Exception {
        var trace = api(SimulationApi.class).simulate(new SimulationRequest(profile("""
                {"customerId": "C1", "birthDate": "1985-05-05", "country": "GB", "salary": {"amount": 3000, "currency": "GBP"}}"""),
                SALARY, null, null));

        assertThat(trace.rulesVersion()).isEqualTo(decisioning.ruleBase().version());
        assertThat(trace.today()).isEqualTo(LocalDate.parse("2026-11-22"));
        assertThat(trace.eventType()).isEqualTo("bank.transaction.posted");
        assertThat(trace.triggers().triggers()).extracting(t -> t.name() + "/" + t.productCode()).containsExactly("SalaryCredited/EASY_SAVER");
        assertThat(trace.triggers().rulesFired()).containsExactly("FirstOrChangedSalaryTriggersSalaryCredited");
        assertThat(trace.suitability()).singleElement().satisfies(step -> {
            assertThat(step.productCode()).isEqualTo("EASY_SAVER");
            assertThat(step.source()).isEqualTo("triggered");
            assertThat(step.suitable()).isTrue();
        });
        assertThat(trace.decision().winner()).isEqualTo("SalaryCredited/EASY_SAVER");
        assertThat(trace.decision().offers()).singleElement().satisfies(offer -> {
            assertThat(offer.result()).isEqualTo("WON");
            assertThat(offer.ranking().rank()).isEqualTo(1);
        });
    }

    @Test
    void aRequestedProductIsJudgedWithItsReasonCodes() throws Exception {
        var trace = api(SimulationApi.class).simulate(new SimulationRequest(profile("""
                {"customerId": "C2", "birthDate": "1985-05-05", "country": "US", "holdings": ["EASY_SAVER"]}"""), SALARY, "EASY_SAVER",
                LocalDate.parse("2026-12-01")));

        assertThat(trace.today()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(trace.suitability()).singleElement().satisfies(step -> {
            assertThat(step.source()).isEqualTo("requested");
            assertThat(step.suitable()).isFalse();
            assertThat(step.reasonCodes()).contains(ReasonCode.ALREADY_HOLDS, ReasonCode.NOT_ELIGIBLE_RESIDENCY);
            assertThat(step.suppressions()).extracting(s -> s.reason()).contains(ReasonCode.ALREADY_HOLDS);
        });
    }

    @Test
    void everyFieldThatIsWrongIsNamedByItsPointer() {
        assertThatThrownBy(() -> api(SimulationApi.class).simulate(new SimulationRequest(null, new SimulationRequest.Event(null, null), "NOPE", null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.type()).hasToString("https://beacon.example/problems/invalid-simulation-request");
                    assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("/profile", "/event/type", "/productCode");
                });
    }

    @Test
    void aCampaignsAudienceIsPreviewedAnUnknownOneIsNotFoundAndAFailingOneUnavailable() {
        Mockito.when(campaignPreview.preview("easy-saver")).thenReturn(Optional.of(new CampaignPreview.Preview("easy-saver", "young-adults",
                "age >= 25", "EASY_SAVER", 12430, 2000, true, 9870, Map.of("NO_CONSENT", 1830L), "rules-7", "cat-3", NOW)));
        Mockito.when(campaignPreview.preview("gone")).thenReturn(Optional.empty());
        Mockito.when(campaignPreview.preview("broken")).thenThrow(new IllegalStateException("profiles answered HTTP 500"));
        var api = api(SimulationApi.class);

        var preview = api.previewCampaign("easy-saver");
        assertThat(preview.found()).isEqualTo(12430);
        assertThat(preview.eligible()).isEqualTo(9870);
        assertThat(preview.sampled()).isTrue();
        assertThat(preview.excludedByReason()).containsEntry("NO_CONSENT", 1830L);
        assertThat(preview.computedAt()).isEqualTo(NOW);

        assertThatThrownBy(() -> api.previewCampaign("gone")).isInstanceOf(ApiProblem.NotFound.class).hasMessageContaining("gone");
        assertThatThrownBy(() -> api.previewCampaign("broken")).isInstanceOf(ApiProblem.Unavailable.class).hasMessageContaining("HTTP 500");
    }
}
