package io.beacon.console;

import io.beacon.testkit.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in real headless Chromium (Debian's), signed in through its own form. One browser per test class,
 * signed out before each test; screenshots are kept in target/screenshots.
 */
abstract class BrowserTestBase extends ConsoleTestBase {

    protected static HeadlessChromium browser;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(Path.of("target/screenshots"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
    }

    protected void signIn(String user, String password) {
        browser.open(url("/login"));
        browser.find("input[name=username]").sendKeys(user);
        browser.find("input[name=password]").sendKeys(password);
        browser.clickAndWait("#sign-in");
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
