package io.beacon.profiles.campaigns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.kie.dmn.api.feel.runtime.events.FEELEvent;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.CompiledExpression;
import org.kie.dmn.feel.lang.CompilerContext;
import org.kie.dmn.feel.lang.ast.ASTNode;
import org.kie.dmn.feel.lang.ast.FunctionInvocationNode;
import org.kie.dmn.feel.lang.ast.InNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.StringNode;
import org.kie.dmn.feel.lang.impl.FEELImpl;
import org.kie.dmn.feel.lang.types.BuiltInType;

/**
 * An audience's FEEL expression, compiled once at load against the variables a profile offers, evaluated per profile.
 * A syntax error, an unknown variable (an attribute no profile has) or a tag nobody declares is a refusal at load.
 */
public final class AudienceExpression {

    /** The variables an audience may read, with their FEEL types; nothing else of the profile reaches FEEL. */
    public static final Map<String, BuiltInType> VARIABLES = variables();

    /** The profile fields those variables come from: the projection of the audience scan. */
    public static final List<String> PROFILE_FIELDS = List.of("birthDate", "country", "language", "timeZone", "segment",
            "holdings", "salary.amount", "salary.currency", "preferredChannels", "personaTags", "noProfiling");

    private final String text;
    private final FEEL feel;
    private final CompiledExpression compiled;
    private final Set<String> tagsNamed;

    private AudienceExpression(String text, FEEL feel, CompiledExpression compiled, Set<String> tagsNamed) {
        this.text = text;
        this.feel = feel;
        this.compiled = compiled;
        this.tagsNamed = tagsNamed;
    }

    /** The outcome of a compile: the expression, or the reasons it was refused. */
    public record Compiled(AudienceExpression expression, List<String> problems) {
    }

    public static Compiled compile(String text, Set<String> knownTags) {
        FEEL feel = FEEL.newInstance(AudienceExpression.class.getClassLoader(), List.of());
        List<String> problems = new ArrayList<>();
        feel.addListener(event -> {
            if (event.getSeverity() == FEELEvent.Severity.ERROR) {
                problems.add(event.getMessage());
            }
        });
        CompilerContext context = feel.newCompilerContext();
        VARIABLES.forEach(context::addInputVariable);
        CompiledExpression compiled;
        Set<String> tags = new java.util.TreeSet<>();
        try {
            // processExpression keeps the syntax tree: the tags an audience names are read from it, not from its text
            var interpreted = ((FEELImpl) feel).processExpression(text, context).getInterpreted();
            compiled = interpreted;
            if (problems.isEmpty()) {
                collectTags(interpreted.getASTNode(), tags);
            }
        } catch (RuntimeException e) {
            problems.add(String.valueOf(e.getMessage()));
            return new Compiled(null, List.copyOf(problems));
        }
        for (String tag : tags) {
            if (!knownTags.contains(tag)) {
                problems.add("unknown tag '" + tag + "' (declared tags: " + String.join(", ", new java.util.TreeSet<>(knownTags)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            return new Compiled(null, List.copyOf(new java.util.LinkedHashSet<>(problems)));
        }
        return new Compiled(new AudienceExpression(text, feel, compiled, Set.copyOf(tags)), List.of());
    }

    public String text() {
        return text;
    }

    /** The tags the expression names (in {@code list contains(tags, "...")} or {@code "..." in tags}). */
    public Set<String> tagsNamed() {
        return tagsNamed;
    }

    /** True only when the expression is exactly true for these variables; null (an attribute the profile lacks) is not. */
    public boolean matches(Map<String, Object> variables) {
        return Boolean.TRUE.equals(feel.evaluate(compiled, variables));
    }

    /**
     * The variables of one stored profile (projected to {@link #PROFILE_FIELDS}) on {@code today}. A customer who refused
     * profiling has no tags (PIPL Art. 24): {@code tags} is empty for them whatever the document holds.
     */
    public static Map<String, Object> variables(Document profile, java.time.Instant now, LocalDate today) {
        Map<String, Object> v = new HashMap<>(16);
        String birthDate = profile.getString("birthDate");
        v.put("age", birthDate == null ? null : BigDecimal.valueOf(Period.between(LocalDate.parse(birthDate), today).getYears()));
        v.put("country", profile.getString("country"));
        v.put("language", profile.getString("language"));
        v.put("timeZone", profile.getString("timeZone"));
        v.put("segment", profile.getString("segment"));
        v.put("holdings", profile.getList("holdings", String.class, List.of()));
        Document salary = profile.get("salary", Document.class);
        v.put("salaryCurrency", salary == null ? null : salary.getString("currency"));
        Object amount = salary == null ? null : salary.get("amount");
        v.put("salaryAmount", amount instanceof Decimal128 d ? d.bigDecimalValue() : amount instanceof Number n ? new BigDecimal(n.toString()) : null);
        v.put("preferredChannels", profile.getList("preferredChannels", String.class, List.of()));
        boolean noProfiling = profile.getBoolean("noProfiling", false);
        Document personaTags = profile.get("personaTags", Document.class);
        v.put("tags", noProfiling || personaTags == null ? List.of() : List.copyOf(activeTags(personaTags, now)));
        return v;
    }

    // The same rule as ProfileSnapshots.activeTags: a tag holds from `from` (inclusive) to `until` (exclusive).
    private static Collection<String> activeTags(Document personaTags, java.time.Instant at) {
        return io.beacon.profiles.ProfileSnapshots.activeTags(personaTags, at);
    }

    private static void collectTags(ASTNode node, Set<String> tags) {
        if (node == null) {
            return;
        }
        if (node instanceof FunctionInvocationNode call && call.getParams() != null && call.getParams().getElements().stream().anyMatch(AudienceExpression::isTags)) {
            call.getParams().getElements().stream().filter(p -> p instanceof StringNode).forEach(p -> tags.add(((StringNode) p).getValue()));
        }
        if (node instanceof InNode in && isTags(in.getExprs()) && in.getValue() instanceof StringNode s) {
            tags.add(s.getValue());
        }
        ASTNode[] children = node.getChildrenNode();
        if (children != null) {
            for (ASTNode child : children) {
                collectTags(child, tags);
            }
        }
    }

    private static boolean isTags(ASTNode node) {
        return node instanceof NameRefNode ref && "tags".equals(ref.getText());
    }

    private static Map<String, BuiltInType> variables() {
        Map<String, BuiltInType> v = new LinkedHashMap<>();
        v.put("age", BuiltInType.NUMBER);
        v.put("country", BuiltInType.STRING);
        v.put("language", BuiltInType.STRING);
        v.put("timeZone", BuiltInType.STRING);
        v.put("segment", BuiltInType.STRING);
        v.put("holdings", BuiltInType.LIST);
        v.put("salaryCurrency", BuiltInType.STRING);
        v.put("salaryAmount", BuiltInType.NUMBER);
        v.put("preferredChannels", BuiltInType.LIST);
        v.put("tags", BuiltInType.LIST);
        return Map.copyOf(v);
    }
}
