package io.beacon.console.changes;

import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /ops/changes}: the live release and its history, the proposals, one proposal with its diff, checks and replay
 * report, and the acts (propose, approve, reject, withdraw, roll back); {@code /api/changes/...} the same for the shell
 * ({@code ./beacon propose}) and tools. Every act goes through {@link Changes}, which decides who may and audits it.
 */
@Controller
class ChangesController {

    private final Changes changes;
    private final ChangeGovernor governor;

    ChangesController(Changes changes, ChangeGovernor governor) {
        this.changes = changes;
        this.governor = governor;
    }

    @GetMapping("/ops/changes")
    ModelAndView overview() {
        var page = new ModelAndView("ops/changes");
        page.addObject("live", changes.live().orElse(null));
        page.addObject("releases", changes.history(20));
        page.addObject("proposals", changes.list(50));
        page.addObject("mode", governor.mode().name().toLowerCase(java.util.Locale.ROOT));
        page.addObject("refusedOnDisk", governor.refusedOnDisk().orElse(null));
        return page;
    }

    /** The form, with the live text of the file asked for. */
    @GetMapping("/ops/changes/new")
    ModelAndView form(@RequestParam(defaultValue = "") String path) {
        var live = changes.live();
        var page = new ModelAndView("ops/change-new");
        page.addObject("paths", live.map(l -> List.copyOf(l.files().keySet())).orElse(List.of()));
        page.addObject("path", path);
        page.addObject("text", live.map(l -> l.files().getOrDefault(path, "")).orElse(""));
        page.addObject("title", "");
        page.addObject("formProblems", List.of());
        return page;
    }

