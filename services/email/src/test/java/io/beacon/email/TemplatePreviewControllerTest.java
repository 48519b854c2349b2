package io.beacon.email;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.UnsubscribeTokens;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class TemplatePreviewControllerTest {

    /** Through email's own filter chain, as the console previews a template. */
    private final MockMvc mvc = ServiceApiTesting.securedMockMvcAs("console", controller());

    private static TemplatePreviewController controller() {
        return new TemplatePreviewController(EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"), URI.create("https://bank.example/profiling"),
                new UnsubscribeTokens("test-secret-test-secret-test-secret"), null, EmailTextTest.NOV_22));
    }

    @Test
    void rendersATemplateInItsLayoutForASampleCustomer() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"TRAVEL_CARD\",\"locale\":\"zh-CN\",\"firstName\":\"小明\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("【Beacon Bank】多币种旅行卡境外消费免手续费"))
                .andExpect(jsonPath("$.text").value(containsString("小明您好")))
                .andExpect(jsonPath("$.html").value(containsString("1 Example Street, London")));
    }

    @Test
    void namesWhatIsWrongWithABadRequest() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"en\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/productCode"));
    }

    @Test
    void aPreviewNeedsACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(ServiceApiTesting.securedMockMvc(controller()), () -> post("/api/templates/preview")
                .contentType(MediaType.APPLICATION_JSON).content("{\"productCode\":\"TRAVEL_CARD\"}"));
    }
}
