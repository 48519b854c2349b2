package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.Json;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ContentFiles;
import io.beacon.delivery.LiveTemplates;
import io.beacon.delivery.TestContent;
import io.beacon.platform.ServiceApiTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The SMS content over HTTP, on a copy of the shipped content folder that the tests edit as a marketer would. */
class ContentControllerTest {

    @TempDir
    Path folder;

    private LiveTemplates live;
    private MockMvc mvc;

    @BeforeEach
    void shippedContent() {
        TestContent.copy(TestContent.repositoryFolder(), folder);
        live = new LiveTemplates(Channel.SMS, folder, Duration.ofSeconds(2), false, files -> SmsText.templates(files, "Beacon Bank", 3),
                Clock.systemUTC());
        mvc = ServiceApiTesting.securedMockMvcAs("console", new ContentController(live),
                new TemplatePreviewController(new SmsText(live::current, SmsTextTest.NOV_22)));
    }

    @Test
    void saysWhichVersionServesSinceWhenFromWhereAndWhatItHolds() throws Exception {
        mvc.perform(get("/api/templates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("sms"))
                .andExpect(jsonPath("$.version").value(live.current().version()))
                .andExpect(jsonPath("$.directory").value(folder.toAbsolutePath().normalize().toString()))
                .andExpect(jsonPath("$.loadedAt").isNotEmpty())
                .andExpect(jsonPath("$.lastRejection").doesNotExist())
                .andExpect(jsonPath("$.templates[*].name").value(hasItem("easy-saver-intro-sms")))
                .andExpect(jsonPath("$.offersOwn[0]").value("campaign-offer-by-product-sms"));
    }

    @Test
    void aCheckAnswersEveryProblemOfAProposedTreeWithNoEffectOnTheLiveSet() throws Exception {
        String before = live.current().version();
        var files = new TreeMap<>(ContentFiles.read(folder).all());
        files.put("sms/zh-CN.yml", files.get("sms/zh-CN.yml").replace("【{{bankName}}】{{firstName}}您好，{{productName}}现已向您开放",
                "【{{bankName}}】{{fristName}}您好，{{productName}}现已向您开放"));

        mvc.perform(post("/api/templates/check").contentType(MediaType.APPLICATION_JSON).content(Json.mapper().writeValueAsString(Map.of("files", files))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(not(before)))
                .andExpect(jsonPath("$.problems.length()").value(1))
                .andExpect(jsonPath("$.problems[0].file").value("content/sms/zh-CN.yml"))
                .andExpect(jsonPath("$.problems[0].locale").value("zh-CN"))
                .andExpect(jsonPath("$.problems[0].place").value("easy-saver-intro-sms"))
                .andExpect(jsonPath("$.problems[0].message").value(containsString("unknown placeholder {{fristName}}")));

        assertThat(live.current().version()).isEqualTo(before);
        mvc.perform(get("/api/templates")).andExpect(jsonPath("$.version").value(before)).andExpect(jsonPath("$.lastRejection").doesNotExist());
        mvc.perform(post("/api/templates/check").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("files: required")));
    }

    @Test
    void aGoodChangeToTheFolderGoesLiveAndABadOneKeepsThePreviousSetAndIsReported() throws Exception {
        Path english = folder.resolve("sms/en.yml");
        Files.writeString(english, Files.readString(english).replace("has no fees abroad", "costs nothing abroad"));
        live.poll();
        live.poll();
        String good = live.current().version();
        preview("TRAVEL_CARD").andExpect(jsonPath("$.parts.text").value(containsString("costs nothing abroad")));

        Files.writeString(english, Files.readString(english).replace("costs nothing abroad. Apply by {{validUntil}}. Reply STOP to opt out",
                "costs nothing abroad. Apply by {{validUntil}}."));
        live.poll();
        live.poll();

        mvc.perform(get("/api/templates"))
                .andExpect(jsonPath("$.version").value(good))
                .andExpect(jsonPath("$.lastRejection.problems[*].place").value(hasItem("travel-card-intro-sms")))
                .andExpect(jsonPath("$.lastRejection.problems[0].file").value("content/sms/en.yml"))
                .andExpect(jsonPath("$.lastRejection.problems[0].message").value("does not carry the way out (the keyword STOP)"));
        preview("TRAVEL_CARD").andExpect(jsonPath("$.parts.text").value(containsString("costs nothing abroad. Apply by")))
                .andExpect(jsonPath("$.parts.text").value(containsString("Reply STOP")));
    }

    @Test
    void previewsATemplateAsAStepNamesIt() throws Exception {
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"template\":\"easy-saver-goal-sms\",\"locale\":\"es\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.template").value("easy-saver-goal-sms"))
                .andExpect(jsonPath("$.locale").value("es"));
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"template\":\"campaign-offer-by-product-sms\",\"productCode\":\"CREDIT_CARD\",\"personalised\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.template").value("credit-card-generic-sms"));
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON).content("{\"template\":\"campaign-offer-by-product-sms\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/productCode"));
        mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON).content("{\"template\":\"easy-saver-outro-sms\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/template"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("'easy-saver-outro-sms' is no sms template")));
    }

    @Test
    void theContentNeedsACaller() throws Exception {
        var anonymous = ServiceApiTesting.securedMockMvc(new ContentController(live));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(anonymous, () -> get("/api/templates"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(anonymous, () -> post("/api/templates/check")
                .contentType(MediaType.APPLICATION_JSON).content("{\"files\":{}}"));
    }

    private org.springframework.test.web.servlet.ResultActions preview(String product) throws Exception {
        return mvc.perform(post("/api/templates/preview").contentType(MediaType.APPLICATION_JSON)
                .content("{\"productCode\":\"" + product + "\",\"locale\":\"en-GB\"}")).andExpect(status().isOk());
    }
}
