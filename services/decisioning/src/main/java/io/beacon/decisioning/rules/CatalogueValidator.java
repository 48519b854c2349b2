package io.beacon.decisioning.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.beacon.platform.JsonLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rules/catalogue/offers.json against offers.schema.json plus what a schema cannot say (unique codes,
 * minAge not above maxAge, a suitability regime that fits the category: ADR 0037). The schema is the copy packaged with the service, not the one in the rules folder:
 * it describes {@link Product}, which is code, so editing the rules folder must not be able to loosen it.
 */
public final class CatalogueValidator {

    static final String SCHEMA_RESOURCE = "/rules/catalogue/offers.schema.json";

    private static final JsonSchema SCHEMA = loadSchema();

    /** Categories whose regime is the law's, not a choice: an investment fund is never judged as a deposit. */
    private static final Map<String, String> REGIME_OF_CATEGORY = Map.of(
            "INVESTMENT_FUND", "investment", "CREDIT_CARD", "credit", "PERSONAL_LOAN", "credit");

    private CatalogueValidator() {
    }

    /** The problems of one catalogue file, each with the JSON Pointer of its field and the line it sits on. */
    public static List<RuleProblem> validate(String file, byte[] bytes) {
        JsonNode tree;
        JsonLines lines;
        try {
            tree = Json.mapper().readTree(bytes);
            lines = JsonLines.of(bytes);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            return List.of(new RuleProblem(file, line, null, "malformed JSON: " + reason));
        }
        if (tree == null || tree.isMissingNode()) {
            return List.of(new RuleProblem(file, 1, "", "the catalogue is empty"));
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (ValidationMessage m : SCHEMA.validate(tree)) {
            String pointer = m.getInstanceLocation().toString();
            if (pointer.equals("/")) {
                pointer = "";
            }
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                pointer = pointer + "/" + m.getProperty();
                if (m.getProperty().equals("suitabilityRegime")) {
                    problems.add(new RuleProblem(file, lines.line(pointer), pointer, "the offer has no suitabilityRegime: say which "
                            + "suitability checks govern it, one of " + String.join(", ", Product.REGIMES)));
                    continue;
                }
            }
            // The validator prefixes its message with the instance location, which the pointer already says.
            String reason = m.getMessage();
            String prefix = m.getInstanceLocation().toString() + ": ";
            if (reason.startsWith(prefix)) {
                reason = reason.substring(prefix.length());
            }
            problems.add(new RuleProblem(file, lines.line(pointer), pointer, reason));
        }
        Set<String> codes = new HashSet<>();
        JsonNode offers = tree.path("offers");
        for (int i = 0; i < offers.size(); i++) {
            JsonNode offer = offers.get(i);
            String code = offer.path("code").asText(null);
            if (code != null && !codes.add(code)) {
                String pointer = "/offers/" + i + "/code";
                problems.add(new RuleProblem(file, lines.line(pointer), pointer, "offer code " + code + " appears more than once"));
            }
            if (offer.path("minAge").isInt() && offer.path("maxAge").isInt() && offer.get("minAge").asInt() > offer.get("maxAge").asInt()) {
                String pointer = "/offers/" + i + "/minAge";
                problems.add(new RuleProblem(file, lines.line(pointer), pointer, "minAge is above maxAge"));
            }
            String category = offer.path("category").asText(null);
            String regime = offer.path("suitabilityRegime").asText(null);
            String required = REGIME_OF_CATEGORY.get(category);
            if (required != null && regime != null && !required.equals(regime)) {
                String pointer = "/offers/" + i + "/suitabilityRegime";
                problems.add(new RuleProblem(file, lines.line(pointer), pointer,
                        "a " + category + " is judged under the " + required + " regime, not " + regime));
            }
        }
        problems.sort(Comparator.comparingInt(RuleProblem::line).thenComparing(p -> String.valueOf(p.pointer())));
        return problems;
    }



    private static JsonSchema loadSchema() {
        try (InputStream in = CatalogueValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path");
            }
            var config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
