package io.beacon.profiles.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import io.beacon.platform.JsonLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.scheduling.support.CronExpression;

/**
 * One loaded version of the audiences ({@code rules/audiences/*.json}) and campaigns ({@code rules/campaigns/*.json}):
 * all of it valid, or none of it. {@link #load} collects every problem of every file (file, line, JSON Pointer, reason)
 * and refuses the version as a whole.
 */
public record CampaignDefinitions(String version, Instant loadedAt, Map<String, Audience> audiences, Map<String, Campaign> campaigns) {

    private static final JsonSchema AUDIENCE_SCHEMA = schema("/rules/audiences/audience.schema.json");
    private static final JsonSchema CAMPAIGN_SCHEMA = schema("/rules/campaigns/campaign.schema.json");

    public static CampaignDefinitions empty() {
        return new CampaignDefinitions("none", Instant.EPOCH, Map.of(), Map.of());
    }

    /**
     * @param rulesDirectory the rules folder (audiences/, campaigns/, catalogue/offers.json)
     * @param knownTags the persona tags declared now (rules/tags/)
     * @throws CampaignsRefusedException with every problem found
     */
    public static CampaignDefinitions load(Path rulesDirectory, Set<String> knownTags, Instant now) {
        List<CampaignProblem> problems = new ArrayList<>();
        MessageDigest digest = sha256();
        Map<String, Boolean> offers = offerCodes(rulesDirectory, problems);
        Map<String, Audience> audiences = new LinkedHashMap<>();
        for (Path path : files(rulesDirectory.resolve("audiences"))) {
            String file = rulesDirectory.relativize(path).toString();
            Parsed parsed = parse(rulesDirectory, path, AUDIENCE_SCHEMA, problems, digest);
            if (parsed == null) {
                continue;
            }
            JsonNode a = parsed.tree();
            String id = a.get("id").asText();
            if (audiences.containsKey(id)) {
                problems.add(parsed.problem("/id", "audience id '" + id + "' is also declared in " + audiences.get(id).file()));
                continue;
            }
            var compiled = AudienceExpression.compile(a.get("expression").asText(), knownTags);
            compiled.problems().forEach(reason -> problems.add(parsed.problem("/expression", reason)));
            if (compiled.expression() != null) {
                audiences.put(id, new Audience(id, a.get("name").asText(), file, compiled.expression()));
            }
        }
        Map<String, Campaign> campaigns = new LinkedHashMap<>();
        for (Path path : files(rulesDirectory.resolve("campaigns"))) {
            String file = rulesDirectory.relativize(path).toString();
            Parsed parsed = parse(rulesDirectory, path, CAMPAIGN_SCHEMA, problems, digest);
            if (parsed == null) {
                continue;
            }
            JsonNode c = parsed.tree();
            String id = c.get("id").asText();
            int before = problems.size();
            if (campaigns.containsKey(id)) {
                problems.add(parsed.problem("/id", "campaign id '" + id + "' is also declared in " + campaigns.get(id).file()));
            }
            String audience = c.get("audience").asText();
            if (!audiences.containsKey(audience) && problems.stream().noneMatch(p -> p.file().equals("audiences/" + audience + ".json"))) {
                problems.add(parsed.problem("/audience", "unknown audience '" + audience + "' (audiences: " + String.join(", ", new TreeSet<>(audiences.keySet())) + ")"));
            }
            String offer = c.get("offer").asText();
            if (offers != null && !offers.containsKey(offer)) {
                problems.add(parsed.problem("/offer", "offer '" + offer + "' is not in catalogue/offers.json"));
            } else if (offers != null && offers.get(offer)) {
                // the campaign journey has no RM review step: an offer that needs one stays with its event journey
                problems.add(parsed.problem("/offer", "offer '" + offer + "' needs an RM review (rmReview in the catalogue), which a campaign cannot give"));
            }
            Schedule schedule = schedule(c.get("schedule"), parsed, problems, now);
            SendWindow window = new SendWindow(LocalTime.parse(c.at("/sendWindow/from").asText()), LocalTime.parse(c.at("/sendWindow/until").asText()));
            if (window.from().equals(window.until())) {
                problems.add(parsed.problem("/sendWindow", "the send window is empty: it opens and closes at " + window.from()));
            }
            if (problems.size() == before) {
                campaigns.put(id, new Campaign(id, c.get("name").asText(), file, audience, offer, schedule, schedule.describe(),
                        window, c.get("ratePerSecond").asInt(), c.get("confirmAbove").asLong(), parsed.fingerprint()));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(CampaignProblem::file).thenComparingInt(CampaignProblem::line));
            throw new CampaignsRefusedException(problems);
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new CampaignDefinitions(version, now, Map.copyOf(audiences), Map.copyOf(campaigns));
    }

    private static Schedule schedule(JsonNode s, Parsed parsed, List<CampaignProblem> problems, Instant now) {
        if (s.has("at")) {
            Instant at = instant(s, "at", parsed, problems);
            return at == null ? null : new Schedule.Once(at);
        }
        if (s.has("afterPublished")) {
            try {
                Duration delay = Duration.parse(s.get("afterPublished").asText());
                if (delay.isNegative()) {
                    problems.add(parsed.problem("/schedule/afterPublished", "a delay cannot be negative"));
                }
                return new Schedule.AfterPublished(delay);
            } catch (DateTimeException e) {
                problems.add(parsed.problem("/schedule/afterPublished", "not an ISO-8601 duration: " + s.get("afterPublished").asText()));
                return null;
            }
        }
        CronExpression cron;
        ZoneId zone;
        try {
            cron = CronExpression.parse(s.get("cron").asText());
        } catch (IllegalArgumentException e) {
            problems.add(parsed.problem("/schedule/cron", "not a cron expression (six fields, seconds first): " + e.getMessage()));
            return null;
        }
        try {
            zone = ZoneId.of(s.get("zone").asText());
        } catch (DateTimeException e) {
            problems.add(parsed.problem("/schedule/zone", "unknown time zone '" + s.get("zone").asText() + "'"));
            return null;
        }
        Instant until = null;
        if (s.has("until")) {
            until = instant(s, "until", parsed, problems);
            if (until == null) {
                return null;
            }
        }
        var recurring = new Schedule.Recurring(s.get("cron").asText(), cron, zone, until);
        // "never fires": no date matches (30 February), or the end comes before the first firing
        if (cron.next(now.atZone(zone)) == null) {
            problems.add(parsed.problem("/schedule/cron", "'" + recurring.expression() + "' never fires (no date matches it)"));
        } else if (until != null && recurring.next(now, now).isEmpty()) {
            problems.add(parsed.problem("/schedule/until", "the schedule never fires: it ends at " + until + ", before its next firing"));
        }
        return recurring;
    }

    private static Instant instant(JsonNode s, String field, Parsed parsed, List<CampaignProblem> problems) {
        try {
            return Instant.parse(s.get(field).asText());
        } catch (DateTimeException e) {
            problems.add(parsed.problem("/schedule/" + field, "not an instant with a zone offset (2026-12-24T09:00:00Z): " + s.get(field).asText()));
            return null;
        }
    }

    private record Parsed(String file, JsonNode tree, JsonLines lines, String fingerprint) {
        CampaignProblem problem(String pointer, String reason) {
            return new CampaignProblem(file, lines.line(pointer), pointer, reason);
        }
    }

    private static Parsed parse(Path root, Path path, JsonSchema schema, List<CampaignProblem> problems, MessageDigest digest) {
        String file = root.relativize(path).toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new CampaignProblem(file, 0, "", "unreadable: " + e.getMessage()));
            return null;
        }
        digest.update(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(bytes);
        JsonNode tree;
        JsonLines lines;
        try {
            tree = Json.mapper().readTree(bytes);
            lines = JsonLines.of(bytes);
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException jpe && jpe.getLocation() != null ? jpe.getLocation().getLineNr() : 0;
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            problems.add(new CampaignProblem(file, line, "", "malformed JSON: " + reason));
            return null;
        }
        if (tree == null || tree.isMissingNode()) {
            problems.add(new CampaignProblem(file, 1, "", "the file is empty"));
            return null;
        }
        var parsed = new Parsed(file, tree, lines, HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 12));
        boolean valid = true;
        for (ValidationMessage m : schema.validate(tree)) {
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
            problems.add(parsed.problem(pointer, reason));
            valid = false;
        }
        String stem = path.getFileName().toString().replaceFirst("\\.json$", "");
        if (valid && !stem.equals(tree.path("id").asText())) {
            problems.add(parsed.problem("/id", "the id '" + tree.path("id").asText() + "' differs from the file name '" + stem + "'"));
            valid = false;
        }
        return valid ? parsed : null;
    }

    // offer code -> whether it needs an RM review
    private static Map<String, Boolean> offerCodes(Path root, List<CampaignProblem> problems) {
        Path catalogue = root.resolve("catalogue/offers.json");
        try {
            Map<String, Boolean> codes = new HashMap<>();
            Json.mapper().readTree(catalogue.toFile()).path("offers").forEach(o -> codes.put(o.path("code").asText(), o.path("rmReview").asBoolean(false)));
            return codes;
        } catch (IOException e) {
            problems.add(new CampaignProblem("catalogue/offers.json", 0, "", "the catalogue cannot be read, so no campaign offer can be checked: " + e.getMessage()));
            return null;
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().endsWith(".schema.json")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }



    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = CampaignDefinitions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            var config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
