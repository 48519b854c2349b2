package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.console.access.AuditLog;
import io.beacon.console.review.OfferReview;
import io.beacon.console.review.Reviewing;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.console.review.ReviewRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** An RM reviews the offers in their book: the queue, the page, approve (with a note), reject, bulk, and every refusal. */
class ReviewFlowTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private AuditLog audit;

    @Autowired
    private Reviewing reviewing;

    @Autowired
    private ReviewRequests requests;

    @Test
    void theQueueShowsOnlyTheRmsOwnBookNearestDeadlineFirst() throws Exception {
        waiting("R-LATE", "C-1", "rm-1", Duration.ofHours(30));
        waiting("R-SOON", "C-1", "rm-1", Duration.ofHours(2));
        waiting("R-OTHER", "C-2", "rm-2", Duration.ofHours(1));

        String page = mvc.perform(get("/reviews").with(user("rm-1").roles("RM"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("R-SOON", "R-LATE").doesNotContain("R-OTHER", "C-2");
        assertThat(page.indexOf("R-SOON")).isLessThan(page.indexOf("R-LATE"));
        String admin = mvc.perform(get("/reviews").with(user("admin").roles("ADMIN"))).andReturn().getResponse().getContentAsString();
        assertThat(admin).contains("R-SOON", "R-LATE", "R-OTHER");
    }

    @Test
    void theReviewPageShowsTheCustomerMaskedTheDecisionTraceAndTheMessagePerChannel() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        String page = mvc.perform(get("/reviews/R-1").with(user("rm-1").roles("RM"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page)
                .contains("+44770****0123", "j***@example.com", "Jane", "AFFLUENT", "4 of 5")
                .doesNotContain(PHONE, EMAIL, "fcm-token-abcdef123456")
                .contains("LargeDeposit", "rules-7", "cat-3", "LOST_ARBITRATION", "score 0.30 below 0.42", "InvestmentRequiresCurrentRiskProfile")
                .contains("our Global Equity Fund could put your savings to work", "no email template for GLOBAL_EQUITY_FUND");
    }

    @Test
    void approvingWithAPersonalNoteTellsTheJourneyOnceAndIsAudited() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        mvc.perform(post("/reviews/R-1/approve").param("note", "  Happy to talk it through on Friday.  ")
                        .with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound()).andExpect(header().string("Location", "/reviews"));

        assertThat(messages()).containsExactly(new Reviewed("R-1", true, null, "Happy to talk it through on Friday.", "rm-1"));
        OfferReview review = reviews.find("R-1").orElseThrow();
        assertThat(review.status()).isEqualTo(OfferReview.Status.APPROVED);
        assertThat(review.decidedBy()).isEqualTo("rm-1");
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("approve");
            assertThat(entry.result()).isEqualTo("ACCEPTED");
        });

        String again = mvc.perform(post("/reviews/R-1/approve").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("was already approved by rm-1");
        assertThat(messages()).hasSize(1);
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedAndChangesNothing() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        String page = mvc.perform(post("/reviews/R-1/reject").param("reason", "   ").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("a rejection needs a reason");
        assertThat(reviews.find("R-1").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(messages()).isEmpty();
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> assertThat(entry.result()).isEqualTo("INVALID"));
    }

    @Test
    void aRejectionWithAReasonEndsTheOffer() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        mvc.perform(post("/reviews/R-1/reject").param("reason", "concentration in equities already high")
                .with(user("rm-1").roles("RM")).with(csrf())).andExpect(status().isFound());

        assertThat(messages()).containsExactly(new Reviewed("R-1", false, "concentration in equities already high", null, "rm-1"));
        assertThat(reviews.find("R-1").orElseThrow().status()).isEqualTo(OfferReview.Status.REJECTED);
    }

    @Test
    void aNoteTooLongForTheMessageIsRefused() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));

        mvc.perform(post("/reviews/R-1/approve").param("note", "x".repeat(281)).with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isBadRequest());

        assertThat(reviews.find("R-1").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(messages()).isEmpty();
    }

    @Test
    void aTamperedOrForeignOfferIdIsRefusedWithoutSayingWhetherItExists() throws Exception {
        waiting("R-2", "C-2", "rm-2", Duration.ofHours(10));

        for (String id : List.of("R-2", "R-DOES-NOT-EXIST", "R-2' || '1'=='1")) {
            String page = mvc.perform(post("/reviews/{id}/approve", id).with(user("rm-1").roles("RM")).with(csrf()))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("is waiting in your queue");
        }
        mvc.perform(get("/reviews/R-2").with(user("rm-1").roles("RM"))).andExpect(status().isNotFound());
        assertThat(reviews.find("R-2").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(messages()).isEmpty();
        assertThat(audit.search(null, null, null, 20)).filteredOn(e -> "NOTFOUND".equals(e.result())).hasSize(3);
    }

    @Test
    void anOfferPastItsSlaCannotBeDecided() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofMinutes(-5));

        String page = mvc.perform(post("/reviews/R-1/approve").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("expired at", "review SLA passed");
        assertThat(messages()).isEmpty();
    }

    @Test
    void theJourneyEndingTheReviewClosesItInTheQueue() {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));
        waiting("R-2", "C-1", "rm-1", Duration.ofHours(10));

        requests.outcomeArrived(outcome("R-1", OutcomeType.EXPIRED, ReasonCode.REVIEW_EXPIRED));
        requests.outcomeArrived(outcome("R-2", OutcomeType.OPTED_OUT, null));

        assertThat(reviews.find("R-1").orElseThrow().status()).isEqualTo(OfferReview.Status.EXPIRED);
        assertThat(reviews.find("R-2").orElseThrow().status()).isEqualTo(OfferReview.Status.WITHDRAWN);
        assertThat(reviews.pending("rm-1")).isEmpty();
    }

    @Test
    void whenTheEngineCannotTakeTheDecisionTheOfferWaitsAgain() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));
        failNextMessage(new IllegalStateException("gateway unavailable"));

        String page = mvc.perform(post("/reviews/R-1/approve").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("the offer is waiting again");
        assertThat(reviews.find("R-1").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        mvc.perform(post("/reviews/R-1/approve").with(user("rm-1").roles("RM")).with(csrf())).andExpect(status().isFound());
        assertThat(messages()).hasSize(1);
    }

    @Test
    void bulkApprovalApprovesEachPickedOfferOnItsOwn() throws Exception {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(10));
        waiting("R-2", "C-1", "rm-1", Duration.ofHours(10));
        waiting("R-3", "C-2", "rm-2", Duration.ofHours(10));

        mvc.perform(post("/reviews/bulk-approve").param("ids", "R-1", "R-2", "R-3").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound());

        assertThat(messages()).extracting(Reviewed::reviewId).containsExactlyInAnyOrder("R-1", "R-2");
        assertThat(reviews.find("R-3").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        mvc.perform(post("/reviews/bulk-approve").with(user("rm-1").roles("RM")).with(csrf())).andExpect(status().isBadRequest());
    }

    @Test
    void twoRmsDecidingTheSameOfferAtOnceProduceOneDecision() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "R-RACE-" + round;
            waiting(id, "C-1", "rm-1", Duration.ofHours(10));
            var rm = new UsernamePasswordAuthenticationToken("rm-1", "n/a", List.of(new SimpleGrantedAuthority("ROLE_RM")));
            var admin = new UsernamePasswordAuthenticationToken("admin", "n/a", List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
            var attempts = new ArrayList<Callable<Reviewing.Result>>(List.of(
                    () -> reviewing.approve(rm, id, null), () -> reviewing.reject(admin, id, "not now"),
                    () -> reviewing.approve(admin, id, null), () -> reviewing.approve(rm, id, "note")));
            try (var pool = Executors.newFixedThreadPool(4)) {
                var results = pool.invokeAll(attempts).stream().map(f -> {
                    try {
                        return f.get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
                assertThat(results).filteredOn(r -> r instanceof Reviewing.Decided).hasSize(1);
            }
        }
        assertThat(messages()).hasSize(20);
    }

    @Test
    void anRmRecordsACustomersOptOutWithTheConsentService() throws Exception {
        mvc.perform(post("/customers/C-1/opt-out").param("channel", "sms").param("reason", "phone call")
                .with(user("rm-1").roles("RM")).with(csrf())).andExpect(status().isFound());

        SERVICES.verify(putRequestedFor(urlPathEqualTo("/consent/api/consents/C-1")).withRequestBody(equalToJson(
                "{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\",\"actor\":\"rm-1\",\"reason\":\"phone call\"}")));
        mvc.perform(post("/customers/C-1/opt-out").param("channel", "fax").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/customers/C-1/opt-out").param("channel", "sms").with(user("rm-2").roles("RM")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/customers/C-1/opt-out").param("channel", "sms").with(user("compliance").roles("COMPLIANCE")).with(csrf()))
                .andExpect(status().isForbidden());
        SERVICES.verify(1, putRequestedFor(urlPathEqualTo("/consent/api/consents/C-1")));
    }

    @Test
    void theTimelineShowsOffersDecisionsAndConsentNewestFirstAndMasked() throws Exception {
        String page = mvc.perform(get("/customers/C-1").with(user("rm-1").roles("RM"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("TRIGGERED GLOBAL_EQUITY_FUND", "sms marketing granted", "/app/preferences", "+44770****0123")
                .doesNotContain(PHONE, EMAIL);
        assertThat(page.indexOf("TRIGGERED GLOBAL_EQUITY_FUND")).isLessThan(page.indexOf("sms marketing granted"));
    }

    private static OfferOutcome outcome(String instance, OutcomeType type, ReasonCode reason) {
        return new OfferOutcome(type, "C-1", "large-deposit-investment", instance, "Task_X", "LargeDeposit", "GLOBAL_EQUITY_FUND",
                null, reason, null, "E-" + instance, "D-1", Instant.now());
    }
}
