package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ContentExperiment;
import io.beacon.contracts.Json;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.Topics;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Content experiments through the console's API: started only when whole and when the channel renders every variant,
 * announced on beacon.experiments, stopped; the results of a known history of sends and conversions per variant, with
 * the intervals computed here by hand from Wilson's and Newcombe's formulas.
 */
class ExperimentsApiTest extends ConsoleTestBase {

    private static final RequestPostProcessor OPS = user("ops").roles("MARKETING_OPS");
    private static final String GOAL = """
            {"id":"easy-saver-sms-goal","name":"Savings goal framing","productCode":"EASY_SAVER","channel":"sms",
             "variants":[{"name":"default","share":50},{"name":"goal","share":50}],"minimumDetectableEffect":0.02}""";
    private static final double Z = 1.959963984540054;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void channelTemplates() {
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"variant\":\"goal\""))
                .willReturn(okJson("{\"template\":\"easy-saver-goal-sms\",\"parts\":{\"text\":\"Set a savings goal today\"}}")));
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"variant\":\"shouty\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://beacon.example/problems/invalid-request\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"errors\":[{\"field\":\"/variant\",\"message\":\"'shouty' is not a content variant of EASY_SAVER on this "
                                + "channel; known: [goal] and default\"}]}")));
    }

    @Test
    void anExperimentStartsWhenWholeAndIsAnnouncedToTheChannels() throws Exception {
        JsonNode started = json(mvc.perform(start(GOAL)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());

        assertThat(started.at("/experiment/running").asBoolean()).isTrue();
        assertThat(started.at("/experiment/createdBy").asText()).isEqualTo("ops");
        assertThat(published()).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(Topics.EXPERIMENTS);
            assertThat(p.key()).isEqualTo("easy-saver-sms-goal");
            assertThat(BeaconEvents.data(p.event(), ContentExperiment.class).variants()).extracting(ContentExperiment.Variant::name)
                    .containsExactly("default", "goal");
        });
        assertThat(json(body(get("/api/experiments").with(OPS))).findValuesAsText("id")).containsExactly("easy-saver-sms-goal");
    }

    @Test
    void aSplitThatDoesNotAddUpOrAVariantTheChannelLacksIsRefusedAndNothingIsStored() throws Exception {
        String badSplit = GOAL.replace("{\"name\":\"goal\",\"share\":50}", "{\"name\":\"goal\",\"share\":40}");
        JsonNode split = json(mvc.perform(start(badSplit)).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        assertThat(split.at("/errors/0/field").asText()).isEqualTo("/variants");
        assertThat(split.at("/errors/0/message").asText()).isEqualTo("the shares add up to 90 %, not 100 %");

        String unknown = GOAL.replace("\"goal\",\"share\"", "\"shouty\",\"share\"");
        JsonNode variant = json(mvc.perform(start(unknown)).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        assertThat(variant.at("/errors/0/field").asText()).isEqualTo("/variants/1/name");
        assertThat(variant.at("/errors/0/message").asText()).contains("'shouty' is not a content variant of EASY_SAVER");

        assertThat(json(body(get("/api/experiments").with(OPS)))).isEmpty();
        assertThat(published()).isEmpty();
    }

    @Test
    void aSecondExperimentOnTheSameOfferAndChannelWaitsForTheFirstToStop() throws Exception {
        mvc.perform(start(GOAL)).andExpect(status().isCreated());
        mvc.perform(start(GOAL.replace("easy-saver-sms-goal", "easy-saver-sms-goal-2"))).andExpect(status().isConflict());

        JsonNode stopped = json(mvc.perform(MockMvcRequestBuilders.post("/api/experiments/easy-saver-sms-goal/stop").with(OPS).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(stopped.at("/experiment/running").asBoolean()).isFalse();
        assertThat(BeaconEvents.data(published().getLast().event(), ContentExperiment.class).running()).isFalse();
        mvc.perform(start(GOAL.replace("easy-saver-sms-goal", "easy-saver-sms-goal-2"))).andExpect(status().isCreated());
    }

    @Test
    void aSignificantDifferenceDeclaresTheWinnerWithNewcombesInterval() throws Exception {
        mvc.perform(start(GOAL)).andExpect(status().isCreated());
        history("default", 1_000, 50);
        history("goal", 1_000, 90);

        JsonNode results = json(body(get("/api/experiments/easy-saver-sms-goal").with(OPS)));

        assertThat(results.at("/confidence").asDouble()).isEqualTo(0.95);
        JsonNode goal = results.at("/variants/1");
        assertThat(goal.at("/sent").asLong()).isEqualTo(1_000);
        assertThat(goal.at("/converted").asLong()).isEqualTo(90);
        assertThat(goal.at("/difference").asDouble()).isCloseTo(0.04, within(1e-12));
        double[] expected = newcombe(1_000, 90, 1_000, 50);
        assertThat(goal.at("/differenceInterval/lower").asDouble()).isCloseTo(expected[0], within(1e-9));
        assertThat(goal.at("/differenceInterval/upper").asDouble()).isCloseTo(expected[1], within(1e-9));
        assertThat(goal.at("/significant").asBoolean()).isTrue();
        assertThat(results.at("/winner").asText()).isEqualTo("goal");
        assertThat(results.at("/verdict").asText()).startsWith("goal converts better than default: +4.0 points");
    }

    @Test
    void withoutASignificantDifferenceThereIsNoWinnerAndTheSampleSizeIsNamed() throws Exception {
        mvc.perform(start(GOAL)).andExpect(status().isCreated());
        history("default", 100, 5);
        history("goal", 100, 7);

        JsonNode results = json(body(get("/api/experiments/easy-saver-sms-goal").with(OPS)));

        assertThat(results.at("/variants/1/significant").asBoolean()).isFalse();
        assertThat(results.at("/winner").isNull() || results.at("/winner").isMissingNode()).isTrue();
        // two-sided 5 %, 80 % power, from the control's 5 % to 7 %: computed here from the normal quantiles
        double p1 = 0.05, p2 = 0.07, pooled = (p1 + p2) / 2;
        double n = Math.pow(Z * Math.sqrt(2 * pooled * (1 - pooled)) + 0.8416212335729143 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)), 2)
                / Math.pow(p2 - p1, 2);
        assertThat(results.at("/sampleSizePerVariant").asLong()).isEqualTo((long) Math.ceil(n));
        assertThat(results.at("/verdict").asText()).startsWith("No winner yet").contains("100 of the " + (long) Math.ceil(n) + " sends");
    }

    @Test
    void anUnknownVariantOrExperimentIsNamedAndARelationshipManagerMayNotStartOne() throws Exception {
        mvc.perform(start(GOAL)).andExpect(status().isCreated());

        mvc.perform(get("/api/experiments/easy-saver-sms-goal").param("variant", "goal").with(OPS)).andExpect(status().isOk());
        String unknown = mvc.perform(get("/api/experiments/easy-saver-sms-goal").param("variant", "zzz").with(OPS))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("has no variant 'zzz'");
        mvc.perform(get("/api/experiments/nope").with(OPS)).andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.post("/api/experiments").with(user("rm-1").roles("RM")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(GOAL.replace("easy-saver-sms-goal", "rm-experiment")))
                .andExpect(status().isForbidden());
    }

    /** Sends of one variant to {@code sent} customers, {@code converted} of whom then bought. */
    private void history(String variant, int sent, int converted) {
        for (int i = 0; i < sent; i++) {
            String customer = variant + "-" + i;
            record(OutcomeType.SENT, customer, variant, "Task_SendSms");
            if (i < converted) {
                record(OutcomeType.CONVERTED, customer, variant, "Task_RecordConverted");
            }
        }
    }

    private void record(OutcomeType type, String customer, String variant, String step) {
        var outcome = new OfferOutcome(type, customer, "first-salary", "inst-" + customer, step, "SalaryCredited", "EASY_SAVER",
                type == OutcomeType.SENT ? "sms" : null, null, null, "evt-" + customer, "dec-" + customer, Instant.parse("2026-12-01T10:00:00Z"))
                .measured(MeasurementGroup.TREATMENT, "easy-saver-sms-goal/" + variant, type == OutcomeType.CONVERTED ? 40.0 : null);
        store.record(outcome.eventId(), outcome, outcome.at());
    }

    /** Newcombe's method 10 from Wilson's closed form, written out here rather than taken from the code under test. */
    private static double[] newcombe(int n1, int x1, int n2, int x2) {
        double p1 = (double) x1 / n1, p2 = (double) x2 / n2;
        double[] w1 = wilson(n1, p1), w2 = wilson(n2, p2);
        double d = p1 - p2;
        return new double[] {d - Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w2[1] - p2, 2)),
                d + Math.sqrt(Math.pow(w1[1] - p1, 2) + Math.pow(p2 - w2[0], 2))};
    }

    private static double[] wilson(int n, double p) {
        double centre = p + Z * Z / (2 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n));
        double denominator = 1 + Z * Z / n;
        return new double[] {(centre - spread) / denominator, (centre + spread) / denominator};
    }

    /** POST /api/experiments as marketing operations, with the body given. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder start(String body) {
        return MockMvcRequestBuilders.post("/api/experiments").with(OPS).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
