package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Compliance asks why: decisions, reviews, consent changes and console acts, searched and exported. */
class ComplianceTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Test
    void aCustomersDecisionsReviewsConsentAndConsoleActsComeTogetherNewestFirst() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(5));
        mvc.perform(post("/reviews/R-1/reject").param("reason", "already well invested").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound());

        String page = mvc.perform(get("/compliance").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("decision", "TRIGGERED", "rules-7", "LargeDepositTriggersInvestmentOffer")
                .contains("review", "REJECTED", "already well invested", "rm-1")
                .contains("consent", "sms marketing granted", "/app/preferences")
                .contains("console", "reject ACCEPTED");
    }

    @Test
    void theExportIsTheSameRowsAsCsvWithFormulasDisarmed() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(5));
        mvc.perform(post("/reviews/R-1/reject").param("reason", "=HYPERLINK(\"http://x\",\"click\")").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound());

        String csv = mvc.perform(get("/compliance/export.csv").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"beacon-compliance-")))
                .andReturn().getResponse().getContentAsString();

        assertThat(csv.lines().findFirst()).contains("at,kind,customerId,productCode,what,why,who,evidence");
        assertThat(csv).contains(",review,C-1,GLOBAL_EQUITY_FUND,REJECTED,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",rm-1,")
                .contains(",decision,C-1,GLOBAL_EQUITY_FUND,TRIGGERED,");
    }

    @Test
    void aSearchWithoutCriteriaOrWithABadDateSaysWhatIsWrong() throws Exception {
        String page = mvc.perform(get("/compliance").param("customerId", "").param("from", "last week").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&#39;from&#39; must be a date such as 2026-11-01, not &#39;last week&#39;");

        mvc.perform(get("/compliance/export.csv").with(user("compliance").roles("COMPLIANCE"))).andExpect(status().isBadRequest());
        mvc.perform(get("/compliance").param("from", "2026-11-10").param("to", "2026-11-01").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isBadRequest());
    }
}
