package io.beacon.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates raw bank events against the CloudEvents envelope and the JSON Schema of their type, and
 * minimises the data to the fields the schema declares. Thread-safe; build one and share it.
 */
public final class BankEventValidator {

    /** The largest event accepted, in bytes of its JSON. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private final ObjectMapper json = Json.mapper();
    private final JsonSchema envelope;
    private final Map<BankEventType, JsonSchema> dataSchemas = new EnumMap<>(BankEventType.class);
    private final Map<BankEventType, JsonNode> dataSchemaTrees = new EnumMap<>(BankEventType.class);

    public BankEventValidator() {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        var config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        envelope = factory.getSchema(read("/contracts/schemas/cloudevent.schema.json"), config);
        for (var type : BankEventType.values()) {
            JsonNode tree = read(type.schemaResource());
            dataSchemaTrees.put(type, tree);
            dataSchemas.put(type, factory.getSchema(tree, config));
        }
    }

    public ValidationResult validate(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return invalid("/", "the event is empty", null);
        }
        if (raw.length > MAX_EVENT_BYTES) {
            return invalid("/", "the event is " + raw.length + " bytes; at most " + MAX_EVENT_BYTES + " are accepted", null);
        }
        JsonNode tree;
        try {
            tree = json.readTree(raw);
        } catch (IOException e) {
            return invalid("/", "malformed JSON: " + firstLine(e), null);
        }
        return validate(tree);
    }

    public ValidationResult validate(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return invalid("/", "a CloudEvent must be a JSON object", null);
        }
        String subject = text(tree, "subject");
        String id = text(tree, "id");
        var violations = new ArrayList<Violation>(toViolations(envelope.validate(tree), ""));
        var type = BankEventType.of(text(tree, "type"));
        if (tree.hasNonNull("type") && type.isEmpty()) {
            violations.add(new Violation("/type", "unknown event type '" + tree.get("type").asText() + "'; known types: "
                    + String.join(", ", java.util.Arrays.stream(BankEventType.values()).map(BankEventType::type).toList())));
        }
        JsonNode data = tree.get("data");
        if (type.isPresent() && data != null && data.isObject()) {
            violations.addAll(toViolations(dataSchemas.get(type.get()).validate(data), "/data"));
        }
        OffsetDateTime time = null;
        if (tree.hasNonNull("time") && violations.stream().noneMatch(v -> v.field().equals("/time"))) {
            try {
                time = OffsetDateTime.parse(tree.get("time").asText());
            } catch (java.time.format.DateTimeParseException e) {
                violations.add(new Violation("/time", "not an RFC 3339 date-time"));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field));
            return new ValidationResult.Invalid(List.copyOf(violations), subject, id);
        }
        var minimised = minimise(data, dataSchemaTrees.get(type.get()));
        return new ValidationResult.Valid(new BankEvent(id, text(tree, "source"), type.get(), subject, time, minimised));
    }

    /** Keeps only the properties the schema declares: a field no rule or journey needs is never stored. */
    static JsonNode minimise(JsonNode data, JsonNode schema) {
        JsonNode declared = schema.path("properties");
        if (!data.isObject() || !declared.isObject()) {
            return data;
        }
        ObjectNode kept = ((ObjectNode) data).objectNode();
        data.properties().forEach(field -> {
            JsonNode fieldSchema = declared.get(field.getKey());
            if (fieldSchema != null) {
                kept.set(field.getKey(), minimise(field.getValue(), fieldSchema));
            }
        });
        return kept;
    }

    private static List<Violation> toViolations(Set<ValidationMessage> messages, String prefix) {
        return messages.stream().map(m -> {
            String location = m.getInstanceLocation().toString();
            if (location.equals("/") || location.isEmpty()) {
                location = "";
            }
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                location = location + "/" + m.getProperty();
            }
            String field = prefix + location;
            return new Violation(field.isEmpty() ? "/" : field, m.getMessage());
        }).toList();
    }

    private static ValidationResult invalid(String field, String message, String subject) {
        return new ValidationResult.Invalid(List.of(new Violation(field, message)), subject, null);
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private JsonNode read(String resource) {
        try (InputStream in = BankEventValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
