package io.beacon.console.ops;

import io.beacon.console.FunnelFilters;
import io.beacon.console.JourneyFunnel;
import io.beacon.console.OutcomeStore;
import io.beacon.console.UpliftReport;
import io.beacon.console.access.AuditLog;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.ProviderHealth;
import io.beacon.contracts.api.decisioning.RulesApi;
import io.beacon.contracts.api.decisioning.SimulationApi;
import io.beacon.contracts.api.decisioning.SimulationRequest;
import io.beacon.contracts.api.decisioning.SimulationTrace;
import io.beacon.contracts.api.journeys.JourneysApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Marketing ops: the journeys deployed, their funnels and uplift (treated against held out, ADR 0025) with the automated
 * share, each channel's provider health, the
 * rules and catalogue versions serving, and a form to simulate a decision for a test customer.
 */
@Controller
class OpsController {

    static final int LATEST = 50;

    static final String SAMPLE_PROFILE = """
            {"customerId": "C-TEST-1", "birthDate": "1985-05-05", "country": "GB", "language": "en",
             "salary": {"amount": 3000, "currency": "GBP"}}""";
    static final String SAMPLE_EVENT = """
            {"type": "bank.transaction.posted",
             "data": {"amount": 3000, "currency": "GBP", "direction": "CREDIT", "category": "SALARY"}}""";

    /**
     * A channel's provider guards, or why they are not known.
     *
     * @param providers each guard, as the channel service answered; empty when it did not
     * @param unavailable why not, for the page; null when it answered
     */
    record Health(List<ProviderHealth> providers, String unavailable) {
    }

    private final OutcomeStore outcomes;
    private final JourneysApi journeysApi;
    private final RulesApi rulesApi;
    private final SimulationApi simulation;
    private final ConsoleApis.Channels channels;
    private final AuditLog audit;

    OpsController(OutcomeStore outcomes, JourneysApi journeysApi, RulesApi rulesApi, SimulationApi simulation, ConsoleApis.Channels channels,
                  AuditLog audit) {
        this.outcomes = outcomes;
        this.journeysApi = journeysApi;
        this.rulesApi = rulesApi;
        this.simulation = simulation;
        this.channels = channels;
        this.audit = audit;
    }

    /**
     * The overview, its funnels filtered as the form asks (the same filters as /api/funnel). Filters that cannot be
     * meant are a 400 page that names them and shows no funnel.
     */
    @GetMapping("/ops")
    ModelAndView overview(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                          @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        var page = new ModelAndView("ops/overview");
        FunnelFilters.Journeys journeys = FunnelFilters.journeys(journeysApi);
        var deployed = FunnelFilters.deployed(journeys);
        var given = FunnelFilters.Given.of(journey, stage, offer, channel, from, to);
        page.addObject("filter", given);
        var choices = new LinkedHashSet<>(deployed.orElse(Set.of()));
        if (given.journey() != null) {
            choices.add(given.journey());
        }
        page.addObject("journeyChoices", choices);
        page.addObject("stages", FunnelFilters.STAGES);
        page.addObject("channels", FunnelFilters.CHANNELS);
        try {
            var query = FunnelFilters.read(given, deployed);
            page.addObject("funnels", JourneyFunnel.of(outcomes.funnel(query)));
            page.addObject("uplift", UpliftReport.of(outcomes, query, journeys.state()));
            String queryString = given.queryString();
            page.addObject("funnelQuery", queryString);
            page.addObject("funnelUrl", "api/funnel" + (queryString.isEmpty() ? "" : "?" + queryString));
            page.addObject("csvHref", "/api/funnel.csv" + (queryString.isEmpty() ? "" : "?" + queryString));
            page.addObject("upliftCsvHref", "/api/uplift.csv" + (queryString.isEmpty() ? "" : "?" + queryString));
        } catch (FunnelFilters.Refused e) {
            page.addObject("funnels", List.of());
            page.addObject("uplift", null);
            page.addObject("filterErrors", e.errors());
            page.setStatus(HttpStatus.BAD_REQUEST);
        }
        page.addObject("outcomes", outcomes.latest(null, LATEST));
        page.addObject("journeys", journeys.state());
        page.addObject("journeysUnavailable", journeys.unavailable());
        try {
            page.addObject("rules", rulesApi.rules());
        } catch (ApiProblem e) {
            page.addObject("rules", null);
            page.addObject("rulesUnavailable", "the decisioning service did not answer: " + e.getMessage());
        }
        var health = new LinkedHashMap<String, Health>();
        for (String service : FunnelFilters.CHANNELS) {
            try {
                health.put(service, new Health(channels.health(service).providers(), null));
            } catch (ApiProblem e) {
                health.put(service, new Health(List.of(), "the " + service + " service did not answer: " + e.getMessage()));
            }
        }
        page.addObject("health", health);
        return page;
    }

    @GetMapping("/ops/simulate")
    ModelAndView simulateForm() {
        return simulation(SAMPLE_PROFILE, SAMPLE_EVENT, null, null, null);
    }

    /** Runs the live rules through decisioning's simulation: nothing stored, sent or counted against a cap. */
    @PostMapping("/ops/simulate")
    ModelAndView simulate(Authentication user, @RequestParam(defaultValue = "") String profile, @RequestParam(defaultValue = "") String event,
                          @RequestParam(required = false) String productCode) {
        SimulationRequest request;
        try {
            request = new SimulationRequest(Json.mapper().readValue(profile, ProfileSnapshot.class),
                    Json.mapper().readValue(event, SimulationRequest.Event.class),
                    productCode == null || productCode.isBlank() ? null : productCode.strip(), null);
        } catch (IOException e) {
            var page = simulation(profile, event, productCode, null, "the profile and the event must each be JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        SimulationTrace trace;
        try {
            trace = simulation.simulate(request);
        } catch (ApiProblem.Invalid refused) {
            audit.record(user.getName(), "simulate-decision", "decisioning", null, "INVALID", null);
            var page = simulation(profile, event, productCode, null, "decisioning refused the simulation: " + (refused.errors().isEmpty()
                    ? refused.detail() : String.join("; ", refused.errors().stream().map(e -> e.field() + ": " + e.message()).toList())));
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        audit.record(user.getName(), "simulate-decision", "decisioning", null, "ACCEPTED", null);
        return simulation(profile, event, productCode, trace, null);
    }

    private static ModelAndView simulation(String profile, String event, String productCode, SimulationTrace result, String error) {
        var page = new ModelAndView("ops/simulate");
        page.addObject("profile", profile);
        page.addObject("event", event);
        page.addObject("productCode", productCode);
        page.addObject("result", result);
        page.addObject("resultJson", result == null ? null : pretty(result));
        page.addObject("error", error);
        return page;
    }

    private static String pretty(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }
}
