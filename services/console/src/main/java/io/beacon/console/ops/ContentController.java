package io.beacon.console.ops;

import io.beacon.console.access.AuditLog;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
import io.beacon.contracts.api.channels.TemplatesStatus;
import io.beacon.contracts.api.profiles.ContactPoints;
import io.beacon.contracts.api.profiles.ProfilesApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Marketing ops' view of the message copy (ADR 0027): each channel's templates as its sender serves them (content
 * version, the last refused change with every problem), and any template previewed for a test customer in each locale,
 * personalised and generic, through the senders' own preview API: the SMS with its encoding and segments, the push as
 * the lock screen shows it, the email's subject, its HTML in a sandboxed frame and its plain-text part.
 */
@Controller
class ContentController {

    static final List<String> CHANNELS = List.of("sms", "push", "email");
    static final List<String> LOCALES = List.of("en", "zh-CN", "es");

    /**
     * The email frame's own policy: nothing may load or run in it (the tracking pixel stays unfetched, so a preview
     * counts no open), its inline styles aside (emails carry them); only the console may frame it.
     */
    static final String EMAIL_FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'self'; sandbox";

    /** Who the preview is for: a test customer typed in, or an existing customer's name, language and profiling choice. */
    record TestCustomer(String firstName, String language, boolean noProfiling, String customerId) {
    }

    /** One rendering: the sender's answer (null when there is none), or why there is none. */
    record Shown(boolean personalised, RenderedTemplate answer, String problem, String frame) {
    }

    private final ProfilesApi profiles;
    private final ConsoleApis.Channels channels;
    private final AuditLog audit;

    ContentController(ProfilesApi profiles, ConsoleApis.Channels channels, AuditLog audit) {
        this.profiles = profiles;
        this.channels = channels;
        this.audit = audit;
    }

    @GetMapping("/ops/content")
    ModelAndView content(Authentication user, @RequestParam(required = false) String channel, @RequestParam(required = false) String template,
                         @RequestParam(required = false) String productCode, @RequestParam(required = false) String locale,
                         @RequestParam(required = false) String firstName, @RequestParam(required = false) String customerId) {
        var page = new ModelAndView("ops/content");
        Map<String, TemplatesStatus> statuses = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        var products = new TreeSet<String>();
        for (String c : CHANNELS) {
            try {
                TemplatesStatus status = channels.templates(c).templates();
                statuses.put(c, status);
                if (status.templates() != null) {
                    status.templates().stream().map(TemplatesStatus.Template::offer).filter(offer -> offer != null).forEach(products::add);
                }
            } catch (ApiProblem e) {
                unavailable.put(c, "the " + c + " service did not answer: " + e.getMessage());
            }
        }
        page.addObject("channels", CHANNELS);
        page.addObject("statuses", statuses);
        page.addObject("unavailable", unavailable);
        page.addObject("products", products);
        page.addObject("locales", LOCALES);
        page.addObject("form", new LinkedHashMap<>(Map.of("channel", nz(channel), "template", nz(template), "productCode", nz(productCode),
                "locale", nz(locale), "firstName", nz(firstName), "customerId", nz(customerId))));
        if (blank(template)) {
            return page;
        }
        if (!CHANNELS.contains(channel)) {
            page.addObject("formProblem", "channel: one of " + CHANNELS);
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        TestCustomer customer = customer(user, firstName, locale, customerId);
        String shownLocale = blank(locale) ? customer.language() : locale;
        page.addObject("customer", customer);
        page.addObject("shownLocale", shownLocale);
        var shown = new ArrayList<Shown>();
        for (boolean personalised : new boolean[] {true, false}) {
            shown.add(render(channel, template, productCode, shownLocale, customer, personalised));
        }
        page.addObject("shown", shown);
        if (shown.stream().allMatch(s -> s.problem() != null)) {
            page.setStatus(HttpStatus.BAD_REQUEST);
        }
        return page;
    }

    /** The email's HTML part as the customer would see it, for the preview's sandboxed frame, under its own strict policy. */
    @GetMapping("/ops/content/email")
    ResponseEntity<String> emailFrame(Authentication user, @RequestParam String template, @RequestParam(required = false) String productCode,
                                      @RequestParam(required = false) String locale, @RequestParam(required = false) String firstName,
                                      @RequestParam(required = false) String customerId, @RequestParam(defaultValue = "true") boolean personalised) {
        TestCustomer customer = customer(user, firstName, locale, customerId);
        Shown shown = render("email", template, productCode, blank(locale) ? customer.language() : locale, customer, personalised);
        String html = shown.problem() != null ? "<!DOCTYPE html><p>" + org.springframework.web.util.HtmlUtils.htmlEscape(shown.problem()) + "</p>"
                : String.valueOf(shown.answer().html());
        return ResponseEntity.status(shown.problem() != null ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", EMAIL_FRAME_POLICY)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html);
    }

    private Shown render(String channel, String template, String productCode, String locale, TestCustomer customer, boolean personalised) {
        var request = new TemplatePreviewRequest(blank(productCode) ? null : productCode, locale, personalised, customer.firstName(), null, template);
        try {
            var answer = channels.preview(channel).preview(request);
            String frame = "email".equals(channel) ? frameUrl(template, productCode, locale, customer, personalised) : null;
            return new Shown(personalised, answer, null, frame);
        } catch (ApiProblem.Unavailable e) {
            return new Shown(personalised, null, "the " + channel + " service did not answer: " + e.getMessage(), null);
        } catch (ApiProblem refused) {
            return new Shown(personalised, null, refused.errors().isEmpty() ? refused.detail()
                    : refused.errors().getFirst().field() + " " + refused.errors().getFirst().message(), null);
        }
    }

    private static String frameUrl(String template, String productCode, String locale, TestCustomer customer, boolean personalised) {
        var url = org.springframework.web.util.UriComponentsBuilder.fromPath("/ops/content/email")
                .queryParam("template", template).queryParam("locale", locale).queryParam("personalised", personalised);
        if (!blank(productCode)) {
            url.queryParam("productCode", productCode);
        }
        // an existing customer is named by id, never by their name in a URL
        if (customer.customerId() != null) {
            url.queryParam("customerId", customer.customerId());
        } else {
            url.queryParam("firstName", customer.firstName());
        }
        return url.encode().build().toUriString();
    }

    /** A typed-in test customer (Jane, English by default), or an existing one's name, language and profiling choice (audited). */
    private TestCustomer customer(Authentication user, String firstName, String locale, String customerId) {
        if (blank(customerId)) {
            return new TestCustomer(blank(firstName) ? "Jane" : firstName.strip(), blank(locale) ? "en" : locale, false, null);
        }
        String id = customerId.strip();
        ProfileSnapshot profile = null;
        ContactPoints contact = null;
        try {
            profile = profiles.profile(id);
            contact = profiles.contactPoints(id);
        } catch (ApiProblem.NotFound unknown) {
            // a customer profiles does not know: previewed as nobody in particular, in English
        }
        audit.record(user.getName(), "preview-content", "customer", id, "OK", "template preview with the customer's name and language");
        boolean noProfiling = (profile != null && profile.noProfiling()) || (contact != null && contact.noProfiling());
        String language = profile == null ? null : profile.language();
        return new TestCustomer(contact == null ? null : contact.firstName(), language == null ? "en" : language, noProfiling, id);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
