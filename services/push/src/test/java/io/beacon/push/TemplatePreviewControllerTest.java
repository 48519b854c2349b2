package io.beacon.push;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class TemplatePreviewControllerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(
            new TemplatePreviewController(PushText.load("Beacon Bank", "beacon://preferences", PushTextTest.NOV_22))).build();

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
                .andExpect(jsonPath("$.field").value("/productCode"))
                .andExpect(jsonPath("$.message").value(containsString("no push template for product 'NOPE'")));
    }
}
