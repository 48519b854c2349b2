package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The channel health on marketing ops' overview: the email sender's bounce and complaint rates against the mailbox providers' thresholds. */
class ChannelHealthPageTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    private void emailReputationIs(long sent, long bounced, long complained, String status) {
        SERVICES.stubFor(get(urlPathEqualTo("/email/api/channel-health")).willReturn(okJson("""
                [{"name":"smtp","circuit":"CLOSED","failureRate":-1,"bufferedCalls":0,"failedCalls":0,"notPermittedCalls":0,
                  "rateLimitPermits":20,"rateLimitWaiting":0,
                  "reputation":{"window":"PT168H","sent":%d,"bounced":%d,"complained":%d,"bounceRate":%s,"complaintRate":%s,
                    "bounceWarnRate":0.02,"bounceLimitRate":0.05,"complaintWarnRate":0.001,"complaintLimitRate":0.003,"status":"%s"}}]
                """.formatted(sent, bounced, complained, (double) bounced / sent, (double) complained / sent, status))));
    }

    private String overview() throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/ops").with(user("ops").roles("MARKETING_OPS")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void warnsBeforeTheComplaintRateReachesGmailsLimit() throws Exception {
        emailReputationIs(10_000, 40, 15, "WARN");

        String page = overview();

        assertThat(page).contains("Bounces and complaints", "0.15 % (warn 0.10 %, limit 0.30 %)", "0.40 % (warn 2.00 %, limit 5.00 %)",
                "warning: nearing the limit", "data-reputation=\"WARN\"");
    }

    @Test
    void aSenderWithinTheThresholdsIsNotFlagged() throws Exception {
        emailReputationIs(10_000, 10, 2, "OK");

        String page = overview();

        assertThat(page).contains("0.02 % (warn 0.10 %, limit 0.30 %)", "within the thresholds", "data-reputation=\"OK\"")
                .doesNotContain("warning: nearing the limit");
    }
}
