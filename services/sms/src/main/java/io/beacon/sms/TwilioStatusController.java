package io.beacon.sms;

import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.Receipts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's delivery receipts: the StatusCallback of each send, {@code ?beaconKey=<idempotency key>}, signed with
 * X-Twilio-Signature over that exact URL. {@code delivered} becomes DELIVERED, {@code undelivered}/{@code failed}
 * FAILED with a reason code, on beacon.offers; any receipt also records the message sid on a send whose 201 was lost
 * (ADR 0011).
 */
@RestController
class TwilioStatusController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.sms.audit");
    private static final String KEY = "beaconKey";
    // 30005 unknown destination, 30006 landline or unreachable carrier; 21610 the recipient replied STOP to the carrier
    private static final Set<String> INVALID_NUMBER = Set.of("30005", "30006");

    private final TwilioProperties twilio;
    private final TwilioClient client;
    private final Receipts receipts;

    TwilioStatusController(TwilioProperties twilio, TwilioClient client, Receipts receipts) {
        this.twilio = twilio;
        this.client = client;
        this.receipts = receipts;
    }

    @PostMapping(path = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> status(@RequestParam Map<String, String> params,
                                  @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        String key = params.get(KEY);
        if (key == null || twilio.statusCallback() == null) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("the status callback URL must carry beaconKey");
        }
        // The query is part of the signed URL, the form fields are the signed parameters.
        Map<String, String> form = new LinkedHashMap<>(params);
        form.remove(KEY);
        if (!TwilioSignature.valid(twilio.authToken(), client.statusCallbackFor(key), form, signature)) {
            audit.warn("Twilio status callback refused: {} signature", signature == null ? "missing" : "invalid");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("invalid X-Twilio-Signature");
        }
        String sid = form.get("MessageSid");
        String status = form.getOrDefault("MessageStatus", "");
        String errorCode = form.get("ErrorCode");
        boolean known = switch (status) {
            case "delivered" -> receipts.record(key, OutcomeType.DELIVERED, sid, status, null, null);
            case "undelivered", "failed" -> receipts.record(key, OutcomeType.FAILED, sid, status, reason(errorCode),
                    "Twilio reports " + sid + " as " + status + (errorCode == null ? "" : " (error " + errorCode + ")"));
            // queued, sent, accepted...: nothing new for the journey, but the sid settles a send whose answer was lost
            default -> receipts.record(key, null, sid, status, null, null);
        };
        if (!known) {
            audit.warn("Twilio status callback for an unknown send ({}): ignored", sid);
        }
        return ResponseEntity.noContent().build();
    }

    private static ReasonCode reason(String errorCode) {
        if (errorCode != null && INVALID_NUMBER.contains(errorCode)) {
            return ReasonCode.INVALID_CONTACT_POINT;
        }
        return "21610".equals(errorCode) ? ReasonCode.OPTED_OUT : ReasonCode.PROVIDER_REJECTED;
    }
}
