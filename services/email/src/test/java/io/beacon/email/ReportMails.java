package io.beacon.email;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Report mails as receiving systems write them: a DSN (RFC 3464) and an ARF feedback report (RFC 5965). */
final class ReportMails {

    static final String BOUNCES = "bounces@bank.example";

    private ReportMails() {
    }

    /** A delivery status notification about the email with this Message-ID, its original headers as text/rfc822-headers. */
    static String dsn(String reportId, String originalMessageId, String recipient, String action, String status) {
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="=_dsn_boundary"

                --=_dsn_boundary
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.example.com. Your message could not be delivered.

                --=_dsn_boundary
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com
                Arrival-Date: Sun, 6 Dec 2026 10:00:00 +0000

                Final-Recipient: rfc822; %s
                Original-Recipient: rfc822;%s
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 %s mailbox says no

                --=_dsn_boundary
                Content-Type: text/rfc822-headers

                From: offers@bank.example
                To: %s
                Subject: Beacon Bank: our 12-month fixed-rate deposit is available for you
                Message-ID: %s

                --=_dsn_boundary--
                """.formatted(BOUNCES, reportId, recipient, recipient, action, status, status, recipient, originalMessageId)
                .replace("\n", "\r\n");
    }

    /** A feedback report about the email with this Message-ID, the original as message/rfc822. */
    static String arf(String reportId, String originalMessageId, String feedbackType) {
        return """
                From: Feedback Loop <fbl@mailbox.example>
                To: %s
                Subject: Email abuse report
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="=_arf_boundary"

                --=_arf_boundary
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --=_arf_boundary
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Mail-From: <bounces@bank.example>
                Arrival-Date: Sun, 6 Dec 2026 10:00:00 +0000

                --=_arf_boundary
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: offers@bank.example
                To: jane.doe@example.com
                Subject: Beacon Bank: our 12-month fixed-rate deposit is available for you
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                The offer text.

                --=_arf_boundary--
                """.formatted(BOUNCES, reportId, feedbackType, originalMessageId).replace("\n", "\r\n");
    }

    static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
