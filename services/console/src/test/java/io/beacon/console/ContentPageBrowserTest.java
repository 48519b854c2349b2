package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Marketing ops preview message copy in real headless Chromium: each sender's templates and its last refused change,
 * an SMS with its segments, and an email as the customer would see it, its HTML in a sandboxed frame the console serves
 * under its own policy, both personalised and generic.
 */
class ContentPageBrowserTest extends BrowserTestBase {

    static final String SMS_STATUS = """
            {"channel": "sms", "version": "5f0c2a9e31d4b7a8", "loadedAt": "2026-12-05T10:00:00Z", "directory": "/srv/beacon/content",
             "watching": true, "interval": "PT2S",
             "lastRejection": {"at": "2026-12-05T10:05:00Z", "version": "77aa00bb11cc22dd", "problems": [
               {"file": "content/sms/zh-CN.yml", "locale": "zh-CN", "place": "easy-saver-intro-sms",
                "message": "unknown placeholder {{fristName}} (known: [amount, bankName, firstName, personalNote, productName, validUntil])"}]},
             "templates": [
               {"name": "easy-saver-generic-sms", "kind": "GENERIC", "offer": "EASY_SAVER", "generic": "easy-saver-generic-sms", "locales": ["en", "zh-CN", "es"]},
               {"name": "easy-saver-intro-sms", "kind": "OFFER", "offer": "EASY_SAVER", "generic": "easy-saver-generic-sms", "locales": ["en", "zh-CN", "es"]}],
             "offersOwn": ["campaign-offer-by-product-sms"]}""";
    static final String EMAIL_STATUS = """
            {"channel": "email", "version": "0123456789abcdef", "loadedAt": "2026-12-05T10:00:00Z", "directory": "/srv/beacon/content",
             "watching": true, "interval": "PT2S",
             "templates": [
               {"name": "easy-saver-intro-email", "kind": "OFFER", "offer": "EASY_SAVER", "generic": "easy-saver-generic-email", "locales": ["en", "zh-CN", "es"]}],
             "offersOwn": []}""";

