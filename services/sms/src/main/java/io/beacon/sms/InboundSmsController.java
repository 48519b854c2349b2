package io.beacon.sms;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.profiles.PhoneLookup;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.Masking;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Twilio's inbound-message webhook: opt-outs and help by text. The request must carry a valid X-Twilio-Signature.
 * The reply travels in the webhook's TwiML answer, once per inbound message (a retried webhook gets an empty answer),
 * so a STOP gets exactly one confirmation, with no marketing in it.
 */
@RestController
class InboundSmsController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.sms.audit");

    private final TwilioProperties twilio;
    private final SmsProperties sms;
    private final ProfilesApi profiles;
    private final ConsentApi consent;
    private final MongoCollection<Document> inbound;

    /** Profiles and consent as this service's account (ADR 0014): the clients DeliveryConfiguration builds for the sends. */
    InboundSmsController(TwilioProperties twilio, SmsProperties sms, ProfilesApi profiles, ConsentApi consent, MongoDatabase database) {
        this.twilio = twilio;
        this.sms = sms;
        this.profiles = profiles;
        this.consent = consent;
        this.inbound = database.getCollection("inbound_messages");
    }

    @PostMapping(path = "/webhooks/twilio/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inbound(@RequestParam Map<String, String> params,
                                   @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        if (!TwilioSignature.valid(twilio.authToken(), sms.inboundWebhookUrl().toString(), params, signature)) {
            audit.warn("inbound SMS webhook refused: {} signature", signature == null ? "missing" : "invalid");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("invalid X-Twilio-Signature");
        }
        String from = params.get("From");
        String messageSid = params.get("MessageSid");
        if (from == null || messageSid == null) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("From and MessageSid are required");
        }
        var intent = SmsKeywords.of(params.get("Body"));
        if (!firstTime(messageSid, intent)) {
            return twiml(null);
        }
        return switch (intent) {
            case STOP -> {
                List<String> customers = changeConsent(from, false);
                audit.info("STOP from {}: SMS marketing withdrawn for {} customer(s)", Masking.phone(from), customers.size());
                yield twiml(sms.bankName() + ": you will get no more marketing texts from us. Reply START to opt back in.");
            }
            case START -> {
                List<String> customers = changeConsent(from, true);
                audit.info("START from {}: SMS marketing granted for {} customer(s)", Masking.phone(from), customers.size());
                yield twiml(sms.bankName() + ": you will get our offers by text again. Reply STOP to opt out.");
            }
            case HELP -> twiml(sms.bankName() + ": marketing texts about our products. Reply STOP to opt out. Help: " + sms.helpContact());
            case NONE -> twiml(null);
        };
    }

    /** Records the inbound message by its SID: true the first time, false for Twilio's retry of the same message. */
    private boolean firstTime(String messageSid, SmsKeywords.Intent intent) {
        try {
            inbound.insertOne(new Document("_id", messageSid).append("intent", intent.name()).append("at", Date.from(Instant.now())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private List<String> changeConsent(String phone, boolean granted) {
        List<String> customers = profiles.lookup(new PhoneLookup(phone)).customerIds();
        for (String customerId : customers) {
            consent.change(customerId, new ConsentChangeRequest("sms", "marketing", granted ? "GRANTED" : "WITHDRAWN", null,
                    granted ? "/sms/START" : "/sms/STOP", null, null));
        }
        return customers;
    }

    private static ResponseEntity<String> twiml(String message) {
        String body = message == null ? "<Response/>" : "<Response><Message>" + HtmlUtils.htmlEscape(message) + "</Message></Response>";
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
    }
}
