package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Marketing operations start, read and stop a content experiment from /ops/experiments, with no developer. */
class ExperimentsPageTest extends ConsoleTestBase {

    private static final RequestPostProcessor OPS = user("ops").roles("MARKETING_OPS");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void goalVariantOnSms() {
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"variant\":\"goal\""))
                .willReturn(okJson("{\"template\":\"easy-saver-goal-sms\",\"parts\":{\"text\":\"Set a savings goal today\"}}")));
    }

    @Test
    void aFormStartsTheExperimentAndThePageShowsEachVariantsConversion() throws Exception {
        mvc.perform(form("easy-saver-sms-goal", "default 50, goal 50", "2")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/ops/experiments"));
        for (int i = 0; i < 200; i++) {
            record(OutcomeType.SENT, "d" + i, "default");
            record(OutcomeType.SENT, "g" + i, "goal");
            if (i < 10) {
                record(OutcomeType.CONVERTED, "d" + i, "default");
            }
            if (i < 40) {
                record(OutcomeType.CONVERTED, "g" + i, "goal");
            }
        }

        String page = mvc.perform(get("/ops/experiments").with(OPS)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("data-experiment=\"easy-saver-sms-goal\"", "running")
                .contains("data-variant=\"default\" data-sent=\"200\" data-converted=\"10\"")
                .contains("data-variant=\"goal\" data-sent=\"200\" data-converted=\"40\"")
                .contains("5.0 %", "20.0 %", "+15.0 points")
                .contains("goal converts better than default: +15.0 points")
                .contains("Stop this experiment");
    }

    @Test
    void aSplitThatDoesNotAddUpIsShownBesideTheFormAndNothingStarts() throws Exception {
        String page = mvc.perform(form("easy-saver-sms-goal", "default 50, goal 40", "2")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("/variants: the shares add up to 90 %, not 100 %").contains("value=\"default 50, goal 40\"")
                .contains("No experiment yet");
        assertThat(published()).isEmpty();
    }

    @Test
    void stoppingEndsTheExperimentForEveryoneAndKeepsItsResults() throws Exception {
        mvc.perform(form("easy-saver-sms-goal", "default 50, goal 50", "2")).andExpect(status().is3xxRedirection());

        mvc.perform(MockMvcRequestBuilders.post("/ops/experiments/easy-saver-sms-goal/stop").with(OPS).with(csrf()))
                .andExpect(status().is3xxRedirection());

        String page = mvc.perform(get("/ops/experiments").with(OPS)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-experiment=\"easy-saver-sms-goal\"", "stopped").doesNotContain("Stop this experiment");
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String id, String variants, String points) {
        return MockMvcRequestBuilders.post("/ops/experiments").with(OPS).with(csrf())
                .param("id", id).param("name", "Savings goal framing").param("productCode", "EASY_SAVER").param("channel", "sms")
                .param("variants", variants).param("minimumDetectableEffect", points);
    }

    private void record(OutcomeType type, String customer, String variant) {
        var outcome = new OfferOutcome(type, customer, "first-salary", "inst-" + customer, type == OutcomeType.SENT ? "Task_SendSms" : "Task_RecordConverted",
                "SalaryCredited", "EASY_SAVER", type == OutcomeType.SENT ? "sms" : null, null, null, "evt-" + customer, "dec-" + customer,
                Instant.parse("2026-12-01T10:00:00Z")).measured(MeasurementGroup.TREATMENT, "easy-saver-sms-goal/" + variant, null);
        store.record(outcome.eventId(), outcome, outcome.at());
    }
}
