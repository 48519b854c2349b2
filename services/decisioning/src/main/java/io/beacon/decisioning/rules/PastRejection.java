package io.beacon.decisioning.rules;

import java.time.LocalDate;

/**
 * A rejection of an offer for this customer (an RM's rejection on beacon.offers, or the customer's decline, a
 * bank.offer.declined event), as cooling-off rules see it.
 *
 * @param cause {@code RM_REJECTED} or {@code CUSTOMER_DECLINED}
 */
public record PastRejection(String productCode, LocalDate on, String cause) {

    /** The cause of an RM's rejection. */
    public static final String RM_REJECTED = "RM_REJECTED";
    /** The cause of the customer's own decline. */
    public static final String CUSTOMER_DECLINED = "CUSTOMER_DECLINED";

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