    @BeforeEach
    void sendersWithTheirContent() {
        SERVICES.stubFor(get(urlPathEqualTo("/sms/api/templates")).willReturn(okJson(SMS_STATUS)));
        SERVICES.stubFor(get(urlPathEqualTo("/push/api/templates")).willReturn(okJson(SMS_STATUS.replace("-sms", "-push").replace("\"sms\"", "\"push\""))));
        SERVICES.stubFor(get(urlPathEqualTo("/email/api/templates")).willReturn(okJson(EMAIL_STATUS)));
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"template\":\"easy-saver-intro-sms\""))
                .willReturn(okJson("""
                        {"template": "easy-saver-intro-sms", "locale": "zh-CN", "personalised": true,
                         "parts": {"text": "【Beacon Bank】小明您好，易储蓄账户现已向您开放。回复STOP退订"}, "encoding": "UCS_2", "units": 38, "segments": 1}""")));
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"template\":\"easy-saver-intro-sms\""))
                .withRequestBody(containing("\"personalised\":false"))
                .willReturn(okJson("""
                        {"template": "easy-saver-generic-sms", "locale": "zh-CN", "personalised": false,
                         "parts": {"text": "【Beacon Bank】易储蓄账户现已开放。回复STOP退订"}, "encoding": "UCS_2", "units": 30, "segments": 1}""")));
        SERVICES.stubFor(post(urlPathEqualTo("/email/api/templates/preview")).withRequestBody(containing("\"template\":\"easy-saver-intro-email\""))
                .willReturn(okJson("""
                        {"template": "easy-saver-intro-email", "locale": "en", "personalised": true, "subject": "Beacon Bank: the Easy Saver account is open to you",
                         "text": "Hi Jane,\\n\\nThe Easy Saver account is open to you.\\n\\nTo stop receiving these emails, unsubscribe: https://u.example/T",
                         "html": "<!DOCTYPE html><html lang=\\"en\\"><body><p>Hi Jane,</p><hr><p style=\\"font-size:small\\"><a href=\\"https://u.example/T\\">Unsubscribe</a></p><img src=\\"https://t.example/o/T\\" width=\\"1\\" height=\\"1\\" alt=\\"\\"></body></html>"}""")));
        SERVICES.stubFor(post(urlPathEqualTo("/email/api/templates/preview")).withRequestBody(containing("\"template\":\"easy-saver-intro-email\""))
                .withRequestBody(containing("\"personalised\":false"))
                .willReturn(okJson("""
                        {"template": "easy-saver-generic-email", "locale": "en", "personalised": false, "subject": "Beacon Bank: the Easy Saver account is open",
                         "text": "Hello,\\n\\nThe Easy Saver account is open.",
                         "html": "<!DOCTYPE html><html lang=\\"en\\"><body><p>Hello,</p><a href=\\"https://u.example/T\\">Unsubscribe</a></body></html>"}""")));
        signIn("ops", "beacon-ops");
    }

    @Test
    void listsEachChannelsTemplatesAndTheLastRefusedChangeAndPreviewsAnSmsWithItsSegments() {
        browser.open(url("/ops/content"));
        assertThat(browser.find("#nav-content").getText()).isEqualTo("Content");
        WebElement sms = browser.find("section[data-channel=sms]");
        assertThat(sms.getText()).contains("5f0c2a9e31d4b7a8", "easy-saver-intro-sms", "campaign-offer-by-product-sms",
                "content/sms/zh-CN.yml, zh-CN, easy-saver-intro-sms: unknown placeholder {{fristName}}");

        browser.clickAndWait("section[data-channel=sms] tr[data-template=easy-saver-intro-sms] a.preview-link");
        browser.find("input[name=firstName]").sendKeys("小明");
        browser.find("select[name=locale] option[value=zh-CN]").click();
        browser.clickAndWait("#preview-button");
        browser.screenshot("content-sms");

        WebElement personalised = browser.find("article.rendering[data-personalised=true]");
        assertThat(personalised.findElement(By.cssSelector("pre.sms-text")).getText()).isEqualTo("【Beacon Bank】小明您好，易储蓄账户现已向您开放。回复STOP退订");
        assertThat(personalised.findElement(By.cssSelector(".sms-segments")).getText()).isEqualTo("1 segment, UCS_2, 38 units");
        WebElement generic = browser.find("article.rendering[data-personalised=false]");
        assertThat(generic.findElement(By.cssSelector(".rendered-template")).getText()).isEqualTo("easy-saver-generic-sms");
        assertThat(generic.findElement(By.cssSelector("pre.sms-text")).getText()).doesNotContain("小明");
        SERVICES.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/sms/api/templates/preview"))
                .withRequestBody(containing("\"locale\":\"zh-CN\"")).withRequestBody(containing("\"firstName\":\"小明\"")));
    }

    @Test
    void showsTheEmailAsTheCustomerWouldInASandboxedFrameWithItsPlainTextPart() {
        browser.open(url("/ops/content?channel=email&template=easy-saver-intro-email&locale=en&firstName=Jane"));
        browser.screenshot("content-email");

        WebElement personalised = browser.find("article.rendering[data-personalised=true]");
        assertThat(personalised.findElement(By.cssSelector(".email-subject")).getText()).contains("Beacon Bank: the Easy Saver account is open to you");
        assertThat(personalised.findElement(By.cssSelector("pre.email-text")).getText()).contains("Hi Jane,", "unsubscribe: https://u.example/T");
        WebElement frame = personalised.findElement(By.cssSelector("iframe.email-html"));
        assertThat(frame.getAttribute("sandbox")).isEmpty();

        browser.driver().switchTo().frame(frame);
        try {
            String body = browser.await(Duration.ofSeconds(10), driver -> {
                String text = driver.findElement(By.tagName("body")).getText();
                return text.contains("Unsubscribe") ? text : null;
            });
            assertThat(body).contains("Hi Jane,", "Unsubscribe");
            // the tracking pixel is not fetched in a preview: the frame's policy allows no image from anywhere
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("var i = document.querySelector('img'); return i.complete && i.naturalWidth > 0;")).isFalse();
        } finally {
            browser.driver().switchTo().defaultContent();
        }
        WebElement generic = browser.find("article.rendering[data-personalised=false]");
        assertThat(generic.findElement(By.cssSelector("pre.email-text")).getText()).startsWith("Hello,").doesNotContain("Jane");
    }
}
