package io.beacon.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person signed in to the console as a browser would be (form login, session cookie, the CSRF token of the session):
 * how the shell proposes a change ({@code ./beacon propose}) and how the end-to-end tests act as marketing ops and as
 * an approver.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String console;
    private final HttpClient http;
    private String csrf;

    private ConsoleSession(String console) {
        this.console = console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in; refused with the console's answer when the user or password is wrong. */
    public static ConsoleSession signIn(String console, String user, String password) throws IOException, InterruptedException {
        var session = new ConsoleSession(console);
        String token = session.token("/login");
        var answer = session.form("/login", Map.of("username", user, "password", password, "_csrf", token));
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("the console refused " + user + "'s sign-in (wrong user or password?)");
        }
        return session;
    }

    /** The CSRF token of the Changes forms, read once on first use (a user who may not open Changes never needs it). */
    private String csrf() throws IOException, InterruptedException {
        if (csrf == null) {
            csrf = token("/ops/changes/new");
        }
        return csrf;
    }

    /** {@code GET /compliance/export.csv?customerId=}: what compliance finds for a customer, as CSV; refused unless 200. */
    public String complianceExport(String customerId) throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(URI.create(console + "/compliance/export.csv?customerId="
                + URLEncoder.encode(customerId, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new Refused(answer.statusCode(), answer.body());
        }
        return answer.body();
    }

    /** {@code POST /api/changes/proposals}: the console's answer (id, status, message, page), or its problem. */
    public JsonNode propose(String title, Map<String, String> files) throws IOException, InterruptedException {
        var body = new LinkedHashMap<String, Object>();
        body.put("title", title);
        body.put("files", files);
        var answer = http.send(HttpRequest.newBuilder(URI.create(console + "/api/changes/proposals")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf())
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        var json = Json.mapper().readTree(answer.body().isEmpty() ? "{}" : answer.body());
        if (answer.statusCode() != 202) {
            throw new Refused(answer.statusCode(), json.path("detail").asText(answer.body()));
        }
        return json;
    }

    /** The proposal as the console has it now. */
    public JsonNode proposal(String id) throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(URI.create(console + "/api/changes/proposals/" + id)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(answer.body());
    }

    /** Waits while Beacon checks and replays it (at most the timeout); the proposal as it then is. */
    public JsonNode awaitChecked(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode proposal = proposal(id);
        while ("CHECKING".equals(proposal.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            proposal = proposal(id);
        }
        return proposal;
    }

    /** Approves as this person (the form the proposal's page shows an approver). */
    public void approve(String id) throws IOException, InterruptedException {
        form("/ops/changes/" + id + "/approve", Map.of("_csrf", csrf()));
    }

    /** {@code GET /api/changes/releases}: the mode, the live release and the history, newest first. */
    public JsonNode releases() throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(URI.create(console + "/api/changes/releases")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(answer.body());
    }

    /** Rolls the live release back to the one before it, as an approver does on the Changes page. */
    public void rollback(long live) throws IOException, InterruptedException {
        form("/ops/changes/rollback", Map.of("live", String.valueOf(live), "_csrf", csrf()));
    }

    /** The console refused a request; {@code status} is its HTTP status. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private String token(String page) throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(URI.create(console + page)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        var matcher = CSRF.matcher(answer.body());
        if (!matcher.find()) {
            throw new IllegalStateException(console + page + " answered " + answer.statusCode() + " without a form (is this the Beacon console, "
                    + "and may this user open the Changes page?)");
        }
        return matcher.group(1);
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(console + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
