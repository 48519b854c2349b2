package io.beacon.delivery;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * One channel's message templates, read from the content folder (ADR 0027, which supersedes the file layout of ADR
 * 0012): per offer x locale, personalised and generic (PIPL Art. 24), plus the templates a journey step names in its
 * {@code template} header, in Mustache (jmustache). Checked whole when loaded: a missing locale or generic variant, a
 * placeholder its variant does not have (found in the template's tree, so even inside a section that a sample would
 * skip), or a channel rule broken by a sample message refuses the set with every problem named by file, locale and
 * place, so nothing fails at send time.
 * <p>
 * Files (relative to the content folder): {@code offers.yml} (amount, currency, days open, template names, content
 * variants), {@code steps.yml} (the step templates and their generic counterparts), {@code products/<locale>.yml}
 * (product names), {@code <channel>/<locale>.yml} (template name → text, or part → text; a plain string is the part
 * {@code text}) and, for a channel with a layout (email), {@code <channel>/layout/<locale>.yml}.
 */
public final class MessageTemplates {

    /** The locales every template exists in; a customer's language picks the closest, English when none is close. */
    public static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("en"), Locale.forLanguageTag("zh-CN"), Locale.forLanguageTag("es"));

    /**
     * The note a relationship manager added when approving the offer; empty when none, so that a template shows it
     * only inside a {@code {{#personalNote}}...{{/personalNote}}} section.
     */
    public static final String PERSONAL_NOTE = "personalNote";

    /** Variables every template may use; the generic variant lacks the customer's own ({@link #PERSONAL}). */
    public static final Set<String> COMMON = Set.of("bankName", "productName", "amount", "validUntil", PERSONAL_NOTE);
    public static final Set<String> PERSONAL = Set.of("firstName");

    /** A message ready for the provider: its parts (SMS {@code text}; push {@code title}, {@code body}; ...). */
    public record Rendered(String template, Locale locale, boolean personalised, Map<String, String> parts) {
        public String part(String name) {
            return Objects.requireNonNull(parts.get(name), () -> "template " + template + " has no part '" + name + "'");
        }
    }

    /**
     * A channel's own rule on a rendered sample; returns what is wrong, empty when nothing is.
     *
     * @param layout the channel's layout words rendered for the sample (empty for a channel without a layout)
     */
    @FunctionalInterface
    public interface Check {
        List<String> problems(Locale locale, Map<String, String> parts, Map<String, String> layout);
    }

    /**
     * The words a channel puts around every template (email: call to action, postal address, footer, the links' texts),
     * in {@code <channel>/layout/<locale>.yml}. Each word may use {@code variables} and the words above it, by their
     * camel-case name ({@code postal-address} as {@code postalAddress}).
     *
     * @param sample a value per variable for the load's sample message
     */
    public record Layout(List<String> words, Set<String> variables, Map<String, String> sample) {
    }

    /** What a template is: an offer's own, its generic counterpart, an experiment's variant, a step's, or a step's generic. */
    public enum Kind { OFFER, GENERIC, VARIANT, STEP, STEP_GENERIC }

    /**
     * A template as {@code GET /api/templates} lists it.
     *
     * @param offer   the product code of an offer's template; null for a step's, which serves any offer
     * @param generic the generic counterpart's name (itself for a generic one)
     */
    public record TemplateInfo(String name, Kind kind, String offer, String generic, List<String> locales) {
        public boolean personalised() {
            return kind == Kind.OFFER || kind == Kind.VARIANT || kind == Kind.STEP;
        }
    }

    /** A send's template names: the personalised one (or a variant's) and its generic counterpart. */
    private record Choice(String personalised, String generic) {
    }

    /** @param variants content variants for experiments (ADR 0026): variant name to the base name of its personalised template */
    private record Offer(BigDecimal amount, Currency currency, int validDays, String personalised, String generic,
                         Map<String, String> variants) {
    }

    private record Key(String template, Locale locale) {
    }

    private record Named(Kind kind, String offer, String generic) {
    }

    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 9, 30);

    private final Channel channel;
    private final String version;
    private final String bankName;
    private final Map<String, Offer> offers;
    private final Set<String> offersOwn;
    private final Map<Locale, Map<String, String>> productNames;
    private final Map<Key, Map<String, Template>> templates;
    private final Map<String, Named> named;
    private final Layout layoutSpec;
    private final Map<Locale, Map<String, Template>> layouts;

    private MessageTemplates(Channel channel, String version, String bankName, Map<String, Offer> offers, Set<String> offersOwn,
                             Map<Locale, Map<String, String>> productNames, Map<Key, Map<String, Template>> templates,
                             Map<String, Named> named, Layout layoutSpec, Map<Locale, Map<String, Template>> layouts) {
        this.channel = channel;
        this.version = version;
        this.bankName = bankName;
        this.offers = offers;
        this.offersOwn = offersOwn;
        this.productNames = productNames;
        this.templates = templates;
        this.named = named;
        this.layoutSpec = layoutSpec;
        this.layouts = layouts;
    }

    /** As below, for a channel without a layout (SMS, push). */
    public static MessageTemplates load(ContentFiles content, Channel channel, String bankName, Map<String, String> extras, Check check) {
        return load(content, channel, bankName, extras, check, null);
    }

    /**
     * Loads and checks the channel's part of a content tree.
     *
     * @param extras the channel's own variables with a sample value each, available to both variants
     * @param layout the channel's layout words, or null when it has none
     * @throws TemplateRejectedException naming every problem by file, locale and place
     */
    public static MessageTemplates load(ContentFiles content, Channel channel, String bankName, Map<String, String> extras, Check check,
                                        Layout layout) {
        ContentFiles files = content.forChannel(channel);
        List<ContentProblem> problems = new ArrayList<>();
        Map<String, Offer> offers = readOffers(files, problems);
        Set<String> offersOwn = new LinkedHashSet<>();
        Map<String, String> steps = new LinkedHashMap<>();
        readSteps(files, offersOwn, steps, problems);
        Map<Locale, Map<String, String>> productNames = new LinkedHashMap<>();
        Map<Key, Map<String, Template>> templates = new LinkedHashMap<>();
        Map<Locale, Map<String, Template>> layouts = new LinkedHashMap<>();
        Set<Key> broken = new java.util.HashSet<>();
        for (Locale locale : LOCALES) {
            String tag = locale.toLanguageTag();
            productNames.put(locale, stringMap(read(files, "products/" + tag + ".yml", tag, problems)));
            String file = channel.id() + "/" + tag + ".yml";
            read(files, file, tag, problems).forEach((name, value) -> {
                if (!name.endsWith("-" + channel.id())) {
                    problems.add(problem(file, tag, name, "a " + channel.id() + " template's name ends in -" + channel.id()));
                    return;
                }
                Map<String, Template> parts = new LinkedHashMap<>();
                Map<String, String> sources = value instanceof Map<?, ?> map ? stringMap(map) : Map.of("text", String.valueOf(value));
                sources.forEach((part, source) -> {
                    try {
                        parts.put(part, compiler("html".equals(part)).compile(source));
                    } catch (MustacheException e) {
                        broken.add(new Key(name, locale));
                        problems.add(problem(file, tag, place(name, part, sources), "does not parse: " + e.getMessage()));
                    }
                });
                templates.put(new Key(name, locale), parts);
            });
            if (layout != null) {
                layouts.put(locale, readLayout(files, channel, locale, layout, problems));
            }
        }
        Map<String, Named> named = classify(channel, offers, offersOwn, steps, templates, problems);
        var loaded = new MessageTemplates(channel, files.version(), bankName, offers, offersOwn, productNames, templates, named,
                layout, layouts);
        loaded.check(extras, check, broken, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRejectedException(channel, problems);
        }
        return loaded;
    }

    /** What each template name is, and which must exist in every locale; problems for a name that belongs to nothing. */
    private static Map<String, Named> classify(Channel channel, Map<String, Offer> offers, Set<String> offersOwn, Map<String, String> steps,
                                               Map<Key, Map<String, Template>> templates, List<ContentProblem> problems) {
        Set<String> defined = new LinkedHashSet<>();
        templates.keySet().forEach(k -> defined.add(k.template()));
        String suffix = "-" + channel.id();
        Map<String, Named> named = new LinkedHashMap<>();
        offers.forEach((code, offer) -> {
            String personalised = offer.personalised() + suffix;
            String generic = offer.generic() + suffix;
            if (!defined.contains(personalised) && !defined.contains(generic)) {
                return; // not offered on this channel
            }
            named.put(personalised, new Named(Kind.OFFER, code, generic));
            named.put(generic, new Named(Kind.GENERIC, code, generic));
            offer.variants().values().stream().map(base -> base + suffix).filter(defined::contains)
                    .forEach(variant -> named.put(variant, new Named(Kind.VARIANT, code, generic)));
        });
        steps.forEach((step, generic) -> {
            String personalised = step + suffix;
            String genericName = generic + suffix;
            if (!defined.contains(personalised) && !defined.contains(genericName)) {
                return;
            }
            for (String name : List.of(personalised, genericName)) {
                if (named.containsKey(name)) {
                    problems.add(problem("steps.yml", ContentProblem.NO_LOCALE, step, "'" + name + "' is already an offer's template in offers.yml"));
                }
            }
            named.putIfAbsent(personalised, new Named(Kind.STEP, null, genericName));
            named.putIfAbsent(genericName, new Named(Kind.STEP_GENERIC, null, genericName));
        });
        for (String own : offersOwn) {
            if (defined.contains(own + suffix)) {
                problems.add(problem(channel.id() + "/", ContentProblem.NO_LOCALE, own + suffix,
                        "names the offer's own message in steps.yml (offers-own), so it cannot be a template of its own"));
            }
        }
        templates.keySet().stream().filter(k -> !named.containsKey(k.template())).forEach(k -> problems.add(problem(
                channel.id() + "/" + k.locale().toLanguageTag() + ".yml", k.locale().toLanguageTag(), k.template(),
                "belongs to no offer in offers.yml and no step in steps.yml")));
        return named;
    }

    /** Every template in every locale: present, its generic too, its placeholders known, its sample within the channel's rules. */
    private void check(Map<String, String> extras, Check check, Set<Key> broken, List<ContentProblem> problems) {
        named.forEach((name, what) -> {
            for (Locale locale : LOCALES) {
                String tag = locale.toLanguageTag();
                String file = channel.id() + "/" + tag + ".yml";
                Key key = new Key(name, locale);
                Map<String, Template> parts = templates.get(key);
                if (parts == null) {
                    problems.add(problem(file, tag, name, switch (what.kind()) {
                        case GENERIC, STEP_GENERIC -> "is missing: the generic variant (for a customer who refused profiling or has no first "
                                + "name) must exist in every locale";
                        case OFFER, VARIANT -> "is missing (" + what.offer() + " is offered on " + channel.id() + ")";
                        case STEP -> "is missing (a journey step may name it in its template header)";
                    }));
                    continue;
                }
                boolean personalised = what.kind() == Kind.OFFER || what.kind() == Kind.VARIANT || what.kind() == Kind.STEP;
                Set<String> known = variables(personalised, extras);
                boolean clean = !broken.contains(key);
                for (var part : parts.entrySet()) {
                    for (String problem : unknownPlaceholders(part.getValue(), known, personalised)) {
                        problems.add(problem(file, tag, place(name, part.getKey(), parts), problem));
                        clean = false;
                    }
                }
                if (!clean) {
                    continue;
                }
                List<String> codes = what.offer() != null ? List.of(what.offer()) : List.copyOf(offers.keySet());
                Set<String> found = new LinkedHashSet<>();
                for (String code : codes) {
                    if (!productNames.get(locale).containsKey(code)) {
                        problems.add(problem("products/" + tag + ".yml", tag, code, "has no name (" + name + " is sent for it)"));
                        continue;
                    }
                    var sample = new Recipient("C-SAMPLE", sampleName(locale), tag, "sample", false);
                    try {
                        Rendered rendered = renderNamed(name, code, locale, locale, sample, personalised, SAMPLE_DAY, extras);
                        Map<String, String> layoutWords = layoutSpec == null ? Map.of() : layout(locale, layoutSpec.sample());
                        String with = what.offer() == null ? " (for " + code + ")" : "";
                        check.problems(locale, rendered.parts(), layoutWords).forEach(p -> found.add(p + with));
                    } catch (MustacheException | IllegalArgumentException e) {
                        found.add("does not render for a sample customer: " + e.getMessage());
                    }
                }
                found.forEach(p -> problems.add(problem(file, tag, name, p)));
            }
        });
    }

    /**
     * Renders the offer for the customer in the locale closest to their language. Personalised only when allowed and
     * the profile has a first name; otherwise the generic variant, which uses nothing of theirs.
     *
     * @throws IllegalArgumentException when the offer has no template on this channel
     */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, LocalDate today, Map<String, String> extras) {
        return render(productCode, recipient, personalised, today, extras, null, null);
    }

    /** As below, for a send whose step names no template (the offer's own). */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, LocalDate today, Map<String, String> extras,
                           String variant) {
        return render(productCode, recipient, personalised, today, extras, variant, null);
    }

    /**
     * Renders the template a journey step names ({@code template} header) for this offer and customer; its generic
     * counterpart for a customer who refused profiling or has no first name. An experiment's content variant replaces
     * the offer's own personalised template (a header naming it, or naming none); it does not replace a step's own
     * template or an explicitly named variant (ADR 0027).
     *
     * @param variant  {@link io.beacon.contracts.ContentExperiment#DEFAULT}, null, or a variant {@link #variants} lists
     * @param template the step's template header, or null for the offer's own
     * @throws UnknownTemplateException when the header names no template on this channel
     * @throws IllegalArgumentException when the offer has no template on this channel, no such variant, or the header
     *                                  names another offer's template
     */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, LocalDate today, Map<String, String> extras,
                           String variant, String template) {
        Choice choice = choose(productCode, template, variant);
        Locale customer = recipient.language() == null ? Locale.forLanguageTag("en") : Locale.forLanguageTag(recipient.language());
        Locale locale = closest(customer);
        // Amounts and dates in the customer's own variant of the language (en-GB: 6 December; en-US: December 6).
        Locale format = customer.getLanguage().equals(locale.getLanguage()) ? customer : locale;
        boolean withName = personalised && recipient.firstName() != null && !recipient.firstName().isBlank();
        return renderNamed(withName ? choice.personalised() : choice.generic(), productCode, locale, format, recipient, withName, today, extras);
    }

    /**
     * One template as a sample customer (Jane, no personal note) gets it in a locale, for a proposed change's report
     * (ADR 0029): a personalised template with her name, a generic one without; a step's template with this offer.
     * Empty when the template has no text in that locale or cannot serve that offer.
     */
    public Optional<Rendered> sample(String template, String productCode, Locale locale, LocalDate today) {
        Named what = named.get(template);
        if (what == null || !offers.containsKey(productCode) || !templates.containsKey(new Key(template, locale))
                || what.offer() != null && !what.offer().equals(productCode)) {
            return Optional.empty();
        }
        boolean withName = what.kind() == Kind.OFFER || what.kind() == Kind.VARIANT || what.kind() == Kind.STEP;
        var jane = new Recipient("C-SAMPLE", "Jane", locale.toLanguageTag(), null, !withName);
        return Optional.of(renderNamed(template, productCode, locale, locale, jane, withName, today, Map.of()));
    }

    /** A template header's problem for this offer (unknown, another offer's), empty when a send can render it. */
    public Optional<String> refused(String template, String productCode) {
        try {
            choose(productCode, template, null);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether a send naming this template takes part in the offer's content experiment (it is the offer's own message). */
    public boolean variesWithExperiments(String template, String productCode) {
        Offer offer = offers.get(productCode);
        return offer != null && (template == null || offersOwn.contains(base(template)) || template.equals(name(offer.personalised())));
    }

    private Choice choose(String productCode, String template, String variant) {
        Offer offer = offers.get(productCode);
        if (offer == null) {
            throw new IllegalArgumentException("no " + channel.id() + " template for product '" + productCode + "': not in content/offers.yml");
        }
        if (variesWithExperiments(template, productCode)) {
            return new Choice(variantTemplate(productCode, offer, variant), name(offer.generic()));
        }
        Named what = named.get(template);
        if (what == null) {
            throw new UnknownTemplateException("no " + channel.id() + " template '" + template + "' in content version " + version
                    + (template.endsWith("-" + channel.id()) ? "" : " (a " + channel.id() + " template's name ends in -" + channel.id() + ")"));
        }
        if (what.offer() != null && !what.offer().equals(productCode)) {
            throw new IllegalArgumentException(channel.id() + " template '" + template + "' is " + what.offer() + "'s; this send is for "
                    + productCode);
        }
        return switch (what.kind()) {
            case GENERIC, STEP_GENERIC -> new Choice(template, template);
            case OFFER, VARIANT, STEP -> new Choice(template, what.generic());
        };
    }

    private Rendered renderNamed(String name, String productCode, Locale locale, Locale format, Recipient recipient, boolean withName,
                                 LocalDate today, Map<String, String> extras) {
        Offer offer = offers.get(productCode);
        Map<String, Template> parts = templates.get(new Key(name, locale));
        if (offer == null || parts == null) {
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
        parts.forEach((part, template) -> rendered.put(part, capitalised(template.execute(model).strip())));
        return new Rendered(name, locale, withName, rendered);
    }

    /**
     * The channel's layout words in a locale of {@link #LOCALES}, rendered with these values of its variables (the
     * bank's name is added).
     */
    public Map<String, String> layout(Locale locale, Map<String, String> values) {
        Map<String, Template> words = layouts.get(closest(locale));
        if (words == null) {
            return Map.of();
        }
        Map<String, Object> model = new TreeMap<>(values);
        model.put("bankName", bankName);
        Map<String, String> rendered = new LinkedHashMap<>();
        words.forEach((word, template) -> {
            String text = template.execute(model).strip();
            rendered.put(word, text);
            model.put(camel(word), text);
        });
        return rendered;
    }

    /**
     * The content variants of an offer on this channel (besides {@code default}, its own template), for experiments.
     */
    public Set<String> variants(String productCode) {
        Offer offer = offers.get(productCode);
        if (offer == null) {
            return Set.of();
        }
        var names = new TreeSet<String>();
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
        var codes = new TreeSet<String>();
        named.values().stream().map(Named::offer).filter(Objects::nonNull).forEach(codes::add);
        return codes;
    }

    /** The offer whose template this is, empty for a step's template (any offer) or an unknown name. */
    public Optional<String> offerOf(String template) {
        if (offersOwn.contains(base(template))) {
            return Optional.empty();
        }
        return Optional.ofNullable(named.get(template)).map(Named::offer);
    }

    /** Whether a step's template header may name this (a template, or an alias of the offer's own message). */
    public boolean knows(String template) {
        return named.containsKey(template) || offersOwn.contains(base(template)) && template.endsWith("-" + channel.id());
    }

    /** Every template of this channel, by name, with the locales it exists in. */
    public List<TemplateInfo> templates() {
        List<TemplateInfo> list = new ArrayList<>();
        new TreeMap<>(named).forEach((name, what) -> list.add(new TemplateInfo(name, what.kind(), what.offer(), what.generic(),
                LOCALES.stream().filter(l -> templates.containsKey(new Key(name, l))).map(Locale::toLanguageTag).toList())));
        return list;
    }

    /** The header names that stand for the offer's own message (steps.yml offers-own), with this channel's suffix. */
    public List<String> offersOwn() {
        return offersOwn.stream().map(this::name).toList();
    }

    /** The content version: a digest of the files this channel reads. */
    public String version() {
        return version;
    }

    public Channel channel() {
        return channel;
    }

    private static String capitalised(String text) {
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

    private String base(String template) {
        String suffix = "-" + channel.id();
        return template != null && template.endsWith(suffix) ? template.substring(0, template.length() - suffix.length()) : template;
    }

    private static Set<String> variables(boolean personalised, Map<String, String> extras) {
        var names = new TreeSet<>(COMMON);
        names.addAll(extras.keySet());
        if (personalised) {
            names.addAll(PERSONAL);
        }
        return names;
    }

    /** Every variable, section and include of the template that is not known, wherever it is in the tree. */
    private static List<String> unknownPlaceholders(Template template, Set<String> known, boolean personalised) {
        Set<String> problems = new LinkedHashSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                judge(name);
            }

            @Override
            public boolean visitInclude(String name) {
                problems.add("includes are not allowed: {{>" + name + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                judge(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                judge(name);
                return true;
            }

            private void judge(String name) {
                if (name.equals(".") || name.equals("this") || known.contains(name)) {
                    return;
                }
                problems.add("unknown placeholder {{" + name + "}}" + (PERSONAL.contains(name) && !personalised
                        ? " (a generic template uses nothing of the customer's own; known: " + known + ")"
                        : " (known: " + known + ")"));
            }
        });
        return List.copyOf(problems);
    }

    /** Long sample names, so a length check at load covers real customers. */
    private static String sampleName(Locale locale) {
        return switch (locale.getLanguage()) {
            case "zh" -> "欧阳明轩";
            case "es" -> "María Fernanda";
            default -> "Alexandra";
        };
    }

    private static Mustache.Compiler compiler(boolean html) {
        return Mustache.compiler().escapeHTML(html).strictSections(true).emptyStringIsFalse(true);
    }

    private static String place(String name, String part, Map<String, ?> parts) {
        return parts.size() == 1 && "text".equals(part) ? name : name + "." + part;
    }

    private static String camel(String word) {
        var out = new StringBuilder();
        boolean upper = false;
        for (char c : word.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static ContentProblem problem(String file, String locale, String place, String message) {
        return new ContentProblem("content/" + file, locale, place, message);
    }

    private static Map<String, Template> readLayout(ContentFiles files, Channel channel, Locale locale, Layout layout,
                                                    List<ContentProblem> problems) {
        String tag = locale.toLanguageTag();
        String file = channel.id() + "/layout/" + tag + ".yml";
        Map<String, Object> words = read(files, file, tag, problems);
        Map<String, Template> compiled = new LinkedHashMap<>();
        if (words.isEmpty()) {
            return compiled;
        }
        Set<String> known = new TreeSet<>(layout.variables());
        known.add("bankName");
        for (String word : layout.words()) {
            Object value = words.get(word);
            if (value == null || String.valueOf(value).isBlank()) {
                problems.add(problem(file, tag, word, "is missing: the layout needs " + layout.words()));
            } else {
                try {
                    Template template = compiler(false).compile(String.valueOf(value));
                    unknownPlaceholders(template, known, true).forEach(p -> problems.add(problem(file, tag, word, p)));
                    compiled.put(word, template);
                } catch (MustacheException e) {
                    problems.add(problem(file, tag, word, "does not parse: " + e.getMessage()));
                }
            }
            known.add(camel(word));
        }
        words.keySet().stream().filter(w -> !layout.words().contains(w))
                .forEach(w -> problems.add(problem(file, tag, w, "is no layout word; known: " + layout.words())));
        return compiled;
    }

    private static void readSteps(ContentFiles files, Set<String> offersOwn, Map<String, String> steps, List<ContentProblem> problems) {
        if (files.text("steps.yml").isEmpty()) {
            return;
        }
        Map<String, Object> yaml = read(files, "steps.yml", ContentProblem.NO_LOCALE, problems);
        Object own = yaml.get("offers-own");
        if (own instanceof List<?> names) {
            names.forEach(n -> offersOwn.add(String.valueOf(n)));
        } else if (own != null) {
            problems.add(problem("steps.yml", ContentProblem.NO_LOCALE, "offers-own", "must be a list of template names (without the channel)"));
        }
        Object mine = yaml.get("steps");
        if (mine instanceof Map<?, ?> map) {
            stringMap(map).forEach((step, generic) -> {
                if (step.equals(generic)) {
                    problems.add(problem("steps.yml", ContentProblem.NO_LOCALE, step, "needs a generic counterpart of another name"));
                } else {
                    steps.put(step, generic);
                }
            });
        } else if (mine != null) {
            problems.add(problem("steps.yml", ContentProblem.NO_LOCALE, "steps", "must map each step template to its generic counterpart"));
        }
        yaml.keySet().stream().filter(k -> !k.equals("offers-own") && !k.equals("steps"))
                .forEach(k -> problems.add(problem("steps.yml", ContentProblem.NO_LOCALE, k, "is not known here; steps.yml has offers-own and steps")));
    }

    private static Map<String, Offer> readOffers(ContentFiles files, List<ContentProblem> problems) {
        Map<String, Offer> offers = new LinkedHashMap<>();
        read(files, "offers.yml", ContentProblem.NO_LOCALE, problems).forEach((code, value) -> {
            if (!(value instanceof Map<?, ?> offer)) {
                problems.add(problem("offers.yml", ContentProblem.NO_LOCALE, code, "must be a map"));
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
                problems.add(problem("offers.yml", ContentProblem.NO_LOCALE, code, "needs amount, currency (ISO 4217), valid-days, "
                        + "personalised, generic (and may list content variants): " + e.getMessage()));
            }
        });
        return offers;
    }

    private static Map<String, Object> read(ContentFiles files, String path, String locale, List<ContentProblem> problems) {
        Optional<String> text = files.text(path);
        if (text.isEmpty()) {
            problems.add(problem(path, locale, "-", "is missing" + (locale.equals(ContentProblem.NO_LOCALE) ? ""
                    : ": every content set has " + LOCALES.stream().map(Locale::toLanguageTag).toList())));
            return Map.of();
        }
        try {
            Object yaml = new Yaml().load(text.get());
            if (yaml == null) {
                return Map.of();
            }
            if (!(yaml instanceof Map<?, ?> map)) {
                problems.add(problem(path, locale, "-", "must be a map of names to texts"));
                return Map.of();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (RuntimeException e) {
            problems.add(problem(path, locale, "-", "is not YAML: " + e.getMessage()));
            return Map.of();
        }
    }

    private static Map<String, String> stringMap(Map<?, ?> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
