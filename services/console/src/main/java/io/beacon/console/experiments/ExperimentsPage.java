package io.beacon.console.experiments;

import io.beacon.contracts.ContentExperiment;
import io.beacon.contracts.api.ApiProblem;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /ops/experiments}: marketing operations start a content experiment from a form, see each variant's
 * conversion with its interval and the verdict, and stop it. The same {@link Experiments} as the API, so a form gets
 * the same checks and the same answers.
 */
@Controller
class ExperimentsPage {

    /** "default 50, goal 50": a name and a share, separated by commas. */
    private static final Pattern VARIANT = Pattern.compile("\\s*([^\\s,]+)\\s+(\\d{1,3})\\s*%?\\s*");

    /** What the form was filled with, to show again beside what was wrong. */
    record Form(String id, String name, String productCode, String channel, String variants, String minimumDetectableEffect) {
        static final Form EMPTY = new Form("", "", "", "sms", "default 50, goal 50", "2");
    }

    private final Experiments experiments;

    ExperimentsPage(Experiments experiments) {
        this.experiments = experiments;
    }

    @GetMapping("/ops/experiments")
    ModelAndView page() {
        return page(Form.EMPTY, List.of(), HttpStatus.OK);
    }

    @PostMapping("/ops/experiments")
    ModelAndView start(Principal user, @RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String name,
                       @RequestParam(defaultValue = "") String productCode, @RequestParam(defaultValue = "") String channel,
                       @RequestParam(defaultValue = "") String variants, @RequestParam(defaultValue = "") String minimumDetectableEffect,
                       RedirectAttributes redirect) {
        var form = new Form(id.strip(), name.strip(), productCode.strip(), channel.strip(), variants, minimumDetectableEffect);
        var problems = new ArrayList<String>();
        List<ContentExperiment.Variant> parsed = variants(variants, problems);
        Double points = points(minimumDetectableEffect, problems);
        if (!problems.isEmpty()) {
            return page(form, problems, HttpStatus.BAD_REQUEST);
        }
        try {
            var started = experiments.start(new ContentExperiment(form.id(), form.name(), form.productCode(), form.channel(), parsed,
                    points / 100, true, null, null, null), user.getName());
            redirect.addFlashAttribute("done", "experiment " + started.id() + " started: " + form.channel() + " messages of "
                    + started.productCode() + " now go out in its variants");
            return new ModelAndView("redirect:/ops/experiments");
        } catch (Experiments.Refused e) {
            return page(form, e.problems().stream().map(v -> v.field() + ": " + v.message()).toList(),
                    e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
        } catch (ApiProblem.Unavailable e) {
            return page(form, List.of(e.getMessage() + ": the channel's templates decide which variants exist; nothing was stored"),
                    HttpStatus.BAD_GATEWAY);
        }
    }

    @PostMapping("/ops/experiments/{id}/stop")
    ModelAndView stop(Principal user, @PathVariable String id, RedirectAttributes redirect) {
        if (experiments.stop(id, user.getName()).isEmpty()) {
            return page(Form.EMPTY, List.of("no experiment " + id + ": nothing was stopped"), HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("done", "experiment " + id + " stopped: everyone gets the offer's own message again");
        return new ModelAndView("redirect:/ops/experiments");
    }

    private ModelAndView page(Form form, List<String> problems, HttpStatus status) {
        var page = new ModelAndView("ops/experiments");
        page.addObject("experiments", experiments.all().stream().map(experiments::results).toList());
        page.addObject("form", form);
        page.addObject("formProblems", problems);
        page.setStatus(status);
        return page;
    }

    static List<ContentExperiment.Variant> variants(String text, List<String> problems) {
        var variants = new ArrayList<ContentExperiment.Variant>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = VARIANT.matcher(part);
            if (!m.matches()) {
                problems.add("variants: '" + part.strip() + "' is not a name and a share, e.g. 'goal 50'");
                continue;
            }
            variants.add(new ContentExperiment.Variant(m.group(1), Integer.parseInt(m.group(2))));
        }
        return variants;
    }

    private static Double points(String text, List<String> problems) {
        try {
            return Double.valueOf(text.strip().replace(",", "."));
        } catch (NumberFormatException e) {
            problems.add("minimum detectable effect: '" + text + "' is not a number of percentage points, e.g. 2");
            return null;
        }
    }
}
