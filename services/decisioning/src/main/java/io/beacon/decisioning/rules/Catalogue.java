package io.beacon.decisioning.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offer catalogue of a rules version (rules/catalogue/offers.json): its products by code, the version the business
 * numbers it with, and the value above which an RM-reviewed offer needs a checker (ADR 0028). Only a catalogue that
 * passed {@link CatalogueValidator} is read.
 */
final class Catalogue {

    private final Map<String, Product> products;
    private final String version;
    private final Double secondApprovalAboveValue;

    private Catalogue(Map<String, Product> products, String version, Double secondApprovalAboveValue) {
        this.products = products;
        this.version = version;
        this.secondApprovalAboveValue = secondApprovalAboveValue;
    }

    /** The catalogue in a file's bytes; null when the file breaks its schema, with each problem added to {@code problems}. */
    static Catalogue read(String file, byte[] bytes, List<RuleProblem> problems) {
        List<RuleProblem> own = CatalogueValidator.validate(file, bytes);
        problems.addAll(own);
        if (!own.isEmpty()) {
            return null;
        }
        JsonNode tree = tree(bytes);
        return new Catalogue(products(tree), tree.path("version").asText(),
                tree.path("secondApprovalAboveValue").isNumber() ? tree.path("secondApprovalAboveValue").asDouble() : null);
    }

    Map<String, Product> products() {
        return products;
    }

    Optional<Product> product(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(products.get(code));
    }

    /** Whether an offer of the product needs a checker after the RM (ADR 0028); false for an unknown product. */
    boolean needsSecondApproval(String productCode) {
        return product(productCode).map(p -> p.needsSecondApproval(secondApprovalAboveValue)).orElse(false);
    }

    /** The "version" field of offers.json, as the business numbers it. */
    String version() {
        return version;
    }

    private static Map<String, Product> products(JsonNode tree) {
        Map<String, Product> products = new LinkedHashMap<>();
        try {
            for (JsonNode offer : tree.path("offers")) {
                Product product = Json.mapper().treeToValue(offer, Product.class);
                products.put(product.getCode(), product);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a catalogue that passed its schema did not map onto Product", e);
        }
        return Map.copyOf(products);
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
