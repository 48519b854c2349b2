package io.beacon.contracts;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvent types bank systems may publish on {@link Topics#BANK_EVENTS}. */
public enum BankEventType {
    CUSTOMER_UPDATED("bank.customer.updated"),
    RISK_PROFILE_ASSESSED("bank.risk-profile.assessed"),
    ACCOUNT_OPENED("bank.account.opened"),
    TRANSACTION_POSTED("bank.transaction.posted"),
    TERM_DEPOSIT_MATURING("bank.term-deposit.maturing"),
    LOAN_REPAID("bank.loan.repaid"),
    DIGITAL_LOGIN("bank.digital.login"),
    PRODUCT_PURCHASED("bank.product.purchased"),
    /** The customer said no to an offer of a product (in the app, to an adviser): it cools that product off (ADR 0010). */
    OFFER_DECLINED("bank.offer.declined"),
    CONSENT_CHANGED("bank.consent.changed");

    private final String type;

    BankEventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public String schemaResource() {
        return "/contracts/schemas/" + type + ".schema.json";
    }

    public static Optional<BankEventType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
