package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Conversions over time: per day, sends, holdouts and each group's conversions, from the counters and any part of an hour. */
class ConversionsApiTest extends ConsoleTestBase {

    private static final Instant MAR_2 = Instant.parse("2026-03-02T00:00:00Z");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void twoDays() {
        // 2 March: three sent (one converts), one held out who buys anyway; 3 March: one sent, converts at 09:40
        record(OutcomeType.SENT, "a", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(9 * 3600));
        record(OutcomeType.SENT, "b", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(10 * 3600));
        record(OutcomeType.SENT, "c", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(11 * 3600));
        record(OutcomeType.CONVERTED, "a", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(15 * 3600));
        record(OutcomeType.HELD_OUT, "h", MeasurementGroup.HOLDOUT, MAR_2.plusSeconds(9 * 3600));
        record(OutcomeType.CONVERTED, "h", MeasurementGroup.HOLDOUT, MAR_2.plusSeconds(20 * 3600));
        record(OutcomeType.SENT, "d", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(33 * 3600));
        record(OutcomeType.CONVERTED, "d", MeasurementGroup.TREATMENT, MAR_2.plusSeconds(33 * 3600 + 40 * 60));
    }

    @Test
    void eachDaySaysWhatWasSentAndHeldOutAndWhoBought() throws Exception {
        JsonNode days = series(get("/api/conversions"));

        assertThat(days.toString()).isEqualTo("[{\"day\":\"2026-03-02\",\"sent\":3,\"heldOut\":1,\"treatedConversions\":1,\"heldOutConversions\":1},"
                + "{\"day\":\"2026-03-03\",\"sent\":1,\"heldOut\":0,\"treatedConversions\":1,\"heldOutConversions\":0}]");
    }

    @Test
    void aRangeThatEndsInsideAnHourCountsThatPartOfIt() throws Exception {
        // to 09:30 on 3 March: the send at 09:00 is in, the conversion at 09:40 is not
        JsonNode days = series(get("/api/conversions").param("from", "2026-03-02T10:30:00Z").param("to", "2026-03-03T09:30:00Z"));

        assertThat(days.toString()).isEqualTo("[{\"day\":\"2026-03-02\",\"sent\":1,\"heldOut\":0,\"treatedConversions\":1,\"heldOutConversions\":1},"
                + "{\"day\":\"2026-03-03\",\"sent\":1,\"heldOut\":0,\"treatedConversions\":0,\"heldOutConversions\":0}]");
    }

    @Test
    void aBackwardsRangeIsRefused() throws Exception {
        mvc.perform(get("/api/conversions").param("from", "2026-03-04").param("to", "2026-03-02").with(user("ops").roles("MARKETING_OPS")))
                .andExpect(status().isBadRequest());
    }

    private JsonNode series(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return Json.mapper().readTree(mvc.perform(request.with(user("ops").roles("MARKETING_OPS"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).get("days");
    }

    private void record(OutcomeType type, String customer, MeasurementGroup group, Instant at) {
        var outcome = new OfferOutcome(type, customer, "first-salary", "inst-" + customer, "Task_" + type, "SalaryCredited", "EASY_SAVER",
                type == OutcomeType.SENT ? "sms" : null, null, null, "evt-" + customer, "dec-" + customer, at).measured(group, null, null);
        store.record(outcome.eventId(), outcome, at);
    }
}
