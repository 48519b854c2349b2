package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.console.review.OfferReview;
import io.beacon.console.review.ReviewRequests;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Maker-checker in real headless Chromium (ADR 0028): the RM's note with a phone number is refused on the page, the RM
 * approves with a clean note, and the checker, signed in as the local user {@code checker}, reviews the case with the
 * RM's note and approves it. Screenshots in target/screenshots.
 */
class MakerCheckerBrowserTest extends BrowserTestBase {

    @Autowired
    private ReviewRequests requests;

    @Test
    void theRmApprovesAFlaggedOfferAndTheCheckerReviewsAndApprovesIt() {
        flagged("R-1", "C-1", "rm-1", Duration.ofHours(5));
        signIn("rm-1", "beacon-rm-1");
        assertThat(browser.find("#checker-R-1").getText()).isEqualTo("needs a checker");
        browser.open(url("/reviews/R-1"));
        assertThat(browser.find("#second-approval").getText()).contains("needs a second approval");

        browser.find("#note").sendKeys("Call me on +86 138 0013 8000");
        browser.clickAndWait("#approve");
        assertThat(browser.find("#problem").getText()).contains("it contains a phone number (+***********00)");
        assertThat(browser.find("#status").getText()).isEqualTo("PENDING");
        browser.screenshot("maker-note-refused");
        assertThat(messages()).isEmpty();

        browser.find("#note").clear();
        browser.find("#note").sendKeys("Happy to go through it with you on Friday.");
        browser.clickAndWait("#approve");
        assertThat(browser.text()).contains("approved; it now waits for a checker's approval");
        // the journey asks for the check (request-offer-check)
        requests.requestCheck(Map.of("sourceEventId", "E-R-1"), "large-deposit-investment", "R-1");

        browser.driver().manage().deleteAllCookies();
        signIn("checker", "beacon-checker");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/reviews/checks");
        assertThat(browser.text()).contains("Offers waiting for a second approval", "C-1", "GLOBAL_EQUITY_FUND", "rm-1");
        browser.screenshot("checker-queue");
        browser.clickAndWait("#open-R-1");
        assertThat(browser.find("#rm-note").getText()).isEqualTo("Happy to go through it with you on Friday.");
        assertThat(browser.find("#rm-by").getText()).isEqualTo("rm-1");
        assertThat(browser.text()).contains("+44770****0123", "j***@example.com", "LOST_ARBITRATION").doesNotContain(PHONE, EMAIL);
        browser.screenshot("checker-case");
        browser.clickAndWait("#check-approve");

        assertThat(browser.text()).contains("approved by the checker: it goes out", "Nothing waits for a check.");
        browser.screenshot("checker-approved");
        assertThat(checks()).containsExactly(new Checked("R-1", true, null, "checker"));
        assertThat(reviews.find("R-1").orElseThrow().check().status()).isEqualTo(OfferReview.Status.APPROVED);
    }
}
