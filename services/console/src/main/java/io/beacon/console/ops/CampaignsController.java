package io.beacon.console.ops;

import io.beacon.console.OutcomeStore;
import io.beacon.console.RunOutcomes;
import io.beacon.console.access.AuditLog;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.CampaignListing;
import io.beacon.contracts.api.profiles.CampaignRun;
import io.beacon.contracts.api.profiles.CampaignView;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.RunConfirmation;
import io.beacon.contracts.api.decisioning.AudiencePreview;
import io.beacon.contracts.api.decisioning.SimulationApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Marketing ops' scheduled campaigns: what profiles declares and runs (each run's live progress), the outcomes recorded
 * so far for each run from the console's own projection of beacon.offers, an audience preview through decisioning's
 * simulation (nothing stored), and the confirmation a run larger than its campaign's threshold waits for.
 */
@Controller
class CampaignsController {

    /** A run in one of these is still moving: the page refreshes itself. */
    static final Set<CampaignRun.Status> LIVE = java.util.EnumSet.of(CampaignRun.Status.SCANNING, CampaignRun.Status.AWAITING_CONFIRMATION,
            CampaignRun.Status.EMITTING);

    private final OutcomeStore outcomes;
    private final CampaignsApi campaigns;
    private final SimulationApi simulation;
    private final AuditLog audit;

    CampaignsController(OutcomeStore outcomes, CampaignsApi campaigns, SimulationApi simulation, AuditLog audit) {
        this.outcomes = outcomes;
        this.campaigns = campaigns;
        this.simulation = simulation;
        this.audit = audit;
    }

    @GetMapping("/ops/campaigns")
    ModelAndView campaigns() {
        return page(null, null);
    }

    /** How many customers the campaign's audience holds now and how many would pass consent and suitability. */
    @PostMapping("/ops/campaigns/{id}/preview")
    ModelAndView preview(Authentication user, @PathVariable String id) {
        String target = "campaign/" + id;
        AudiencePreview preview;
        try {
            preview = simulation.previewCampaign(id);
        } catch (ApiProblem.NotFound e) {
            String problem = "profiles knows no campaign " + id + ": it may have been removed; the list below is current";
            audit.record(user.getName(), "preview-audience", target, null, "NOT_FOUND", problem);
            return page(null, problem, HttpStatus.NOT_FOUND);
        } catch (ApiProblem e) {
            String problem = "decisioning could not preview campaign " + id + " (" + e.status() + "): " + e.detail();
            audit.record(user.getName(), "preview-audience", target, null, e instanceof ApiProblem.Invalid ? "INVALID" : "UNAVAILABLE", problem);
            return page(null, problem + (e instanceof ApiProblem.Unavailable ? ". Try again in a moment." : ""), HttpStatus.BAD_GATEWAY);
        }
        audit.record(user.getName(), "preview-audience", target, null, "ACCEPTED", null);
        return page(Map.of("campaignId", id, "figures", preview), null);
    }

    /** Lets a run larger than its campaign's threshold start emitting, confirmed by the signed-in user. */
    @PostMapping("/ops/campaigns/{id}/runs/{runId}/confirm")
    ModelAndView confirm(Authentication user, @PathVariable String id, @PathVariable String runId, RedirectAttributes redirect) {
        String target = "campaign/" + id + "/run/" + runId;
        try {
            campaigns.confirm(id, runId, new RunConfirmation(user.getName()));
        } catch (ApiProblem.Unavailable e) {
            audit.record(user.getName(), "confirm-campaign-run", target, null, "UNAVAILABLE", e.getMessage());
            return page(null, "run " + runId + " is not confirmed: the profiles service did not answer: " + e.getMessage()
                    + ". Try again in a moment.", HttpStatus.BAD_GATEWAY);
        } catch (ApiProblem refused) {
            HttpStatusCode status = HttpStatusCode.valueOf(refused.status());
            String problem = switch (status.value()) {
                case 409 -> "run " + runId + " is not confirmed: " + refused.detail();
                case 404 -> "run " + runId + " of campaign " + id + " is not known to profiles: nothing was confirmed";
                case 400 -> "profiles refused the confirmation of run " + runId + ": " + message(refused);
                default -> "run " + runId + " is not confirmed: profiles answered " + status.value() + ": " + message(refused);
            };
            audit.record(user.getName(), "confirm-campaign-run", target, null, result(status), problem);
            HttpStatus shown = switch (status.value()) {
                case 409 -> HttpStatus.CONFLICT;
                case 404 -> HttpStatus.NOT_FOUND;
                case 400 -> HttpStatus.BAD_REQUEST;
                default -> HttpStatus.BAD_GATEWAY;
            };
            return page(null, problem, shown);
        }
        audit.record(user.getName(), "confirm-campaign-run", target, null, "ACCEPTED", null);
        redirect.addFlashAttribute("done", "run " + runId + " confirmed by " + user.getName() + ": it starts emitting");
        return new ModelAndView("redirect:/ops/campaigns");
    }

    private ModelAndView page(Map<String, ?> preview, String problem, HttpStatus status) {
        var page = page(preview, problem);
        page.setStatus(status);
        return page;
    }

    private ModelAndView page(Map<String, ?> preview, String problem) {
        var page = new ModelAndView("ops/campaigns");
        CampaignListing listing = null;
        try {
            listing = campaigns.campaigns();
        } catch (ApiProblem e) {
            page.addObject("profilesUnavailable", "the profiles service did not answer: " + e.getMessage());
        }
        var runOutcomes = new LinkedHashMap<String, RunOutcomes>();
        boolean live = false;
        for (CampaignView campaign : listing == null || listing.campaigns() == null ? List.<CampaignView>of() : listing.campaigns()) {
            for (CampaignRun run : campaign.runs() == null ? List.<CampaignRun>of() : campaign.runs()) {
                runOutcomes.put(run.runId(), outcomes.ofCampaignRun(run.runId()));
                live |= LIVE.contains(run.status());
            }
        }
        page.addObject("listing", listing);
        page.addObject("runOutcomes", runOutcomes);
        page.addObject("live", live && preview == null && problem == null);
        page.addObject("preview", preview);
        page.addObject("error", problem);
        return page;
    }

    private static String message(ApiProblem problem) {
        return problem.detail() + problem.errors().stream().map(e -> "; " + e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining());
    }

    private static String result(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 400 -> "INVALID";
            default -> "UNAVAILABLE";
        };
    }
}
