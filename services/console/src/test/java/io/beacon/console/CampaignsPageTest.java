package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.beacon.console.CampaignFixture.CAMPAIGN;
import static io.beacon.console.CampaignFixture.DONE_RUN;
import static io.beacon.console.CampaignFixture.WAITING_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.console.access.AuditLog;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Marketing ops' campaigns page: what profiles runs, the outcomes of each run from the console's projection, preview, confirm. */
class CampaignsPageTest extends ConsoleTestBase {

    private static final String CONFIRM = "/ops/campaigns/" + CAMPAIGN + "/runs/" + WAITING_RUN + "/confirm";
    private static final String PROFILES_CONFIRM = "/profiles/api/campaigns/" + CAMPAIGN + "/runs/" + WAITING_RUN + "/confirm";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OutcomeStore outcomes;

    @Autowired
    private AuditLog audit;

    private static final RequestPostProcessor OPS = user("ops").roles("MARKETING_OPS");

    @BeforeEach
    void campaigns() {
        CampaignFixture.listing(SERVICES, true);
    }

    @Test
    void eachRunShowsItsProgressAndTheOutcomesRecordedForItOnly() throws Exception {
        CampaignFixture.record(outcomes, DONE_RUN, "C-1", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, DONE_RUN, "C-1", OutcomeType.SENT, null);
        CampaignFixture.record(outcomes, DONE_RUN, "C-2", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, DONE_RUN, "C-2", OutcomeType.SUPPRESSED, ReasonCode.NO_CONSENT);
        CampaignFixture.record(outcomes, DONE_RUN, "C-3", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, DONE_RUN, "C-3", OutcomeType.SUPPRESSED, ReasonCode.NO_CONSENT);
        CampaignFixture.record(outcomes, DONE_RUN, "C-4", OutcomeType.SUPPRESSED, ReasonCode.ALREADY_HOLDS);
        CampaignFixture.record(outcomes, DONE_RUN, "C-5", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, DONE_RUN, "C-5", OutcomeType.FAILED, ReasonCode.PROVIDER_UNAVAILABLE);
        // another run of the same campaign, and outcomes whose ids only contain the run's prefix: none of them counted
        CampaignFixture.record(outcomes, WAITING_RUN, "C-6", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, WAITING_RUN, "C-7", OutcomeType.SUPPRESSED, ReasonCode.NO_CONSENT);
        var elsewhere = OutcomeFixture.suppressed("C-8", "salary-offer", ReasonCode.NO_CONSENT, OutcomeFixture.T0);
        outcomes.record("replay-campaign-" + DONE_RUN + "-C-8/1/Task_X/sms/SUPPRESSED", elsewhere, OutcomeFixture.T0);
        outcomes.record("campaign-" + DONE_RUN + "X-C-9/1/Task_X/sms/SUPPRESSED", elsewhere, OutcomeFixture.T0);

        String page = mvc.perform(MockMvcRequestBuilders.get("/ops/campaigns").with(OPS))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(text(page)).contains("Easy Saver for customers aged 25-35", CAMPAIGN, "EASY_SAVER", "young-adults-without-savings",
                "age >= 25 and age <= 35 and not(list contains(holdings, \"EASY_SAVER\"))", "every day at 09:00 Europe/London",
                "2026-12-06 09:00:00 UTC", "08:00-21:00", "20 per second", "needed above 5,000 members",
                "Campaign definitions version campaigns-3f2a91",
                "campaigns/weekend-isa.json:7: /audience: audience 'isa-savers' is not declared");
        assertThat(row(page, "run", DONE_RUN)).isEqualTo(DONE_RUN + " 2026-12-04 09:00:00 EMITTING 1,234 1,100 100 134 1 h 5 min ops-lead");
        assertThat(row(page, "run-outcomes", DONE_RUN)).isEqualTo("Outcomes so far: Triggered 4; "
                + "Suppressed 3 (suppressed by reason: NO_CONSENT 2 · ALREADY_HOLDS 1); Sent 1; "
                + "Failed 1 (failed by reason: PROVIDER_UNAVAILABLE 1)");
        assertThat(row(page, "run", WAITING_RUN)).isEqualTo(WAITING_RUN + " 2026-12-05 09:00:00 AWAITING_CONFIRMATION 6,120 0 0 0 0 s Confirm: send to 6,120");
        assertThat(row(page, "run-outcomes", WAITING_RUN)).isEqualTo("Outcomes so far: Triggered 1; Suppressed 1 (suppressed by reason: NO_CONSENT 1)");
        assertThat(page).contains("data-live=\"true\"").doesNotContain(PHONE, EMAIL);
    }

