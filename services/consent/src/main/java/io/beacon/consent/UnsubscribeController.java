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
 * One-click unsubscribe (RFC 8058): a {@code POST} of {@code List-Unsubscribe=One-Click} to the link in the email's
 * {@code List-Unsubscribe} header withdraws email marketing, with no cookie and no login; the opaque token names the
 * customer. The body may come url-encoded or as {@code multipart/form-data}, both of which RFC 8058 allows a mail
 * client to send. {@code GET} on the same link (the visible link in the email) shows a one-page confirmation. Both
 * speak the email's language ({@code ?lang=} on the link: en, zh-CN, es). A token under a key retired from the keyring
 * (ADR 0034) is refused as expired, one that never opened as not valid; either way nothing changes and an audit line
 * says which.
 */
@RestController
class UnsubscribeController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");
    static final String SOURCE = "/email/one-click";

    /** The pages' words per language of the email. */
    private record Words(String confirmTitle, String alsoProfiling, String button, String doneTitle, String done, String doneProfiling,
                         String invalidTitle, String invalid, String expiredTitle, String expired, String notUnderstoodTitle,
                         String notUnderstood) {
    }

    private static final Map<String, Words> WORDS = Map.of(
            "en", new Words("Unsubscribe from marketing emails",
                    "Also stop using my personal data to choose offers for me (I will only see general offers)",
                    "Unsubscribe from marketing emails",
                    "You are unsubscribed", "You will receive no more marketing emails from us.",
                    " We will no longer use your personal data to choose offers for you.",
                    "This unsubscribe link is not valid",
                    "The link may have been altered. Nothing was changed. Use the link in the email itself, or contact the bank.",
                    "This unsubscribe link has expired",
                    "The link is too old to be used. Nothing was changed. Use the link in a recent email, or contact the bank.",
                    "Unsubscribe request not understood", "A one-click unsubscribe posts List-Unsubscribe=One-Click. Nothing was changed."),
            "zh", new Words("退订营销邮件",
                    "同时停止使用我的个人信息为我挑选优惠（我今后只会看到一般优惠）",
                    "退订营销邮件",
                    "您已退订", "您将不会再收到我们的营销邮件。",
                    "我们将不再使用您的个人信息为您挑选优惠。",
                    "此退订链接无效", "该链接可能已被更改。未作任何更改。请使用邮件中的链接，或联系银行。",
                    "此退订链接已过期", "该链接已过期，无法使用。未作任何更改。请使用近期邮件中的链接，或联系银行。",
                    "无法识别该退订请求", "一键退订须提交 List-Unsubscribe=One-Click。未作任何更改。"),
            "es", new Words("Darse de baja de los correos de marketing",
                    "Dejar también de usar mis datos personales para elegir ofertas para mí (solo veré ofertas generales)",
                    "Darme de baja de los correos de marketing",
                    "Se ha dado de baja", "No recibirá más correos de marketing de nuestra parte.",
                    " Dejaremos de usar sus datos personales para elegir ofertas para usted.",
                    "Este enlace de baja no es válido",
                    "Puede que el enlace se haya alterado. No se ha cambiado nada. Use el enlace del propio correo o contacte con el banco.",
                    "Este enlace de baja ha caducado",
                    "El enlace es demasiado antiguo. No se ha cambiado nada. Use el enlace de un correo reciente o contacte con el banco.",
                    "No se entendió la solicitud de baja", "Una baja en un clic envía List-Unsubscribe=One-Click. No se ha cambiado nada."));

    private final UnsubscribeTokens tokens;
    private final ConsentChanges changes;

    UnsubscribeController(UnsubscribeTokens tokens, ConsentChanges changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    @PostMapping(path = "/unsubscribe/{token}", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> oneClick(@PathVariable String token,
                                    @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe,
                                    @RequestParam(name = "profiling", required = false) String profiling,
                                    @RequestParam(name = "lang", required = false) String lang) {
        Words words = words(lang);
        var customer = tokens.customerOf(token);
        if (customer.isEmpty()) {
            return refused(token, lang, "unsubscribe refused");
        }
        if (!"One-Click".equals(listUnsubscribe)) {
            audit.warn("unsubscribe refused for customer {}: body is not List-Unsubscribe=One-Click", customer.get());
            return LinkPages.page(HttpStatus.BAD_REQUEST, lang, words.notUnderstoodTitle(), words.notUnderstood());
        }
        Instant now = Instant.now();
        changes.record("unsubscribe " + UUID.randomUUID(), new ConsentChange(customer.get(), "email", "marketing", false, SOURCE, now), "CONSENT");
        if ("refuse".equals(profiling)) {
            changes.record("unsubscribe " + UUID.randomUUID(), new ConsentChange(customer.get(), "all", "profiling", false, SOURCE, now), "CONSENT");
        }
        return LinkPages.page(HttpStatus.OK, lang, words.doneTitle(), words.done() + ("refuse".equals(profiling) ? words.doneProfiling() : ""));
    }

    @GetMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang) {
        if (tokens.customerOf(token).isEmpty()) {
            return refused(token, lang, "unsubscribe page refused");
        }
        Words words = words(lang);
        String form = "<form method=\"post\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<p><label><input type=\"checkbox\" name=\"profiling\" value=\"refuse\"> " + HtmlUtils.htmlEscape(words.alsoProfiling()) + "</label></p>"
                + "<p><button type=\"submit\">" + HtmlUtils.htmlEscape(words.button()) + "</button></p></form>";
        return LinkPages.page(HttpStatus.OK, lang, words.confirmTitle(), form);
    }

    /** A token that opens to no customer: expired (its key retired) or not one Beacon issued; nothing changes. */
    private ResponseEntity<String> refused(String token, String lang, String what) {
        Words words = words(lang);
        if (tokens.expired(token)) {
            audit.warn("{}: the link expired (its key retired from the keyring); nothing changed", what);
            return LinkPages.page(HttpStatus.GONE, lang, words.expiredTitle(), words.expired());
        }
        audit.warn("{}: the token is not one Beacon issued", what);
        return LinkPages.page(HttpStatus.BAD_REQUEST, lang, words.invalidTitle(), words.invalid());
    }

    private static Words words(String lang) {
        return WORDS.get(LinkPages.language(lang));
    }
}
