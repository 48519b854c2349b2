package io.beacon.console.customer;

import io.beacon.console.ConsolePages;
import io.beacon.console.access.AuditLog;
import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.profiles.ProfilesApi;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A customer's timeline (every marketing contact, decision, consent change and opt-out), and an RM recording an opt-out. */
@Controller
class CustomerController {

    private static final Set<String> CHANNELS = Set.of("sms", "push", "email", "all");

    private final CustomerAccess access;
    private final CustomerTimeline timeline;
    private final ProfilesApi profiles;
    private final ConsentApi consent;
    private final AuditLog audit;

    CustomerController(CustomerAccess access, CustomerTimeline timeline, ProfilesApi profiles, ConsentApi consent, AuditLog audit) {
        this.access = access;
        this.timeline = timeline;
        this.profiles = profiles;
        this.consent = consent;
        this.audit = audit;
    }

    @GetMapping("/customers/{id}")
    ModelAndView customer(Authentication user, @PathVariable String id) {
        var profile = access.profile(user, id);
        var page = new ModelAndView("customers/timeline");
        page.addObject("customer", CustomerSummary.of(profile, profiles, id));
        page.addObject("entries", timeline.of(id));
        page.addObject("canRecordOptOut", !CustomerAccess.has(user, ConsoleRole.COMPLIANCE) || CustomerAccess.has(user, ConsoleRole.ADMIN));
        return page;
    }

    /** The customer asked their RM to stop marketing on a channel (or all): a withdrawal like any other, by this RM. */
    @PostMapping("/customers/{id}/opt-out")
    ModelAndView optOut(Authentication user, @PathVariable String id, @RequestParam(required = false) String channel,
                        @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (CustomerAccess.has(user, ConsoleRole.COMPLIANCE) && !CustomerAccess.has(user, ConsoleRole.ADMIN)) {
            audit.record(user.getName(), "record-opt-out", "customer", id, "FORBIDDEN", "compliance reads, does not record");
            return ConsolePages.problem(HttpStatus.FORBIDDEN, "compliance can read a customer's timeline but not record an opt-out");
        }
        access.profile(user, id);
        if (channel == null || !CHANNELS.contains(channel)) {
            audit.record(user.getName(), "record-opt-out", "customer", id, "INVALID", "channel '" + channel + "'");
            return ConsolePages.problem(HttpStatus.BAD_REQUEST, "pick the channel the customer opted out of: sms, push, email or all");
        }
        try {
            consent.change(id, new ConsentChangeRequest(channel, "marketing", "WITHDRAWN", null, "/console", user.getName(),
                    reason == null || reason.isBlank() ? "asked their relationship manager" : reason.strip()));
        } catch (ApiProblem.Invalid | ApiProblem.NotFound refused) {
            String why = refused.detail() + refused.errors().stream().map(e -> "; " + e.field() + ": " + e.message()).collect(Collectors.joining());
            audit.record(user.getName(), "record-opt-out", "customer", id, "REFUSED", why);
            return ConsolePages.problem(HttpStatusCode.valueOf(refused.status()), "the consent service refused the opt-out: " + why);
        }
        audit.record(user.getName(), "record-opt-out", "customer", id, "ACCEPTED", channel);
        redirect.addFlashAttribute("done", "opt-out from " + channel + " recorded; running journeys end and no further message goes out");
        return new ModelAndView("redirect:/customers/" + id);
    }

}
