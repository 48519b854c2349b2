package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.beacon.console.UpliftFixture.CARD;
import static io.beacon.console.UpliftFixture.INVESTMENT;
import static io.beacon.console.UpliftFixture.SAVINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
 * The uplift over a known history (UpliftFixture), through the whole console: treated against held out per journey and
 * offer, "All journeys" and the programme (against the global control group only), each interval checked against one
 * computed here from the formulas (Wilson's score interval, Newcombe's hybrid) and against Newcombe's published example.
 */
class UpliftApiTest extends ConsoleTestBase {

    /** The 97.5th percentile of the standard normal distribution. */
    private static final double Z = 1.959963984540054;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void knownHistory() {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/journeys/api/journeys"))
                .willReturn(okJson(UpliftFixture.DEPLOYED)));
        UpliftFixture.seed(store);
    }

    @Test
    void newcombesPublishedExampleIsSignificant() throws Exception {
        JsonNode savings = row(uplift(get("/api/uplift")), "JOURNEY", SAVINGS, null);

        assertArm(savings.get("treated"), 70, 56);
        assertArm(savings.get("control"), 80, 48);
        assertThat(savings.get("uplift").asDouble()).isCloseTo(0.2, within(1e-12));
        // Newcombe 1998, table II, example (a): 56/70 - 48/80 = 0.2000, 95 % CI 0.0524 to 0.3339 (method 10)
        assertThat(round4(savings.get("interval").get("lower").asDouble())).isEqualTo(0.0524);
        assertThat(round4(savings.get("interval").get("upper").asDouble())).isEqualTo(0.3339);
        assertInterval(savings, 56, 70, 48, 80);
        assertThat(savings.get("significant").asBoolean()).isTrue();
        assertThat(savings.get("holdoutShare").asDouble()).isEqualTo(0.2);
        assertThat(savings.path("note").isNull()).isTrue();
    }

    @Test
    void aSmallDifferenceOnASmallHoldoutIsNotSignificant() throws Exception {
        JsonNode investment = row(uplift(get("/api/uplift")), "JOURNEY", INVESTMENT, null);

        assertArm(investment.get("treated"), 100, 10);
        assertArm(investment.get("control"), 12, 1);
        assertThat(investment.get("uplift").asDouble()).isCloseTo(0.1 - 1.0 / 12, within(1e-12));
        assertInterval(investment, 10, 100, 1, 12);
        assertThat(investment.get("interval").get("lower").asDouble()).isNegative();
        assertThat(investment.get("significant").asBoolean()).isFalse();
        assertThat(investment.path("holdoutShare").isNull()).as("the service's default share: not listed").isTrue();
    }

    @Test
    void aGroupOfNobodyGivesNoUpliftAndSaysWhy() throws Exception {
        JsonNode card = row(uplift(get("/api/uplift")), "JOURNEY", CARD, null);

        assertArm(card.get("treated"), 5, 2);
        assertThat(card.get("control").get("n").asLong()).isZero();
        assertThat(card.get("control").get("rate").isNull()).isTrue();
        assertThat(card.get("uplift").isNull()).isTrue();
        assertThat(card.get("interval").isNull()).isTrue();
        assertThat(card.get("significant").asBoolean()).isFalse();
        assertThat(card.get("note").asText()).isEqualTo("no control customers (n = 0): no uplift or interval");
        assertThat(card.get("value").get("incrementalValue").isNull()).isTrue();

        // day 2 has only the card upgrade: nobody held out anywhere, so neither "All journeys" nor the programme has an uplift
        JsonNode day2 = uplift(get("/api/uplift").param("from", "2026-03-03"));
        assertThat(scopes(day2)).containsExactly("ALL", "PROGRAMME", "JOURNEY card-upgrade", "OFFER card-upgrade GOLD_CARD");
        assertThat(row(day2, "PROGRAMME", null, null).get("note").asText()).startsWith("no control customers (n = 0)");
    }

    @Test
    void allJourneysPoolEveryJourneyAndTheProgrammeRowIsAgainstTheGlobalControlGroupOnly() throws Exception {
        JsonNode report = uplift(get("/api/uplift"));

        assertThat(scopes(report)).containsExactly("ALL", "PROGRAMME", "JOURNEY card-upgrade", "OFFER card-upgrade GOLD_CARD",
                "JOURNEY large-deposit-investment", "OFFER large-deposit-investment GLOBAL_EQUITY_FUND",
                "JOURNEY salary-savings", "OFFER salary-savings SAVINGS_PLUS");
        JsonNode all = row(report, "ALL", null, null);
        assertArm(all.get("treated"), 175, 68);
        assertArm(all.get("control"), 92, 49);
        assertInterval(all, 68, 175, 49, 92);
        JsonNode programme = row(report, "PROGRAMME", null, null);
        assertArm(programme.get("treated"), 175, 68);
        assertArm(programme.get("control"), 20, 12);
        assertInterval(programme, 68, 175, 12, 20);
        assertThat(programme.get("significant").asBoolean()).isFalse();
        assertThat(programme.get("automation").isNull()).isTrue();
        assertThat(row(report, "OFFER", SAVINGS, "SAVINGS_PLUS").get("interval")).isEqualTo(row(report, "JOURNEY", SAVINGS, null).get("interval"));
        assertThat(report.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(report.get("methods").get("interval").asText()).contains("Newcombe", "Wilson", "Commons Math");
        assertThat(report.get("methods").get("incrementalValue").asText()).contains("mean value of the treated conversions");

        JsonNode savingsOnly = uplift(get("/api/uplift").param("journey", SAVINGS));
        assertThat(scopes(savingsOnly)).containsExactly("ALL", "PROGRAMME", "JOURNEY salary-savings", "OFFER salary-savings SAVINGS_PLUS");
        assertArm(row(savingsOnly, "PROGRAMME", null, null).get("control"), 20, 12);
        assertThat(savingsOnly.get("filter").get("journey").asText()).isEqualTo(SAVINGS);
    }

    @Test
    void aChannelSelectsTheCustomersItSentToWithTheirConversionsAgainstEveryHeldOutCustomer() throws Exception {
        JsonNode sms = row(uplift(get("/api/uplift").param("channel", "sms")), "JOURNEY", INVESTMENT, null);
        assertArm(sms.get("treated"), 50, 10);
        assertArm(sms.get("control"), 12, 1);
        assertInterval(sms, 10, 50, 1, 12);

        // each conversion carries the channel of its send: none of email's 50 bought, whatever sms's customers did
        JsonNode email = uplift(get("/api/uplift").param("channel", "email"));
        assertArm(row(email, "JOURNEY", INVESTMENT, null).get("treated"), 50, 0);
        assertInterval(row(email, "JOURNEY", INVESTMENT, null), 0, 50, 1, 12);
        // salary-savings sent by sms only: no treated customer by email, so no uplift, against its held-out customers all the same
        assertThat(row(email, "JOURNEY", SAVINGS, null).get("treated").get("n").asLong()).isZero();
        assertThat(row(email, "JOURNEY", SAVINGS, null).get("treated").get("rate").isNull()).isTrue();
        assertThat(row(email, "JOURNEY", SAVINGS, null).get("note").asText()).isEqualTo("no treated customers (n = 0): no uplift or interval");
        assertThat(row(email, "JOURNEY", CARD, null).get("note").asText()).isEqualTo("no treated and no control customers (n = 0): no uplift or interval");
    }

    @Test
    void incrementalValueIsTheIncrementalConversionsAtTheMeanValueOfTheTreatedConversions() throws Exception {
        JsonNode report = uplift(get("/api/uplift"));

        JsonNode savings = row(report, "JOURNEY", SAVINGS, null).get("value");
        assertThat(savings.get("incrementalConversions").asDouble()).isCloseTo(14.0, within(1e-9));
        assertThat(savings.get("meanValue").asDouble()).isCloseTo(120.0, within(1e-9));
        assertThat(savings.get("incrementalValue").asDouble()).isCloseTo(1680.0, within(1e-9));
        JsonNode interval = row(report, "JOURNEY", SAVINGS, null).get("interval");
        assertThat(savings.get("interval").get("lower").asDouble()).isCloseTo(interval.get("lower").asDouble() * 70 * 120, within(1e-9));

        JsonNode investment = row(report, "JOURNEY", INVESTMENT, null).get("value");
        assertThat(investment.get("incrementalValue").asDouble()).isCloseTo((0.1 - 1.0 / 12) * 100 * 500, within(1e-9));
        // all journeys: 28 x 100 + 28 x 140 + 10 x 500 + 2 x 60 over 68 treated conversions
        JsonNode all = row(report, "ALL", null, null);
        double mean = (28 * 100.0 + 28 * 140.0 + 10 * 500.0 + 2 * 60.0) / 68;
        assertThat(all.get("value").get("meanValue").asDouble()).isCloseTo(mean, within(1e-9));
        assertThat(all.get("value").get("incrementalValue").asDouble()).isCloseTo((68.0 / 175 - 49.0 / 92) * 175 * mean, within(1e-9));
    }

    @Test
    void theAutomatedShareCountsJourneyRunsThatAskedNoRelationshipManager() throws Exception {
        JsonNode report = uplift(get("/api/uplift"));

        assertAutomation(row(report, "JOURNEY", SAVINGS, null), 150, 140);
        assertAutomation(row(report, "JOURNEY", INVESTMENT, null), 112, 112);
        assertAutomation(row(report, "JOURNEY", CARD, null), 5, 5);
        assertAutomation(row(report, "ALL", null, null), 267, 257);
        assertThat(row(report, "ALL", null, null).get("automation").get("share").asDouble()).isCloseTo(257.0 / 267, within(1e-12));
    }

    @Test
    void theCsvHasTheSameRows() throws Exception {
        JsonNode report = uplift(get("/api/uplift"));
        String body = mvc.perform(get("/api/uplift.csv").with(ops()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern("attachment; filename=\"beacon-uplift-\\d{4}-\\d{2}-\\d{2}\\.csv\"")))
                .andReturn().getResponse().getContentAsString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body)).getRecords();

        assertThat(body).startsWith("scope,journey,offer,treated_n,treated_conversions,treated_rate,control_n,control_conversions,control_rate,"
                + "uplift,uplift_lower,uplift_upper,significant,incremental_conversions,mean_value,incremental_value,holdout_share,runs,"
                + "automated_runs,automated_share,note\r\n");
        assertThat(rows).hasSize(report.get("rows").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode json = report.get("rows").get(i);
            CSVRecord csv = rows.get(i);
            assertThat(csv.get("scope")).isEqualTo(json.get("scope").asText());
            assertThat(csv.get("journey")).isEqualTo(json.path("journey").asText(""));
            assertThat(Long.parseLong(csv.get("treated_n"))).isEqualTo(json.get("treated").get("n").asLong());
            assertThat(Long.parseLong(csv.get("control_conversions"))).isEqualTo(json.get("control").get("conversions").asLong());
            assertThat(csv.get("significant")).isEqualTo(json.get("significant").asText());
            if (json.get("interval").isNull()) {
                assertThat(csv.get("uplift_lower")).isEmpty();
                assertThat(csv.get("note")).isEqualTo(json.get("note").asText());
            } else {
                assertThat(Double.parseDouble(csv.get("uplift_lower"))).isEqualTo(json.get("interval").get("lower").asDouble());
                assertThat(Double.parseDouble(csv.get("incremental_value"))).isEqualTo(json.get("value").get("incrementalValue").asDouble());
            }
        }
        CSVRecord savings = rows.stream().filter(r -> r.get("scope").equals("JOURNEY") && r.get("journey").equals(SAVINGS)).findFirst().orElseThrow();
        assertThat(savings.get("treated_rate")).isEqualTo("0.8");
        assertThat(savings.get("control_rate")).isEqualTo("0.6");
        assertThat(savings.get("holdout_share")).isEqualTo("0.2");
        assertThat(savings.get("runs") + "/" + savings.get("automated_runs")).isEqualTo("150/140");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from=2026-03-04&to=2026-03-02 | from | must be before 'to'",
            "to=2026-13-01 | to | '2026-13-01' is not an ISO 8601 instant",
            "stage=growth | stage | 'growth' is not a stage",
            "channel=fax | channel | 'fax' is not a channel",
            "journey=no-such-journey | journey | 'no-such-journey' is not a deployed journey; one of salary-savings, large-deposit-investment, card-upgrade"})
    void aBadFilterIsTheFunnelsProblemAndNothingIsStored(String query, String parameter, String reason) throws Exception {
        long outcomes = MONGO.database().getCollection("outcomes").countDocuments();
        for (String path : List.of("/api/uplift", "/api/uplift.csv")) {
            var request = get(path);
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                request.param(kv[0], kv[1]);
            }
            String body = mvc.perform(request.with(ops()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andReturn().getResponse().getContentAsString();
            JsonNode problem = Json.mapper().readTree(body);
            assertThat(problem.get("title").asText()).isEqualTo("Invalid funnel filter");
            assertThat(problem.get("errors")).hasSize(1);
            assertThat(problem.get("errors").get(0).get("parameter").asText()).isEqualTo(parameter);
            assertThat(problem.get("errors").get(0).get("reason").asText()).contains(reason);
        }
        assertThat(MONGO.database().getCollection("outcomes").countDocuments()).isEqualTo(outcomes);
    }

    @Test
    void onlyMarketingOpsAndAdminsReadIt() throws Exception {
        mvc.perform(get("/api/uplift").with(user("rm-1").roles("RM"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/uplift.csv").with(user("c").roles("COMPLIANCE"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/uplift").with(user("admin").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void theJourneysPageShowsTheUpliftAndTheAutomatedShare() throws Exception {
        String page = mvc.perform(get("/ops").with(ops())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Funnels and uplift", "Uplift: treated against held out",
                "Automated share: 96.3 % (257 of 267 journey runs reached their outcomes with no human step)",
                "data-scope=\"JOURNEY\" data-journey=\"salary-savings\"", "data-treated-n=\"70\"", "data-control-conversions=\"48\"",
                "80.0 % (56/70)", "60.0 % (48/80)", "+20.0 pp (+5.2 pp to +33.4 pp)", "1,680",
                "no control customers (n = 0): no uplift or interval", "href=\"/api/uplift.csv\"")
                .doesNotContain("holdout against treated");
        String savings = page.substring(page.indexOf("data-journey=\"salary-savings\""));
        assertThat(savings.substring(0, savings.indexOf("</tr>")).replaceAll(">\\s+<", "><")).contains("<td>yes</td>", "93.3 % of 150");
    }

    // ---

    private JsonNode uplift(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request.with(ops()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        return Json.mapper().readTree(body);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor ops() {
        return user("ops").roles("MARKETING_OPS");
    }

    private static List<String> scopes(JsonNode report) {
        var scopes = new ArrayList<String>();
        report.get("rows").forEach(r -> scopes.add(String.join(" ", r.get("scope").asText(), r.path("journey").asText(""),
                r.path("offer").asText("")).strip()));
        return scopes;
    }

    private static JsonNode row(JsonNode report, String scope, String journey, String offer) {
        for (JsonNode r : report.get("rows")) {
            if (r.get("scope").asText().equals(scope) && r.path("journey").asText(null) == null == (journey == null)
                    && (journey == null || r.get("journey").asText().equals(journey))
                    && (offer == null ? r.path("offer").isNull() || r.path("offer").isMissingNode() : offer.equals(r.path("offer").asText()))) {
                return r;
            }
        }
        throw new AssertionError("no " + scope + " row for " + journey + "/" + offer + " in " + scopes(report));
    }

    private static void assertArm(JsonNode arm, long n, long conversions) {
        assertThat(arm.get("n").asLong()).isEqualTo(n);
        assertThat(arm.get("conversions").asLong()).isEqualTo(conversions);
        assertThat(arm.get("rate").asDouble()).isCloseTo((double) conversions / n, within(1e-12));
    }

    private static void assertAutomation(JsonNode row, long runs, long automated) {
        assertThat(row.get("automation").get("runs").asLong()).isEqualTo(runs);
        assertThat(row.get("automation").get("automated").asLong()).isEqualTo(automated);
    }

    /** The row's interval is Newcombe's hybrid score interval, computed here from the closed forms, not from Commons Math. */
    private static void assertInterval(JsonNode row, long x1, long n1, long x2, long n2) {
        double[] expected = newcombe(x1, n1, x2, n2);
        assertThat(row.get("interval").get("lower").asDouble()).isCloseTo(expected[0], within(1e-9));
        assertThat(row.get("interval").get("upper").asDouble()).isCloseTo(expected[1], within(1e-9));
        assertThat(row.get("significant").asBoolean()).isEqualTo(expected[0] > 0 || expected[1] < 0);
    }

    /** Wilson's score interval: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n). */
    private static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {(centre - half) / (1 + z2 / n), (centre + half) / (1 + z2 / n)};
    }

    /** Newcombe 1998, method 10: d - sqrt((p1-l1)² + (u2-p2)²), d + sqrt((u1-p1)² + (p2-l2)²). */
    private static double[] newcombe(long x1, long n1, long x2, long n2) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double[] w1 = wilson(x1, n1);
        double[] w2 = wilson(x2, n2);
        double d = p1 - p2;
        return new double[] {d - Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w2[1] - p2, 2)),
                d + Math.sqrt(Math.pow(w1[1] - p1, 2) + Math.pow(p2 - w2[0], 2))};
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
