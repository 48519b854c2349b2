package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.console.access.AuditLog;
import io.beacon.console.access.ConsoleSecurity;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Every role boundary of the console, enforced by the server whatever the pages link to. */
class ConsoleAccessTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private AuditLog audit;

    private static RequestPostProcessor as(String who) {
        return switch (who) {
            case "rm-1", "rm-2" -> user(who).roles("RM");
            case "ops" -> user(who).roles("MARKETING_OPS");
            case "compliance" -> user(who).roles("COMPLIANCE");
            case "admin" -> user(who).roles("ADMIN");
            default -> throw new IllegalArgumentException(who);
        };
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @CsvSource({
            "rm-1, /reviews, 200", "admin, /reviews, 200", "ops, /reviews, 403", "compliance, /reviews, 403",
            "ops, /ops, 200", "admin, /ops, 200", "rm-1, /ops, 403", "compliance, /ops, 403",
            "ops, /ops/simulate, 200", "rm-1, /ops/simulate, 403",
            "ops, /ops/campaigns, 200", "admin, /ops/campaigns, 200", "rm-1, /ops/campaigns, 403", "compliance, /ops/campaigns, 403",
            "ops, /api/funnel, 200", "rm-1, /api/funnel, 403", "compliance, /api/outcomes, 403",
            "ops, /api/funnel.csv, 200", "admin, /api/funnel.csv, 200", "rm-1, /api/funnel.csv, 403", "compliance, /api/funnel.csv, 403",
            "compliance, /compliance, 200", "admin, /compliance, 200", "rm-1, /compliance, 403", "ops, /compliance, 403",
            "compliance, /compliance/export.csv?customerId=C-1, 200", "ops, /compliance/export.csv?customerId=C-1, 403",
            "rm-1, /customers/C-1, 200", "rm-2, /customers/C-1, 403", "compliance, /customers/C-1, 200",
            "admin, /customers/C-1, 200", "ops, /customers/C-1, 403",
            "admin, /actuator/metrics, 200", "ops, /actuator/metrics, 403"})
    void eachRoleReachesOnlyWhatItsWorkNeeds(String who, String path, int expected) throws Exception {
        mvc.perform(get(path).with(as(who))).andExpect(status().is(expected));
    }

    @Test
    void anRmOpeningAnotherRmsCustomerIsRefusedAndAudited() throws Exception {
        String page = mvc.perform(get("/customers/C-1").with(as("rm-2")))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("customer C-1 is not in your book");
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("rm-2");
            assertThat(entry.result()).isEqualTo("FORBIDDEN");
        });
    }

    @ParameterizedTest
    @CsvSource({"/reviews", "/ops", "/compliance", "/customers/C-1", "/api/funnel", "/api/funnel.csv"})
    void withoutSigningInEveryPageLeadsToTheSignInPage(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isFound()).andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
    }

    @Test
    void healthAndTheSignInPageNeedNoSignIn() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/console.css")).andExpect(status().isOk());
    }

    @Test
    void aFormPostedWithAForgedCsrfTokenChangesNothingAndIsAudited() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        String page = mvc.perform(post("/reviews/R-1/approve").with(as("rm-1")).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getErrorMessage();

        assertThat(page).contains("CSRF token");
        assertThat(reviews.find("R-1").orElseThrow().status().name()).isEqualTo("PENDING");
        assertThat(messages()).isEmpty();
        assertThat(audit.search(null, null, null, 10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("rm-1");
            assertThat(entry.result()).isEqualTo("CSRF_REFUSED");
        });
    }

    @Test
    void aFormPostedWithoutACsrfTokenIsRefused() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        mvc.perform(post("/reviews/R-1/approve").with(as("rm-1"))).andExpect(status().isForbidden());

        assertThat(reviews.find("R-1").orElseThrow().status().name()).isEqualTo("PENDING");
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/reviews").with(as("rm-1")))
                .andExpect(header().string("Content-Security-Policy", ConsoleSecurity.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
    }

    @Test
    void aLocalUserSignsInWithTheFormAndGetsAStrictSessionCookie() throws Exception {
        var response = mvc.perform(post("/login").param("username", "rm-1").param("password", "beacon-rm-1").with(csrf()))
                .andExpect(status().isFound()).andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/")))
                .andReturn().getResponse();
        assertThat(response.getCookie("JSESSIONID")).satisfiesAnyOf(
                cookie -> assertThat(cookie).isNull(), // MockMvc keeps the session in the request, not always as a cookie
                cookie -> assertThat(cookie.isHttpOnly()).isTrue());

        mvc.perform(post("/login").param("username", "rm-1").param("password", "wrong").with(csrf()))
                .andExpect(status().isFound()).andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login?error")));
        assertThat(audit.search(null, null, null, 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("sign-in");
            assertThat(entry.result()).isEqualTo("REFUSED");
        });
    }

    @ParameterizedTest
    @CsvSource({"rm-1, /reviews", "ops, /ops", "compliance, /compliance", "admin, /ops"})
    void eachRoleLandsOnItsOwnStartPage(String who, String start) throws Exception {
        mvc.perform(get("/").with(as(who))).andExpect(status().isFound()).andExpect(header().string("Location", start));
    }

}
