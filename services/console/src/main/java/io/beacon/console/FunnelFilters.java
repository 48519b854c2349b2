package io.beacon.console;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.contracts.api.journeys.JourneysState;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Reads a funnel's filters from a request (the journeys page's form and {@code /api/funnel}) and refuses what cannot
 * be meant: a time that does not parse, {@code from} not before {@code to}, a stage or channel Beacon does not have, a
 * journey that is not deployed. A journey is checked against the journeys service's {@code GET /api/journeys}; when it
 * does not answer, any journey id is taken (the funnel of an unknown one is simply empty).
 */
public final class FunnelFilters {

    public static final List<String> STAGES = List.of("attract", "retain", "leverage");
    public static final List<String> CHANNELS = List.of("sms", "push", "email");

    /** One parameter that is wrong, and why. */
    public record Invalid(String parameter, String reason) {
    }

    /** The request's filters were refused; nothing was counted. */
    public static final class Refused extends RuntimeException {
        private final List<Invalid> errors;

        Refused(List<Invalid> errors) {
            super(String.join("; ", errors.stream().map(e -> e.parameter() + ": " + e.reason()).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<Invalid> errors() {
            return errors;
        }
    }

    /** The filters as given, blank ones dropped, for a form to show again and a link to carry on. */
    public record Given(String journey, String stage, String offer, String channel, String from, String to) {

        public static Given of(String journey, String stage, String offer, String channel, String from, String to) {
            return new Given(clean(journey), clean(stage), clean(offer), clean(channel), clean(from), clean(to));
        }

        /** "journey=x&from=2026-03-01", encoded; empty with no filter. */
        public String queryString() {
            return String.join("&", asMap().entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        }

        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            putIfPresent(map, "journey", journey);
            putIfPresent(map, "stage", stage);
            putIfPresent(map, "offer", offer);
            putIfPresent(map, "channel", channel);
            putIfPresent(map, "from", from);
            putIfPresent(map, "to", to);
            return map;
        }
    }

    private FunnelFilters() {
    }

    /**
     * The query the filters ask for.
     *
     * @param deployed the deployed journeys' ids, empty when the journeys service did not say
     * @throws Refused naming every parameter that is wrong
     */
    public static FunnelQuery read(Given given, Optional<Set<String>> deployed) {
        var errors = new ArrayList<Invalid>();
        String stage = given.stage() == null ? null : given.stage().toLowerCase(Locale.ROOT);
        if (stage != null && !STAGES.contains(stage)) {
            errors.add(new Invalid("stage", "'" + given.stage() + "' is not a stage; one of " + String.join(", ", STAGES)));
        }
        String channel = given.channel() == null ? null : given.channel().toLowerCase(Locale.ROOT);
        if (channel != null && !CHANNELS.contains(channel)) {
            errors.add(new Invalid("channel", "'" + given.channel() + "' is not a channel; one of " + String.join(", ", CHANNELS)));
        }
        Instant from = time("from", given.from(), 0, errors);
        Instant to = time("to", given.to(), 1, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Invalid("from", "'from' (" + from + ") must be before 'to' (" + to + ")"));
        }
        if (given.journey() != null && deployed.isPresent() && !deployed.get().contains(given.journey())) {
            errors.add(new Invalid("journey", "'" + given.journey() + "' is not a deployed journey"
                    + (deployed.get().isEmpty() ? "" : "; one of " + String.join(", ", deployed.get()))));
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        return new FunnelQuery(given.journey(), stage, given.offer(), channel, from, to);
    }

    /**
     * What the journeys service said.
     *
     * @param state       its answer; null when it did not give one
     * @param unavailable why there is none, for the page; null when there is
     */
    public record Journeys(JourneysState state, String unavailable) {
    }

    /** The ids of the deployed journeys, empty when the journeys service is down or does not list them. */
    public static Optional<Set<String>> deployed(Journeys journeys) {
        if (journeys == null || journeys.state() == null || journeys.state().deployed() == null) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JourneysState.Deployed journey : journeys.state().deployed()) {
            if (journey.processId() != null) {
                ids.add(journey.processId());
            }
        }
        return Optional.of(ids);
    }

    /** The journeys service's answer, or why there is none when it does not answer. */
    public static Journeys journeys(JourneysApi api) {
        try {
            return new Journeys(api.journeys(), null);
        } catch (ApiProblem e) {
            return new Journeys(null, "the journeys service did not answer: " + e.getMessage());
        }
    }

    /** RFC 9457: 400, application/problem+json, each wrong parameter under {@code errors}. */
    public static ResponseEntity<ProblemDetail> problem(Refused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
        problem.setTitle("Invalid funnel filter");
        problem.setType(URI.create("https://beacon.example/problems/invalid-funnel-filter"));
        problem.setProperty("errors", refused.errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * An ISO 8601 instant (2026-03-02T09:00:00Z, or with an offset), or a date (2026-03-02, the day in UTC): 'from'
     * is its start, 'to' takes the whole day in.
     */
    private static Instant time(String name, String value, int plusDays, List<Invalid> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException notAnInstant) {
            try {
                return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException e) {
                errors.add(new Invalid(name, "'" + value + "' is not an ISO 8601 instant (2026-03-02T09:00:00Z) or date (2026-03-02)"));
                return null;
            }
        }
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
