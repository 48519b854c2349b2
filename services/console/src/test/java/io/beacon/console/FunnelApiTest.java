package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.beacon.console.FunnelFixture.INVESTMENT;
import static io.beacon.console.FunnelFixture.SAVINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The funnel over a known history (FunnelFixture): exact numbers per journey and step with each filter and with none,
 * "All journeys" the sum of the rest, the CSV the same numbers, every bad filter a 400 that names its parameter.
 * A funnel is written "LINE count (REASON count, ...)" in line order, lines with no outcome left out: what the rules
 * proposed (TRIGGERED plus the decision's SUPPRESSED), the decision's suppressions, TRIGGERED, then the journey's lines.
 */
class FunnelApiTest extends ConsoleTestBase {

    static final String SAVINGS_ALL = "PROPOSED 5, SUPPRESSED_AT_DECISION 1 (NO_CONSENT 1), TRIGGERED 4, HELD_OUT 1 (HOLDOUT 1), "
            + "DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 3, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1), CONVERTED 1";
    static final String INVESTMENT_ALL = "PROPOSED 2, TRIGGERED 2, REFUSED_ON_CHANNEL 1 (FREQUENCY_CAP 1), SENT 1, OPTED_OUT 1";
    static final String NO_JOURNEY_ALL = "PROPOSED 2, SUPPRESSED_AT_DECISION 1 (NO_PROFILE 1), TRIGGERED 1";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void knownHistory() {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/journeys/api/journeys"))
                .willReturn(okJson(FunnelFixture.DEPLOYED)));
        FunnelFixture.seed(store);
    }

    @Test
    void withNoFilterEveryJourneyStepAndTheOutcomesWithoutAJourney() throws Exception {
        JsonNode report = funnel(get("/api/funnel"));

        assertThat(names(report)).containsExactly("All journeys", INVESTMENT, SAVINGS, "(no journey)");
        assertThat(summary(report, "All journeys")).isEqualTo("PROPOSED 9, SUPPRESSED_AT_DECISION 2 (NO_CONSENT 1, NO_PROFILE 1), "
                + "TRIGGERED 7, HELD_OUT 1 (HOLDOUT 1), REFUSED_ON_CHANNEL 1 (FREQUENCY_CAP 1), DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 4, DELIVERED 1, "
                + "FAILED 1 (PROVIDER_UNAVAILABLE 1), CONVERTED 1, OPTED_OUT 1");
        assertThat(summary(report, SAVINGS)).isEqualTo(SAVINGS_ALL);
        assertThat(summary(report, INVESTMENT)).isEqualTo(INVESTMENT_ALL);
        assertThat(summary(report, "(no journey)")).isEqualTo(NO_JOURNEY_ALL);
        assertThat(steps(report, SAVINGS)).isEqualTo("Decision_Trigger:SalaryCredited:SAVINGS_PLUS: SUPPRESSED 1 | Decision_Trigger: TRIGGERED 4 | Gateway_Holdout: HELD_OUT 1 | "
                + "Task_SendPush: DEFERRED 1 | Task_SendEmail: SENT 1 | Task_SendSms: SENT 2 DELIVERED 1 FAILED 1 | Event_Converted: CONVERTED 1");
        assertThat(steps(report, INVESTMENT)).isEqualTo("Decision_Trigger: TRIGGERED 2 | Task_SendPush: SUPPRESSED 1 SENT 1 | Event_OptedOut: OPTED_OUT 1");
        assertThat(steps(report, "(no journey)")).isEqualTo("Decision_Trigger: TRIGGERED 1 SUPPRESSED 1");
        assertThat(steps(report, "All journeys")).isEmpty();
        assertThat(funnelNamed(report, SAVINGS).get("triggered").asLong()).isEqualTo(4);
        assertThat(funnelNamed(report, SAVINGS).get("proposed").asLong()).isEqualTo(5);
        assertThat(absent(funnelNamed(report, "(no journey)"), "journey")).isTrue();
        assertThat(report.get("lines").toString()).isEqualTo("[\"PROPOSED\",\"SUPPRESSED_AT_DECISION\",\"TRIGGERED\",\"HELD_OUT\","
                + "\"REFUSED_ON_CHANNEL\",\"SUPPRESSED\",\"DEFERRED\",\"SENT\",\"DELIVERED\",\"BOUNCED\",\"COMPLAINED\",\"FAILED\",\"CONVERTED\",\"OPTED_OUT\"]");
        // an email's bounces and complaints are read against what was sent, as its deliveries are (ADR 0034)
        assertThat(report.toString()).contains("{\"line\":\"BOUNCED\",\"type\":\"BOUNCED\",\"reason\":null,\"label\":\"Bounced\",\"count\":0,\"of\":\"SENT\"",
                "{\"line\":\"COMPLAINED\",\"type\":\"COMPLAINED\",\"reason\":null,\"label\":\"Complained\",\"count\":0,\"of\":\"SENT\"");
        assertAllIsTheSum(report);
    }

    @Test
    void eachLineIsAShareOfTheLineItIsReadAgainstSoNoneCanPassAHundredPercent() throws Exception {
        JsonNode savings = funnelNamed(funnel(get("/api/funnel").param("journey", SAVINGS)), SAVINGS);

        assertThat(shares(savings)).isEqualTo("PROPOSED 1.0 of PROPOSED, SUPPRESSED_AT_DECISION 0.2 of PROPOSED, NO_CONSENT 0.2 of PROPOSED, "
                + "TRIGGERED 0.8 of PROPOSED, HELD_OUT 0.25 of TRIGGERED, HOLDOUT 0.25 of TRIGGERED, DEFERRED 0.25 of TRIGGERED, "
                + "QUIET_HOURS_DEFERRED 0.25 of TRIGGERED, SENT 0.75 of TRIGGERED, DELIVERED 0.3333 of SENT, FAILED 0.25 of TRIGGERED, "
                + "PROVIDER_UNAVAILABLE 0.25 of TRIGGERED, CONVERTED 0.25 of TRIGGERED");
        // (no journey): one offer triggered, one suppressed at the decision: half of what was proposed each, not "100 %" of triggered
        assertThat(shares(funnelNamed(funnel(get("/api/funnel")), "(no journey)"))).isEqualTo(
                "PROPOSED 1.0 of PROPOSED, SUPPRESSED_AT_DECISION 0.5 of PROPOSED, NO_PROFILE 0.5 of PROPOSED, TRIGGERED 0.5 of PROPOSED");
        assertThat(funnelNamed(funnel(get("/api/funnel")), "All journeys").get("rows").findValuesAsText("label"))
                .contains("Proposed", "Suppressed at decision", "Triggered", "Suppressed in journey");
    }

    @Test
    void aJourneyAStageOrAnOfferSelectsItsOutcomes() throws Exception {
        JsonNode savings = funnel(get("/api/funnel").param("journey", SAVINGS));
        assertThat(names(savings)).containsExactly("All journeys", SAVINGS);
        assertThat(summary(savings, "All journeys")).isEqualTo(SAVINGS_ALL);
        assertThat(savings.get("filter").get("journey").asText()).isEqualTo(SAVINGS);

        JsonNode leverage = funnel(get("/api/funnel").param("stage", "leverage"));
        assertThat(names(leverage)).containsExactly("All journeys", INVESTMENT);
        assertThat(summary(leverage, "All journeys")).isEqualTo(INVESTMENT_ALL);

        JsonNode offer = funnel(get("/api/funnel").param("offer", "SAVINGS_PLUS"));
        assertThat(names(offer)).containsExactly("All journeys", SAVINGS, "(no journey)");
        assertThat(summary(offer, "All journeys")).isEqualTo("PROPOSED 7, SUPPRESSED_AT_DECISION 2 (NO_CONSENT 1, NO_PROFILE 1), TRIGGERED 5, "
                + "HELD_OUT 1 (HOLDOUT 1), DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 3, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1), CONVERTED 1");
        assertAllIsTheSum(offer);
    }

    @Test
    void aChannelKeepsTheOutcomesBeforeAnyChannelSoItsFunnelStartsAtTriggered() throws Exception {
        JsonNode sms = funnel(get("/api/funnel").param("channel", "sms"));

        assertThat(summary(sms, SAVINGS)).isEqualTo("PROPOSED 5, SUPPRESSED_AT_DECISION 1 (NO_CONSENT 1), TRIGGERED 4, HELD_OUT 1 (HOLDOUT 1), "
                + "SENT 2, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1), CONVERTED 1");
        assertThat(summary(sms, INVESTMENT)).isEqualTo("PROPOSED 2, TRIGGERED 2");
        assertThat(summary(sms, "(no journey)")).isEqualTo(NO_JOURNEY_ALL);
        assertThat(summary(sms, "All journeys")).isEqualTo("PROPOSED 9, SUPPRESSED_AT_DECISION 2 (NO_CONSENT 1, NO_PROFILE 1), TRIGGERED 7, "
                + "HELD_OUT 1 (HOLDOUT 1), SENT 2, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1), CONVERTED 1");
        assertThat(steps(sms, SAVINGS)).isEqualTo("Decision_Trigger:SalaryCredited:SAVINGS_PLUS: SUPPRESSED 1 | Decision_Trigger: TRIGGERED 4 | Gateway_Holdout: HELD_OUT 1 | "
                + "Task_SendSms: SENT 2 DELIVERED 1 FAILED 1 | Event_Converted: CONVERTED 1");
        assertAllIsTheSum(sms);
    }

    @Test
    void datesTakeWholeDaysAndInstantsAHalfOpenRange() throws Exception {
        JsonNode day2 = funnel(get("/api/funnel").param("from", "2026-03-03"));
        assertThat(names(day2)).containsExactly("All journeys", INVESTMENT, SAVINGS);
        assertThat(summary(day2, SAVINGS)).isEqualTo("PROPOSED 1, TRIGGERED 1, SENT 1, CONVERTED 1");
        assertThat(summary(day2, "All journeys")).isEqualTo("PROPOSED 3, TRIGGERED 3, REFUSED_ON_CHANNEL 1 (FREQUENCY_CAP 1), SENT 2, CONVERTED 1, OPTED_OUT 1");
        assertAllIsTheSum(day2);

        JsonNode day1 = funnel(get("/api/funnel").param("to", "2026-03-02"));
        assertThat(names(day1)).containsExactly("All journeys", SAVINGS, "(no journey)");
        assertThat(summary(day1, SAVINGS)).isEqualTo("PROPOSED 4, SUPPRESSED_AT_DECISION 1 (NO_CONSENT 1), TRIGGERED 3, HELD_OUT 1 (HOLDOUT 1), "
                + "DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 2, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1)");
        assertThat(summary(day1, "All journeys")).isEqualTo("PROPOSED 6, SUPPRESSED_AT_DECISION 2 (NO_CONSENT 1, NO_PROFILE 1), TRIGGERED 4, "
                + "HELD_OUT 1 (HOLDOUT 1), DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 2, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1)");
        assertAllIsTheSum(day1);

        // [from, to): a5's TRIGGERED at 2026-03-03T09:00:00Z is outside a range that ends then, inside one that starts then
        JsonNode window = funnel(get("/api/funnel").param("from", "2026-03-02T09:05:00Z").param("to", "2026-03-03T09:00:00Z"));
        assertThat(names(window)).containsExactly("All journeys", SAVINGS, "(no journey)");
        assertThat(summary(window, SAVINGS)).isEqualTo("DEFERRED 1 (QUIET_HOURS_DEFERRED 1), SENT 2, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1)");
        assertThat(summary(window, "(no journey)")).isEqualTo(NO_JOURNEY_ALL);
        JsonNode fromNine = funnel(get("/api/funnel").param("from", "2026-03-03T09:00:00Z").param("journey", SAVINGS));
        assertThat(summary(fromNine, SAVINGS)).isEqualTo("PROPOSED 1, TRIGGERED 1, SENT 1, CONVERTED 1");
        JsonNode offset = funnel(get("/api/funnel").param("from", "2026-03-03T10:00:00+01:00").param("journey", SAVINGS));
        assertThat(summary(offset, SAVINGS)).isEqualTo("PROPOSED 1, TRIGGERED 1, SENT 1, CONVERTED 1");
    }

    @Test
    void filtersCombine() throws Exception {
        JsonNode report = funnel(get("/api/funnel").param("journey", SAVINGS).param("channel", "sms").param("to", "2026-03-02"));

        assertThat(names(report)).containsExactly("All journeys", SAVINGS);
        assertThat(summary(report, SAVINGS)).isEqualTo("PROPOSED 4, SUPPRESSED_AT_DECISION 1 (NO_CONSENT 1), TRIGGERED 3, HELD_OUT 1 (HOLDOUT 1), "
                + "SENT 1, DELIVERED 1, FAILED 1 (PROVIDER_UNAVAILABLE 1)");
        assertThat(funnel(get("/api/funnel").param("stage", "retain")).get("funnels")).isEmpty();
    }

    @Test
    void theCsvHasTheSameNumbersOneRowPerJourneyStepTypeAndReason() throws Exception {
        for (Map<String, String> filter : List.of(Map.<String, String>of(), Map.of("channel", "sms"), Map.of("from", "2026-03-03"))) {
            JsonNode report = funnel(withParams(get("/api/funnel"), filter));
            var fromJson = new ArrayList<String>();
            report.get("counts").forEach(c -> fromJson.add(String.join(",", absent(c, "journey") ? "(no journey)" : c.get("journey").asText(),
                    c.get("step").asText(), c.get("type").asText(), absent(c, "reason") ? "" : c.get("reason").asText(), c.get("count").asText())));
            var fromCsv = new ArrayList<String>();
            for (CSVRecord row : csv(withParams(get("/api/funnel.csv"), filter))) {
                fromCsv.add(String.join(",", row.get("journey"), row.get("step"), row.get("type"), row.get("reason"), row.get("count")));
            }
            assertThat(fromCsv).as("CSV for %s", filter).isEqualTo(fromJson).isNotEmpty();
        }

        String leverage = mvc.perform(get("/api/funnel.csv").param("stage", "leverage").with(ops()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern("attachment; filename=\"beacon-funnel-\\d{4}-\\d{2}-\\d{2}\\.csv\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(leverage).isEqualTo("""
                journey,step,type,reason,count\r
                large-deposit-investment,Decision_Trigger,TRIGGERED,,2\r
                large-deposit-investment,Event_OptedOut,OPTED_OUT,,1\r
                large-deposit-investment,Task_SendPush,SENT,,1\r
                large-deposit-investment,Task_SendPush,SUPPRESSED,FREQUENCY_CAP,1\r
                """);
    }

    @Test
    void theCsvDisarmsFormulasInStepsAndJourneys() throws Exception {
        FunnelFixture.record(store, new OfferOutcome(OutcomeType.TRIGGERED, "x1", "=cmd|' /C calc'!A0", null, "@SUM(A1)", "T", "SAVINGS_PLUS",
                null, null, null, "evt-x1", "dec-x1", Instant.parse("2026-03-05T00:00:00Z")));

        String csv = mvc.perform(get("/api/funnel.csv").param("from", "2026-03-05").with(ops()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(csv).contains("'=cmd|' /C calc'!A0,'@SUM(A1),TRIGGERED,,1").doesNotContain("\n=cmd", ",@SUM");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from=2026-03-04&to=2026-03-02 | from | must be before 'to'",
            "from=2026-03-02T10:00:00Z&to=2026-03-02T10:00:00Z | from | must be before 'to'",
            "from=yesterday | from | 'yesterday' is not an ISO 8601 instant",
            "to=2026-13-01 | to | '2026-13-01' is not an ISO 8601 instant",
            "stage=growth | stage | 'growth' is not a stage; one of attract, retain, leverage",
            "channel=fax | channel | 'fax' is not a channel; one of sms, push, email",
            "journey=no-such-journey | journey | 'no-such-journey' is not a deployed journey; one of salary-savings, large-deposit-investment"})
    void aBadFilterIsA400ProblemNamingItsParameterAndNothingIsStored(String query, String parameter, String reason) throws Exception {
        long outcomes = MONGO.database().getCollection("outcomes").countDocuments();
        long audit = MONGO.database().getCollection("audit").countDocuments();
        for (String path : List.of("/api/funnel", "/api/funnel.csv")) {
            String body = mvc.perform(withParams(get(path), params(query)).with(ops()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andReturn().getResponse().getContentAsString();
            JsonNode problem = Json.mapper().readTree(body);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("title").asText()).isEqualTo("Invalid funnel filter");
            assertThat(problem.get("errors")).hasSize(1);
            assertThat(problem.get("errors").get(0).get("parameter").asText()).isEqualTo(parameter);
            assertThat(problem.get("errors").get(0).get("reason").asText()).contains(reason);
            assertThat(problem.get("detail").asText()).startsWith(parameter + ": ");
        }
        assertThat(MONGO.database().getCollection("outcomes").countDocuments()).isEqualTo(outcomes);
        assertThat(MONGO.database().getCollection("audit").countDocuments()).isEqualTo(audit);
    }

    @Test
    void everyWrongParameterIsNamed() throws Exception {
        String body = mvc.perform(get("/api/funnel").param("stage", "growth").param("channel", "fax").param("from", "soon").with(ops()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(Json.mapper().readTree(body).findValuesAsText("parameter")).containsExactly("stage", "channel", "from");
    }

    @Test
    void withTheJourneysServiceDownAnyJourneyIdIsTaken() throws Exception {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/journeys/api/journeys"))
                .willReturn(aResponse().withStatus(503)));

        assertThat(funnel(get("/api/funnel").param("journey", "not-deployed-yet")).get("funnels")).isEmpty();
        assertThat(summary(funnel(get("/api/funnel").param("journey", SAVINGS)), SAVINGS)).isEqualTo(SAVINGS_ALL);
    }

    @Test
    void theJourneysPageFiltersItsFunnelsAndNamesABadFilter() throws Exception {
        String page = mvc.perform(get("/ops").param("journey", SAVINGS).param("to", "2026-03-02").with(ops()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-funnel=\"api/funnel?journey=salary-savings&amp;to=2026-03-02\"",
                "href=\"/api/funnel.csv?journey=salary-savings&amp;to=2026-03-02\"", "<caption>Per step</caption>",
                "<option value=\"salary-savings\" selected=\"selected\">salary-savings</option>", "<h2>All journeys</h2>")
                .doesNotContain("<h2>large-deposit-investment</h2>");
        assertThat(page.replaceAll(">\\s+<", "><")).contains("<td>Task_SendSms</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                + "<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1</td>");
        String unfiltered = mvc.perform(get("/ops").with(ops())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(unfiltered).contains("data-funnel=\"api/funnel\"", "<h2>(no journey)</h2>");

        String refused = mvc.perform(get("/ops").param("from", "2026-03-04").param("to", "2026-03-02").with(ops()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"filter-problems\"", "from: &#39;from&#39; (2026-03-04T00:00:00Z) must be before &#39;to&#39;")
                .doesNotContain("data-funnel", "<h2>All journeys</h2>");
    }

    @Test
    void theTimelineShowsADeferredSendWithItsTime() throws Exception {
        FunnelFixture.record(store, new OfferOutcome(OutcomeType.DEFERRED, "C-1", SAVINGS, "i", "Task_SendSms", "SalaryCredited", "SAVINGS_PLUS",
                "sms", io.beacon.contracts.ReasonCode.QUIET_HOURS_DEFERRED, null, "evt-c1", "dec-c1", Instant.parse("2026-03-02T21:30:00Z"),
                2, "attract", Instant.parse("2026-03-03T08:00:00Z"), io.beacon.contracts.MeasurementGroup.TREATMENT, "B", null));

        String page = mvc.perform(get("/customers/C-1").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("DEFERRED SAVINGS_PLUS by sms, to be sent at 2026-03-03 08:00:00 UTC",
                "salary-savings · Task_SendSms · QUIET_HOURS_DEFERRED · TREATMENT · variant B");
    }

    // ---

    private JsonNode funnel(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request.with(ops()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        return Json.mapper().readTree(body);
    }

    private List<CSVRecord> csv(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request.with(ops())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body)).getRecords();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor ops() {
        return user("ops").roles("MARKETING_OPS");
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return params;
    }

    private static MockHttpServletRequestBuilder withParams(MockHttpServletRequestBuilder request, Map<String, String> params) {
        params.forEach(request::param);
        return request;
    }

    /** Null or left out: the same to a reader of the JSON. */
    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode();
    }

    private static List<String> names(JsonNode report) {
        var names = new ArrayList<String>();
        report.get("funnels").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    private static JsonNode funnelNamed(JsonNode report, String name) {
        for (JsonNode f : report.get("funnels")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no funnel " + name + " in " + names(report));
    }

    /** "PROPOSED 5, SUPPRESSED_AT_DECISION 1 (NO_CONSENT 1), ...": the funnel's lines in order, lines with no outcome left out. */
    private static String summary(JsonNode report, String name) {
        var parts = new ArrayList<String>();
        String type = null;
        var reasons = new ArrayList<String>();
        for (JsonNode row : funnelNamed(report, name).get("rows")) {
            if (absent(row, "reason")) {
                flush(parts, reasons);
                type = row.get("count").asLong() == 0 ? null : row.get("line").asText() + " " + row.get("count").asLong();
                if (type != null) {
                    parts.add(type);
                }
            } else {
                reasons.add(row.get("reason").asText() + " " + row.get("count").asLong());
            }
        }
        flush(parts, reasons);
        return String.join(", ", parts);
    }

    private static void flush(List<String> parts, List<String> reasons) {
        if (!reasons.isEmpty()) {
            parts.set(parts.size() - 1, parts.getLast() + " (" + String.join(", ", reasons) + ")");
            reasons.clear();
        }
    }

    /** "TRIGGERED 0.8 of PROPOSED, ...": every non-zero row's share (4 decimals) and what it is of. */
    private static String shares(JsonNode funnel) {
        var shares = new ArrayList<String>();
        for (JsonNode row : funnel.get("rows")) {
            if (row.get("count").asLong() > 0) {
                shares.add((absent(row, "reason") ? row.get("line").asText() : row.get("reason").asText()) + " "
                        + Math.round(row.get("share").asDouble() * 10_000) / 10_000.0 + " of " + row.get("of").asText());
            }
        }
        return String.join(", ", shares);
    }

    /** "Decision_Trigger: TRIGGERED 5 SUPPRESSED 1 | ...": each step's non-zero counts in column order. */
    private static String steps(JsonNode report, String name) {
        var steps = new ArrayList<String>();
        for (JsonNode step : funnelNamed(report, name).get("steps")) {
            var counts = new ArrayList<String>();
            step.get("counts").properties().forEach(e -> {
                if (e.getValue().asLong() > 0) {
                    counts.add(e.getKey() + " " + e.getValue().asLong());
                }
            });
            steps.add((absent(step, "step") ? "(no step)" : step.get("step").asText()) + ": " + String.join(" ", counts));
        }
        return String.join(" | ", steps);
    }

    /** Every row of "All journeys" (each stage and each reason) is the sum of the same row of every other funnel. */
    private static void assertAllIsTheSum(JsonNode report) {
        Map<String, Long> all = rows(funnelNamed(report, "All journeys"));
        Map<String, Long> sum = new LinkedHashMap<>();
        for (JsonNode f : report.get("funnels")) {
            if (!f.get("all").asBoolean()) {
                rows(f).forEach((row, count) -> sum.merge(row, count, Long::sum));
            }
        }
        assertThat(all.entrySet().stream().filter(e -> e.getValue() > 0).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .isEqualTo(sum.entrySet().stream().filter(e -> e.getValue() > 0).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .isNotEmpty();
    }

    private static Map<String, Long> rows(JsonNode funnel) {
        Map<String, Long> rows = new LinkedHashMap<>();
        funnel.get("rows").forEach(r -> rows.put(r.get("line").asText() + "/" + (absent(r, "reason") ? "-" : r.get("reason").asText()), r.get("count").asLong()));
        return rows;
    }
}
