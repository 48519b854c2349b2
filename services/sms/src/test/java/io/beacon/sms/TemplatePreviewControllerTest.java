package io.beacon.sms;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class TemplatePreviewControllerTest {

    /** Through sms's own filter chain, as the console previews a template. */
    private final MockMvc mvc = ServiceApiTesting.securedMockMvcAs("console",
            new TemplatePreviewController(SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, SmsTextTest.NOV_22)));

    @Test
    void rendersATemplateForASampleCustomerWithItsEncodingAndSegments() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"TRAVEL_CARD\",\"locale\":\"zh-CN\",\"firstName\":\"小明\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.template").value("travel-card-intro-sms"))
                .andExpect(jsonPath("$.locale").value("zh-CN"))
                .andExpect(jsonPath("$.parts.text").value(containsString("小明您好")))
                .andExpect(jsonPath("$.encoding").value("UCS_2"))
                .andExpect(jsonPath("$.segments").value(1));
    }

    @Test
    void rendersTheGenericVariantOnRequest() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"TERM_DEPOSIT_12M\",\"personalised\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.template").value("term-deposit-generic-sms"))
                .andExpect(jsonPath("$.encoding").value("GSM_7"));
    }

    @Test
    void rendersAContentVariantOfAnExperimentAndRefusesOneTheOfferLacks() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"EASY_SAVER\",\"variant\":\"goal\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.template").value("easy-saver-goal-sms"))
                .andExpect(jsonPath("$.parts.text").value(containsString("set a savings goal today")));
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"EASY_SAVER\",\"variant\":\"shouty\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/variant"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("'shouty' is not a content variant of EASY_SAVER")));
    }

    @Test
    void namesWhatIsWrongWithABadRequest() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON).content("{\"productCode\":\"NOPE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/productCode"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("'NOPE' has no SMS template")));
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"TRAVEL_CARD\",\"locale\":\"not a tag\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/locale"));
    }

    @Test
    void aPreviewNeedsACaller() throws Exception {
        var anonymous = ServiceApiTesting.securedMockMvc(new TemplatePreviewController(SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, SmsTextTest.NOV_22)));

        ServiceApiTesting.refusesAnonymousAndWrongPassword(anonymous, () -> post("/api/templates/preview")
                .contentType(MediaType.APPLICATION_JSON).content("{\"productCode\":\"TRAVEL_CARD\"}"));
    }
}
