package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classbot.launch.web.DashboardRig.eventually;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.kb.SampleDocs;
import org.classbot.launch.robot.ConnectionOptions;

/**
 * The teacher's console in a real headless Chromium over the real simulator and the sample knowledge base, at a
 * tablet's width: command → plan + map, question → cited answer that survives reload and restart, the pad,
 * the e-stop, an upload found by the retrieval test, and the log-in beyond loopback. Full-page screenshots
 * of each state go to {@code target/screenshots/}, the measured timings to {@code target/dashboard-timings.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");

    private Path tmp;

    private ClassbotApp app;
    private SafetyGovernor robot;
    private KnowledgeSession knowledge;
    private Dialogue dialogue;
    private Dashboard dashboard;
    private ChromeDriverService service;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;
    private final StringBuilder timings = new StringBuilder();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); skipping the browser test");
        app = ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of());
        robot = app.robots().connect(new ConnectionOptions("sim", "console", null, null, null), false);
        knowledge = KnowledgeSession.open(app, tmp.resolve("index"), SampleDocs.samples().orElseThrow(), s -> { });
        serve();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--lang=zh-CN", "--window-size=1024,900");
        // Chromium's own temp folders (org.chromium.Chromium.*) go to the tests' temp folder, not /tmp
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .withEnvironment(Map.of("TMPDIR", System.getProperty("java.io.tmpdir"))).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    /** (Re)starts the console on a free port with the conversation kept in the temp folder. */
    private void serve() {
        ChatHistory chat = new ChatHistory(Optional.of(tmp.resolve("index.history.json")), 200);
        dialogue = new Dialogue(app.planner("offline"), app.executor(robot, chat.citing(knowledge), Vision.none("no camera")),
                app.confirmation());
        dashboard = new Dashboard(dialogue, robot, new EventLog()).map(app.map()).chat(chat)
                .knowledge(knowledge, Optional.of(tmp.resolve("uploads"))).settings(app.settings().web());
        base = "http://127.0.0.1:" + dashboard.start("127.0.0.1", 0, Map.of()) + "/";
    }

    private void stopServing() {
        dashboard.close();
        dialogue.close();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (dashboard != null) {
            stopServing();
        }
        if (knowledge != null) {
            knowledge.close();
        }
        if (robot != null) {
            robot.close();
        }
        if (timings.length() > 0) {
            Files.writeString(Path.of("target", "dashboard-timings.txt"), timings, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    // ---- helpers

    private WebElement el(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return el(css).getText();
    }

    /** Brings an element to the middle (the header with the e-stop stays on top), then clicks it. */
    private void click(String css) {
        WebElement e = el(css);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private void say(String words) {
        el("#text").sendKeys(words);
        click("#send");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void load() {
        browser.get(base);
        wait.until(d -> text("#pose").contains("x="));
        wait.until(d -> text("#link").contains("live"));
    }

    /** A full-page screenshot (Chromium's DevTools capture beyond the viewport). */
    private void shot(String name) throws Exception {
        js("window.scrollTo(0, 0)");
        long w = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long h = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        Map<String, Object> r = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
        Files.write(SHOTS.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) r.get("data")));
    }

    private void note(String line) {
        timings.append(line).append('\n');
        System.out.println("[dashboard timing] " + line);
    }

    /** The newest plan's state (the panel is redrawn ten times a second, so read it in one go). */
    private String planState() {
        return String.valueOf(js("const p = document.querySelector('.plan'); return p ? p.dataset.state : ''"));
    }

    private double x() {
        return robot.state().pose().x();
    }

    // ---- the console

    @Test
    @Order(1)
    void should_show_the_plan_steps_and_move_the_marker_on_the_map_for_a_typed_command() throws Exception {
        load();
        note("page load → first live state: " + js("return window.classbotMetrics.firstStateMs") + " ms (navigation start to the first WebSocket state)");
        assertThat(browser.getTitle()).contains("ClassBot", "课堂机器人");
        for (String panel : new String[] {"robot", "plan", "chat", "map", "teleop", "kb", "camera", "voice"}) {
            assertThat(el("[data-panel=" + panel + "]").isDisplayed()).as(panel).isTrue();
        }
        assertThat(text("[data-panel=camera]")).contains("no camera configured");
        click("#mic");
        assertThat(text("[data-panel=voice]")).contains("voice is not set up", "语音尚未设置");
        String marker = el("#map").getAttribute("data-robot");

        say("前进半米，然后左转九十度");
        wait.until(d -> text("[data-panel=plan]").contains("move 0.5 m"));
        wait.until(d -> text("[data-panel=plan]").contains("进行中 running"));
        shot("01-plan-running");
        wait.until(d -> !el("#map").getAttribute("data-robot").equals(marker));
        note("command → first map update: " + js("return window.classbotMetrics.commandToMapMs") + " ms (send click to the robot marker moving)");
        wait.until(d -> planState().equals("done"));
        assertThat(browser.findElements(By.cssSelector(".plan .step[data-status=done]"))).hasSize(2);
        assertThat(text("[data-panel=plan]")).containsPattern("done: 0\\.(49|50|51)");
        assertThat(x()).isBetween(0.49, 0.51);
        shot("02-plan-done");

        // a big move waits for a yes: the page says so, and "cancel" leaves the robot where it is
        say("前进三米");
        wait.until(d -> el("#confirmBox").isDisplayed());
        assertThat(text("#confirmBox")).contains("confirm");
        assertThat(text("#banner")).contains("awaits confirmation");
        assertThat(browser.findElements(By.cssSelector(".plan[data-state=awaiting]"))).hasSize(1);
        shot("03-awaiting-confirmation");
        click("#confirmNo");
        wait.until(d -> !el("#confirmBox").isDisplayed());
        wait.until(d -> planState().equals("not_confirmed"));
        assertThat(x()).isBetween(0.49, 0.51);

        // click a named place: asked first, then go_to
        click("[data-place=center]");
        wait.until(d -> el("#modal").isDisplayed());
        click("#modalYes");
        wait.until(d -> text("[data-panel=plan]").contains("center"));
        wait.until(d -> planState().equals("done"));
        assertThat(Math.hypot(robot.state().pose().x(), robot.state().pose().y())).isLessThan(0.03);
    }

    @Test
    @Order(2)
    void should_answer_with_an_expandable_source_that_survives_a_reload_and_a_restart() throws Exception {
        load();
        say("实验室里可以吃东西吗？");
        wait.until(d -> !browser.findElements(By.cssSelector("#log details.source")).isEmpty());
        WebElement source = el("#log details.source");
        assertThat(source.getText()).contains("[1]").contains("lab-rules").contains("passage");
        assertThat(el("#log details.source blockquote").isDisplayed()).isFalse();
        click("#log details.source summary");
        wait.until(d -> el("#log details.source blockquote").isDisplayed());
        assertThat(text("#log details.source blockquote")).isNotBlank();
        click("#showExplain");
        wait.until(d -> "block".equals(js("return getComputedStyle(document.querySelector('#log details.source .explain')).display")));
        assertThat(String.valueOf(js("return document.querySelector('#log details.source .explain').textContent")))
                .contains("BM25", "cosine", "fused");
        String answer = text("#log .answer");
        shot("04-answer-with-source");

        browser.navigate().refresh();
        load();
        wait.until(d -> !browser.findElements(By.cssSelector("#log details.source")).isEmpty());
        assertThat(text("#log")).contains("实验室里可以吃东西吗？").contains(answer.strip().substring(0, Math.min(10, answer.strip().length())));

        stopServing(); // a server restart: the conversation comes back from disk
        serve();
        load();
        wait.until(d -> !browser.findElements(By.cssSelector("#log details.source")).isEmpty());
        assertThat(text("#log")).contains("实验室里可以吃东西吗？");
        shot("05-answer-after-restart");
    }

    @Test
    @Order(3)
    void should_drive_while_the_pad_is_held_and_stop_within_200_ms_of_release() throws Exception {
        load();
        org.classbot.bridge.Pose p0 = robot.state().pose();
        WebElement forward = el("#padForward");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", forward);
        new Actions(browser).clickAndHold(forward).perform();
        assertThat(eventually(Duration.ofSeconds(10), () -> robot.state().velocity().linear() > 0.1)).isTrue();
        wait.until(d -> text("#teleopState").contains("teacher driving"));
        shot("06-teleop-driving");
        long t0 = System.nanoTime();
        new Actions(browser).release().perform();
        assertThat(eventually(Duration.ofSeconds(2), () -> robot.state().velocity().linear() == 0 && robot.state().velocity().angular() == 0))
                .isTrue();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        note("teleop release → zero velocity on the robot: " + ms + " ms");
        assertThat(ms).isLessThan(200);
        org.classbot.bridge.Pose p1 = robot.state().pose();
        assertThat(Math.hypot(p1.x() - p0.x(), p1.y() - p0.y())).isGreaterThan(0.02);
    }

    @Test
    @Order(4)
    void should_refuse_motion_after_the_estop_until_it_is_reset() throws Exception {
        load();
        say("前进一米");
        assertThat(eventually(Duration.ofSeconds(10), () -> robot.state().velocity().linear() > 0.1)).isTrue();
        WebElement estop = el("#estop");
        long t0 = System.nanoTime();
        estop.click();
        assertThat(eventually(Duration.ofSeconds(2), () -> robot.state().velocity().linear() == 0)).isTrue();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        note("e-stop click → zero velocity on the robot: " + ms + " ms (Selenium click included)");
        wait.until(d -> text("#estopState").contains("LATCHED"));
        assertThat(robot.estopped()).isTrue();
        double x = x();

        say("前进半米");
        wait.until(d -> text("[data-panel=plan]").contains("拒绝 refused"));
        new Actions(browser).clickAndHold(el("#padForward")).perform();
        wait.until(d -> text("#banner").contains("refused") || text("#teleopState").contains("refused"));
        new Actions(browser).release().perform();
        assertThat(x()).isEqualTo(x);
        shot("07-estop-latched");

        click("#reset");
        wait.until(d -> el("#modal").isDisplayed()); // reset asks first
        click("#modalYes");
        wait.until(d -> text("#estopState").contains("off"));
        say("后退半米");
        wait.until(d -> planState().equals("done"));
        assertThat(x()).isLessThan(x - 0.4);
    }

    @Test
    @Order(5)
    void should_find_an_uploaded_document_in_the_retrieval_test() throws Exception {
        load();
        wait.until(d -> text("#kbDocs").contains("lab-rules"));
        assertThat(text("#kbDocs")).contains("passages");
        Path doc = tmp.resolve("greenhouse-rules.md");
        Files.writeString(doc, "# Greenhouse rules\n\nThe greenhouse key is kept in the blue box beside the north window. "
                + "Water the tomato seedlings every Tuesday.\n\n温室钥匙放在北窗旁边的蓝色盒子里。每周二给番茄幼苗浇水。\n");
        el("#kbFile").sendKeys(doc.toString());
        wait.until(d -> text("#kbDocs").contains("greenhouse-rules.md"));
        assertThat(text("#kbStatus")).contains("added");
        el("#kbQuery").sendKeys("Where is the greenhouse key kept?");
        click("#kbSearch");
        wait.until(d -> !browser.findElements(By.cssSelector("#kbHits tr[data-doc]")).isEmpty());
        assertThat(el("#kbHits tr[data-doc]").getAttribute("data-doc")).isEqualTo("greenhouse-rules.md");
        assertThat(text("#kbHits")).contains("BM25", "cosine", "fused", "blue box");
        shot("08-kb-upload-and-retrieval");
    }

    @Test
    @Order(6)
    void should_ask_for_the_token_when_bound_beyond_loopback() throws Exception {
        Dashboard lan = new Dashboard(dialogue, robot, new EventLog()).map(app.map());
        try {
            int port = lan.start("0.0.0.0", 0, Map.of("CLASSBOT_WEB_TOKEN", "teacher-secret"));
            browser.get("http://127.0.0.1:" + port + "/");
            wait.until(d -> !d.findElements(By.cssSelector("[data-panel=login]")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("[data-panel=robot]"))).isEmpty();
            shot("09-login-required");
            el("#token").sendKeys("wrong");
            el("#login").click();
            wait.until(d -> d.getPageSource().contains("令牌无效"));
            browser.get("http://127.0.0.1:" + port + "/");
            el("#token").sendKeys("teacher-secret");
            el("#login").click();
            wait.until(d -> !d.findElements(By.cssSelector("[data-panel=robot]")).isEmpty());
            wait.until(d -> text("#link").contains("live") && text("#pose").contains("x="));
            shot("10-logged-in");
        } finally {
            lan.close();
        }
    }

    @Test
    @Order(7)
    void should_show_the_camera_frame_with_boxes_when_a_camera_is_configured() throws Exception {
        Path image = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
        Path tgz = Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm")
                .resolve(org.classbot.perception.install.KnownModel.CENTERNET.tarballName());
        assumeTrue(Files.isReadable(image) && Files.isRegularFile(tgz), "skipped: opencv-doc's messi5.jpg or the model tarball is absent");
        Path models = tmp.resolve("models");
        org.classbot.launch.app.CliRunner.Run r = org.classbot.launch.app.CliRunner.run("models", "install", "centernet",
                "--from", tgz.toString(), "--models-dir", models.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        ClassbotApp withModels = ClassbotApp.of(ClassbotConfig.load(null, Map.of("CLASSBOT_PERCEPTION_MODELS_DIR", models.toString())), Map.of());
        Dashboard cam = new Dashboard(dialogue, robot, new EventLog()).map(app.map()).camera(withModels, image.toString());
        try {
            browser.get("http://127.0.0.1:" + cam.start("127.0.0.1", 0, Map.of()) + "/");
            wait.until(d -> text("#link").contains("live"));
            assertThat(text("#cameraState")).contains("messi5.jpg");
            click("#cameraStart");
            wait.until(d -> el("#cameraView").isDisplayed() && el("#cameraView").getAttribute("data-frame") != null);
            assertThat(Integer.parseInt(el("#cameraView").getAttribute("data-boxes"))).isPositive();
            wait.until(d -> text("#cameraState").contains("ended"));
            shot("11-camera-frame-with-boxes");
        } finally {
            cam.close();
        }
    }
}
