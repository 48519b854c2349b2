package io.beacon.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a report mail with Jakarta Mail: the {@code multipart/report} structure, its {@code message/delivery-status}
 * or {@code message/feedback-report} part (header fields, read as {@link InternetHeaders}), and the original message's
 * headers ({@code text/rfc822-headers} or {@code message/rfc822}). Anything else is {@link Unreadable}, naming what is
 * wrong; nothing about the mail is assumed.
 */
final class DeliveryReports {

    /** A report mail that says nothing Beacon can act on; the reason names what is missing or malformed. */
    static final class Unreadable extends Exception {
        private final String reportId;

        Unreadable(String reportId, String reason) {
            super(reason);
            this.reportId = reportId;
        }

        String reportId() {
            return reportId;
        }
    }

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern GROUPS = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");

    private DeliveryReports() {
    }

    static DeliveryReport read(MimeMessage message) throws Unreadable {
        String reportId = reportId(message);
        try {
            ContentType type = new ContentType(message.getContentType());
            if (!type.match("multipart/report")) {
                throw new Unreadable(reportId, "not a report: " + type.getBaseType() + " instead of multipart/report");
            }
            String reportType = type.getParameter("report-type") == null ? "" : type.getParameter("report-type").toLowerCase(Locale.ROOT);
            if (!(message.getContent() instanceof Multipart parts)) {
                throw new Unreadable(reportId, "multipart/report without parts");
            }
            return switch (reportType) {
                case "delivery-status" -> bounce(reportId, parts);
                case "feedback-report" -> complaint(reportId, parts);
                default -> throw new Unreadable(reportId, "report-type '" + reportType + "' is neither delivery-status (RFC 3464) nor feedback-report (RFC 5965)");
            };
        } catch (MessagingException | IOException e) {
            throw new Unreadable(reportId, "the MIME structure does not parse: " + e.getMessage());
        }
    }

    private static DeliveryReport.Bounce bounce(String reportId, Multipart parts) throws Unreadable, MessagingException, IOException {
        Part status = part(parts, "message/delivery-status");
        if (status == null) {
            throw new Unreadable(reportId, "delivery-status report without a message/delivery-status part");
        }
        // the per-message fields, then one group of fields per recipient, separated by blank lines (RFC 3464 2.1)
        List<InternetHeaders> groups = new ArrayList<>();
        for (String group : GROUPS.split(text(status).strip())) {
            groups.add(new InternetHeaders(new ByteArrayInputStream((group.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
        }
        for (InternetHeaders recipient : groups.subList(Math.min(1, groups.size()), groups.size())) {
            String code = recipient.getHeader("Status", null);
            String action = recipient.getHeader("Action", null);
            if (code == null || action == null) {
                continue;
            }
            code = code.strip().split("\\s")[0];
            if (!STATUS.matcher(code).matches()) {
                throw new Unreadable(reportId, "Status '" + code + "' is not an RFC 3463 status code");
            }
            return new DeliveryReport.Bounce(reportId, originalMessageId(reportId, parts), code, action.strip().toLowerCase(Locale.ROOT),
                    address(recipient.getHeader("Final-Recipient", null)));
        }
        throw new Unreadable(reportId, "delivery-status without a recipient's Action and Status");
    }

    private static DeliveryReport.Complaint complaint(String reportId, Multipart parts) throws Unreadable, MessagingException, IOException {
        Part feedback = part(parts, "message/feedback-report");
        if (feedback == null) {
            throw new Unreadable(reportId, "feedback-report without a message/feedback-report part");
        }
        var fields = new InternetHeaders(new ByteArrayInputStream((text(feedback).strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
        String feedbackType = fields.getHeader("Feedback-Type", null);
        if (feedbackType == null || feedbackType.isBlank()) {
            throw new Unreadable(reportId, "feedback report without Feedback-Type");
        }
        return new DeliveryReport.Complaint(reportId, originalMessageId(reportId, parts), feedbackType.strip());
    }

    /** The Message-ID of the returned message, from its headers as the report carries them. */
    private static String originalMessageId(String reportId, Multipart parts) throws Unreadable, MessagingException, IOException {
        String id = null;
        Part headers = part(parts, "text/rfc822-headers");
        if (headers != null) {
            try (InputStream in = headers.getInputStream()) {
                id = new InternetHeaders(in).getHeader("Message-ID", null);
            }
        } else {
            Part original = part(parts, "message/rfc822");
            if (original != null) {
                MimeMessage returned = original.getContent() instanceof MimeMessage m ? m : new MimeMessage(null, original.getInputStream());
                id = returned.getMessageID();
            }
        }
        if (id == null || id.isBlank()) {
            throw new Unreadable(reportId, "the report carries no original message headers with a Message-ID (text/rfc822-headers or message/rfc822)");
        }
        return id.strip();
    }

    private static Part part(Multipart parts, String mimeType) throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(mimeType)) {
                return part;
            }
        }
        return null;
    }

    private static String text(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code rfc822; jane@example.com} → the address; null when absent. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        return (semicolon < 0 ? field : field.substring(semicolon + 1)).strip();
    }

    /** The report's Message-ID, or a digest of the whole mail when it has none (so a duplicate is still recognised). */
    static String reportId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            if (id != null && !id.isBlank()) {
                return id.strip();
            }
            var bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return digest(bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            return "unreadable-" + System.nanoTime();
        }
    }

    static String digest(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
