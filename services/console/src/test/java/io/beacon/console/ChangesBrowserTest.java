package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.console.changes.ChangeGovernor;
import io.beacon.console.changes.Changes;
import io.beacon.console.changes.Proposal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Propose, review and approve in Chromium (ADR 0029): marketing ops edit a rules file on the page and propose it; the
 * page follows the checks and shows the replay; the author is offered no approval; a second person with the approver
 * role approves, and the change is live as release 2; then rolls it back.
 */
class ChangesBrowserTest extends BrowserTestBase {

    @Autowired
    private ChangeGovernor governor;

    @Autowired
    private Changes changes;

    @BeforeEach
    void liveReleaseAndAReplay() {
        governor.ensureLive();
        SERVICES.stubFor(post(urlPathEqualTo("/decisioning/api/changes/replay")).willReturn(okJson("""
                {"report":{"liveVersion":"aaa111","proposedVersion":"bbb222","from":"2026-11-28T10:00:00Z","to":"2026-12-04T10:00:00Z",
                 "events":5000,"decided":120,"triggers":[{"what":"SalaryCredited","live":120,"proposed":120}],
                 "suppressions":[{"what":"NOT_ELIGIBLE_AGE","live":9,"proposed":0}],
                 "offers":[{"what":"EASY_SAVER on first-salary","live":100,"proposed":109}],"changedEvents":9,"changedCustomers":9,
                 "sample":[{"customer":"C0****77","eventType":"bank.transaction.posted","at":"2026-12-02T08:00:00Z",
                            "live":"suppressed NOT_ELIGIBLE_AGE","proposed":"EASY_SAVER on first-salary"}],"method":"both sides"},
                 "unreadable":0,"tookMillis":1500}""")));
    }

    @Test
    void opsProposesOnThePageAndASecondPersonApprovesIt() {
        signIn("ops", "beacon-ops");
        browser.open(url("/ops/changes"));
        assertThat(browser.find("#live-release").getText()).contains("1 (seed");
        browser.clickAndWait("#new-proposal");
        new Select(browser.find("#pick-path")).selectByValue("rules/catalogue/offers.json");
        browser.clickAndWait("form.pick-file button");
        var text = browser.find("#text");
        assertThat(text.getAttribute("value")).contains("EASY_SAVER");
        browser.find("#title").sendKeys("Easy Saver from 16");
        text.sendKeys(" ");
        browser.screenshot("changes-propose");
        browser.clickAndWait("#propose");

        browser.await(Duration.ofSeconds(20), driver -> driver.findElement(By.id("status")).getText().equals("ready"));
        assertThat(browser.find("#replay-summary").getText()).contains("Replayed 5,000 recorded events", "9 decided differently");
        assertThat(browser.find("#replay-offers").getText()).contains("EASY_SAVER on first-salary 100 109 +9");
        assertThat(browser.find("#replay-sample").getText()).contains("C0****77");
        assertThat(browser.driver().findElements(By.id("approve"))).as("the author is offered no approval").isEmpty();
        browser.screenshot("changes-proposal-for-its-author");
        String page = browser.driver().getCurrentUrl();

        browser.driver().manage().deleteAllCookies();
        signIn("ops-lead", "beacon-ops-lead");
        browser.open(page);
        browser.screenshot("changes-proposal-for-an-approver");
        browser.clickAndWait("#approve");
        assertThat(browser.text()).contains("is live as release 2");
        assertThat(browser.find("#status").getText()).isEqualTo("live");
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(changes.find(id).orElseThrow().status()).isEqualTo(Proposal.Status.LIVE);

        browser.open(url("/ops/changes"));
        assertThat(browser.find("#releases").getText()).contains("proposal ops ops-lead");
        browser.clickAndWait("#rollback");
        assertThat(browser.text()).contains("release 2 rolled back: release 3 brings back release 1");
        assertThat(browser.find("#releases").getText()).contains("rollback to release 1");
        browser.screenshot("changes-rolled-back");
    }
}
