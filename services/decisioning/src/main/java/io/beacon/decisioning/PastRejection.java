package io.beacon.decisioning;

import java.time.LocalDate;

/**
 * A rejection of an offer for this customer (an RM's rejection on beacon.offers), as cooling-off rules see it.
 *
 * @param cause what ended the offer, e.g. {@code RM_REJECTED}
 */
public record PastRejection(String productCode, LocalDate on, String cause) {
    public String getProductCode() {
        return productCode;
    }

    public LocalDate getOn() {
        return on;
    }

    public String getCause() {
        return cause;
    }
}
