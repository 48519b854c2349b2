package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.ProfileSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A decision to try out.
 *
 * @param profile     the test customer's profile, as decisions see it off beacon.events.profiled
 * @param event       the event to decide on
 * @param productCode a product to judge instead of the triggered ones; null to judge what the event triggers
 * @param today       the day to decide for; null for today
 */
public record SimulationRequest(ProfileSnapshot profile, Event event, String productCode, LocalDate today) {

    /**
     * A bank event as the rules read it.
     *
     * @param type the event type ({@code bank.transaction.posted}...)
     * @param data its data; null for none
     */
    public record Event(String type, EventData data) {
    }

    /**
     * The facts of a bank event's data that rules read; each null when the event does not carry it.
     *
     * @param amount          the amount
     * @param currency        ISO 4217
     * @param direction       {@code CREDIT} or {@code DEBIT}
     * @param category        the transaction's category ({@code SALARY}...)
     * @param merchantCountry ISO 3166-1 alpha-2
     * @param maturityDate    a deposit's maturity
     * @param offerCode       the offer a campaign names for its member
     * @param campaignId      the campaign behind a campaign member event
     */
    public record EventData(BigDecimal amount, String currency, String direction, String category, String merchantCountry,
                            LocalDate maturityDate, String offerCode, String campaignId) {
    }
}