    @Test
    void onlyARunWaitingForAConfirmationHasTheButtonAndASettledPageDoesNotRefresh() throws Exception {
        String live = mvc.perform(MockMvcRequestBuilders.get("/ops/campaigns").with(OPS))
                .andReturn().getResponse().getContentAsString();
        assertThat(live).containsOnlyOnce("class=\"confirm-run\"").contains("action=\"" + CONFIRM + "\"").contains("name=\"_csrf\"");

        CampaignFixture.settledListing(SERVICES);
        String settled = mvc.perform(MockMvcRequestBuilders.get("/ops/campaigns").with(OPS))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(settled).contains("data-live=\"false\"").doesNotContain("confirm-run", "refreshes every 5 s");
        assertThat(row(settled, "run-outcomes", DONE_RUN)).isEqualTo("Outcomes so far: none recorded yet");
    }

    @Test
    void aPreviewShowsTheAudienceNowAndWhoWouldPassAndIsAuditedNotStored() throws Exception {
        CampaignFixture.preview(SERVICES);

        String page = mvc.perform(MockMvcRequestBuilders.post("/ops/campaigns/" + CAMPAIGN + "/preview").with(OPS).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(text(page)).contains("12,430 customers now; 9,870 after consent and suitability", "(estimated from 2,000 checked)",
                "Excluded because Customers NO_CONSENT 1,830 ALREADY_HOLDS 730", "Rules rules-7, computed 2026-12-05 09:10:00 UTC");
        assertThat(page).contains("data-live=\"false\"");
        assertThat(audit.search(null, null, null, 10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("ops");
            assertThat(entry.action()).isEqualTo("preview-audience");
            assertThat(entry.target()).isEqualTo("campaign/" + CAMPAIGN);
            assertThat(entry.result()).isEqualTo("ACCEPTED");
        });
        assertThat(MONGO.database().listCollectionNames().into(new java.util.ArrayList<>())).doesNotContain("previews");
    }

    @Test
    void aPreviewOfACampaignProfilesNoLongerKnowsSaysSo() throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo("/decisioning/api/decisions/simulate/campaigns/gone")).willReturn(aResponse().withStatus(404)));

        String page = mvc.perform(MockMvcRequestBuilders.post("/ops/campaigns/gone/preview").with(OPS).with(csrf()))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("profiles knows no campaign gone");
    }

    @Test
    void confirmingSendsTheSignedInUserAsConfirmedByAndIsAudited() throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo(PROFILES_CONFIRM)).willReturn(okJson("{\"confirmed\":true,\"runId\":\"" + WAITING_RUN + "\"}")));

        mvc.perform(MockMvcRequestBuilders.post(CONFIRM).with(OPS).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/ops/campaigns"))
                .andExpect(flash().attribute("done", "run " + WAITING_RUN + " confirmed by ops: it starts emitting"));

        SERVICES.verify(1, postRequestedFor(urlPathEqualTo(PROFILES_CONFIRM)).withRequestBody(equalToJson("{\"confirmedBy\":\"ops\"}")));
        assertThat(audit.search(null, null, null, 10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("ops");
            assertThat(entry.action()).isEqualTo("confirm-campaign-run");
            assertThat(entry.target()).isEqualTo("campaign/" + CAMPAIGN + "/run/" + WAITING_RUN);
            assertThat(entry.result()).isEqualTo("ACCEPTED");
        });
    }

    @Test
    void aRunNoLongerWaitingIsAClearConflictOnThePage() throws Exception {
        // profiles' 409 as CampaignsApi answers it: a problem whose detail says where the run is
        SERVICES.stubFor(post(urlPathEqualTo(PROFILES_CONFIRM)).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://beacon.example/problems/run-not-awaiting-confirmation\",\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"it is EMITTING, and only a run waiting for a confirmation can be confirmed\"}")));

        String page = mvc.perform(MockMvcRequestBuilders.post(CONFIRM).with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("run " + WAITING_RUN + " is not confirmed: it is EMITTING, and only a run waiting for a confirmation can be confirmed")
                .contains("Easy Saver for customers aged 25-35");
        SERVICES.verify(1, postRequestedFor(urlPathEqualTo(PROFILES_CONFIRM)).withRequestBody(equalToJson("{\"confirmedBy\":\"admin\"}")));
        assertThat(audit.search(null, null, null, 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("confirm-campaign-run");
            assertThat(entry.result()).isEqualTo("CONFLICT");
        });
    }

    @ParameterizedTest(name = "profiles answering {0} is shown as a {1}")
    @CsvSource({"404, 404, is not known to profiles: nothing was confirmed",
            "400, 400, profiles refused the confirmation of run"})
    void aRunProfilesDoesNotKnowOrARefusedConfirmationIsShownOnThePage(int answered, int shown, String says) throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo(PROFILES_CONFIRM)).willReturn(aResponse().withStatus(answered).withHeader("Content-Type", "application/problem+json")
                .withBody(answered == 400 ? "{\"type\":\"https://beacon.example/problems/invalid-request\",\"status\":400,"
                        + "\"detail\":\"/confirmedBy: who confirms the run is required\","
                        + "\"errors\":[{\"field\":\"/confirmedBy\",\"message\":\"who confirms the run is required\"}]}" : "")));

        String page = mvc.perform(MockMvcRequestBuilders.post(CONFIRM).with(OPS).with(csrf()))
                .andExpect(status().is(shown)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains(says);
    }

    @ParameterizedTest(name = "{0} is refused the page and the confirmation")
    @CsvSource({"rm-1, RM", "compliance, COMPLIANCE"})
    void anRmOrComplianceGetsForbiddenAndNothingReachesProfiles(String who, String role) throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/ops/campaigns").with(user(who).roles(role)))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post(CONFIRM).with(user(who).roles(role)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/ops/campaigns/" + CAMPAIGN + "/preview").with(user(who).roles(role)).with(csrf())).andExpect(status().isForbidden());

        SERVICES.verify(0, postRequestedFor(urlPathMatching("/profiles/api/campaigns/.*")));
    }

    @Test
    void theNavLinksCampaignsForOpsOnly() throws Exception {
        String ops = mvc.perform(MockMvcRequestBuilders.get("/ops").with(OPS))
                .andReturn().getResponse().getContentAsString();
        String rm = mvc.perform(MockMvcRequestBuilders.get("/reviews").with(user("rm-1").roles("RM")))
                .andReturn().getResponse().getContentAsString();

        assertThat(ops).contains("href=\"/ops/campaigns\"");
        assertThat(rm).doesNotContain("/ops/campaigns");
    }

    @Test
    void withProfilesDownThePageSaysSo() throws Exception {
        SERVICES.stubFor(get(urlPathEqualTo("/profiles/api/campaigns")).willReturn(aResponse().withStatus(503)));

        String page = mvc.perform(MockMvcRequestBuilders.get("/ops/campaigns").with(OPS))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("the profiles service did not answer").doesNotContain("confirm-run");
    }

    /** The text of one table row of the page (tr of the class, for the run), tags removed and white space collapsed. */
    private static String row(String page, String rowClass, String runId) {
        Matcher m = Pattern.compile("<tr class=\"" + rowClass + "(?: [^\"]*)?\" data-run=\"" + Pattern.quote(runId) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a %s row for %s", rowClass, runId).isTrue();
        return text(m.group(1));
    }

    private static String text(String html) {
        return html.replaceAll("</?(td|th|tr|li|p|dt|dd|h\\d|div|table|thead|tbody)\\b[^>]*>", " ").replaceAll("<[^>]+>", "").replace("&quot;", "\"").replace("&#39;", "'").replace("&gt;", ">").replace("&lt;", "<")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }
}
