package io.beacon.profiles.tags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import io.beacon.platform.JsonLines;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.kie.dmn.api.feel.runtime.events.FEELEvent;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.CompiledExpression;
import org.kie.dmn.feel.lang.Type;
import org.kie.dmn.feel.lang.types.BuiltInType;

/**
 * Loads every {@code *.json} under {@code rules/tags/} (but the schema) as one version of the tag definitions. Each
 * file is checked against {@code tags.schema.json} (the copy packaged with the service), then for what a schema cannot
 * say: a known event type, a {@code sumOf} that is a number field of that event, {@code minAge <= maxAge}, names unique
 * across files, and a {@code when} that FEEL compiles naming only the event's fields and the customer attributes.
 * Everything is judged before anything is returned: one problem refuses the whole version.
 */
public final class TagDefinitionLoader {

    static final String SCHEMA_RESOURCE = "/rules/tags/tags.schema.json";

    /** The customer attributes a condition may read, as FEEL variables, and the profile field each comes from. */
    static final Map<String, String> CUSTOMER_ATTRIBUTES = Map.of(
            "customerCountry", "country",
            "customerSegment", "segment",
            "customerLanguage", "language");

    private static final JsonSchema SCHEMA = loadSchema();
    private static final Map<BankEventType, Map<String, Type>> EVENT_FIELDS = eventFields();

    private TagDefinitionLoader() {
    }

    /** Refused: every problem found, each with file, line, JSON Pointer and reason. */
    public static final class TagsRejectedException extends RuntimeException {
        private final transient List<TagProblem> problems;

        TagsRejectedException(List<TagProblem> problems) {
            super(problems.size() + " problem(s) in the tag definitions, first: " + problems.get(0));
            this.problems = List.copyOf(problems);
        }

        public List<TagProblem> problems() {
            return problems;
        }
    }

    /** The fields an event type's data may carry (its contract's JSON Schema), with their FEEL types. */
    static Map<String, Type> eventFields(BankEventType type) {
        return EVENT_FIELDS.get(type);
    }

