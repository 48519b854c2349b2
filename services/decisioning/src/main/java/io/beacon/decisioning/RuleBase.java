package io.beacon.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The rules (DRL under rules/) and the offer catalogue (rules/catalogue/offers.json), loaded together from disk
 * as one version. Everything is checked before anything is returned (catalogue schema, DRL compilation, product
 * codes named in rules), so a caller either gets a whole, consistent version or a {@link RulesRejectedException}
 * listing every problem with file, line and reason.
 */
public final class RuleBase {

    static final String CATALOGUE = "catalogue/offers.json";

    private static final AtomicLong RELEASES = new AtomicLong();

    // Product codes as rules spell them: the second argument of decisions.trigger(...), and Product( code == "..." ).
    private static final Pattern TRIGGERED_PRODUCT =
            Pattern.compile("decisions\\s*\\.\\s*trigger\\s*\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern PRODUCT_CODE_CONSTRAINT = Pattern.compile("\\bcode\\s*==\\s*\"([^\"]*)\"");

    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final Map<String, Product> catalogue;
    private final String catalogueVersion;
    private final String version;
    private final Instant loadedAt;

    private RuleBase(KieBase kieBase, Map<String, Product> catalogue, String catalogueVersion, String version) {
        this.kieBase = kieBase;
        // A stateless session builds a whole working memory per call; the pool resets and reuses them instead,
        // which is most of the cost of a decision on rules this small. It grows on demand, so the size only warms it.
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.catalogue = catalogue;
        this.catalogueVersion = catalogueVersion;
        this.version = version;
        this.loadedAt = Instant.now();
    }

    public static RuleBase load(Path directory) {
        MessageDigest digest = sha256();
        List<Path> drls = drlFiles(directory);
        if (drls.isEmpty()) {
            throw new RulesRejectedException(List.of(new RuleProblem(".", 0, null, "no .drl file under " + directory.toAbsolutePath())));
        }
        List<RuleProblem> problems = new ArrayList<>();

        Path cataloguePath = directory.resolve(CATALOGUE);
        byte[] catalogueBytes = readForLoad(cataloguePath, CATALOGUE, problems);
        Map<String, Product> catalogue = Map.of();
        String catalogueVersion = null;
        if (catalogueBytes != null) {
            List<RuleProblem> catalogueProblems = CatalogueValidator.validate(CATALOGUE, catalogueBytes);
            problems.addAll(catalogueProblems);
            if (catalogueProblems.isEmpty()) {
                JsonNode tree = tree(catalogueBytes);
                catalogue = products(tree);
                catalogueVersion = tree.path("version").asText();
            }
        }

        KieServices kie = KieServices.Factory.get();
        var files = kie.newKieFileSystem();
        for (Path drl : drls) {
            String name = relative(directory, drl);
            byte[] content = readForLoad(drl, name, problems);
            if (content == null) {
                continue;
            }
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(content);
            files.write("src/main/resources/" + name, content);
            // Without a valid catalogue every code would look unknown: report only the catalogue's own problems then.
            if (catalogueVersion != null) {
                problems.addAll(unknownProducts(name, new String(content, StandardCharsets.UTF_8), catalogue));
            }
        }
        if (catalogueBytes != null) {
            digest.update(catalogueBytes);
        }

        ReleaseId release = kie.newReleaseId("io.beacon.rules", "beacon-rules", "1.0." + RELEASES.incrementAndGet());
        files.generateAndWritePomXML(release);
        var builder = kie.newKieBuilder(files).buildAll();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "?" : m.getPath().replaceFirst("^src/main/resources/", "");
            problems.add(new RuleProblem(path, m.getLine(), null, m.getText().strip()));
        }
        if (!problems.isEmpty()) {
            throw new RulesRejectedException(problems);
        }
        KieBase kieBase = kie.newKieContainer(release).getKieBase();
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new RuleBase(kieBase, catalogue, catalogueVersion, version);
    }

    static List<Path> drlFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".drl"))
                    .filter(p -> !hidden(directory, p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
    }

    // Editors and sync tools leave dot-files (.#salary.drl, .salary.drl.swp) beside the real ones; they are not rules.
    static boolean hidden(Path directory, Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<RuleProblem> unknownProducts(String file, String drl, Map<String, Product> catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Pattern pattern : List.of(TRIGGERED_PRODUCT, PRODUCT_CODE_CONSTRAINT)) {
            Matcher m = pattern.matcher(drl);
            while (m.find()) {
                String code = m.group(1);
                if (!catalogue.containsKey(code)) {
                    problems.add(new RuleProblem(file, lineOf(drl, m.start(1)), null,
                            "unknown product " + code + ": not in " + CATALOGUE));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(RuleProblem::line));
        return problems;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
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

    private static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Stateless sessions on this version, reused between calls; thread-safe. */
    public StatelessKieSession newSession() {
        return sessions.newStatelessKieSession();
    }

    public Optional<Product> product(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(catalogue.get(code));
    }

    public Map<String, Product> catalogue() {
        return catalogue;
    }

    /** The "version" field of offers.json, as the business numbers it. */
    public String catalogueVersion() {
        return catalogueVersion;
    }

    /** A content hash of every rule file and the catalogue: recorded in each decision. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    private static byte[] readForLoad(Path path, String name, List<RuleProblem> problems) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new RuleProblem(name, 0, null, "cannot read: " + e));
            return null;
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
        private final List<RuleProblem> details;

        public RulesRejectedException(List<RuleProblem> details) {
            super("rules refused: " + String.join("; ", details.stream().map(RuleProblem::toString).toList()));
            this.details = List.copyOf(details);
        }

        /** Each problem as "file:line: [pointer: ]reason". */
        public List<String> problems() {
            return details.stream().map(RuleProblem::toString).toList();
        }

        public List<RuleProblem> details() {
            return details;
        }
    }
}
