package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.mongo.DecisionDocument;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.kafka.DecisionPipelineTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link DecisionsApi}: decision records and suitability evidence as stored, read through the typed client. */
class DecisionsApiContractTest extends DecisioningApiContract {

    @Autowired
    DecisionRecords records;

    @Autowired
    Decisioning decisioning;

    @BeforeEach
    void recorded() throws Exception {
        RuleBase base = decisioning.ruleBase();
        var adult = DecisionPipelineTest.salary("e-adult", "C-ADULT", "{\"birthDate\":\"1985-05-05\",\"country\":\"GB\",\"segment\":\"MASS\"}");
        var minor = DecisionPipelineTest.salary("e-minor", "C-MINOR", "{\"birthDate\":\"2012-01-01\",\"country\":\"GB\"}");
        LocalDate today = LocalDate.parse("2026-11-22");
        records.record(List.of(
                DecisionDocument.of("D-ADULT", adult, Decisioning.decide(base, adult, today, OfferHistory.none()), OfferHistory.none(), base.catalogue(), NOW),
                DecisionDocument.of("D-MINOR", minor, Decisioning.decide(base, minor, today, OfferHistory.none()), OfferHistory.none(), base.catalogue(), NOW)));
        records.recordSuitability("S-ADULT", "C-ADULT", "EASY_SAVER", "deposit", base.suitabilityChecks("deposit"), new Document("age", 41).append("country", "GB").append("riskTolerance", null)
                .append("riskAssessedAt", null).append("productRiskRating", 1).append("holdsProduct", false), true, List.of(), List.of("EasySaverIsSuitable"),
                base.version());
    }

    @Test
    void aDecisionIsServedWhole() {
        DecisionRecord decision = api(DecisionsApi.class).decision("D-ADULT");

        assertThat(decision.id()).isEqualTo("D-ADULT");
        assertThat(decision.customerId()).isEqualTo("C-ADULT");
        assertThat(decision.sourceEventId()).isEqualTo("e-adult");
        assertThat(decision.outcome()).isEqualTo("TRIGGERED");
        assertThat(decision.trigger()).isEqualTo("SalaryCredited");
        assertThat(decision.productCode()).isEqualTo("EASY_SAVER");
        assertThat(decision.winner()).isEqualTo("SalaryCredited/EASY_SAVER");
        assertThat(decision.rulesVersion()).isEqualTo(decisioning.ruleBase().version());
        assertThat(decision.today()).isEqualTo(LocalDate.parse("2026-11-22"));
        assertThat(decision.at()).isEqualTo(NOW);
        assertThat(decision.offerVariant().variant()).isEqualTo("personalised");
        assertThat(decision.offerVariant().templates()).containsKey("sms");
        assertThat(decision.triggers()).extracting(t -> t.name() + "/" + t.productCode()).containsExactly("SalaryCredited/EASY_SAVER");
        assertThat(decision.offers()).singleElement().satisfies(offer -> {
            assertThat(offer.result()).isEqualTo("WON");
            assertThat(offer.reasonCodes()).isEmpty();
            assertThat(offer.evidence().result()).isEqualTo("PASSED");
            assertThat(offer.arbitration().rank()).isEqualTo(1);
            assertThat(offer.arbitration().factors()).isNotEmpty();
        });
        assertThat(decision.inputs().event().amount()).isEqualTo("3000");
        assertThat(decision.inputs().event().category()).isEqualTo("SALARY");
        assertThat(decision.inputs().customer().age()).isEqualTo(41);
        assertThat(decision.inputs().customer().segment()).isEqualTo("MASS");
        assertThat(decision.inputs().customer().flags().minor()).isFalse();
        assertThat(decision.inputs().history().coolingOffDays()).isEqualTo(OfferHistory.none().coolingOffDays());
        assertThat(decision.rulesFired()).contains("FirstOrChangedSalaryTriggersSalaryCredited");
    }

    @Test
    void aCustomersDecisionsComeWithTheirEvidenceAndASearchFindsByTime() {
        var api = api(DecisionsApi.class);

        var adult = api.decisions("C-ADULT", null, null, null, null);
        assertThat(adult.decisions()).extracting(DecisionRecord::id).containsExactly("D-ADULT");
        assertThat(adult.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.id()).isEqualTo("S-ADULT");
            assertThat(evidence.result()).isEqualTo("SUITABLE");
            assertThat(evidence.inputs().age()).isEqualTo(41);
            assertThat(evidence.inputs().productRiskRating()).isEqualTo(1);
            assertThat(evidence.rulesFired()).containsExactly("EasySaverIsSuitable");
            assertThat(evidence.regime()).isEqualTo("deposit");
            assertThat(evidence.checks()).contains("ProductIsOfferedOnlyInItsJurisdictions").doesNotContain("InvestmentRequiresCurrentRiskProfile");
        });

        var minor = api.decisions("C-MINOR", null, null, null, null).decisions();
        assertThat(minor).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("SUPPRESSED");
            assertThat(d.reasonCodes()).contains(ReasonCode.NOT_ELIGIBLE_AGE);
            assertThat(d.offers().getFirst().evidence().suppressions()).extracting(s -> s.reason()).contains(ReasonCode.NOT_ELIGIBLE_AGE);
        });

        var found = api.decisions(null, "EASY_SAVER", NOW.minusSeconds(60).toString(), NOW.plusSeconds(60).toString(), 10);
        assertThat(found.decisions()).extracting(DecisionRecord::id).containsExactly("D-ADULT");
        assertThat(found.evidence()).isEmpty();
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        assertThatThrownBy(() -> api(DecisionsApi.class).decision("no-such-decision"))
                .isInstanceOf(ApiProblem.NotFound.class).hasMessageContaining("no-such-decision");
    }

    @Test
    void aBadSearchNamesEachParameterThatIsWrong() {
        assertThatThrownBy(() -> api(DecisionsApi.class).decisions(null, null, "yesterday", null, 5000))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).containsExactly(
                            new ApiProblem.FieldError("from", "'yesterday' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"),
                            new ApiProblem.FieldError("limit", "must be between 1 and 1000"));
                });
        assertThatThrownBy(() -> api(DecisionsApi.class).decisions(null, "EASY_SAVER", null, null, null))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field).containsExactly("customerId"));
    }
}
