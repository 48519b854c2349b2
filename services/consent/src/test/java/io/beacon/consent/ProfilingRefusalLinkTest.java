package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.LogLines;
import io.beacon.contracts.Topics;
import org.bson.Document;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The link in every marketing email that refuses profiling (PIPL Art. 24), as the email service makes it. */
class ProfilingRefusalLinkTest {

    private ConsentFixture consent;
    private LogLines audit;
    private MockMvc mvc;
    private String token;

    @BeforeEach
    void start() {
        consent = new ConsentFixture().consenting("C-1001");
        audit = new LogLines("io.beacon.consent.audit");
        // through consent's own filter chain: the link works with no login or cookie, as the unsubscribe link does
        mvc = io.beacon.platform.ServiceApiTesting.securedMockMvc(new ProfilingRefusalController(consent.tokens, consent.changes),
                new ConsentController(consent.ledger, consent.changes, consent.leases));
        // what EmailText puts in the email: the same secret, the profiling refusal's own keys
        token = new io.beacon.platform.UnsubscribeTokens(ConsentFixture.SECRET).profilingRefusal().tokenFor("C-1001");
    }

    @AfterEach
    void stop() {
        audit.close();
        consent.close();
    }

    @Test
    void followingTheLinkShowsAConfirmationInTheEmailsLanguage_thenRecordsTheRefusalWithItsSource() throws Exception {
        String before = consent.everything();
        mvc.perform(get("/profiling/" + token).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<html lang=\"zh-CN\">")))
                .andExpect(content().string(Matchers.containsString("停止使用我的个人信息挑选优惠")))
                .andExpect(content().string(Matchers.containsString("name=\"profiling\" value=\"refuse\"")));
        assertThat(consent.everything()).as("the page alone changes nothing").isEqualTo(before);

        mvc.perform(post("/profiling/" + token).param("lang", "zh-CN").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("profiling=refuse"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("一般优惠")));

        assertThat(consent.ledger.history("C-1001")).last().satisfies(entry -> {
            assertThat(entry.getString("channel")).isEqualTo("all");
            assertThat(entry.getString("purpose")).isEqualTo("profiling");
            assertThat(entry.getBoolean("granted")).isFalse();
            assertThat(entry.getString("source")).isEqualTo("/email/profiling-link");
        });
        for (String channel : io.beacon.consent.ConsentLedger.CHANNELS) {
            assertThat(consent.ledger.current("C-1001").get(channel, Document.class).get("profiling", Document.class).getBoolean("granted"))
                    .as(channel).isFalse();
        }
        // marketing itself is untouched: this is not an unsubscribe
        assertThat(consent.ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
        assertThat(consent.announced).containsExactly(Topics.CONSENT_CHANGES);
        assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("profiling refused by customer C-1001"));
        // and the app's preferences page shows it
        mvc.perform(get("/api/preferences/C-1001").with(io.beacon.platform.ServiceApiTesting.caller("app"))).andExpect(jsonPath("$.profiling").value(false));
    }

    @Test
    void theConfirmationSpeaksEnglishAndSpanishToo() throws Exception {
        mvc.perform(get("/profiling/" + token).param("lang", "es-ES"))
                .andExpect(content().string(Matchers.containsString("No usar mis datos para elegir ofertas")));
        mvc.perform(get("/profiling/" + token))
                .andExpect(content().string(Matchers.containsString("Stop using my data to choose offers")));
    }

    @Test
    void aForgedAlteredOrMalformedTokenOrAnUnsubscribeToken_isAClearErrorWithAnAuditLineAndChangesNothing() throws Exception {
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String unsubscribeToken = consent.tokens.tokenFor("C-1001");
        String before = consent.everything();

        for (String bad : new String[] {altered, "not-a-token", "AAAA", unsubscribeToken}) {
            mvc.perform(post("/profiling/" + bad).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("profiling=refuse"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(Matchers.containsString("This link is not valid")))
                    .andExpect(content().string(Matchers.containsString("Nothing was changed")));
            mvc.perform(get("/profiling/" + bad)).andExpect(status().isBadRequest());
        }

        assertThat(consent.everything()).isEqualTo(before);
        assertThat(consent.announced).isEmpty();
        assertThat(audit.lines()).filteredOn(line -> line.contains("not one Beacon issued")).hasSize(8);
    }

    @Test
    void aPostWithoutTheFormsFieldChangesNothing() throws Exception {
        String before = consent.everything();

        mvc.perform(post("/profiling/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("profiling=maybe"))
                .andExpect(status().isBadRequest());

        assertThat(consent.everything()).isEqualTo(before);
        assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("did not post profiling=refuse"));
    }
}
