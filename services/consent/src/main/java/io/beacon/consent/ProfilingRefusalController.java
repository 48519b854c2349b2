package io.beacon.consent;

import io.beacon.contracts.ConsentChange;
import io.beacon.platform.UnsubscribeTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The link in every marketing email that refuses profiling (PIPL Art. 24): {@code GET /profiling/{token}} shows a
 * one-page confirmation in the email's language, its button posts {@code profiling=refuse} to the same link, which
 * records the refusal on every channel (source {@code /email/profiling-link}): from then on only generic offers, chosen
 * without the customer's personal characteristics. The token is the customer id sealed under the unsubscribe secret
 * with keys of its own ({@link UnsubscribeTokens#profilingRefusal()}): a forged or altered token, or an unsubscribe
 * token, names no customer and changes nothing. Every refusal of a request leaves an audit line.
 */
@RestController
class ProfilingRefusalController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");
    static final String SOURCE = "/email/profiling-link";

    /** The page's words per language of the email. */
    private record Words(String title, String explain, String button, String doneTitle, String done, String invalidTitle, String invalid,
                         String notUnderstood) {
    }

    private static final Map<String, Words> WORDS = Map.of(
            "en", new Words("Stop using my personal data to choose offers",
                    "We will no longer use what we know about you (your transactions, products and profile) to choose which offers to "
                            + "show you. You will only receive general offers. This does not unsubscribe you from marketing emails.",
                    "Stop using my data to choose offers",
                    "Done", "We no longer use your personal data to choose offers for you. You will only receive general offers.",
                    "This link is not valid", "The link may have been altered. Nothing was changed. Use the link in the email itself, or contact the bank.",
                    "The request was not understood. Nothing was changed."),
            "zh", new Words("停止使用我的个人信息挑选优惠",
                    "我们将不再使用我们所了解的关于您的信息（您的交易、产品和个人资料）来挑选向您展示的优惠。您今后只会收到一般优惠。此操作不会退订营销邮件。",
                    "停止使用我的个人信息挑选优惠",
                    "已完成", "我们已不再使用您的个人信息为您挑选优惠。您今后只会收到一般优惠。",
                    "此链接无效", "该链接可能已被更改。未作任何更改。请使用邮件中的链接，或联系银行。",
                    "无法识别该请求。未作任何更改。"),
            "es", new Words("Dejar de usar mis datos personales para elegir ofertas",
                    "Dejaremos de usar lo que sabemos de usted (sus movimientos, productos y perfil) para elegir qué ofertas le mostramos. "
                            + "Solo recibirá ofertas generales. Esto no le da de baja de los correos de marketing.",
                    "No usar mis datos para elegir ofertas",
                    "Hecho", "Ya no usamos sus datos personales para elegir ofertas para usted. Solo recibirá ofertas generales.",
                    "Este enlace no es válido", "Puede que el enlace se haya alterado. No se ha cambiado nada. Use el enlace del propio correo o contacte con el banco.",
                    "No se entendió la solicitud. No se ha cambiado nada."));

    private final UnsubscribeTokens tokens;
    private final ConsentChanges changes;

    ProfilingRefusalController(UnsubscribeTokens unsubscribeTokens, ConsentChanges changes) {
        this.tokens = unsubscribeTokens.profilingRefusal();
        this.changes = changes;
    }

    @GetMapping(path = "/profiling/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang) {
        Words words = words(lang);
        if (tokens.customerOf(token).isEmpty()) {
            audit.warn("profiling refusal page refused: the token is not one Beacon issued");
            return page(HttpStatus.BAD_REQUEST, lang, words.invalidTitle(), words.invalid());
        }
        String form = "<p>" + HtmlUtils.htmlEscape(words.explain()) + "</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"profiling\" value=\"refuse\">"
                + "<p><button type=\"submit\">" + HtmlUtils.htmlEscape(words.button()) + "</button></p></form>";
        return page(HttpStatus.OK, lang, words.title(), form);
    }

    @PostMapping(path = "/profiling/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> refuse(@PathVariable String token, @RequestParam(name = "profiling", required = false) String profiling,
                                  @RequestParam(name = "lang", required = false) String lang) {
        Words words = words(lang);
        var customer = tokens.customerOf(token);
        if (customer.isEmpty()) {
            audit.warn("profiling refusal refused: the token is not one Beacon issued; nothing changed");
            return page(HttpStatus.BAD_REQUEST, lang, words.invalidTitle(), words.invalid());
        }
        if (!"refuse".equals(profiling)) {
            audit.warn("profiling refusal refused for customer {}: the form did not post profiling=refuse; nothing changed", customer.get());
            return page(HttpStatus.BAD_REQUEST, lang, words.invalidTitle(), words.notUnderstood());
        }
        changes.record("profiling-link " + UUID.randomUUID(),
                new ConsentChange(customer.get(), "all", "profiling", false, SOURCE, Instant.now()), "CONSENT");
        audit.info("profiling refused by customer {} through the link in an email", customer.get());
        return page(HttpStatus.OK, lang, words.doneTitle(), words.done());
    }

    private static Words words(String lang) {
        return WORDS.get(LinkPages.language(lang));
    }

    private static ResponseEntity<String> page(HttpStatus status, String lang, String title, String body) {
        return LinkPages.page(status, lang, title, body);
    }
}
