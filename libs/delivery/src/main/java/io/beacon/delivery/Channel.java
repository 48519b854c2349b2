package io.beacon.delivery;

import io.beacon.platform.Masking;

/**
 * The channels Beacon sends offers on. The id is what journeys, the consent service, outcomes and idempotency keys
 * call the channel; the contact point field is where the profiles service keeps the channel's address.
 */
public enum Channel {

    SMS("sms", "SMS", "phone", "phone number"),
    EMAIL("email", "email", "email", "email address"),
    PUSH("push", "push", "pushToken", "push token");

    private final String id;
    private final String label;
    private final String contactPointField;
    private final String contactPointName;

    Channel(String id, String label, String contactPointField, String contactPointName) {
        this.id = id;
        this.label = label;
        this.contactPointField = contactPointField;
        this.contactPointName = contactPointName;
    }

    public String id() {
        return id;
    }

    /** How logs and job error messages name one send: "SMS evt-1/...", "email evt-1/...". */
    public String label() {
        return label;
    }

    /** The field of the profiles service's contact-points answer that holds this channel's address. */
    public String contactPointField() {
        return contactPointField;
    }

    public String contactPointName() {
        return contactPointName;
    }

    /** Contact points leave the sender only masked: in logs, the ledger and outcome details. */
    public String mask(String contactPoint) {
        return switch (this) {
            case SMS -> Masking.phone(contactPoint);
            case EMAIL -> Masking.email(contactPoint);
            case PUSH -> Masking.token(contactPoint);
        };
    }
}
