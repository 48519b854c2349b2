package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.console.access.AuditLog;
import io.beacon.console.review.OfferReview;
import io.beacon.console.review.ReviewRequests;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Maker-checker for the offers the catalogue flags (ADR 0028): the RM's note is checked before the approval is taken,
 * the offer then waits for a checker who is not that RM, bulk approval refuses it, and compliance sees both decisions.
 */
class MakerCheckerTest extends ConsoleTestBase {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private AuditLog audit;

    @Autowired
    private ReviewRequests requests;

    /** The RM approved R-1 (flagged) with a note, and the journey asked for the check. */
    private void approvedByRmAndWaitingForTheChecker() throws Exception {
        flagged("R-1", "C-1", "rm-1", Duration.ofHours(10));
        mvc.perform(post("/reviews/R-1/approve").param("note", "Happy to walk you through the fund on Friday.")
                .with(user("rm-1").roles("RM")).with(csrf())).andExpect(status().isFound());
        requests.requestCheck(Map.of("sourceEventId", "E-R-1"), "large-deposit-investment", "R-1");
    }

    @Test
    void aNoteWithAPhoneNumberIsRefusedSayingWhyAndNothingIsStoredOrSent() throws Exception {
        flagged("R-1", "C-1", "rm-1", Duration.ofHours(10));

        String page = mvc.perform(post("/reviews/R-1/approve").param("note", "Call me on +86 138 0013 8000, it is risk-free")
                        .with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("the personal note cannot go into the message", "it contains a phone number (+***********00)",
                "it makes a forbidden promise (&#39;risk-free&#39;)").doesNotContain("138 0013 8000");
        OfferReview review = reviews.find("R-1").orElseThrow();
        assertThat(review.status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(review.note()).isNull();
        assertThat(messages()).isEmpty();
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("approve");
            assertThat(entry.result()).isEqualTo("INVALID");
            assertThat(entry.detail()).isEqualTo("personal note refused: phone-number, forbidden-promise");
        });
    }