    /** Loads {@code <rulesDirectory>/tags}; a folder that is not there holds no definitions. */
    public static PersonaTags load(Path rulesDirectory) {
        Path folder = rulesDirectory.resolve("tags");
        if (!Files.isDirectory(folder)) {
            return PersonaTags.none();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".schema.json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                contents.put("tags/" + file.getFileName(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return load(contents);
    }

    /** Loads the given files (name as reported, e.g. {@code tags/tags.json}, and content), in name order. */
    public static PersonaTags load(Map<String, byte[]> files) {
        List<FEELEvent> feelErrors = Collections.synchronizedList(new ArrayList<>());
        FEEL feel = FEEL.newInstance(TagDefinitionLoader.class.getClassLoader(), List.of());
        org.kie.dmn.api.feel.runtime.events.FEELEventListener collect = e -> {
            if (e.getSeverity() == FEELEvent.Severity.ERROR) {
                feelErrors.add(e);
            }
        };
        feel.addListener(collect);
        List<TagProblem> problems = new ArrayList<>();
        List<TagDefinition> definitions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        MessageDigest version = sha256();
        new java.util.TreeMap<>(files).forEach((file, bytes) -> {
            version.update(file.getBytes(StandardCharsets.UTF_8));
            version.update((byte) 0);
            version.update(bytes);
            definitions.addAll(file(file, bytes, feel, feelErrors, names, problems));
        });
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(TagProblem::file).thenComparingInt(TagProblem::line));
            throw new TagsRejectedException(problems);
        }
        // evaluation errors (a condition comparing a string with a number) make the event not count; no listener kept
        feel.removeListener(collect);
        return new PersonaTags(HexFormat.of().formatHex(version.digest()).substring(0, 12), Instant.now(), definitions, feel);
    }

    private static List<TagDefinition> file(String file, byte[] bytes, FEEL feel, List<FEELEvent> feelErrors,
                                            Set<String> names, List<TagProblem> problems) {
        JsonNode tree;
        JsonLines lines;
        try {
            tree = Json.mapper().readTree(bytes);
            lines = JsonLines.of(bytes);
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException jpe && jpe.getLocation() != null ? jpe.getLocation().getLineNr() : 0;
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            problems.add(new TagProblem(file, line, null, "malformed JSON: " + reason));
            return List.of();
        }
        if (tree == null || tree.isMissingNode()) {
            problems.add(new TagProblem(file, 1, "", "the file is empty"));
            return List.of();
        }
        int before = problems.size();
        for (ValidationMessage m : SCHEMA.validate(tree)) {
            String pointer = m.getInstanceLocation().toString();
            if (pointer.equals("/")) {
                pointer = "";
            }
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                pointer = pointer + "/" + m.getProperty();
            }
            String reason = m.getMessage();
            String prefix = m.getInstanceLocation().toString() + ": ";
            if (reason.startsWith(prefix)) {
                reason = reason.substring(prefix.length());
            }
            problems.add(new TagProblem(file, lines.line(pointer), pointer, reason));
        }
        if (problems.size() > before) {
            return List.of();
        }
        List<TagDefinition> definitions = new ArrayList<>();
        JsonNode tags = tree.path("tags");
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            String at = "/tags/" + i;
            String name = tag.get("name").asText();
            TagDefinition.Kind kind = TagDefinition.Kind.valueOf(tag.get("kind").asText());
            if (!names.add(name)) {
                problems.add(new TagProblem(file, lines.line(at + "/name"), at + "/name", "tag " + name + " is defined more than once"));
                continue;
            }
            if (kind == TagDefinition.Kind.ageBand) {
                int min = tag.get("minAge").asInt();
                int max = tag.get("maxAge").asInt();
                if (min > max) {
                    problems.add(new TagProblem(file, lines.line(at + "/minAge"), at + "/minAge", "minAge " + min + " is above maxAge " + max));
                    continue;
                }
                definitions.add(new TagDefinition(name, tag.path("description").asText(""), kind, null, null, null, 0, null, null,
                        min, max, fingerprint(kind.name(), String.valueOf(min), String.valueOf(max))));
                continue;
            }
            String eventName = tag.get("event").asText();
            BankEventType event = BankEventType.of(eventName).orElse(null);
            if (event == null) {
                problems.add(new TagProblem(file, lines.line(at + "/event"), at + "/event", "unknown event type " + eventName));
                continue;
            }
            Map<String, Type> fields = EVENT_FIELDS.get(event);
            String sumOf = tag.path("sumOf").asText(null);
            if (sumOf != null && fields.get(sumOf) != BuiltInType.NUMBER) {
                problems.add(new TagProblem(file, lines.line(at + "/sumOf"), at + "/sumOf", fields.containsKey(sumOf)
                        ? "field " + sumOf + " of " + eventName + " is not a number" : "unknown field " + sumOf + " of " + eventName
                        + " (it has " + String.join(", ", new java.util.TreeSet<>(fields.keySet())) + ")"));
                continue;
            }
            String when = tag.path("when").asText(null);
            CompiledExpression condition = null;
            if (when != null) {
                var context = feel.newCompilerContext();
                fields.forEach(context::addInputVariableType);
                CUSTOMER_ATTRIBUTES.keySet().forEach(a -> context.addInputVariableType(a, BuiltInType.STRING));
                feelErrors.clear();
                condition = feel.compile(when, context);
                if (!feelErrors.isEmpty() || condition == null) {
                    String reason = feelErrors.isEmpty() ? "does not compile" : feelErrors.get(0).getMessage();
                    problems.add(new TagProblem(file, lines.line(at + "/when"), at + "/when", "FEEL: " + reason
                            + " (variables: the fields of " + eventName + " and " + String.join(", ", new java.util.TreeSet<>(CUSTOMER_ATTRIBUTES.keySet())) + ")"));
                    continue;
                }
            }
            int windowDays = tag.get("windowDays").asInt();
            BigDecimal atLeast = tag.has("atLeast") ? tag.get("atLeast").decimalValue() : null;
            definitions.add(new TagDefinition(name, tag.path("description").asText(""), kind, event, when, condition, windowDays,
                    atLeast, sumOf, 0, 0, fingerprint(kind.name(), eventName, String.valueOf(when), String.valueOf(sumOf))));
        }
        return definitions;
    }

    // The window and the threshold are read at each event from the buckets kept, so changing them keeps the state;
    // what selects and weighs the events does not.
    private static String fingerprint(String... parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }



    private static Map<BankEventType, Map<String, Type>> eventFields() {
        Map<BankEventType, Map<String, Type>> all = new EnumMap<>(BankEventType.class);
        for (BankEventType type : BankEventType.values()) {
            try (InputStream in = BankEventType.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException(type.schemaResource() + " is not on the class path");
                }
                Map<String, Type> fields = new LinkedHashMap<>();
                Json.mapper().readTree(in).path("properties").properties().forEach(e -> {
                    JsonNode p = e.getValue();
                    String t = p.path("type").asText("");
                    fields.put(e.getKey(), switch (t) {
                        case "number", "integer" -> BuiltInType.NUMBER;
                        case "boolean" -> BuiltInType.BOOLEAN;
                        case "string", "" -> BuiltInType.STRING;
                        default -> BuiltInType.UNKNOWN;
                    });
                });
                all.put(type, Map.copyOf(fields));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = TagDefinitionLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
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
