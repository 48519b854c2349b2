package io.beacon.email;

import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.ProviderOutcomeUnknownException;
import io.beacon.delivery.ProviderRejectedException;
import io.beacon.delivery.ProviderUnavailableException;
import io.beacon.platform.Masking;
import jakarta.mail.MessagingException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Hands offer emails to the SMTP relay ({@code spring.mail.*}), guarded by the Resilience4j instances named
 * {@code smtp} ({@link ProviderGuard}).
 */
public class SmtpSender {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"']+");

    private final JavaMailSender mail;
    private final String from;
    private final String messageIdDomain;
    private final ProviderGuard guard;
    private final DkimSigner dkim;

    public SmtpSender(JavaMailSender mail, String from, String messageIdDomain, ProviderGuard guard) {
        this(mail, from, messageIdDomain, guard, null);
    }

    /** @param dkim signs every message when set (the signature is computed as the message is written to the relay) */
    public SmtpSender(JavaMailSender mail, String from, String messageIdDomain, ProviderGuard guard, DkimSigner dkim) {
        this.mail = mail;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        this.guard = guard;
        this.dkim = dkim;
    }

    /**
     * The Message-ID a send with this key carries: a resent copy has the same id, so mail systems and people can tell
     * it is the same message. Hashed, because the key holds ids a recipient has no business seeing.
     */
    public String messageId(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + messageIdDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Sends and returns the Message-ID. Throws {@link ProviderRejectedException} when the relay refuses the recipient
     * for good (never retried), {@link ProviderUnavailableException} once the retries are spent or the breaker is open.
     */
    public String send(String to, OfferEmail email, String idempotencyKey) {
        String messageId = messageId(idempotencyKey);
        MimeMessage message = signed(build(to, email, messageId));
        return guard.send(() -> {
            try {
                mail.send(message);
                return messageId;
            } catch (MailSendException e) {
                if (recipientRefused(e)) {
                    throw new ProviderRejectedException(ReasonCode.INVALID_CONTACT_POINT, "SMTP relay refused the recipient permanently");
                }
                if (relayAnswered(e) || neverConnected(e)) {
                    throw new ProviderUnavailableException("SMTP relay did not take the message: " + redact(e.getMessage()), e);
                }
                // The connection broke mid-conversation (after DATA, say): the relay may have queued it. Not resent.
                throw new ProviderOutcomeUnknownException("SMTP relay gave no answer after the message left: " + redact(e.getMessage()), e);
            } catch (MailException e) {
                throw new ProviderUnavailableException("SMTP relay unavailable: " + redact(e.getMessage()), e);
            }
        });
    }

    private MimeMessage signed(MimeMessage message) {
        if (dkim == null) {
            return message;
        }
        try {
            message.saveChanges();
            return new DkimMessage(message, dkim);
        } catch (MessagingException e) {
            throw new IllegalStateException("the offer email could not be prepared for DKIM signing: " + e.getMessage(), e);
        }
    }

    private MimeMessage build(String to, OfferEmail email, String messageId) {
        // The Session only supplies MIME defaults here; JavaMailSender sends through its own configured session.
        var message = new FixedIdMimeMessage(Session.getInstance(new Properties()), messageId);
        try {
            var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(email.subject());
            // multipart/alternative at the top: no attachments, and clients that cannot show HTML get the text part.
            var text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
            var html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            var alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
            // RFC 8058: a POST of List-Unsubscribe=One-Click to this URL unsubscribes, no login and no cookie.
            message.setHeader(LIST_UNSUBSCRIBE, "<" + email.unsubscribeUrl() + ">");
            message.setHeader(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
            return message;
        } catch (MessagingException e) {
            throw new ProviderRejectedException(ReasonCode.INVALID_CONTACT_POINT, "email could not be addressed: " + redact(e.getMessage()));
        }
    }

    /** A 5xx on RCPT lands in the invalid addresses; a 4xx lands in valid-unsent and is worth retrying. */
    static boolean recipientRefused(MailSendException e) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable t = failure; t != null; t = next(t)) {
                if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                        && sendFailed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The relay replied with an error code (a SendFailedException carries its reply): it did not take the message. Angus
     * reports a connection that broke while waiting for the relay's reply (after the message's end of data, say) as a
     * send failure too, with no reply code (-1, "[EOF]"): no answer, so the relay may have the message (ADR 0036).
     */
    static boolean relayAnswered(MailSendException e) {
        return chainContains(e, t -> t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException smtp
                ? smtp.getReturnCode() >= 400 : t instanceof SendFailedException);
    }

    /** No connection was made: nothing can have been sent. */
    static boolean neverConnected(MailSendException e) {
        return chainContains(e, t -> t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                || t.getClass().getSimpleName().equals("MailConnectException"));
    }

    private static boolean chainContains(MailSendException e, java.util.function.Predicate<Throwable> test) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable t = failure; t != null; t = next(t)) {
                if (test.test(t)) {
                    return true;
                }
            }
        }
        for (Throwable t = e.getCause(); t != null; t = next(t)) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** Relay errors quote addresses; job error messages and outcomes must not. */
    static String redact(String text) {
        if (text == null) {
            return "";
        }
        Matcher matcher = EMAIL.matcher(text);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(Masking.email(m.group())));
    }

    /** Keeps the derived Message-ID: JavaMail would otherwise replace it with a random one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
