package io.beacon.delivery;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * One channel's offer templates, per offer x locale, personalised and generic (PIPL Art. 24), in Mustache
 * (jmustache), loaded from the classpath and checked at start: a template that uses a variable its variant does not
 * have, a missing locale or variant, or a channel rule (SMS segments, the way out) refuses the whole set with every
 * problem named, so nothing fails at send time.
 * <p>
 * Files: {@code templates/offers.yml} (amount, currency, days open, template names), {@code templates/products/<locale>.yml}
 * (product names), {@code templates/<channel>/<locale>.yml} (template name → text, or part → text; a plain string is
 * the part {@code text}).
 */
public final class MessageTemplates {

    /** The locales every template exists in; a customer's language picks the closest, English when none is close. */
    public static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("en"), Locale.forLanguageTag("zh-CN"), Locale.forLanguageTag("es"));

    /** Variables every template may use; the generic variant lacks the customer's own ({@link #PERSONAL}). */
    /**
     * The note a relationship manager added when approving the offer; empty when none, so that a template shows it
     * only inside a {@code {{#personalNote}}...{{/personalNote}}} section.
     */
    public static final String PERSONAL_NOTE = "personalNote";

    public static final Set<String> COMMON = Set.of("bankName", "productName", "amount", "validUntil", PERSONAL_NOTE);
    public static final Set<String> PERSONAL = Set.of("firstName");

    /** A message ready for the provider: its parts (SMS {@code text}; push {@code title}, {@code body}; ...). */
    public record Rendered(String template, Locale locale, boolean personalised, Map<String, String> parts) {
        public String part(String name) {
            return Objects.requireNonNull(parts.get(name), () -> "template " + template + " has no part '" + name + "'");
        }
    }

    /** A channel's own rule on a rendered sample; returns what is wrong, empty when nothing is. */
    @FunctionalInterface
    public interface Check {
        List<String> problems(Locale locale, Map<String, String> parts);
    }

    /** @param variants content variants for experiments (ADR 0025): variant name to the base name of its personalised template */
    private record Offer(BigDecimal amount, Currency currency, int validDays, String personalised, String generic,
                         Map<String, String> variants) {
    }

    private record Key(String template, Locale locale) {
    }

    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 9, 30);

    private final String root;
    private final Channel channel;
    private final String bankName;
    private final Map<String, Offer> offers;
    private final Map<Locale, Map<String, String>> productNames;
    private final Map<Key, Map<String, Template>> templates;

    private MessageTemplates(String root, Channel channel, String bankName, Map<String, Offer> offers, Map<Locale, Map<String, String>> productNames,
                             Map<Key, Map<String, Template>> templates) {
        this.root = root;
        this.channel = channel;
        this.bankName = bankName;
        this.offers = offers;
        this.productNames = productNames;
        this.templates = templates;
    }

    /**
     * Loads and checks the channel's templates.
     *
     * @param extras the channel's own variables (push: {@code preferencesLink}; email: {@code unsubscribeUrl}) with a
     *               sample value each, available to both variants
     * @throws TemplateRejectedException naming every template and what is wrong with it
     */
    public static MessageTemplates load(Channel channel, String bankName, Map<String, String> extras, Check check) {
        return load("templates", channel, bankName, extras, check);
    }

    /** @param root the classpath folder holding offers.yml, products/ and the channel's folder */
    static MessageTemplates load(String root, Channel channel, String bankName, Map<String, String> extras, Check check) {
        List<String> problems = new ArrayList<>();
        Map<String, Offer> offers = readOffers(root, problems);
        Map<Locale, Map<String, String>> productNames = new LinkedHashMap<>();
        Map<Key, Map<String, Template>> templates = new LinkedHashMap<>();
        for (Locale locale : LOCALES) {
            productNames.put(locale, stringMap(read(root + "/products/" + locale.toLanguageTag() + ".yml", problems)));
            Map<String, Object> file = read(root + "/" + channel.id() + "/" + locale.toLanguageTag() + ".yml", problems);
            file.forEach((name, value) -> {
                Map<String, Template> parts = new LinkedHashMap<>();
                Map<String, String> sources = value instanceof Map<?, ?> map ? stringMap(map) : Map.of("text", String.valueOf(value));
                sources.forEach((part, source) -> {
                    try {
                        parts.put(part, Mustache.compiler().escapeHTML("html".equals(part)).strictSections(true).emptyStringIsFalse(true).compile(source));
                    } catch (MustacheException e) {
                        problems.add(where(root, channel, name, locale) + " part '" + part + "' does not parse: " + e.getMessage());
                    }
                });
                templates.put(new Key(name, locale), parts);
            });
        }
        var loaded = new MessageTemplates(root, channel, bankName, offers, productNames, templates);
        loaded.check(extras, check, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRejectedException(channel, problems);
        }
        return loaded;
    }

    /** Every offer with templates on this channel, both variants, every locale, rendered with a sample customer. */
    private void check(Map<String, String> extras, Check check, List<String> problems) {
        Set<String> known = new java.util.HashSet<>();
        offers.forEach((code, offer) -> {
            boolean offered = LOCALES.stream().anyMatch(l -> templates.containsKey(new Key(name(offer.personalised()), l))
                    || templates.containsKey(new Key(name(offer.generic()), l)));
            if (!offered) {
                return;
            }
            var names = new LinkedHashMap<String, Boolean>();
            names.put(name(offer.personalised()), true);
            names.put(name(offer.generic()), false);
            offer.variants().values().stream().map(this::name)
                    .filter(variant -> LOCALES.stream().anyMatch(l -> templates.containsKey(new Key(variant, l))))
                    .forEach(variant -> names.put(variant, true));
            names.forEach((name, personalised) -> {
                known.add(name);
                for (Locale locale : LOCALES) {
                    if (!templates.containsKey(new Key(name, locale))) {
                        problems.add(where(root, channel, name, locale) + " is missing (" + code + " is offered on " + channel.id() + ")");
                        continue;
                    }
                    if (!productNames.get(locale).containsKey(code)) {
                        problems.add(root + "/products/" + locale.toLanguageTag() + ".yml has no name for " + code);
                        continue;
                    }
                    var sample = new Recipient("C-SAMPLE", sampleName(locale), locale.toLanguageTag(), "sample", false);
                    try {
                        Rendered rendered = render(code, offers.get(code), sample, personalised, SAMPLE_DAY, extras, name);
                        check.problems(locale, rendered.parts()).forEach(p -> problems.add(where(root, channel, name, locale) + ": " + p));
                    } catch (MustacheException e) {
                        problems.add(where(root, channel, name, locale) + " uses a variable the " + (personalised ? "personalised" : "generic")
                                + " variant does not have: " + e.getMessage() + " (available: " + variables(personalised, extras) + ")");
                    }
                }
            });
        });
        templates.keySet().stream().map(Key::template).filter(name -> !known.contains(name)).distinct()
                .forEach(name -> problems.add(root + "/" + channel.id() + ": '" + name + "' belongs to no offer in templates/offers.yml"));
    }

    /**
     * Renders the offer for the customer in the locale closest to their language. Personalised only when allowed and
     * the profile has a first name; otherwise the generic variant, which uses nothing of theirs.
     *
     * @throws IllegalArgumentException when the offer has no template on this channel
     */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, LocalDate today, Map<String, String> extras) {
        return render(productCode, recipient, personalised, today, extras, null);
    }

    /**
     * As above, in the given content variant of an experiment (ADR 0025): its template replaces the offer's personalised
     * one. A customer who gets the generic message (refused profiling, no first name) gets it whatever the variant.
     *
     * @param variant {@link io.beacon.contracts.ContentExperiment#DEFAULT}, null, or a variant {@link #variants} lists
     * @throws IllegalArgumentException when the offer has no template on this channel, or no such variant
     */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, LocalDate today, Map<String, String> extras,
                           String variant) {
        Offer offer = offers.get(productCode);
        if (offer == null) {
            throw new IllegalArgumentException("no " + channel.id() + " template for product '" + productCode + "': not in templates/offers.yml");
        }
        return render(productCode, offer, recipient, personalised, today, extras, variantTemplate(productCode, offer, variant));
    }

    /** @param personalisedTemplate the template a customer who gets the personalised message gets */
    private Rendered render(String productCode, Offer offer, Recipient recipient, boolean personalised, LocalDate today,
                            Map<String, String> extras, String personalisedTemplate) {
        Locale customer = recipient.language() == null ? Locale.forLanguageTag("en") : Locale.forLanguageTag(recipient.language());
        Locale locale = closest(customer);
        // Amounts and dates in the customer's own variant of the language (en-GB: 6 December; en-US: December 6).
        Locale format = customer.getLanguage().equals(locale.getLanguage()) ? customer : locale;
        boolean withName = personalised && recipient.firstName() != null && !recipient.firstName().isBlank();
        String name = withName ? personalisedTemplate : name(offer.generic());
        Map<String, Template> parts = templates.get(new Key(name, locale));
        if (parts == null) {
            throw new IllegalArgumentException("no " + channel.id() + " template '" + name + "' for " + productCode + " in " + locale.toLanguageTag());
        }
        Map<String, Object> model = new TreeMap<>(extras);
        model.putIfAbsent(PERSONAL_NOTE, "");
        model.put("bankName", bankName);
        model.put("productName", productNames.get(locale).getOrDefault(productCode, productCode));
        NumberFormat money = NumberFormat.getCurrencyInstance(format);
        money.setCurrency(offer.currency());
        model.put("amount", money.format(offer.amount()));
        model.put("validUntil", today.plusDays(offer.validDays()).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(format)));
        if (withName) {
            model.put("firstName", recipient.firstName().strip());
        }
        Map<String, String> rendered = new LinkedHashMap<>();
        // A part may start with a product name ("our 12-month deposit ..."): a sentence starts with a capital.
        parts.forEach((part, template) -> rendered.put(part, capitalised(template.execute(model).strip(), locale)));
        return new Rendered(name, locale, withName, rendered);
    }

    /**
     * The content variants of an offer on this channel (besides {@code default}, its own template), for experiments.
     */
    public Set<String> variants(String productCode) {
        Offer offer = offers.get(productCode);
        if (offer == null) {
            return Set.of();
        }
        var names = new java.util.TreeSet<String>();
        offer.variants().forEach((variant, base) -> {
            if (templates.containsKey(new Key(name(base), LOCALES.getFirst()))) {
                names.add(variant);
            }
        });
        return names;
    }

    /** The personalised template of a variant: the offer's own for default (or none), the variant's when it exists here. */
    private String variantTemplate(String productCode, Offer offer, String variant) {
        if (variant == null || io.beacon.contracts.ContentExperiment.DEFAULT.equals(variant)) {
            return name(offer.personalised());
        }
        if (!variants(productCode).contains(variant)) {
            throw new IllegalArgumentException("no " + channel.id() + " content variant '" + variant + "' for " + productCode
                    + "; known: " + variants(productCode) + " (and default)");
        }
        return name(offer.variants().get(variant));
    }

    /** The offers that have templates on this channel (for the preview API's error messages). */
    public Set<String> products() {
        return offers.keySet();
    }

    private static String capitalised(String text, Locale locale) {
        if (text.isEmpty() || text.startsWith("<")) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first)).append(text.substring(Character.charCount(first))).toString();
    }

    static Locale closest(Locale customer) {
        for (Locale locale : LOCALES) {
            if (locale.toLanguageTag().equalsIgnoreCase(customer.toLanguageTag())) {
                return locale;
            }
        }
        for (Locale locale : LOCALES) {
            if (locale.getLanguage().equals(customer.getLanguage())) {
                return locale;
            }
        }
        return LOCALES.getFirst();
    }

    private String name(String base) {
        return base + "-" + channel.id();
    }

    private static Set<String> variables(boolean personalised, Map<String, String> extras) {
        var names = new java.util.TreeSet<>(COMMON);
        names.addAll(extras.keySet());
        if (personalised) {
            names.addAll(PERSONAL);
        }
        return names;
    }

    /** Long sample names, so a length check at load covers real customers. */
    private static String sampleName(Locale locale) {
        return switch (locale.getLanguage()) {
            case "zh" -> "欧阳明轩";
            case "es" -> "María Fernanda";
            default -> "Alexandra";
        };
    }

    private static String where(String root, Channel channel, String name, Locale locale) {
        return root + "/" + channel.id() + "/" + locale.toLanguageTag() + ".yml '" + name + "'";
    }

    private static Map<String, Offer> readOffers(String root, List<String> problems) {
        Map<String, Offer> offers = new LinkedHashMap<>();
        read(root + "/offers.yml", problems).forEach((code, value) -> {
            if (!(value instanceof Map<?, ?> offer)) {
                problems.add("templates/offers.yml: " + code + " must be a map");
                return;
            }
            try {
                offers.put(code, new Offer(new BigDecimal(String.valueOf(offer.get("amount"))),
                        Currency.getInstance(String.valueOf(offer.get("currency"))),
                        Integer.parseInt(String.valueOf(offer.get("valid-days"))),
                        Objects.requireNonNull((String) offer.get("personalised"), "personalised"),
                        Objects.requireNonNull((String) offer.get("generic"), "generic"),
                        offer.get("variants") instanceof Map<?, ?> variants ? stringMap(variants) : Map.of()));
            } catch (RuntimeException e) {
                problems.add("templates/offers.yml: " + code + " needs amount, currency (ISO 4217), valid-days, personalised, generic "
                        + "(and may list content variants): " + e.getMessage());
            }
        });
        return offers;
    }

    private static Map<String, Object> read(String resource, List<String> problems) {
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                problems.add(resource + " is missing");
                return Map.of();
            }
            Object yaml = new Yaml().load(in);
            if (!(yaml instanceof Map<?, ?> map)) {
                problems.add(resource + " must be a map of names to texts");
                return Map.of();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (IOException | RuntimeException e) {
            problems.add(resource + " cannot be read: " + e.getMessage());
            return Map.of();
        }
    }

    private static Map<String, String> stringMap(Map<?, ?> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
