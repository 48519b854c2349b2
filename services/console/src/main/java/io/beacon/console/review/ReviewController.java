package io.beacon.console.review;

import io.beacon.console.ConsolePages;
import io.beacon.console.access.CustomerAccess;
import io.beacon.console.customer.CustomerSummary;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The RM's queue and an offer's review page: summary, trigger, decision trace, message previews, the decision. */
@Controller
class ReviewController {

    private final Reviewing reviewing;
    private final Checking checking;
    private final CustomerAccess access;
    private final ProfilesApi profiles;
    private final DecisionsApi decisions;
    private final ConsoleApis.Channels channels;
    private final Clock clock;

    ReviewController(Reviewing reviewing, Checking checking, CustomerAccess access, ProfilesApi profiles, DecisionsApi decisions,
                     ConsoleApis.Channels channels, Clock clock) {
        this.reviewing = reviewing;
        this.checking = checking;
        this.access = access;
        this.profiles = profiles;
        this.decisions = decisions;
        this.channels = channels;
        this.clock = clock;
    }

    @GetMapping("/reviews")
    ModelAndView queue(Authentication user) {
        return new ModelAndView("reviews/queue", Map.of("reviews", reviewing.queue(user), "now", clock.instant()));
    }

    /** The checkers' queue (ADR 0028): offers an RM approved that wait for the second approval, nearest deadline first. */
    @GetMapping("/reviews/checks")
    ModelAndView checks(Authentication user) {
        return new ModelAndView("reviews/checks", Map.of("reviews", checking.queue(user), "now", clock.instant()));
    }

    @GetMapping("/reviews/checks/{id}")
    ModelAndView check(Authentication user, @PathVariable String id) {
        return checking.find(user, id)
                .map(review -> checkDetail(user, review, null))
                .orElseGet(() -> ConsolePages.problem(HttpStatus.NOT_FOUND, "no offer " + id + " is waiting for a check"));
    }

    @PostMapping("/reviews/checks/{id}/approve")
    ModelAndView approveCheck(Authentication user, @PathVariable String id, RedirectAttributes redirect) {
        return checkAnswer(user, id, checking.approve(user, id), redirect);
    }

    @PostMapping("/reviews/checks/{id}/reject")
    ModelAndView rejectCheck(Authentication user, @PathVariable String id, @RequestParam(required = false) String reason,
                             RedirectAttributes redirect) {
        return checkAnswer(user, id, checking.reject(user, id, reason), redirect);
    }

    @GetMapping("/reviews/{id}")
    ModelAndView review(Authentication user, @PathVariable String id) {
        return reviewing.find(user, id)
                .map(review -> detail(user, review, null))
                .orElseGet(() -> ConsolePages.problem(HttpStatus.NOT_FOUND, "no offer " + id + " is waiting in your queue"));
    }

    @PostMapping("/reviews/{id}/approve")
    ModelAndView approve(Authentication user, @PathVariable String id, @RequestParam(required = false) String note,
                         RedirectAttributes redirect) {
        return answer(user, id, reviewing.approve(user, id, note), redirect);
    }

    @PostMapping("/reviews/{id}/reject")
    ModelAndView reject(Authentication user, @PathVariable String id, @RequestParam(required = false) String reason,
                        RedirectAttributes redirect) {
        return answer(user, id, reviewing.reject(user, id, reason), redirect);
    }

    @PostMapping("/reviews/bulk-approve")
    ModelAndView approveAll(Authentication user, @RequestParam(name = "ids", required = false) List<String> ids,
                            RedirectAttributes redirect) {
        List<Reviewing.Result> results = reviewing.approveAll(user, ids);
        long approved = results.stream().filter(r -> r instanceof Reviewing.Decided).count();
        if (approved == 0 && !results.isEmpty() && results.stream().allMatch(r -> r instanceof Reviewing.Invalid)) {
            // nothing approved, and only because of the request (nothing picked, or only flagged offers): say so, 400
            return ConsolePages.problem(HttpStatus.BAD_REQUEST, String.join("; ", results.stream().map(Reviewing.Result::message).toList()));
        }
        redirect.addFlashAttribute("done", approved + " of " + results.size() + " offers approved");
        redirect.addFlashAttribute("problems", results.stream().filter(r -> !(r instanceof Reviewing.Decided)).map(Reviewing.Result::message).toList());
        return new ModelAndView("redirect:/reviews");
    }

