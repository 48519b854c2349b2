package io.beacon.decisioning.mongo;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.Factor;
import io.beacon.contracts.api.decisioning.Ranking;
import io.beacon.contracts.api.decisioning.SuitabilityEvidence;
import io.beacon.contracts.api.decisioning.Suppression;
import io.beacon.contracts.api.decisioning.Trigger;
import io.beacon.decisioning.decision.OfferDecision;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.rules.CustomerFact;
import io.beacon.decisioning.rules.EventFact;
import io.beacon.decisioning.rules.Product;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The decision record as stored: minimised inputs (only what some rule reads, never a contact point, a name, a birth
 * date or the profile's tags), every rule fired, the rules and catalogue versions, the outcome with its reason codes,
 * and per offer the evidence of its checks and its arbitration. {@link #record} and {@link #evidence} read a stored record
 * back as the decisions API answers it.
 */
public final class DecisionDocument {

    private DecisionDocument() {
    }

    public static Document of(String decisionId, ProfiledEvent event, OfferDecision decision, OfferHistory history,
                       Map<String, Product> catalogue, Instant at) {
        var winner = decision.winningOffer();
        var reasonCodes = new LinkedHashSet<String>();
        decision.offers().forEach(o -> o.reasonCodes().forEach(r -> reasonCodes.add(r.name())));
        var rulesFired = new LinkedHashSet<>(decision.triggerRulesFired());
        decision.offers().forEach(o -> rulesFired.addAll(o.rulesFired()));
        decision.offers().stream().filter(o -> o.ranking() != null)
                .forEach(o -> o.ranking().factors().forEach(f -> rulesFired.add(f.rule())));

        var offers = new ArrayList<Document>();
        for (var offer : decision.offers()) {
            var doc = new Document("trigger", offer.trigger()).append("productCode", offer.productCode())
                    .append("triggerRule", offer.triggerRule())
                    .append("result", offer.result().name())
                    .append("reasonCodes", offer.reasonCodes().stream().map(Enum::name).toList())
                    .append("evidence", new Document("check", "eligibility, suitability, cooling-off, running journey")
                            .append("result", offer.suppressions().isEmpty() ? "PASSED" : "SUPPRESSED")
                            .append("suppressions", offer.suppressions().stream()
                                    .map(s -> new Document("reason", s.reason().name()).append("rule", s.rule())).toList())
                            .append("rulesFired", offer.rulesFired()))
                    .append("why", offer.why());
            if (offer.ranking() != null) {
                var r = offer.ranking();
                doc.append("arbitration", new Document("rank", r.rank()).append("score", r.score())
                        .append("propensity", r.propensity()).append("expectedValue", r.expectedValue())
                        .append("contextWeight", r.contextWeight())
                        .append("factors", r.factors().stream().map(f -> new Document("factor", f.factor())
                                .append("multiplier", f.multiplier()).append("rule", f.rule())).toList()));
            }
            offers.add(doc);
        }

        var document = new Document("_id", decisionId)
                .append("customerId", event.profile().customerId())
                .append("sourceEventId", event.eventId())
                .append("eventSource", event.eventSource())
                .append("eventType", event.eventType())
                .append("outcome", winner.isPresent() ? "TRIGGERED" : "SUPPRESSED")
                .append("reasonCodes", List.copyOf(reasonCodes))
                .append("trigger", winner.map(OfferDecision.Offer::trigger).orElse(null))
                .append("productCode", winner.map(OfferDecision.Offer::productCode).orElse(null))
                .append("winner", decision.winner())
                .append("personalisation", decision.personalisation())
                .append("offerVariant", winner.map(w -> variant(decision, catalogue.get(w.productCode()))).orElse(null))
                .append("inputs", inputs(event, decision.today(), history))
                .append("triggers", decision.triggers().stream().map(t -> new Document("name", t.name())
                        .append("productCode", t.productCode()).append("rule", t.rule())).toList())
                .append("offers", offers)
                .append("rulesFired", List.copyOf(rulesFired))
                .append("rulesVersion", decision.rulesVersion())
                .append("catalogueVersion", decision.catalogueVersion())
                .append("today", decision.today().toString())
                .append("at", Date.from(at));
        if (!decision.rulesNotApplied().isEmpty()) {
            document.append("rulesNotApplied", new Document("why", "the customer refused profiling (PIPL Art. 24): "
                    + "rules that read their profile or are marked @personalised do not choose their offers")
                    .append("rules", decision.rulesNotApplied()));
        }
        return document;
    }

    /** Which variant of the offer goes out: the generic one for a customer who refused profiling. */
    private static Document variant(OfferDecision decision, Product product) {
        boolean generic = OfferDecision.NON_PERSONALISED.equals(decision.personalisation());
        var templates = product == null ? Map.of() : generic ? product.getNonPersonalised().getTemplates() : product.getTemplates();
        return new Document("variant", generic ? "nonPersonalised" : "personalised").append("templates", new Document(
                templates.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> (Object) e.getValue()))));
    }

    /** What the rules read, and nothing more. */
    private static Document inputs(ProfiledEvent event, LocalDate today, OfferHistory history) {
        var e = new EventFact(event.eventType(), event.data());
        var eventInputs = new Document("type", e.getType());
        putIfSet(eventInputs, "direction", e.getDirection());
        putIfSet(eventInputs, "category", e.getCategory());
        putIfSet(eventInputs, "amount", e.getAmount() == null ? null : e.getAmount().toPlainString());
        putIfSet(eventInputs, "currency", e.getCurrency());
        putIfSet(eventInputs, "merchantCountry", e.getMerchantCountry());
        putIfSet(eventInputs, "maturityDate", e.getMaturityDate() == null ? null : e.getMaturityDate().toString());

        ProfileSnapshot p = event.profile();
        var c = new CustomerFact(p, today);
        var customer = new Document("age", c.getAge()).append("country", c.getCountry())
                .append("riskTolerance", c.getRiskTolerance()).append("knowledgeLevel", c.getKnowledgeLevel())
                .append("riskAssessedAt", c.getRiskAssessedAt() == null ? null : c.getRiskAssessedAt().toString())
                .append("flags", new Document("vulnerable", c.isVulnerable()).append("inArrears", c.isInArrears())
                        .append("minor", c.isMinor()).append("deceased", c.isDeceased()))
                .append("holdings", List.copyOf(new java.util.TreeSet<>(c.getHoldings())))
                .append("noProfiling", p.noProfiling());
        if (!p.noProfiling()) {
            customer.append("segment", c.getSegment()).append("firstOrChangedSalary", c.isFirstOrChangedSalary());
        }
        var historyInputs = new Document("coolingOffDays", history.coolingOffDays())
                .append("rejections", history.rejections().stream().map(r -> new Document("productCode", r.productCode())
                        .append("on", r.on().toString()).append("cause", r.cause())).toList())
                .append("runningJourneys", history.running().stream().map(r -> new Document("productCode", r.productCode())
                        .append("decisionId", r.decisionId())).toList());
        return new Document("event", eventInputs).append("customer", customer).append("history", historyInputs);
    }

    /** A stored decision record as {@code GET /api/decisions} answers it. */
    public static DecisionRecord record(Document d) {
        Document variant = d.get("offerVariant", Document.class);
        Document notApplied = d.get("rulesNotApplied", Document.class);
        return new DecisionRecord(d.getString("_id"), d.getString("customerId"), d.getString("sourceEventId"), d.getString("eventSource"),
                d.getString("eventType"), d.getString("outcome"), reasons(d.getList("reasonCodes", String.class)), d.getString("trigger"),
                d.getString("productCode"), d.getString("winner"), d.getString("personalisation"),
                variant == null ? null : new DecisionRecord.OfferVariant(variant.getString("variant"), templates(variant.get("templates", Document.class))),
                inputs(d.get("inputs", Document.class)),
                documents(d, "triggers").stream().map(t -> new Trigger(t.getString("name"), t.getString("productCode"), t.getString("rule"))).toList(),
                documents(d, "offers").stream().map(DecisionDocument::offer).toList(),
                d.getList("rulesFired", String.class), d.getString("rulesVersion"), d.getString("catalogueVersion"), date(d.getString("today")),
                d.getDate("at") == null ? null : d.getDate("at").toInstant(),
                notApplied == null ? null : new DecisionRecord.RulesNotApplied(notApplied.getString("why"), notApplied.getList("rules", String.class)),
                instant(d, io.beacon.platform.PersonalData.KEPT_UNTIL));
    }

    /** A stored suitability check as {@code GET /api/decisions} answers it. */
    public static SuitabilityEvidence evidence(Document d) {
        Document in = d.get("inputs", Document.class);
        var inputs = in == null ? null : new SuitabilityEvidence.Inputs(integer(in, "age"), in.getString("country"), integer(in, "riskTolerance"),
                date(in.getString("riskAssessedAt")), (int) number(in, "productRiskRating"), in.getBoolean("holdsProduct", false),
                in.getString("knowledgeLevel"), in.getBoolean("vulnerable", false), in.getBoolean("inArrears", false),
                in.getBoolean("minor", false), in.getBoolean("incomeOnRecord", false));
        return new SuitabilityEvidence(d.getString("_id"), d.getString("customerId"), d.getString("productCode"), d.getString("check"),
                d.getString("regime"), d.getList("checks", String.class), inputs,
                d.getString("result"), reasons(d.getList("reasons", String.class)), d.getList("rulesFired", String.class), d.getString("rulesVersion"),
                d.getDate("at") == null ? null : d.getDate("at").toInstant(), d.getString("decidedIn"), instant(d, io.beacon.platform.PersonalData.KEPT_UNTIL));
    }

    private static DecisionRecord.Offer offer(Document o) {
        Document evidence = o.get("evidence", Document.class);
        Document arbitration = o.get("arbitration", Document.class);
        return new DecisionRecord.Offer(o.getString("trigger"), o.getString("productCode"), o.getString("triggerRule"), o.getString("result"),
                reasons(o.getList("reasonCodes", String.class)),
                evidence == null ? null : new DecisionRecord.Evidence(evidence.getString("check"), evidence.getString("result"),
                        documents(evidence, "suppressions").stream().map(s -> new Suppression(reason(s.getString("reason")), s.getString("rule"))).toList(),
                        evidence.getList("rulesFired", String.class)),
                o.getString("why"),
                arbitration == null ? null : new Ranking(number(arbitration, "propensity"), number(arbitration, "expectedValue"),
                        number(arbitration, "contextWeight"), number(arbitration, "score"), (int) number(arbitration, "rank"),
                        documents(arbitration, "factors").stream().map(f -> new Factor(null, f.getString("factor"), number(f, "multiplier"),
                                f.getString("rule"))).toList()));
    }

    private static DecisionRecord.Inputs inputs(Document inputs) {
        if (inputs == null) {
            return null;
        }
        Document e = inputs.get("event", Document.class);
        Document c = inputs.get("customer", Document.class);
        Document h = inputs.get("history", Document.class);
        Document flags = c == null ? null : c.get("flags", Document.class);
        return new DecisionRecord.Inputs(
                e == null ? null : new DecisionRecord.EventInputs(e.getString("type"), e.getString("direction"), e.getString("category"),
                        e.getString("amount"), e.getString("currency"), e.getString("merchantCountry"), date(e.getString("maturityDate"))),
                c == null ? null : new DecisionRecord.CustomerInputs(integer(c, "age"), c.getString("country"), integer(c, "riskTolerance"),
                        c.getString("knowledgeLevel"), date(c.getString("riskAssessedAt")),
                        flags == null ? null : new DecisionRecord.Flags(flags.getBoolean("vulnerable", false), flags.getBoolean("inArrears", false),
                                flags.getBoolean("minor", false), flags.getBoolean("deceased", false)),
                        c.getList("holdings", String.class), c.getBoolean("noProfiling", false), c.getString("segment"),
                        c.getBoolean("firstOrChangedSalary")),
                h == null ? null : new DecisionRecord.HistoryInputs((int) number(h, "coolingOffDays"),
                        documents(h, "rejections").stream().map(r -> new DecisionRecord.Rejection(r.getString("productCode"),
                                date(r.getString("on")), r.getString("cause"))).toList(),
                        documents(h, "runningJourneys").stream().map(r -> new DecisionRecord.RunningJourney(r.getString("productCode"),
                                r.getString("decisionId"))).toList()));
    }

    private static Map<String, Map<String, String>> templates(Document templates) {
        var byChannel = new java.util.LinkedHashMap<String, Map<String, String>>();
        if (templates != null) {
            templates.forEach((channel, byLocale) -> {
                var names = new java.util.LinkedHashMap<String, String>();
                if (byLocale instanceof Map<?, ?> locales) {
                    locales.forEach((locale, name) -> names.put(String.valueOf(locale), name == null ? null : String.valueOf(name)));
                }
                byChannel.put(channel, names);
            });
        }
        return byChannel;
    }

    private static List<Document> documents(Document d, String key) {
        return d.getList(key, Document.class, List.of());
    }

    private static List<ReasonCode> reasons(List<String> names) {
        return names == null ? List.of() : names.stream().map(DecisionDocument::reason).toList();
    }

    private static ReasonCode reason(String name) {
        return name == null ? null : ReasonCode.valueOf(name);
    }

    private static double number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static Integer integer(Document d, String key) {
        return d.get(key) instanceof Number n ? n.intValue() : null;
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static void putIfSet(Document document, String key, Object value) {
        if (value != null) {
            document.append(key, value);
        }
    }

    private static Instant instant(Document d, String field) {
        return d.getDate(field) == null ? null : d.getDate(field).toInstant();
    }
}
