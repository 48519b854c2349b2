package io.beacon.infra.local;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Twilio's delivery receipts: after a message is accepted, POSTs {@code sent} then
 * {@code delivered} to its {@code StatusCallback}, signed with {@code X-Twilio-Signature} the way
 * Twilio signs them, so the SMS service's webhook (and its signature check) can be exercised locally.
 *
 * <p>WireMock's own webhooks cannot do this: they see the request but not the random message SID
 * the response carried.
 */
final class TwilioStatusCallbacks implements ServeEventListener {

    static final String NAME = "twilio-status-callback";

    private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbacks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SENT_AFTER = Duration.ofMillis(100);
    private static final Duration DELIVERED_AFTER = Duration.ofMillis(300);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
        LoggedRequest request = serveEvent.getRequest();
        FormParameter callback = request.formParameter("StatusCallback");
        if (callback == null || !callback.isPresent() || serveEvent.getResponse().getStatus() != 201) {
            return;
        }
        try {
            JsonNode message = JSON.readTree(serveEvent.getResponse().getBodyAsString());
            String authToken = basicAuthPassword(request.getHeader("Authorization"));
            schedule(callback.firstValue(), message, "sent", authToken, SENT_AFTER);
            schedule(callback.firstValue(), message, "delivered", authToken, DELIVERED_AFTER);
        } catch (Exception e) {
            log.warn("Twilio simulator could not prepare the status callback to {}: {}", callback.firstValue(), e.toString());
        }
    }

    private void schedule(String url, JsonNode message, String status, String authToken, Duration delay) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", message.path("account_sid").asText());
        form.put("ApiVersion", "2010-04-01");
        form.put("From", message.path("from").asText(""));
        form.put("MessageSid", message.path("sid").asText());
        form.put("MessageStatus", status);
        form.put("SmsSid", message.path("sid").asText());
        form.put("SmsStatus", status);
        form.put("To", message.path("to").asText());
        Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture.runAsync(() -> post(url, form, authToken), later);
    }

    private void post(String url, Map<String, String> form, String authToken) {
        try {
            String body = form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "TwilioProxy/1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!authToken.isEmpty()) {
                request.header("X-Twilio-Signature", signature(authToken, url, form));
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                log.warn("Twilio simulator status callback {} answered {}", url, response.statusCode());
            }
        } catch (Exception e) {
            // The receiver is often simply not running locally; that must not disturb the simulator.
            log.warn("Twilio simulator status callback to {} failed: {}", url, e.toString());
        }
    }

    /** Twilio's scheme: Base64(HMAC-SHA1(auth token, URL + each POST parameter name and value, sorted by name)). */
    static String signature(String authToken, String url, Map<String, String> form) throws GeneralSecurityException {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String basicAuthPassword(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return "";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? "" : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