    private ModelAndView answer(Authentication user, String id, Reviewing.Result result, RedirectAttributes redirect) {
        return switch (result) {
            case Reviewing.Decided decided -> {
                redirect.addFlashAttribute("done", decided.message());
                yield new ModelAndView("redirect:/reviews");
            }
            case Reviewing.Invalid invalid -> reviewing.find(user, id)
                    .map(review -> {
                        var page = detail(user, review, invalid.message());
                        page.setStatus(HttpStatus.BAD_REQUEST);
                        return page;
                    })
                    .orElseGet(() -> ConsolePages.problem(HttpStatus.BAD_REQUEST, invalid.message()));
            default -> problem(result);
        };
    }

    private ModelAndView checkAnswer(Authentication user, String id, Reviewing.Result result, RedirectAttributes redirect) {
        return switch (result) {
            case Reviewing.Decided decided -> {
                redirect.addFlashAttribute("done", decided.message());
                yield new ModelAndView("redirect:/reviews/checks");
            }
            case Reviewing.Invalid invalid -> checking.find(user, id)
                    .map(review -> {
                        var page = checkDetail(user, review, invalid.message());
                        page.setStatus(HttpStatus.BAD_REQUEST);
                        return page;
                    })
                    .orElseGet(() -> ConsolePages.problem(HttpStatus.BAD_REQUEST, invalid.message()));
            default -> problem(result);
        };
    }

    private static ModelAndView problem(Reviewing.Result result) {
        return switch (result) {
            case Reviewing.NotFound notFound -> ConsolePages.problem(HttpStatus.NOT_FOUND, notFound.message());
            case Reviewing.Forbidden forbidden -> ConsolePages.problem(HttpStatus.FORBIDDEN, forbidden.message());
            case Reviewing.Conflict conflict -> ConsolePages.problem(HttpStatus.CONFLICT, conflict.message());
            case Reviewing.Unavailable unavailable -> ConsolePages.problem(HttpStatus.SERVICE_UNAVAILABLE, unavailable.message());
            case Reviewing.Invalid invalid -> ConsolePages.problem(HttpStatus.BAD_REQUEST, invalid.message());
            case Reviewing.Decided decided -> throw new IllegalArgumentException("not a problem: " + decided.message());
        };
    }

    /** The checker's page: the case as the RM saw it (customer masked), and the RM's decision and note. */
    private ModelAndView checkDetail(Authentication user, OfferReview review, String error) {
        var summary = CustomerSummary.of(access.profileToCheck(user, review.customerId()), profiles, review.customerId());
        var page = new ModelAndView("reviews/check");
        page.addObject("review", review);
        page.addObject("now", clock.instant());
        page.addObject("customer", summary);
        page.addObject("decision", decision(review));
        page.addObject("previews", MessagePreviews.of(channels, review.productCode(), summary));
        page.addObject("ownApproval", user.getName().equals(review.decidedBy()));
        page.addObject("error", error);
        return page;
    }

    private ModelAndView detail(Authentication user, OfferReview review, String error) {
        var summary = CustomerSummary.of(access.profile(user, review.customerId()), profiles, review.customerId());
        var page = new ModelAndView("reviews/detail");
        page.addObject("review", review);
        page.addObject("now", clock.instant());
        page.addObject("customer", summary);
        page.addObject("decision", decision(review));
        page.addObject("previews", MessagePreviews.of(channels, review.productCode(), summary));
        page.addObject("error", error);
        return page;
    }

    /** The decision the offer comes from, as decisioning recorded it; null when it has no record of it. */
    private DecisionRecord decision(OfferReview review) {
        if (review.decisionId() == null) {
            return null;
        }
        try {
            return decisions.decision(review.decisionId());
        } catch (ApiProblem.NotFound e) {
            return null;
        }
    }
}
