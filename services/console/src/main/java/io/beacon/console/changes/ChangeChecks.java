package io.beacon.console.changes;

import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.Json;
import io.beacon.contracts.LiveRelease;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatesCheck;
import io.beacon.contracts.api.channels.TemplatesCheckRequest;
import io.beacon.contracts.api.decisioning.Replay;
import io.beacon.contracts.api.decisioning.ReplayApi;
import io.beacon.contracts.api.decisioning.ReplayRequest;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.contracts.api.journeys.JourneysCheck;
import io.beacon.contracts.api.journeys.JourneysCheckRequest;
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

    /**
     * What the services said: per service its answer, the replay's answer, and every reason to refuse. The answers are
     * kept with the proposal as the services wrote them (their JSON, as maps).
     */
    public record Outcome(Map<String, Object> checks, Map<String, Object> report, List<String> problems) {
    }

    static final List<String> CHANNELS = ConsoleApis.CHANNELS;

    private final JourneysApi journeys;
    private final ConsoleApis.Channels channels;
    private final ReplayApi replay;
    private final int replayDays;

    /** @param replay decisioning's replay, waited for long enough: a replay of a week of events takes its time */
    public ChangeChecks(JourneysApi journeys, ConsoleApis.Channels channels, ReplayApi replay, int replayDays) {
        this.journeys = journeys;
        this.channels = channels;
        this.replay = replay;
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
            try {
                JourneysCheck checked = journeys.check(new JourneysCheckRequest(bpmn(LiveRelease.area(files, "workflows"))));
                checks.put("journeys", stored(checked));
                checked.problems().forEach(p -> problems.add("workflows/" + p));
                startedBy = new TreeMap<>();
                for (JourneysCheck.Declared journey : checked.journeys()) {
                    for (String trigger : journey.triggers()) {
                        startedBy.put(trigger, journey.journey());
                    }
                }
            } catch (ApiProblem refused) {
                checks.put("journeys", refusal(refused));
                problems.add(couldNotCheck("journeys", refused));
            }
        }

        var content = LiveRelease.area(files, "content");
        for (String channel : changed.stream().anyMatch(path -> path.startsWith("content/")) ? CHANNELS : List.<String>of()) {
            try {
                TemplatesCheck checked = channels.templates(channel).check(new TemplatesCheckRequest(content, null));
                checks.put(channel, stored(checked));
                checked.problems().forEach(p -> problems.add(channel + ": " + p.file() + ", " + p.locale() + ", " + p.place() + ": " + p.message()));
            } catch (ApiProblem refused) {
                checks.put(channel, refusal(refused));
                problems.add(couldNotCheck(channel, refused));
            }
        }

        Replay report = null;
        if (problems.isEmpty()) {
            try {
                report = replay.replay(new ReplayRequest(LiveRelease.area(files, "rules"), startedBy, replayDays, null));
                checks.put("rules", Map.of("version", report.report().proposedVersion()));
            } catch (ApiProblem.Unavailable e) {
                throw e;
            } catch (ApiProblem refused) {
                checks.put("rules", refusal(refused));
                problems.add("rules: " + refused.detail());
                // each reason the proposed rules do not load: where (file:line, and a catalogue field's pointer) and what
                refused.errors().forEach(error -> problems.add("rules/" + error.field() + ": " + error.message()));
            }
        }
        if (report != null) {
            renderOffered(content, offered(report), checks);
        }
        return new Outcome(checks, report == null ? null : stored(report), problems);
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
                checks.put(channel, stored(channels.templates(channel).check(new TemplatesCheckRequest(content, offered))));
            } catch (ApiProblem.Unavailable e) {
                checks.put(channel, Map.of("unavailable", String.valueOf(e.getMessage())));
            } catch (ApiProblem refused) {
                checks.put(channel, Map.of("unavailable", channel + " answered " + refused.status()));
            }
        }
    }

    /** The products the replay offers more often with the proposal than without it ("EASY_SAVER on first-salary" lines). */
    static List<String> offered(Replay replay) {
        var products = new java.util.TreeSet<String>();
        for (Replay.Line line : replay.report().offers()) {
            if (line.what() != null && line.proposed() > line.live()) {
                products.add(line.what().split(" on ", 2)[0]);
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

    private static String couldNotCheck(String service, ApiProblem refused) {
        return service + " could not check the proposal: " + refused.status() + " " + refused.detail();
    }

    /** A refusal as the proposal keeps it: the problem, and its reasons as problems (each field that is wrong, else the detail). */
    private static Map<String, Object> refusal(ApiProblem refused) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("status", refused.status());
        problem.put("title", refused.title());
        problem.put("detail", refused.detail());
        problem.put("problems", refused.errors().isEmpty() ? List.of(String.valueOf(refused.detail()))
                : refused.errors().stream().map(e -> e.field() + ": " + e.message()).toList());
        return problem;
    }

    /** An answer as the proposal keeps it: its JSON, as maps and lists. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Object answer) {
        return Json.mapper().convertValue(answer, Map.class);
    }
}
