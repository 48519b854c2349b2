package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpSenderTest {

    @Test
    void aRecipientRefusedWithA5xxIsPermanent() throws Exception {
        var refused = new SendFailedException("Invalid Addresses", null, new Address[0], new Address[0],
                new Address[] {new InternetAddress("jane@example.com")});

        assertThat(SmtpSender.recipientRefused(new MailSendException(Map.of(new Object(), refused)))).isTrue();
    }

    @Test
    void aRecipientDeferredWithA4xxIsWorthRetrying() throws Exception {
        var deferred = new SendFailedException("Temporary failure", null, new Address[0],
                new Address[] {new InternetAddress("jane@example.com")}, new Address[0]);

        assertThat(SmtpSender.recipientRefused(new MailSendException(Map.of(new Object(), deferred)))).isFalse();
        assertThat(SmtpSender.recipientRefused(new MailSendException("Mail server connection failed"))).isFalse();
    }

    @Test
    void aConnectionThatBrokeAwaitingTheRelaysAnswerIsNoAnswerButARelayReplyIs() {
        // as Angus reports the end of data whose reply never came: return code -1, "[EOF]"
        var noReply = new org.eclipse.angus.mail.smtp.SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null);
        var relayRefused = new org.eclipse.angus.mail.smtp.SMTPSendFailedException(".", 451, "451 4.3.0 try again later", null,
                null, null, null);

        assertThat(SmtpSender.relayAnswered(new MailSendException(Map.of(new Object(), noReply)))).isFalse();
        assertThat(SmtpSender.relayAnswered(new MailSendException(Map.of(new Object(), relayRefused)))).isTrue();
    }

    @Test
    void masksAddressesInRelayErrors() {
        assertThat(SmtpSender.redact("550 5.1.1 <jane.doe@example.com>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <j***@example.com>: Recipient address rejected");
    }

    @Test
    void derivesTheSameMessageIdFromTheSameSendKey() {
        var sender = new SmtpSender(null, "offers@bank.example", "bank.example", null);

        assertThat(sender.messageId("evt-1/42/Task_SendEmail/email"))
                .isEqualTo(sender.messageId("evt-1/42/Task_SendEmail/email"))
                .isNotEqualTo(sender.messageId("evt-1/43/Task_SendEmail/email"))
                .matches("<[0-9a-f]{32}@bank\\.example>");
    }
}
