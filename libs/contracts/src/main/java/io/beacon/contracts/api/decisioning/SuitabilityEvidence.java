package io.beacon.contracts.api.decisioning;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A journey's suitability check of an offer just before it is sent, as decisioning recorded it, immutable.
 *
 * @param id           the check's id ({@code _id} on the wire, as stored): the journey step's key
 * @param customerId   the customer checked
 * @param productCode  the product checked
 * @param check        what was checked
 * @param regime       the product's suitability regime ({@code investment}, {@code credit}, {@code card}, {@code deposit};
 *                     ADR 0037); null when the step took its decision's verdict
 * @param checks       the suitability rules that judge a product of that regime, fired or not: the checks applied
 * @param inputs       what the check read
 * @param result       {@code SUITABLE} or {@code UNSUITABLE}
 * @param reasons      why it is unsuitable; empty when suitable
 * @param rulesFired   the rules that fired
 * @param rulesVersion the rules version that checked
 * @param at           when
 * @param decidedIn    the decision whose verdict the step took, when it ran right after it (ADR 0030): that decision's
 *                     record holds the inputs and the rules fired; null when the step decided itself
 * @param keptUntil    for evidence kept after the customer's erasure (under their pseudonym, ADR 0033), when it is
 *                     deleted; null otherwise
 */
public record SuitabilityEvidence(@JsonProperty("_id") String id, String customerId, String productCode, String check, String regime,
                                  List<String> checks, Inputs inputs,
                                  String result, List<ReasonCode> reasons, List<String> rulesFired, String rulesVersion, Instant at,
                                  String decidedIn, Instant keptUntil) {

    /**
     * What the suitability check read.
     *
     * @param age               in years; null without a birth date
     * @param country           of residence
     * @param riskTolerance     1 to 5; null without a risk profile
     * @param riskAssessedAt    when the risk profile was assessed; null without one
     * @param productRiskRating the product's risk rating, 1 to 5
     * @param holdsProduct      whether the customer holds the product already
     * @param knowledgeLevel    from the risk profile; null without one
     * @param vulnerable        flagged vulnerable
     * @param inArrears         flagged in arrears
     * @param minor             a minor (flagged, or by age)
     * @param incomeOnRecord    a salary credited in the last 62 days: what a credit product's affordability check reads
     *                          (knowledgeLevel, vulnerable, inArrears, minor and incomeOnRecord are null in evidence recorded before checks by regime,
     *                          ADR 0037, which did not read them)
     */
    public record Inputs(Integer age, String country, Integer riskTolerance, LocalDate riskAssessedAt, int productRiskRating,
                         boolean holdsProduct, String knowledgeLevel, Boolean vulnerable, Boolean inArrears, Boolean minor,
                         Boolean incomeOnRecord) {
    }
}
