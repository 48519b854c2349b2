package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The email frame of /ops/content: its own strict policy, framed by the console only, for marketing ops only. */
class ContentPageTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Test
    void listsEachSendersTemplatesWithItsVersionAndTheLastRefusedChange() throws Exception {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/sms/api/templates"))
                .willReturn(okJson(ContentPageBrowserTest.SMS_STATUS)));

        String page = mvc.perform(get("/ops/content").with(user("ops").roles("MARKETING_OPS"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        org.assertj.core.api.Assertions.assertThat(page).contains("5f0c2a9e31d4b7a8", "data-template=\"easy-saver-intro-sms\"",
                "content/sms/zh-CN.yml, zh-CN, easy-saver-intro-sms: unknown placeholder {{fristName}}");
    }

    @Test
    void theEmailFrameLoadsNothingRunsNothingAndOnlyTheConsoleMayFrameIt() throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo("/email/api/templates/preview")).withRequestBody(containing("\"template\":\"credit-card-intro-email\""))
                .willReturn(okJson("{\"template\":\"credit-card-intro-email\",\"locale\":\"es\",\"subject\":\"s\",\"text\":\"t\","
                        + "\"html\":\"<!DOCTYPE html><p>Hola Jane</p>\"}")));

        mvc.perform(get("/ops/content/email").param("template", "credit-card-intro-email").param("locale", "es")
                        .with(user("ops").roles("MARKETING_OPS")))
                .andExpect(status().isOk())
                .andExpect(content().string("<!DOCTYPE html><p>Hola Jane</p>"))
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                        + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"));
        mvc.perform(get("/ops/content/email").param("template", "credit-card-intro-email").with(user("rm-1").roles("RM")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/ops/content").with(user("rm-1").roles("RM"))).andExpect(status().isForbidden());
    }
}
