package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ExactlyOnceDeliveryTest {

    @Test
    void refusesARequestOfAnotherChannelBeforeTouchingAnything() {
        var pushSender = new ExactlyOnceDelivery(Channel.PUSH, "FCM", null, null, null, new RecordingOutcomes(), Clock.systemUTC()) {
            @Override
            protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
                throw new AssertionError("nothing may be sent");
            }
        };

        assertThatThrownBy(() -> pushSender.deliver(Requests.salaryCreditedOffer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SMS");
    }
}
