package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.beacon.contracts.api.erasure.ErasureApi;
import io.beacon.platform.Pseudonyms;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Compliance asks why: decisions, reviews, consent changes and console acts, searched and exported. */
class ComplianceTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private Pseudonyms pseudonyms;

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

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

        assertThat(csv.lines().findFirst()).contains("at,kind,customerId,productCode,what,why,who,evidence,keptAfterErasureUntil");
        assertThat(csv).contains(",review,C-1,GLOBAL_EQUITY_FUND,REJECTED,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",rm-1,")
                .contains(",decision,C-1,GLOBAL_EQUITY_FUND,TRIGGERED,");
    }

    @Test
    void anErasedCustomersKeptRecordsAreFoundByTheirCustomerIdEachMarkedKeptAfterErasureUntilWhen() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(5));
        mvc.perform(post("/reviews/R-1/approve").param("note", "Jane, as we discussed on Friday").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound());

        // the console's part of the erasure, as consent calls it
        var report = new ServiceClients("consent", "dev-consent-password").api(ErasureApi.class, URI.create("http://127.0.0.1:" + port)).erase("C-1");

        var keptReviews = report.stores().get("beacon-console.reviews");
        assertThat(keptReviews.action()).isEqualTo("kept");
        assertThat(keptReviews.documents()).isEqualTo(1);
        assertThat(keptReviews.legalBasis()).contains("MiFID II", "GDPR Art. 17(3)(b)");
        assertThat(keptReviews.removed()).containsExactly("note", "reason", "checkReason");
        Instant keptUntil = keptReviews.keptUntil();
        assertThat(keptUntil).isAfter(Instant.now().plus(Duration.ofDays(5 * 365)));
        assertThat(MONGO.database().getCollection("reviews").find().first().toJson()).doesNotContain("C-1", "Jane");

        // decisioning and consent answer, for the pseudonym, what they kept (their own tests prove the keeping);
        // under the customer id there is nothing left
        String pseudonym = pseudonyms.of("C-1");
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/decisioning/api/decisions")).withQueryParam("customerId", equalTo("C-1")).atPriority(1)
                .willReturn(okJson("{\"decisions\":[],\"evidence\":[]}")));
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/decisioning/api/decisions")).withQueryParam("customerId", equalTo(pseudonym)).atPriority(1)
                .willReturn(okJson("""
                        {"decisions":[{"_id":"D-1","customerId":"%1$s","outcome":"TRIGGERED","productCode":"GLOBAL_EQUITY_FUND","reasonCodes":[],
                          "rulesFired":["LargeDepositTriggersInvestmentOffer"],"rulesVersion":"rules-7","catalogueVersion":"cat-3",
                          "at":"2026-11-20T10:00:00Z","keptUntil":"%2$s"}],
                         "evidence":[{"_id":"J-7","customerId":"%1$s","productCode":"GLOBAL_EQUITY_FUND","check":"suitability","result":"SUITABLE",
                          "inputs":{"age":46,"country":"GB","riskTolerance":4,"riskAssessedAt":"2026-06-01","productRiskRating":4,"holdsProduct":false},
                          "reasons":[],"rulesFired":["InvestmentRequiresCurrentRiskProfile"],"rulesVersion":"rules-7","at":"2026-11-20T10:05:00Z",
                          "keptUntil":"%2$s"}]}""".formatted(pseudonym, keptUntil))));
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/consent/api/consents/C-1/history")).atPriority(1).willReturn(okJson("[]")));
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/consent/api/consents/" + pseudonym + "/history")).willReturn(okJson("""
                [{"customerId":"%s","channel":"all","purpose":"marketing","granted":false,"legalBasis":"consent",
                  "source":"erasure","at":"2026-11-21T09:00:00Z","keptUntil":"%s"}]""".formatted(pseudonym, keptUntil))));

        String csv = mvc.perform(get("/compliance/export.csv").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String page = mvc.perform(get("/compliance").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(csv.lines().skip(1).filter(line -> !line.contains(",console,")))
                .extracting(line -> line.split(",")[1] + " " + line.split(",")[2] + " " + line.split(",")[4])
                .containsExactlyInAnyOrder("consent " + pseudonym + " all marketing withdrawn", "review " + pseudonym + " APPROVED",
                        "suitability " + pseudonym + " SUITABLE", "decision " + pseudonym + " TRIGGERED");
        assertThat(csv.lines().skip(1).filter(line -> !line.contains(",console,"))).allSatisfy(line -> assertThat(line).endsWith("," + keptUntil));
        assertThat(csv).contains("rules-7", "free text removed at erasure", "riskTolerance=4").doesNotContain("Jane");
        assertThat(page).contains("kept after erasure until " + java.time.LocalDate.ofInstant(keptUntil, java.time.ZoneOffset.UTC));
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
