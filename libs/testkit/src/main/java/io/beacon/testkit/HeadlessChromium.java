package io.beacon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's own Chromium, headless, driven through Debian's chromedriver (both installed by {@code ./beacon test}); never
 * a browser downloaded at test time. Screenshots go to {@code target/screenshots} as test output.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("beacon.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("beacon.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    public static HeadlessChromium start(Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": ./beacon test installs them (apt-get install chromium chromium-driver)");
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--window-size=1400,1000", "--lang=en-GB");
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            driver.quit();
            throw new UncheckedIOException(e);
        }
        return new HeadlessChromium(driver, screenshots);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Clicks what submits a form or follows a link, and returns once the next page has replaced this one. */
    public void clickAndWait(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        await(Duration.ofSeconds(30), d -> replaced(page));
        await(Duration.ofSeconds(30), d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the page's root element is gone: stale, or (when the browser is asked while it swaps the document) "does
     * not belong to the document", which Chromium answers instead of a stale reference in that moment.
     */
    private static boolean replaced(WebElement root) {
        try {
            root.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits (up to the timeout) until the condition holds on the page, e.g. a JavaScript refresh landed. */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
    }

    /** Keeps what the browser shows as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
