package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ChannelDelivery;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.JourneyOnZeebe;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An email whose outcome is unknown, through the real journey on the real Zeebe engine: the customer's order is email,
 * then SMS, then push. The relay (GreenMail) receives the whole message, and its answer is lost on the way back
 * ({@link SmtpReplyLosingProxy}): the email counts as sent (unconfirmed) and the journey must not fall back, so the
 * offer reaches the customer at most once (ADR 0036).
 */
class EmailUnknownOutcomeJourneyIT {

    private static final AtomicInteger events = new AtomicInteger();

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.EMAIL, "jane.doe@example.com");

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static JourneyOnZeebe journey;
    private static volatile EmailDelivery sender;

    @BeforeAll
    static void deployTheJourneyAndServeEmailJobs() {
        journey = JourneyOnZeebe.forSender(Channel.EMAIL);
        journey.serve(new DeliveryJobHandler("send-email", Channel.EMAIL, new ChannelDelivery() {
            @Override
            public DeliveryResult deliver(DeliveryRequest request) {
                return sender.deliver(request);
            }

            @Override
            public DeliveryResult giveUp(DeliveryRequest request, String detail) {
                return sender.giveUp(request, detail);
            }
        }, Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (journey != null) {
            journey.close();
        }
    }

    private void sendThrough(int port) {
        var mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        mail.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        sender = new EmailDelivery(fixture.consent(), fixture.profiles(), fixture.ledger(),
                new SmtpSender(mail, "offers@bank.example", "bank.example", TestResilience.guard("SMTP")),
                EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"),
                        URI.create("https://bank.example/profiling"), new io.beacon.platform.UnsubscribeTokens("test-secret-test-secret-test-secret"), null,
                        EmailTextTest.NOV_22),
                fixture.outcomes(), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(SmtpReplyLosingProxy.Mode.class)
    void anEmailTheRelayTookWhoseAnswerWasLostIsCountedSentAndNeverSentAgainBySmsOrPush(SmtpReplyLosingProxy.Mode lost) throws Exception {
        // GreenMail starts afresh for each test: a proxy in front of this test's relay
        Map<String, Object> delivery;
        String event = "evt-email-unknown-" + events.incrementAndGet();
        try (var proxy = new SmtpReplyLosingProxy(relay.getSmtp().getPort())) {
            proxy.mode(lost);
            sendThrough(proxy.port());

            journey.start(SenderFixture.CUSTOMER, event, List.of("email", "sms", "push"));
            delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);
        }

        assertThat(delivery).containsEntry("channel", "email").containsEntry("status", "SENT").containsEntry("confirmed", false);
        assertThat(relay.getReceivedMessages()).as("emails the relay received").hasSize(1);
        assertThat(journey.channelsTried(event)).containsExactly("email");
        assertThat(journey.sendsOn(Channel.SMS, event)).isZero();
        assertThat(journey.sendsOn(Channel.PUSH, event)).isZero();
    }

    @Test
    void anEmailThatCertainlyWasNotSentFallsBackToSmsOnce() {
        fixture.profileJson(Map.of("customerId", SenderFixture.CUSTOMER, "firstName", "Jane", "language", "en-GB", "email", "not an address"));
        sendThrough(relay.getSmtp().getPort());
        String event = "evt-email-invalid-" + events.incrementAndGet();

        journey.start(SenderFixture.CUSTOMER, event, List.of("email", "sms", "push"));
        Map<String, Object> delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);

        assertThat(delivery).containsEntry("channel", "sms").containsEntry("status", "SENT");
        assertThat(relay.getReceivedMessages()).isEmpty();
        assertThat(journey.channelsTried(event)).containsExactly("email", "sms");
        assertThat(journey.sendsOn(Channel.SMS, event)).isOne();
    }
}
