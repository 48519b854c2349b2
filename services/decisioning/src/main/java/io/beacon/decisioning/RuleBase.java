package io.beacon.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * The rules (DRL under rules/) and the offer catalogue (rules/catalogue/offers.json), loaded together from disk
 * as one version: a file that does not compile is refused with its file, line and reason, never half-loaded.
 */
public final class RuleBase {

    private static final AtomicLong RELEASES = new AtomicLong();

    private final KieBase kieBase;
    private final Map<String, Product> catalogue;
    private final String version;

    private RuleBase(KieBase kieBase, Map<String, Product> catalogue, String version) {
        this.kieBase = kieBase;
        this.catalogue = catalogue;
        this.version = version;
    }

    public static RuleBase load(Path directory) {
        KieServices kie = KieServices.Factory.get();
        var files = kie.newKieFileSystem();
        MessageDigest digest = sha256();
        List<Path> drls;
        try (Stream<Path> walk = Files.walk(directory)) {
            drls = walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
        if (drls.isEmpty()) {
            throw new IllegalStateException("no .drl file under " + directory.toAbsolutePath());
        }
        for (Path drl : drls) {
            byte[] content = read(drl);
            digest.update(directory.relativize(drl).toString().getBytes());
            digest.update(content);
            files.write("src/main/resources/" + directory.relativize(drl).toString().replace('\\', '/'), content);
        }
        Path cataloguePath = directory.resolve("catalogue/offers.json");
        byte[] catalogueBytes = read(cataloguePath);
        digest.update(catalogueBytes);
        Map<String, Product> catalogue = parseCatalogue(cataloguePath, catalogueBytes);

        ReleaseId release = kie.newReleaseId("io.beacon.rules", "beacon-rules", "1.0." + RELEASES.incrementAndGet());
        files.generateAndWritePomXML(release);
        var builder = kie.newKieBuilder(files).buildAll();
        var errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RulesRejectedException(errors.stream()
                    .map(m -> m.getPath() + ":" + m.getLine() + ": " + m.getText()).toList());
        }
        KieBase kieBase = kie.newKieContainer(release).getKieBase();
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new RuleBase(kieBase, catalogue, version);
    }

    private static Map<String, Product> parseCatalogue(Path path, byte[] bytes) {
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            Map<String, Product> products = new LinkedHashMap<>();
            for (JsonNode offer : tree.path("offers")) {
                Product product = Json.mapper().treeToValue(offer, Product.class);
                if (product.getCode() == null || product.getName() == null || product.getCategory() == null) {
                    throw new RulesRejectedException(List.of(path + ": offer " + offer.path("code").asText("?") + " lacks code, name or category"));
                }
                products.put(product.getCode(), product);
            }
            return Map.copyOf(products);
        } catch (IOException e) {
            throw new RulesRejectedException(List.of(path + ": " + e.getMessage()));
        }
    }

    public KieBase kieBase() {
        return kieBase;
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(catalogue.get(code));
    }

    /** A content hash of every rule file and the catalogue: recorded in each decision. */
    public String version() {
        return version;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule files or the catalogue were refused; each problem names file, line and reason. */
    public static class RulesRejectedException extends RuntimeException {
        private final List<String> problems;

        public RulesRejectedException(List<String> problems) {
            super("rules refused: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
