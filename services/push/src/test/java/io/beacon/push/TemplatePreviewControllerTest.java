package io.beacon.push;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class TemplatePreviewControllerTest {

    /** Through push's own filter chain, as the console previews a template. */
    private final MockMvc mvc = ServiceApiTesting.securedMockMvcAs("console", controller());

    private static TemplatePreviewController controller() {
        return new TemplatePreviewController(PushText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", "beacon://preferences", PushTextTest.NOV_22));
    }

    @Test
    void rendersATemplateForASampleCustomer() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productCode\":\"GLOBAL_EQUITY_FUND\",\"locale\":\"es-ES\",\"personalised\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Beacon Bank"))
                .andExpect(jsonPath("$.body").value(containsString("Su capital está en riesgo")))
                .andExpect(jsonPath("$.data.preferencesLink").value("beacon://preferences"));
    }

    @Test
    void namesWhatIsWrongWithABadRequest() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON).content("{\"productCode\":\"NOPE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/productCode"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("no push template for product 'NOPE'")));
    }

    @Test
    void aPreviewNeedsACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(ServiceApiTesting.securedMockMvc(controller()), () -> post("/api/templates/preview")
                .contentType(MediaType.APPLICATION_JSON).content("{\"productCode\":\"GLOBAL_EQUITY_FUND\"}"));
    }
}
