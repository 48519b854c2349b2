package io.beacon.email;

import io.beacon.email.ReportJournal.Outcome;
import jakarta.mail.Session;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/delivery-reports}: the email provider hands over a delivery report (a DSN or an ARF report, the
 * mail itself as the body). Public (the provider has no Beacon account) and authenticated by its signature instead:
 * {@code X-Beacon-Timestamp} (epoch seconds, within {@code tolerance} of now, so a recorded call cannot be replayed
 * later) and {@code X-Beacon-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, compared in constant time.
 * A call without a valid signature is 401 with an audit line and record, and changes nothing. Answers: 200 with what
 * became of the report; 422 when it cannot be read (kept in the report journal); 503 when it cannot be handled now (the
 * provider calls again).
 */
@RestController
class ReportWebhookController {

    static final String TIMESTAMP = "X-Beacon-Timestamp";
    static final String SIGNATURE = "X-Beacon-Signature";
    static final String VIA = "webhook";

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.email.audit");

    private final DeliveryReportHandling handling;
    private final ReportJournal journal;
    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    ReportWebhookController(DeliveryReportHandling handling, ReportJournal journal, ReportSettings settings, Clock clock) {
        this.handling = handling;
        this.journal = journal;
        this.secret = settings.webhook().secret().getBytes(StandardCharsets.UTF_8);
        this.tolerance = settings.webhook().tolerance();
        this.clock = clock;
    }

    @PostMapping("/webhooks/delivery-reports")
    ResponseEntity<?> receive(@RequestHeader(name = TIMESTAMP, required = false) String timestamp,
                              @RequestHeader(name = SIGNATURE, required = false) String signature,
                              @RequestBody(required = false) byte[] body) {
        byte[] report = body == null ? new byte[0] : body;
        String forged = forgery(timestamp, signature, report);
        if (forged != null) {
            // a record per call, whatever its body: a forger repeating one body leaves as many records as calls
            String id = "forged:" + java.util.UUID.randomUUID();
            audit.warn("delivery report webhook refused: {}; nothing changed (record {}, body {})", forged, id, DeliveryReports.digest(report));
            journal.record(id, VIA, Outcome.FORGED, null, forged + "; body " + DeliveryReports.digest(report), clock.instant());
            return problem(HttpStatus.UNAUTHORIZED, "delivery report refused: " + forged);
        }
        MimeMessage mail;
        try {
            mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report));
        } catch (MessagingException e) {
            String id = DeliveryReports.digest(report);
            handling.unreadable(id, VIA, "the body is not a mail message: " + e.getMessage(), report);
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "the body is not a mail message (kept as " + id + ")");
        }
        DeliveryReport read;
        try {
            read = DeliveryReports.read(mail);
        } catch (DeliveryReports.Unreadable e) {
            handling.unreadable(e.reportId(), VIA, e.getMessage(), report);
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "the delivery report cannot be read: " + e.getMessage() + " (kept as " + e.reportId() + ")");
        }
        try {
            Outcome outcome = handling.handle(read, VIA);
            return ResponseEntity.ok(Map.of("report", read.reportId(), "outcome", outcome.name()));
        } catch (RuntimeException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "the delivery report cannot be handled now, send it again later: " + e.getMessage());
        }
    }

    /** Why the call is not the provider's, or null when its signature holds. */
    private String forgery(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "unsigned (" + TIMESTAMP + " and " + SIGNATURE + " are required)";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return TIMESTAMP + " is not epoch seconds";
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            return TIMESTAMP + " is " + skew.toSeconds() + " s from now, beyond the " + tolerance.toSeconds() + " s tolerance";
        }
        byte[] expected = ("v1=" + sign(timestamp.strip(), body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "the signature does not match the body";
        }
        return null;
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body} under the webhook secret. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
