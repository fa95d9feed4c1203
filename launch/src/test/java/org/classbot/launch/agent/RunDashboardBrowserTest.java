package org.classbot.launch.agent;

import org.classbot.launch.agent.RunCommandTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard of {@code classbot run} in a real Chromium: state, the text box, the e-stop button. */
class RunDashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void should_drive_the_robot_from_the_text_box_and_latch_the_estop_from_the_button() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); skipping the browser test");
        PipedOutputStream feed = new PipedOutputStream();
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> run = RunCommandTest.start(new PipedInputStream(feed), out, new StringWriter(),
                "run", "--port", "0", "--planner", "offline", "--index", tmp.resolve("index").toString());
        String base = RunCommandTest.dashboardUrl(out);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--lang=zh-CN");
        // Chromium's own temp folders (org.chromium.Chromium.*) go to the tests' temp folder, not /tmp
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .withEnvironment(java.util.Map.of("TMPDIR", System.getProperty("java.io.tmpdir")))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base);
            assertThat(browser.getTitle()).contains("ClassBot", "课堂机器人");
            wait.until(d -> d.findElement(By.id("pose")).getText().contains("x=0.00"));

            browser.findElement(By.id("text")).sendKeys("前进半米");
            browser.findElement(By.id("send")).click();
            wait.until(d -> d.findElement(By.id("log")).getText().contains("前进半米"));
            wait.until(d -> d.findElement(By.id("pose")).getText().matches(".*x=0\\.(49|50|51) m.*")
                    && d.findElement(By.id("busy")).getText().contains("no"));
            assertThat(browser.findElement(By.cssSelector("[data-panel=plan]")).getText()).contains("move 0.5 m");

            browser.findElement(By.id("estop")).click();
            wait.until(d -> d.findElement(By.id("estopState")).getText().contains("LATCHED"));
            // the header with the big e-stop stays on top; bring the button to the middle before clicking it
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'})", browser.findElement(By.id("reset")));
            browser.findElement(By.id("reset")).click();
            wait.until(d -> d.findElement(By.id("modalYes")).isDisplayed()); // reset asks first
            browser.findElement(By.id("modalYes")).click();
            wait.until(d -> d.findElement(By.id("estopState")).getText().contains("off"));
        } finally {
            browser.quit();
            service.stop();
            feed.write("quit\n".getBytes(StandardCharsets.UTF_8));
            feed.close();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }
}
