package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.ReasonCode;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send lease is the last word on an erased person's contact point, as on consent (ADR 0030). */
class SendLeaseSuppressionTest {

    private final ConsentFixture fixture = new ConsentFixture().consenting("C-1");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aContactPointOfAnErasedPersonGetsNoLeaseThoughTheNewCustomerConsented() {
        fixture.database.getCollection(Suppressions.COLLECTION).insertOne(new Document("_id", "blind-index-of-the-old-number").append("kind", "phone"));

        var grant = fixture.leases.open("C-1", "sms", "send-1", "blind-index-of-the-old-number");

        assertThat(grant.allowed()).isFalse();
        assertThat(grant.decision().reason()).isEqualTo(ReasonCode.SUPPRESSED_CONTACT_POINT);
        assertThat(grant.lease()).isNull();
        assertThat(fixture.database.getCollection(SendLeases.COLLECTION).countDocuments()).as("no lease left open").isZero();
    }

    @Test
    void anotherContactPointOfTheSameCustomerIsLeasedAsUsual() {
        fixture.database.getCollection(Suppressions.COLLECTION).insertOne(new Document("_id", "blind-index-of-the-old-number").append("kind", "phone"));

        var grant = fixture.leases.open("C-1", "sms", "send-1", "blind-index-of-the-new-number");

        assertThat(grant.allowed()).isTrue();
        assertThat(grant.lease()).isNotNull();
    }

    @Test
    void withoutConsentTheReasonIsTheConsentsEvenForASuppressedContactPoint() {
        fixture.database.getCollection(Suppressions.COLLECTION).insertOne(new Document("_id", "blind-index-of-the-old-number").append("kind", "phone"));

        var grant = fixture.leases.open("C-2", "sms", "send-1", "blind-index-of-the-old-number");

        assertThat(grant.allowed()).isFalse();
        assertThat(grant.decision().reason()).isNotEqualTo(ReasonCode.SUPPRESSED_CONTACT_POINT);
    }
}
