package io.beacon.console.changes;

import io.beacon.console.services.BeaconServices;
import io.beacon.contracts.LiveRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Has a proposed set of folders checked by the services that load them, each with the same code it loads with, and
 * replayed: journeys checks workflows/ as a deployment would (what it would deploy, every reason to refuse), each channel
 * checks content/ as it would load it, decisioning compiles rules/ and replays the recorded events of the last days
 * through it beside the live version (ADR 0029). Nothing of it goes live or is sent.
 */
public class ChangeChecks {

    /** What the services said: per service its answer, the replay's report, and every reason to refuse. */
    public record Outcome(Map<String, Object> checks, Map<String, Object> report, List<String> problems) {
    }

    static final List<String> CHANNELS = List.of("sms", "push", "email");

    private final BeaconServices services;
    private final int replayDays;

    public ChangeChecks(BeaconServices services, int replayDays) {
        this.services = services;
        this.replayDays = replayDays;
    }

    /**
     * @param files   the whole proposed set of folders
     * @param changed the paths the proposal changes: a folder it leaves alone is live and was checked when it went live,
     *                so only the changed ones are checked again (the replay always runs)
     */
    public Outcome check(Map<String, String> files, java.util.Set<String> changed) {
        var checks = new LinkedHashMap<String, Object>();
        var problems = new ArrayList<String>();

        Map<String, String> startedBy = null; // the journeys deployed now, unless the proposal changes them
        if (changed.stream().anyMatch(path -> path.startsWith("workflows/"))) {
            var journeys = call("journeys", "/api/journeys/check", Map.of("files", bpmn(LiveRelease.area(files, "workflows"))), problems);
            checks.put("journeys", journeys);
            list(journeys.get("problems")).forEach(p -> problems.add("workflows/" + p));
            startedBy = new TreeMap<>();
            for (Object journey : list(journeys.get("journeys"))) {
                if (journey instanceof Map<?, ?> j) {
                    for (Object trigger : list(j.get("triggers"))) {
                        startedBy.put(String.valueOf(trigger), String.valueOf(j.get("journey")));
                    }
                }
            }
        }

        var content = LiveRelease.area(files, "content");
        for (String channel : changed.stream().anyMatch(path -> path.startsWith("content/")) ? CHANNELS : List.<String>of()) {
            var answer = call(channel, "/api/templates/check", Map.of("files", content), problems);
            checks.put(channel, answer);
            for (Object problem : list(answer.get("problems"))) {
                problems.add(channel + ": " + (problem instanceof Map<?, ?> p
                        ? p.get("file") + ", " + p.get("locale") + ", " + p.get("place") + ": " + p.get("message") : problem));
            }
        }

        Map<String, Object> report = null;
        if (problems.isEmpty()) {
            var body = new LinkedHashMap<String, Object>();
            body.put("rules", LiveRelease.area(files, "rules"));
            if (startedBy != null) {
                body.put("journeys", startedBy);
            }
            body.put("days", replayDays);
            var replay = services.send("decisioning", "POST", "/api/changes/replay", body);
            var answer = replay.json();
            if (replay.status().is2xxSuccessful()) {
                report = answer;
                checks.put("rules", Map.of("version", nested(answer, "report", "proposedVersion")));
            } else {
                checks.put("rules", answer);
                problems.add("rules: " + answer.getOrDefault("detail", "decisioning answered " + replay.status().value()));
                for (Object problem : list(answer.get("problems"))) {
                    if (problem instanceof Map<?, ?> p) {
                        problems.add("rules/" + p.get("file") + ":" + p.get("line") + ": " + (p.get("pointer") == null ? "" : p.get("pointer") + ": ")
                                + p.get("reason"));
                    }
                }
            }
        }
        if (report != null) {
            renderOffered(LiveRelease.area(files, "content"), offered(report), checks);
        }
        return new Outcome(checks, report, problems);
    }

    /**
     * The messages of the offers the replay makes more often, as each channel would render them with the proposed
     * content (with the channel's changed messages, when content/ changes too). A channel that does not answer is
     * noted and refuses nothing: the proposal's own checks have passed.
     */
    private void renderOffered(Map<String, String> content, List<String> offered, Map<String, Object> checks) {
        if (offered.isEmpty()) {
            return;
        }
        for (String channel : CHANNELS) {
            try {
                var answer = services.send(channel, "POST", "/api/templates/check", Map.of("files", content, "offered", offered));
                checks.put(channel, answer.status().is2xxSuccessful() ? answer.json()
                        : Map.of("unavailable", channel + " answered " + answer.status().value()));
            } catch (BeaconServices.Unavailable e) {
                checks.put(channel, Map.of("unavailable", String.valueOf(e.getMessage())));
            }
        }
    }

    /** The products the replay offers more often with the proposal than without it ("EASY_SAVER on first-salary" lines). */
    static List<String> offered(Map<String, Object> report) {
        var products = new java.util.TreeSet<String>();
        for (Object line : list(nested(report, "report", "offers"))) {
            if (line instanceof Map<?, ?> l && l.get("what") != null && ((Number) l.get("proposed")).longValue() > ((Number) l.get("live")).longValue()) {
                products.add(String.valueOf(l.get("what")).split(" on ", 2)[0]);
            }
        }
        return List.copyOf(products);
    }

    /** Only the journey files: what the journeys service deploys. */
    private static Map<String, String> bpmn(Map<String, String> workflows) {
        var journeys = new TreeMap<String, String>();
        workflows.forEach((path, text) -> {
            if (path.endsWith(".bpmn")) {
                journeys.put(path, text);
            }
        });
        return journeys;
    }

    private Map<String, Object> call(String service, String uri, Object body, List<String> problems) {
        var answer = services.send(service, "POST", uri, body);
        if (!answer.status().is2xxSuccessful()) {
            problems.add(service + " could not check the proposal: " + answer.status().value() + " "
                    + answer.json().getOrDefault("detail", answer.json().getOrDefault("message", "")));
            return answer.json();
        }
        return answer.json();
    }

    private static Object nested(Map<String, Object> map, String first, String second) {
        return map.get(first) instanceof Map<?, ?> inner ? inner.get(second) : null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
