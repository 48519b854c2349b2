package io.beacon.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.ProviderOutcomeUnknownException;
import io.beacon.delivery.ProviderRejectedException;
import io.beacon.delivery.ProviderUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Twilio Messages API (2010-04-01), guarded by the Resilience4j instances named {@code twilio}
 * ({@link ProviderGuard}: retry, rate limiter at the sender's throughput, bulkhead, circuit breaker).
 */
public class TwilioClient {

    /** A message as Twilio knows it: sid "SM...", status queued, sent, delivered, undelivered, failed... */
    public record TwilioMessage(String sid, String status, String to, String from, String body, Instant dateCreated) {

        public TwilioMessage(String sid, String status) {
            this(sid, status, null, null, null, null);
        }

        /** Twilio gave up on it; anything else means it was or will be handed to the carrier. */
        public boolean failed() {
            return "failed".equals(status) || "undelivered".equals(status) || "canceled".equals(status);
        }
    }

    // 21211 invalid 'To', 21614 not a mobile number, 21217 not a valid phone number, 21401 invalid phone number.
    private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21614, 21217, 21401);
    // The recipient replied STOP to our sender at the carrier: Twilio refuses until they reply START.
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private static final int LIST_PAGE_SIZE = 50;

    private final RestClient http;
    private final TwilioProperties properties;
    private final ProviderGuard guard;

    public TwilioClient(RestClient http, TwilioProperties properties, ProviderGuard guard) {
        this.http = http;
        this.properties = properties;
        this.guard = guard;
    }

    public String from() {
        return properties.from();
    }

    /**
     * Sends one text. Throws {@link ProviderRejectedException} for a permanent refusal (never retried) and
     * {@link ProviderUnavailableException} once the retries are spent or the breaker is open.
     */
    public TwilioMessage send(String to, String body, String idempotencyKey) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("To", to);
        form.add("From", properties.from());
        form.add("Body", body);
        if (properties.statusCallback() != null) {
            // The key rides in the callback URL's query (Twilio keeps the query and signs the whole URL), so a receipt
            // names the ledger record even when the 201 never arrived (ADR 0011).
            form.add("StatusCallback", statusCallbackFor(idempotencyKey));
        }
        return guard.send(() -> http.post()
                .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", properties.accountSid())
                .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    byte[] answer = response.getBody().readAllBytes();
                    if (status.is2xxSuccessful()) {
                        // Twilio took something, but without a readable sid nothing proves what: ask, do not resend.
                        return createdMessage(answer);
                    }
                    JsonNode json = readJson(answer);
                    if (status.isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                        throw rejected(json);
                    }
                    if (HttpClients.gatewayTimedOut(status)) {
                        throw new ProviderOutcomeUnknownException("Twilio's gateway answered 504 after the request reached it", null);
                    }
                    // An error status is Twilio's own answer that it did not create the message: safe to retry.
                    throw new ProviderUnavailableException("Twilio answered " + status.value() + errorDetail(json),
                            HttpClients.retryAfter(response.getHeaders()), null);
                }));
    }

    /** The configured StatusCallback with the send's key as {@code beaconKey}; null when none is configured. */
    public String statusCallbackFor(String idempotencyKey) {
        if (properties.statusCallback() == null) {
            return null;
        }
        return UriComponentsBuilder.fromUri(properties.statusCallback())
                .queryParam("beaconKey", idempotencyKey)
                .encode()
                .build()
                .toUriString();
    }

    /**
     * The latest messages from Beacon's sender to one number (Twilio's list filter {@code To} + {@code From},
     * newest first, one page): what the uncertain-outcome lookup matches against.
     */
    public List<TwilioMessage> recentTo(String to) {
        return guard.read(() -> http.get()
                .uri(uri -> uri.path("/2010-04-01/Accounts/{accountSid}/Messages.json")
                        .queryParam("To", "{to}").queryParam("From", "{from}").queryParam("PageSize", LIST_PAGE_SIZE)
                        .build(properties.accountSid(), to, properties.from()))
                .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    JsonNode json = readJson(response.getBody().readAllBytes());
                    if (!status.is2xxSuccessful()) {
                        throw new ProviderUnavailableException("Twilio message list answered " + status.value() + errorDetail(json),
                                HttpClients.retryAfter(response.getHeaders()), null);
                    }
                    if (!json.path("messages").isArray()) {
                        throw new ProviderUnavailableException("Twilio message list answered without a messages array");
                    }
                    List<TwilioMessage> messages = new ArrayList<>();
                    for (JsonNode message : json.get("messages")) {
                        messages.add(message(message));
                    }
                    return messages;
                }));
    }

    /** Looks a message up by sid; empty when Twilio does not know it. */
    public Optional<TwilioMessage> lookup(String sid) {
        return guard.read(() -> http.get()
                .uri("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", properties.accountSid(), sid)
                .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
                        return Optional.<TwilioMessage>empty();
                    }
                    JsonNode json = readJson(response.getBody().readAllBytes());
                    if (status.is2xxSuccessful()) {
                        return Optional.of(message(json));
                    }
                    throw new ProviderUnavailableException("Twilio status lookup answered " + status.value() + errorDetail(json));
                }));
    }

    private static TwilioMessage createdMessage(byte[] body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json == null || json.path("sid").asText("").isBlank()) {
                throw new ProviderOutcomeUnknownException("Twilio answered 201 without a message sid", null);
            }
            return message(json);
        } catch (IOException e) {
            throw new ProviderOutcomeUnknownException("Twilio answered 201 with a body that is not JSON", e);
        }
    }

    private static TwilioMessage message(JsonNode json) {
        String sid = json.path("sid").asText(null);
        if (sid == null || sid.isBlank()) {
            throw new ProviderUnavailableException("Twilio answered without a message sid");
        }
        return new TwilioMessage(sid, json.path("status").asText(null), json.path("to").asText(null),
                json.path("from").asText(null), json.path("body").asText(null), dateCreated(json.path("date_created").asText(null)));
    }

    /** Twilio dates are RFC 2822: "Mon, 16 Aug 2010 03:45:01 +0000". */
    private static Instant dateCreated(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ProviderRejectedException rejected(JsonNode json) {
        int code = json.path("code").asInt(0);
        ReasonCode reason = INVALID_NUMBER.contains(code) ? ReasonCode.INVALID_CONTACT_POINT
                : code == UNSUBSCRIBED_RECIPIENT ? ReasonCode.OPTED_OUT
                : ReasonCode.PROVIDER_REJECTED;
        return new ProviderRejectedException(reason, "Twilio refused the message" + errorDetail(json));
    }

    private static String errorDetail(JsonNode json) {
        // Twilio's message can quote the number; the code and its documentation link are enough to act on.
        return json.has("code") ? " (error " + json.get("code").asText() + ")" : "";
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
