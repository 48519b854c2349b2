package io.beacon.sms;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.profiles.PhoneLookup;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.Masking;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Twilio's inbound-message webhook: opt-outs and help by text, in every language of {@link SmsKeywords}. The request
 * must carry a valid X-Twilio-Signature. The reply travels in the webhook's TwiML answer, in the keyword's language.
 * A STOP is confirmed once per opt-out, never twice (CTIA): {@link SmsOptOuts} keeps the confirmed numbers in MongoDB,
 * so a second STOP, Twilio's retry of the same one, or a STOP after Twilio refused a send with 21610 gets an empty
 * answer. Each inbound message is recorded by its SID (the audit record, also of texts that ask for nothing); one
 * already handled is not handled again, one whose handling broke off (consent unreachable) is handled again.
 */
@RestController
class InboundSmsController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.sms.audit");

    private final TwilioProperties twilio;
    private final SmsProperties sms;
    private final SmsKeywords keywords;
    private final SmsOptOuts optOuts;
    private final ProfilesApi profiles;
    private final ConsentApi consent;
    private final MongoCollection<Document> inbound;

    /** Profiles and consent as this service's account (ADR 0014): the clients DeliveryConfiguration builds for the sends. */
    InboundSmsController(TwilioProperties twilio, SmsProperties sms, SmsKeywords keywords, SmsOptOuts optOuts, ProfilesApi profiles,
                         ConsentApi consent, MongoDatabase database) {
        this.twilio = twilio;
        this.sms = sms;
        this.keywords = keywords;
        this.optOuts = optOuts;
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
        Optional<SmsKeywords.Match> keyword = keywords.match(params.get("Body"));
        if (alreadyHandled(messageSid, keyword)) {
            audit.info("inbound SMS {} from {} delivered again: handled before, no second answer", messageSid, Masking.phone(from));
            return twiml(null);
        }
        if (keyword.isEmpty()) {
            // Neither the text nor its words are logged or kept: a free reply can say anything about the person.
            audit.info("inbound SMS {} from {} is no keyword of {}: nothing changed", messageSid, Masking.phone(from), keywords.locales());
            handled(messageSid, "no keyword: nothing changed");
            return twiml(null);
        }
        SmsKeywords.Match match = keyword.get();
        String reply = keywords.reply(match, sms.bankName(), sms.helpContact());
        return switch (match.intent()) {
            case STOP -> {
                List<String> customers = changeConsent(from, false, match);
                // after consent answered (the opt-out is acknowledged, ADR 0015): a failure above confirms nothing
                boolean confirm = optOuts.claimConfirmation(from, "STOP");
                audit.info("STOP ({} '{}') from {}: SMS marketing withdrawn for {} customer(s); {}", match.locale(), match.keyword(),
                        Masking.phone(from), customers.size(), confirm ? "confirmed" : "confirmed before, no second confirmation");
                handled(messageSid, "withdrawn for " + customers.size() + " customer(s)" + (confirm ? ", confirmed" : ", confirmed before"));
                yield twiml(confirm ? reply : null);
            }
            case START -> {
                List<String> customers = changeConsent(from, true, match);
                optOuts.reopen(from);
                audit.info("START ({} '{}') from {}: SMS marketing granted for {} customer(s)", match.locale(), match.keyword(),
                        Masking.phone(from), customers.size());
                handled(messageSid, "granted for " + customers.size() + " customer(s)");
                yield twiml(reply);
            }
            case HELP -> {
                handled(messageSid, "help answered");
                yield twiml(reply);
            }
        };
    }

    /**
     * Records the inbound message by its SID, the first time; true when an earlier delivery of it was handled to the end
     * (Twilio's retry of the same message), false when it is new or its handling broke off before the end.
     */
    private boolean alreadyHandled(String messageSid, Optional<SmsKeywords.Match> keyword) {
        try {
            inbound.insertOne(new Document("_id", messageSid)
                    .append("intent", keyword.map(k -> k.intent().name()).orElse(null))
                    .append("locale", keyword.map(SmsKeywords.Match::locale).orElse(null))
                    .append("at", Date.from(Instant.now())));
            return false;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document earlier = inbound.find(Filters.eq("_id", messageSid)).first();
                return earlier != null && earlier.get("outcome") != null;
            }
            throw e;
        }
    }

    private void handled(String messageSid, String outcome) {
        inbound.updateOne(Filters.eq("_id", messageSid), Updates.set("outcome", outcome));
    }

    private List<String> changeConsent(String phone, boolean granted, SmsKeywords.Match match) {
        List<String> customers = profiles.lookup(new PhoneLookup(phone)).customerIds();
        for (String customerId : customers) {
            // the same change in every language: source /sms/STOP or /sms/START, the customer's own word as the reason
            consent.change(customerId, new ConsentChangeRequest("sms", "marketing", granted ? "GRANTED" : "WITHDRAWN", null,
                    granted ? "/sms/START" : "/sms/STOP", null, "replied " + match.keyword() + " (" + match.locale() + ")"));
        }
        return customers;
    }

    /** UTF-8 declared and sent as such (text/* would default to ISO-8859-1); only XML's own characters escaped. */
    private static final MediaType TWIML = new MediaType("text", "xml", StandardCharsets.UTF_8);

    private static ResponseEntity<String> twiml(String message) {
        String body = message == null ? "<Response/>"
                : "<Response><Message>" + HtmlUtils.htmlEscape(message, StandardCharsets.UTF_8.name()) + "</Message></Response>";
        return ResponseEntity.ok().contentType(TWIML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
    }
}