    @Test
    void theRmsApprovalOfAFlaggedOfferWaitsForTheCheckerWhoSeesTheCaseAndTheNote() throws Exception {
        approvedByRmAndWaitingForTheChecker();

        assertThat(messages()).containsExactly(new Reviewed("R-1", true, null, "Happy to walk you through the fund on Friday.", "rm-1"));
        assertThat(reviews.find("R-1").orElseThrow().awaitingCheck()).isTrue();
        String queue = mvc.perform(get("/reviews/checks").with(user("checker").roles("OFFER_CHECKER"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("R-1", "C-1", "GLOBAL_EQUITY_FUND", "rm-1");

        String page = mvc.perform(get("/reviews/checks/R-1").with(user("checker").roles("OFFER_CHECKER"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Happy to walk you through the fund on Friday.", "rm-1", "APPROVED", "+44770****0123", "j***@example.com",
                        "LOST_ARBITRATION", "our Global Equity Fund could put your savings to work", "check-approve")
                .doesNotContain(PHONE, EMAIL);
    }

    @Test
    void theCheckersApprovalTellsTheJourneyOnceAndIsAuditedAndInCompliance() throws Exception {
        approvedByRmAndWaitingForTheChecker();

        mvc.perform(post("/reviews/checks/R-1/approve").with(user("checker").roles("OFFER_CHECKER")).with(csrf()))
                .andExpect(status().isFound()).andExpect(header().string("Location", "/reviews/checks"));

        assertThat(checks()).containsExactly(new Checked("R-1", true, null, "checker"));
        OfferReview review = reviews.find("R-1").orElseThrow();
        assertThat(review.check().status()).isEqualTo(OfferReview.Status.APPROVED);
        assertThat(review.check().by()).isEqualTo("checker");
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("check-approve");
            assertThat(entry.result()).isEqualTo("ACCEPTED");
        });
        String again = mvc.perform(post("/reviews/checks/R-1/approve").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("was already approved by checker");
        assertThat(checks()).hasSize(1);

        String csv = mvc.perform(get("/compliance/export.csv").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).contains(",review,C-1,GLOBAL_EQUITY_FUND,APPROVED,approved with a personal note,rm-1,")
                .contains(",review,C-1,GLOBAL_EQUITY_FUND,CHECK_APPROVED,second approval after rm-1,checker,")
                .contains(",console,C-1,,check-approve ACCEPTED,");
    }

    @Test
    void theCheckerRejectsWithAReasonAndTheRejectionIsInCompliance() throws Exception {
        approvedByRmAndWaitingForTheChecker();

        mvc.perform(post("/reviews/checks/R-1/reject").param("reason", " ").with(user("checker").roles("OFFER_CHECKER")).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(checks()).isEmpty();
        mvc.perform(post("/reviews/checks/R-1/reject").param("reason", "concentration limit for this customer")
                .with(user("checker").roles("OFFER_CHECKER")).with(csrf())).andExpect(status().isFound());

        assertThat(checks()).containsExactly(new Checked("R-1", false, "concentration limit for this customer", "checker"));
        assertThat(reviews.find("R-1").orElseThrow().check().status()).isEqualTo(OfferReview.Status.REJECTED);
        String page = mvc.perform(get("/compliance").param("customerId", "C-1").with(user("compliance").roles("COMPLIANCE")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("CHECK_REJECTED", "concentration limit for this customer", "check-reject ACCEPTED", "check-reject INVALID");
    }

    @Test
    void theRmWhoApprovedCannotCheckTheirOwnApprovalEvenAsAnAdmin() throws Exception {
        flagged("R-1", "C-1", "admin", Duration.ofHours(10));
        mvc.perform(post("/reviews/R-1/approve").with(user("admin").roles("ADMIN")).with(csrf())).andExpect(status().isFound());
        requests.requestCheck(Map.of("sourceEventId", "E-R-1"), "large-deposit-investment", "R-1");

        String refused = mvc.perform(post("/reviews/checks/R-1/approve").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();

        assertThat(refused).contains("you approved offer R-1 as its relationship manager", "four eyes");
        assertThat(checks()).isEmpty();
        assertThat(reviews.find("R-1").orElseThrow().awaitingCheck()).isTrue();
        assertThat(audit.search(null, null, "C-1", 10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("check-approve");
            assertThat(entry.result()).isEqualTo("FORBIDDEN");
        });
        String page = mvc.perform(get("/reviews/checks/R-1").with(user("admin").roles("ADMIN"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("own-approval").doesNotContain("id=\"check-approve\"");
    }

    @Test
    void onlyCheckersAndAdminsSeeTheChecksAndAnRmCannotCheck() throws Exception {
        approvedByRmAndWaitingForTheChecker();

        mvc.perform(get("/reviews/checks").with(user("rm-2").roles("RM"))).andExpect(status().isForbidden());
        mvc.perform(post("/reviews/checks/R-1/approve").with(user("rm-2").roles("RM")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/reviews").with(user("checker").roles("OFFER_CHECKER"))).andExpect(status().isForbidden());
        mvc.perform(get("/reviews/checks/R-DOES-NOT-EXIST").with(user("checker").roles("OFFER_CHECKER"))).andExpect(status().isNotFound());
        assertThat(checks()).isEmpty();
    }

    @Test
    void bulkApprovalRefusesFlaggedOffersServerSideAndTheQueueDoesNotOfferIt() throws Exception {
        flagged("R-FLAGGED", "C-1", "rm-1", Duration.ofHours(10));
        waiting("R-PLAIN", "C-1", "rm-1", Duration.ofHours(10));

        String queue = mvc.perform(get("/reviews").with(user("rm-1").roles("RM"))).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("pick-R-PLAIN", "checker-R-FLAGGED").doesNotContain("pick-R-FLAGGED");

        mvc.perform(post("/reviews/bulk-approve").param("ids", "R-FLAGGED", "R-PLAIN").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isFound());
        assertThat(reviews.find("R-PLAIN").orElseThrow().status()).isEqualTo(OfferReview.Status.APPROVED);
        assertThat(reviews.find("R-FLAGGED").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(messages()).extracting(Reviewed::reviewId).containsExactly("R-PLAIN");

        String alone = mvc.perform(post("/reviews/bulk-approve").param("ids", "R-FLAGGED").with(user("rm-1").roles("RM")).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(alone).contains("needs a second approval (maker-checker)", "it was not approved");
        assertThat(reviews.find("R-FLAGGED").orElseThrow().status()).isEqualTo(OfferReview.Status.PENDING);
        assertThat(audit.search(null, null, "C-1", 20)).filteredOn(e -> e.action().equals("bulk-approve") && e.result().equals("INVALID"))
                .hasSize(2);
    }

    @Test
    void theSlaPassingWhileTheCheckWaitsClosesTheCheckAndNoCheckIsTakenAfterIt() throws Exception {
        approvedByRmAndWaitingForTheChecker();

        requests.outcomeArrived(new OfferOutcome(OutcomeType.EXPIRED, "C-1", "large-deposit-investment", "R-1", "Task_RecordCheckExpired",
                "LargeDeposit", "GLOBAL_EQUITY_FUND", null, ReasonCode.REVIEW_EXPIRED, null, "E-R-1", "D-1", Instant.now()));

        OfferReview review = reviews.find("R-1").orElseThrow();
        assertThat(review.status()).isEqualTo(OfferReview.Status.APPROVED);
        assertThat(review.check().status()).isEqualTo(OfferReview.Status.EXPIRED);
        assertThat(reviews.pendingChecks()).isEmpty();
        mvc.perform(post("/reviews/checks/R-1/approve").with(user("checker").roles("OFFER_CHECKER")).with(csrf()))
                .andExpect(status().isConflict());
        assertThat(checks()).isEmpty();
    }

    @Test
    void whenTheEngineCannotTakeTheCheckItWaitsAgain() throws Exception {
        approvedByRmAndWaitingForTheChecker();
        failNextMessage(new IllegalStateException("engine down"));

        mvc.perform(post("/reviews/checks/R-1/approve").with(user("checker").roles("OFFER_CHECKER")).with(csrf()))
                .andExpect(status().isServiceUnavailable());

        assertThat(reviews.find("R-1").orElseThrow().awaitingCheck()).isTrue();
        assertThat(checks()).isEmpty();
    }

    @Test
    void theReviewRequestCarriesTheFlagAndTheDeadlineTheJourneyTimesBothStepsBy() {
        var review = requests.request(Map.of("customerId", "C-1", "productCode", "GLOBAL_EQUITY_FUND", "sourceEventId", "E-9",
                "reviewSla", "PT8H", "secondApproval", true), "large-deposit-investment", "77", "Task_RequestRmReview");
        var again = requests.request(Map.of("customerId", "C-1", "productCode", "GLOBAL_EQUITY_FUND", "sourceEventId", "E-9",
                "reviewSla", "PT8H", "secondApproval", true), "large-deposit-investment", "77", "Task_RequestRmReview");

        assertThat(review.secondApproval()).isTrue();
        assertThat(ReviewRequests.jobResult(again)).isEqualTo(Map.of("reviewDueAt", review.dueAt().toString()));
        assertThat(reviews.find(review.id()).orElseThrow().secondApproval()).isTrue();
    }
}
