package io.beacon.decisioning.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** The bank event as trigger rules see it. */
public class EventFact {
    private final String type;
    private final JsonNode data;

    public EventFact(String type, JsonNode data) {
        this.type = type;
        this.data = data;
    }

    public String getType() {
        return type;
    }

    public String getCategory() {
        return data.path("category").asText(null);
    }

    public String getDirection() {
        return data.path("direction").asText(null);
    }

    public BigDecimal getAmount() {
        return data.hasNonNull("amount") ? data.get("amount").decimalValue() : null;
    }

    public String getCurrency() {
        return data.path("currency").asText(null);
    }

    public java.time.LocalDate getMaturityDate() {
        return data.hasNonNull("maturityDate") ? java.time.LocalDate.parse(data.get("maturityDate").asText()) : null;
    }

    public String getMerchantCountry() {
        return data.path("merchantCountry").asText(null);
    }

    /** The offer a campaign names for its member ({@code beacon.campaign.member}): dynamic, so checked against the catalogue when decided. */
    public String getOfferCode() {
        return data.path("offerCode").asText(null);
    }

    /** The campaign behind a {@code beacon.campaign.member} event. */
    public String getCampaignId() {
        return data.path("campaignId").asText(null);
    }
}
