package io.beacon.console;

import static io.beacon.console.OutcomeFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in real headless Chromium (Debian's), signed in through its own form, as each role uses it. Screenshots
 * of every step are kept in target/screenshots.
 */
class ConsoleBrowserTest extends BrowserTestBase {

    @Autowired
    private OutcomeStore outcomes;

    @Test
    void anRmSignsInReviewsTheOfferAndApprovesItWithANote() {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(5));
        signIn("rm-1", "beacon-rm-1");

        assertThat(browser.driver().getCurrentUrl()).endsWith("/reviews");
        assertThat(browser.text()).contains("Offers waiting for your review", "C-1", "GLOBAL_EQUITY_FUND");
        browser.screenshot("rm-queue");

        browser.clickAndWait("tr[data-review='R-1'] a.button");
        assertThat(browser.text()).contains("+44770****0123", "j***@example.com", "LOST_ARBITRATION", "Reply STOP to opt out")
                .doesNotContain(PHONE, EMAIL);
        browser.find("#note").sendKeys("Happy to go through it with you on Friday.");
        browser.screenshot("rm-review");
        browser.clickAndWait("#approve");

        assertThat(browser.text()).contains("offer GLOBAL_EQUITY_FUND for customer C-1 approved", "Nothing waits for you.");
        browser.screenshot("rm-approved");
        assertThat(messages()).containsExactly(new Reviewed("R-1", true, null, "Happy to go through it with you on Friday.", "rm-1"));
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedOnThePage() {
        waiting("R-1", "C-1", "rm-1", Duration.ofHours(5));
        signIn("rm-1", "beacon-rm-1");
        browser.open(url("/reviews/R-1"));

        browser.clickAndWait("#reject");

        assertThat(browser.find("#problem").getText()).contains("a rejection needs a reason");
        assertThat(browser.find("#status").getText()).isEqualTo("PENDING");
        browser.screenshot("rm-reject-without-reason");
        assertThat(messages()).isEmpty();
    }

    @Test
    void anRmOpeningAnotherRmsCustomerIsRefusedByTheServer() {
        signIn("rm-2", "beacon-rm-2");

        browser.open(url("/customers/C-1"));

        assertThat(browser.text()).contains("Not allowed", "customer C-1 is not in your book").doesNotContain("AFFLUENT");
        browser.screenshot("rm-other-book-refused");
    }

    @Test
    void marketingOpsSeeTheFunnelMoveWithoutReloading() {
        outcomes.record("o-1", outcome("C-1", OutcomeType.TRIGGERED), T0);
        signIn("ops", "beacon-ops");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/ops");
        assertThat(browser.text()).contains("large-deposit-investment", "leverage", "Channel health", "OPEN", "rules-7");
        assertThat(browser.find("#deployed-title").findElement(By.xpath("..")).getText()).contains("leverage 3 17");
        assertThat(browser.find("#engine").getText()).isEqualTo("Engine epoch 2, CURRENT; a new engine was found at 2026-11-20T07:58:00Z: "
                + "journeys redeployed, the running ones re-created");
        browser.screenshot("ops-before");

        outcomes.record("o-2", outcome("C-2", OutcomeType.TRIGGERED), T0.plusSeconds(1));
        outcomes.record("o-3", outcome("C-2", OutcomeType.SENT), T0.plusSeconds(2));

        browser.await(Duration.ofSeconds(15), driver -> driver.findElement(By.id("funnels")).getText().contains("Sent 1 50 % of triggered"));
        assertThat(browser.find("#funnels").getText()).contains("Proposed 2 100 % of proposed", "Triggered 2 100 % of proposed");
        browser.screenshot("ops-after-refresh");
    }

    @Test
    void marketingOpsFilterTheFunnelsByDateAndByJourney() {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/journeys/api/journeys"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(FunnelFixture.DEPLOYED)));
        FunnelFixture.seed(outcomes);
        signIn("ops", "beacon-ops");

        var funnels = browser.driver().findElements(By.cssSelector("#funnels article.journey h2")).stream().map(e -> e.getText()).toList();
        assertThat(funnels).containsExactly("All journeys", "large-deposit-investment", "salary-savings", "(no journey)");
        // what the rules proposed: 7 triggered and 2 suppressed at the decision; the journeys' lines are shares of the 7 triggered
        assertThat(article(0)).contains("Proposed 9 100 % of proposed", "Suppressed at decision 2 22 % of proposed", "NO_PROFILE 1 11 % of proposed",
                "Triggered 7 78 % of proposed", "Refused on a channel 1 14 % of triggered", "Suppressed in journey 0 0 % of triggered", "Sent 4 57 % of triggered", "Delivered 1 25 % of sent");
        assertThat(article(3)).contains("Proposed 2 100 % of proposed", "Triggered 1 50 % of proposed", "NO_PROFILE 1 50 % of proposed");
        assertThat(browser.find("#automated-share").getText())
                .isEqualTo("Automated share: 100.0 % (6 of 6 journey runs reached their outcomes with no human step)");
        assertThat(browser.find("#uplift tr[data-scope='JOURNEY'][data-journey='salary-savings']").getText())
                .contains("salary-savings", "33.3 % (1/3)", "0.0 % (0/1)", "+33.3 pp");
        assertThat(browser.find("#uplift tr[data-scope='JOURNEY'][data-journey='large-deposit-investment']").getText())
                .contains("no control customers (n = 0): no uplift or interval");
        browser.screenshot("ops-funnel-and-uplift");

        // day 2 only: a5 in salary-savings, both customers of large-deposit-investment
        browser.find("#filter-from").sendKeys("2026-03-03");
        browser.clickAndWait("#apply-filter");
        assertThat(browser.driver().getCurrentUrl()).contains("from=2026-03-03");
        assertThat(browser.driver().findElements(By.cssSelector("#funnels article.journey h2")).stream().map(e -> e.getText()).toList())
                .containsExactly("All journeys", "large-deposit-investment", "salary-savings");
        assertThat(article(0)).contains("Triggered 3 100 % of proposed", "Sent 2 67 % of triggered", "Converted 1 33 % of triggered",
                "Opted out 1 33 % of triggered");
        assertThat(article(2)).contains("Triggered 1 100 % of proposed", "Sent 1 100 % of triggered", "Converted 1 100 % of triggered",
                "Step Triggered Sent Converted", "Decision_Trigger 1 0 0", "Task_SendSms 0 1 0", "Event_Converted 0 0 1");
        assertThat(browser.find("#funnel-csv").getAttribute("href")).endsWith("/api/funnel.csv?from=2026-03-03");
        browser.screenshot("ops-funnel-day-2");

        // one journey up to the end of day 1: what console.js draws from /api/funnel is what the server drew
        browser.find("#filter-journey option[value='salary-savings']").click();
        browser.find("#filter-from").clear();
        browser.find("#filter-to").sendKeys("2026-03-02");
        browser.clickAndWait("#apply-filter");
        assertThat(browser.driver().findElements(By.cssSelector("#funnels article.journey h2")).stream().map(e -> e.getText()).toList())
                .containsExactly("All journeys", "salary-savings");
        String drawnByServer = browser.find("#funnels").getText();
        assertThat(article(1)).contains("Proposed 4 100 % of proposed", "Suppressed at decision 1 25 % of proposed", "NO_CONSENT 1 25 % of proposed",
                "Triggered 3 75 % of proposed", "Held out 1 33 % of triggered", "HOLDOUT 1 33 % of triggered", "Suppressed in journey 0 0 % of triggered",
                "Deferred 1 33 % of triggered", "QUIET_HOURS_DEFERRED 1 33 % of triggered", "Sent 2 67 % of triggered", "Delivered 1 50 % of sent",
                "Failed 1 33 % of triggered", "PROVIDER_UNAVAILABLE 1 33 % of triggered", "Converted 0 0 % of triggered",
                "Step Triggered Held out Suppressed Deferred Sent Delivered Failed",
                "Decision_Trigger:SalaryCredited:SAVINGS_PLUS 0 0 1 0 0 0 0", "Decision_Trigger 3 0 0 0 0 0 0", "Gateway_Holdout 0 1 0 0 0 0 0", "Task_SendPush 0 0 0 1 0 0 0",
                "Task_SendEmail 0 0 0 0 1 0 0", "Task_SendSms 0 0 0 0 1 1 1");
        browser.await(Duration.ofSeconds(15), driver -> driver.findElement(By.id("status")).getText().startsWith("Updated"));
        assertThat(browser.find("#funnels").getText()).isEqualTo(drawnByServer);
        browser.screenshot("ops-funnel-one-journey-day-1");

        // a backwards range is refused on the page, naming the parameter
        browser.find("#filter-from").sendKeys("2026-03-04");
        browser.clickAndWait("#apply-filter");
        assertThat(browser.find("#filter-problems").getText()).contains("from: 'from' (2026-03-04T00:00:00Z) must be before 'to'");
        assertThat(browser.find("#funnels").getText()).isEqualTo("No funnel: the filters above are refused.");
    }

    private String article(int index) {
        return browser.driver().findElements(By.cssSelector("#funnels article.journey")).get(index).getText();
    }

    @Test
    void marketingOpsOpenCampaignsAndPreviewAnAudience() {
        CampaignFixture.settledListing(SERVICES);
        CampaignFixture.preview(SERVICES);
        CampaignFixture.record(outcomes, CampaignFixture.DONE_RUN, "C-1", OutcomeType.TRIGGERED, null);
        CampaignFixture.record(outcomes, CampaignFixture.DONE_RUN, "C-1", OutcomeType.SUPPRESSED, io.beacon.contracts.ReasonCode.NO_CONSENT);
        signIn("ops", "beacon-ops");

        browser.clickAndWait("#nav-campaigns");

        assertThat(browser.driver().getCurrentUrl()).endsWith("/ops/campaigns");
        String campaign = "section[data-campaign='" + CampaignFixture.CAMPAIGN + "']";
        assertThat(browser.find(campaign).getText()).contains("Easy Saver for customers aged 25-35", "EASY_SAVER",
                "young-adults-without-savings", "DONE", "Suppressed 1 (suppressed by reason: NO_CONSENT 1)");
        browser.screenshot("ops-campaigns");

        browser.clickAndWait(campaign + " button.preview-audience");

        assertThat(browser.find(campaign + " .preview.result").getText())
                .contains("12,430 customers now; 9,870 after consent and suitability", "(estimated from 2,000 checked)", "NO_CONSENT 1,830");
        browser.screenshot("ops-campaign-preview");
    }

    @Test
    void theCampaignsPageReloadsItselfWhileARunIsMovingAndStopsOnceTheRunsSettle() {
        CampaignFixture.listing(SERVICES, true);
        signIn("ops", "beacon-ops");
        browser.open(url("/ops/campaigns"));
        assertThat(browser.find("tr.run[data-run='" + CampaignFixture.WAITING_RUN + "']").getText()).contains("AWAITING_CONFIRMATION", "Confirm: send to 6,120");
        assertThat(browser.find("#status").getText()).contains("refreshes every 5 s");

        CampaignFixture.settledListing(SERVICES);

        browser.await(Duration.ofSeconds(15), driver -> {
            try {
                return "false".equals(driver.findElement(By.id("campaigns")).getAttribute("data-live"));
            } catch (org.openqa.selenium.WebDriverException reloading) {
                return false;
            }
        });
        assertThat(browser.driver().getCurrentUrl()).endsWith("/ops/campaigns");
        assertThat(browser.find("#campaigns").getText()).contains("DONE").doesNotContain("AWAITING_CONFIRMATION", "refreshes every 5 s");
        browser.screenshot("ops-campaigns-settled");
    }

    @Test
    void complianceSearchesACustomerAndCanExport() {
        signIn("compliance", "beacon-compliance");
        browser.find("input[name=customerId]").sendKeys("C-1");
        browser.clickAndWait("#search");

        assertThat(browser.find("#results").getText()).contains("decision", "GLOBAL_EQUITY_FUND", "rules-7", "sms marketing granted");
        assertThat(browser.find("#export").getAttribute("href")).contains("/compliance/export.csv?customerId=C-1");
        browser.screenshot("compliance-search");
    }

    @Test
    void aWrongPasswordKeepsTheDoorShut() {
        signIn("rm-1", "not-the-password");

        assertThat(browser.text()).contains("That user name and password do not match.");
        browser.open(url("/reviews"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    }


    private static OfferOutcome outcome(String customer, OutcomeType type) {
        return new OfferOutcome(type, customer, "large-deposit-investment", "1", "Task_X", "LargeDeposit", "GLOBAL_EQUITY_FUND",
                null, null, null, "E-" + customer, "D-1", Instant.now());
    }
}