    @PostMapping("/ops/changes")
    ModelAndView propose(Authentication user, @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String path,
                         @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "false") boolean delete,
                         RedirectAttributes redirect) {
        var files = new LinkedHashMap<String, String>();
        files.put(path.strip(), delete ? null : text.replace("\r\n", "\n"));
        var result = mayPropose(user) ? changes.propose(user.getName(), title, files)
                : new Changes.Forbidden("proposing a change needs the MARKETING_OPS role");
        if (result instanceof Changes.Done done) {
            redirect.addFlashAttribute("done", done.message());
            return new ModelAndView("redirect:/ops/changes/" + done.proposal().id());
        }
        var page = form(path);
        page.addObject("title", title);
        page.addObject("text", text);
        page.addObject("formProblems", List.of(result.message()));
        page.setStatus(status(result));
        return page;
    }

    @GetMapping("/ops/changes/{id}")
    ModelAndView proposal(Authentication user, @PathVariable String id) {
        var proposal = changes.find(id);
        if (proposal.isEmpty()) {
            var page = new ModelAndView("problem");
            page.addObject("message", "no proposal " + id);
            page.setStatus(HttpStatus.NOT_FOUND);
            return page;
        }
        var p = proposal.get();
        var page = new ModelAndView("ops/change");
        page.addObject("p", p);
        page.addObject("report", p.report() == null ? null : p.report().get("report"));
        page.addObject("messages", messages(p));
        page.addObject("canApprove", p.status() == Proposal.Status.READY && CustomerAccess.has(user, ConsoleRole.APPROVER)
                && !p.author().equals(user.getName()));
        page.addObject("ownProposal", p.author().equals(user.getName()));
        page.addObject("isApprover", CustomerAccess.has(user, ConsoleRole.APPROVER));
        return page;
    }

    @PostMapping("/ops/changes/{id}/approve")
    ModelAndView approve(Authentication user, @PathVariable String id, RedirectAttributes redirect) {
        return answer(changes.approve(user, id), "/ops/changes/" + id, redirect);
    }

    @PostMapping("/ops/changes/{id}/reject")
    ModelAndView reject(Authentication user, @PathVariable String id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return answer(changes.reject(user, id, reason), "/ops/changes/" + id, redirect);
    }

    @PostMapping("/ops/changes/{id}/withdraw")
    ModelAndView withdraw(Authentication user, @PathVariable String id, RedirectAttributes redirect) {
        return answer(changes.withdraw(user, id), "/ops/changes/" + id, redirect);
    }

    @PostMapping("/ops/changes/rollback")
    ModelAndView rollback(Authentication user, @RequestParam long live, RedirectAttributes redirect) {
        return answer(changes.rollback(user, live), "/ops/changes", redirect);
    }

    /** The body of {@code POST /api/changes/proposals}: a title and the changed files (path → text; null deletes). */
    record ProposalRequest(String title, Map<String, String> files) {
    }

    @PostMapping(path = "/api/changes/proposals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> proposeApi(Authentication user, @RequestBody ProposalRequest request) {
        var result = mayPropose(user) ? changes.propose(user.getName(), request.title(), request.files() == null ? Map.of() : request.files())
                : new Changes.Forbidden("proposing a change needs the MARKETING_OPS role");
        if (result instanceof Changes.Done done) {
            return ResponseEntity.accepted().body(Map.of("id", done.proposal().id(), "status", done.proposal().status(),
                    "message", done.message(), "page", "/ops/changes/" + done.proposal().id()));
        }
        return problem(result);
    }

    @GetMapping("/api/changes/proposals/{id}")
    @ResponseBody
    ResponseEntity<?> proposalApi(@PathVariable String id) {
        return changes.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> problem(new Changes.NotFound("no proposal " + id)));
    }

    @GetMapping("/api/changes/releases")
    @ResponseBody
    Map<String, Object> releasesApi() {
        var body = new LinkedHashMap<String, Object>();
        body.put("mode", governor.mode());
        body.put("live", changes.history(1).stream().findFirst().orElse(null));
        body.put("releases", changes.history(100));
        body.put("refusedOnDisk", governor.refusedOnDisk().orElse(null));
        return body;
    }

    /** One message the change would render, as the channel rendered it for the report (ADR 0029). */
    record Message(String channel, Map<?, ?> message) {
    }

    /** The messages the channels said the change would render: changed or new templates, and the offers made more often. */
    static List<Message> messages(Proposal p) {
        var messages = new java.util.ArrayList<Message>();
        for (String channel : ChangeChecks.CHANNELS) {
            if (p.checks().get(channel) instanceof Map<?, ?> check && check.get("rendered") instanceof Map<?, ?> rendered
                    && rendered.get("shown") instanceof List<?> shown) {
                shown.stream().filter(Map.class::isInstance).forEach(m -> messages.add(new Message(channel, (Map<?, ?>) m)));
            }
        }
        return messages;
    }

    private static boolean mayPropose(Authentication user) {
        return CustomerAccess.has(user, ConsoleRole.MARKETING_OPS) || CustomerAccess.has(user, ConsoleRole.ADMIN);
    }

    private static ModelAndView answer(Changes.Result result, String back, RedirectAttributes redirect) {
        if (result instanceof Changes.Done) {
            redirect.addFlashAttribute("done", result.message());
        } else {
            redirect.addFlashAttribute("problems", List.of(result.message()));
        }
        return new ModelAndView("redirect:" + back);
    }

    private static HttpStatus status(Changes.Result result) {
        return switch (result) {
            case Changes.Done d -> HttpStatus.OK;
            case Changes.Invalid i -> HttpStatus.BAD_REQUEST;
            case Changes.NotFound n -> HttpStatus.NOT_FOUND;
            case Changes.Forbidden f -> HttpStatus.FORBIDDEN;
            case Changes.Conflict c -> HttpStatus.CONFLICT;
            case Changes.Unavailable u -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static ResponseEntity<ProblemDetail> problem(Changes.Result result) {
        var status = status(result);
        var problem = ProblemDetail.forStatusAndDetail(status, result.message());
        problem.setTitle(result.getClass().getSimpleName());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
