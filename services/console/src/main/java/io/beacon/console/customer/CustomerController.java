package io.beacon.console.customer;

import io.beacon.console.ConsolePages;
import io.beacon.console.access.AuditLog;
import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import io.beacon.console.services.BeaconServices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
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
    private final BeaconServices services;
    private final AuditLog audit;

    CustomerController(CustomerAccess access, CustomerTimeline timeline, BeaconServices services, AuditLog audit) {
        this.access = access;
        this.timeline = timeline;
        this.services = services;
        this.audit = audit;
    }

    @GetMapping("/customers/{id}")
    ModelAndView customer(Authentication user, @PathVariable String id) {
        var profile = access.profile(user, id);
        var page = new ModelAndView("customers/timeline");
        page.addObject("customer", CustomerSummary.of(profile, services, id));
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
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("purpose", "marketing");
        body.put("status", "WITHDRAWN");
        body.put("source", "/console");
        body.put("actor", user.getName());
        body.put("reason", reason == null || reason.isBlank() ? "asked their relationship manager" : reason.strip());
        var answer = services.send("consent", "PUT", "/api/consents/{id}", body, id);
        if (!answer.status().is2xxSuccessful()) {
            audit.record(user.getName(), "record-opt-out", "customer", id, "REFUSED", String.valueOf(answer.json()));
            return ConsolePages.problem(answer.status(), "the consent service refused the opt-out: " + answer.json());
        }
        audit.record(user.getName(), "record-opt-out", "customer", id, "ACCEPTED", channel);
        redirect.addFlashAttribute("done", "opt-out from " + channel + " recorded; running journeys end and no further message goes out");
        return new ModelAndView("redirect:/customers/" + id);
    }

}
