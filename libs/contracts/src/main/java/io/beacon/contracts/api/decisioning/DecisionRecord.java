package io.beacon.contracts.api.decisioning;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A decision as decisioning recorded it, immutable: minimised inputs (only what some rule reads, never a contact point,
 * a name, a birth date or the profile's tags), every rule fired, the rules and catalogue versions, the outcome with its
 * reason codes, and per offer the evidence of its checks and its arbitration. What compliance reads to answer why.
 *
 * @param id               the decision's id ({@code _id} on the wire, as stored)
 * @param customerId       the customer decided for
 * @param sourceEventId    the id of the bank event decided on
 * @param eventSource      that event's CloudEvents source
 * @param eventType        that event's type ({@code bank.transaction.posted}, ...)
 * @param outcome          {@code TRIGGERED} when an offer goes ahead, else {@code SUPPRESSED}
 * @param reasonCodes      every offer's reason codes, each once
 * @param trigger          the winning offer's trigger; null when no offer won
 * @param productCode      the winning offer's product; null when no offer won
 * @param winner           the winning offer's key ({@code trigger/productCode}); null when no offer won
 * @param personalisation  {@code PERSONALISED}, or {@code NON_PERSONALISED} for a customer who refused profiling
 * @param offerVariant     which variant of the winning offer goes out; null when no offer won
 * @param inputs           what the rules read, and nothing more
 * @param triggers         the triggers the event raised
 * @param offers           each offer a trigger proposed, and what became of it
 * @param rulesFired       every rule that fired, in all steps
 * @param rulesVersion     the rules version that decided
 * @param catalogueVersion the product catalogue version it decided with
 * @param today            the day the rules decided for
 * @param at               when it was decided
 * @param rulesNotApplied  the rules left out because the customer refused profiling; null when none was
 * @param keptUntil        for a record kept after the customer's erasure (under their pseudonym, ADR 0033), when it is
 *                         deleted; null otherwise
 */
public record DecisionRecord(@JsonProperty("_id") String id, String customerId, String sourceEventId, String eventSource, String eventType,
                             String outcome, List<ReasonCode> reasonCodes, String trigger, String productCode, String winner,
                             String personalisation, OfferVariant offerVariant, Inputs inputs, List<Trigger> triggers, List<Offer> offers,
                             List<String> rulesFired, String rulesVersion, String catalogueVersion, LocalDate today, Instant at,
                             RulesNotApplied rulesNotApplied, Instant keptUntil) {

    /**
     * One offer a trigger proposed, and what became of it.
     *
     * @param trigger     the trigger that proposed it
     * @param productCode the product offered
     * @param triggerRule the rule that raised the trigger
     * @param result      {@code WON}, {@code LOST_ARBITRATION} or {@code SUPPRESSED}
     * @param reasonCodes why it did not go ahead; empty for the winner
     * @param evidence    its eligibility, suitability, cooling-off and running-journey checks
     * @param why         the decision in a sentence, for a person
     * @param arbitration its ranking among the offers that passed the checks; null for one that did not
     */
    public record Offer(String trigger, String productCode, String triggerRule, String result, List<ReasonCode> reasonCodes,
                        Evidence evidence, String why, Ranking arbitration) {
    }

    /**
     * The evidence of an offer's checks.
     *
     * @param check        what was checked
     * @param result       {@code PASSED}, or {@code SUPPRESSED} when a check failed
     * @param suppressions each check that failed, with the rule that failed it
     * @param rulesFired   the rules that fired for this offer
     */
    public record Evidence(String check, String result, List<Suppression> suppressions, List<String> rulesFired) {
    }

    /**
     * Which variant of the winning offer goes out.
     *
     * @param variant   {@code personalised}, or {@code nonPersonalised} for a customer who refused profiling
     * @param templates channel to (locale to template name)
     */
    public record OfferVariant(String variant, Map<String, Map<String, String>> templates) {
    }

    /**
     * What the rules read of the event, the customer and their offer history.
     *
     * @param event    the event's facts
     * @param customer the customer's facts
     * @param history  their offer history
     */
    public record Inputs(EventInputs event, CustomerInputs customer, HistoryInputs history) {
    }

    /**
     * The event as the rules read it; a fact the event does not carry is left out.
     *
     * @param type            the event type
     * @param direction       {@code CREDIT} or {@code DEBIT}
     * @param category        the transaction's category ({@code SALARY}...)
     * @param amount          the amount as text, exactly as sent
     * @param currency        ISO 4217
     * @param merchantCountry ISO 3166-1 alpha-2
     * @param maturityDate    a deposit's maturity
     */
    public record EventInputs(String type, String direction, String category, String amount, String currency, String merchantCountry,
                              LocalDate maturityDate) {
    }

    /**
     * The customer as the rules read them.
     *
     * @param age                  in years on the day decided; null without a birth date
     * @param country              of residence, ISO 3166-1 alpha-2
     * @param riskTolerance        1 (lowest) to 5; null without a risk profile
     * @param knowledgeLevel       the assessed investment knowledge; null without a risk profile
     * @param riskAssessedAt       when the risk profile was assessed; null without one
     * @param flags                vulnerable, in arrears, minor, deceased
     * @param holdings             the products held, sorted
     * @param noProfiling          the customer refused profiling
     * @param segment              the customer's segment; null when they refused profiling
     * @param firstOrChangedSalary whether the salary is new or changed; null when they refused profiling
     */
    public record CustomerInputs(Integer age, String country, Integer riskTolerance, String knowledgeLevel, LocalDate riskAssessedAt,
                                 Flags flags, List<String> holdings, boolean noProfiling, String segment, Boolean firstOrChangedSalary) {
    }

    /** The flags that keep credit and complex products from a customer. */
    public record Flags(boolean vulnerable, boolean inArrears, boolean minor, boolean deceased) {
    }

    /**
     * The customer's offer history as the rules read it.
     *
     * @param coolingOffDays  how long a rejection keeps its product from being offered again, in days
     * @param rejections      the offers rejected within that time
     * @param runningJourneys the journeys running for the customer
     */
    public record HistoryInputs(int coolingOffDays, List<Rejection> rejections, List<RunningJourney> runningJourneys) {
    }

    /**
     * An offer rejected or declined.
     *
     * @param productCode the product
     * @param on          the day
     * @param cause       who or what rejected it ({@code RM_REJECTED}, a decline by the customer...)
     */
    public record Rejection(String productCode, LocalDate on, String cause) {
    }

    /**
     * A journey running for the customer.
     *
     * @param productCode the product it offers
     * @param decisionId  the decision that started it
     */
    public record RunningJourney(String productCode, String decisionId) {
    }

    /**
     * The rules that did not choose for a customer who refused profiling (PIPL Art. 24).
     *
     * @param why   why they were left out
     * @param rules the rules, by package and name
     */
    public record RulesNotApplied(String why, List<String> rules) {
    }
}
