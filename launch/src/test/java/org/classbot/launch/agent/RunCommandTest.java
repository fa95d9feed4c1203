package org.classbot.launch.agent;

import org.classbot.launch.app.Cli;
import org.classbot.launch.app.Json;
import org.classbot.launch.agent.RunCommand;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classbot run}: simulator + knowledge base with the bundled samples + console + dashboard. */
class RunCommandTest {

    @TempDir
    Path tmp;

    /** Runs {@code classbot run ARGS} in this JVM with the given console input. */
    static CompletableFuture<Integer> start(InputStream stdin, StringWriter out, StringWriter err, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            picocli.CommandLine cl = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            RunCommand run = cl.getSubcommands().get("run").getCommand();
            run.input = stdin;
            return cl.execute(args);
        });
    }

    /** {@code run OPTIONS --planner offline --index <this test's index>}. */
    private String[] runArgs(String... options) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.addAll(List.of("--planner", "offline", "--index", tmp.resolve("index").toString()));
        return args.toArray(String[]::new);
    }

    /** How a console script run to its end without the dashboard came out. */
    private record Finished(int exit, String text, String err) {
    }

    private Finished runScript(String script) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = start(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, err, runArgs("--no-web"))
                .get(120, TimeUnit.SECONDS);
        return new Finished(exit, out.toString(), err.toString());
    }

    /** A {@code classbot run} in progress whose console lines the test types as it goes. */
    private final class Live {
        final PipedOutputStream feed = new PipedOutputStream();
        final StringWriter out = new StringWriter();
        final CompletableFuture<Integer> run;

        Live(String... options) throws IOException {
            run = start(new PipedInputStream(feed), out, new StringWriter(), runArgs(options));
        }

        void type(String lines) throws IOException {
            feed.write(lines.getBytes(StandardCharsets.UTF_8));
            feed.flush();
        }
    }

    /** Piped lines run in order, to their end: a later line (or quit) never cancels an earlier question. */
    @Test
    void should_run_piped_lines_in_order_without_cancelling_any() throws Exception {
        String script = "前进半米\n实验室里可以吃东西吗？\nwhat do you see\nquit\n";
        Finished r = runScript(script);
        String text = r.text();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(text).doesNotContain("cancelled").doesNotContain("已取消");
        assertThat(text).contains("✓ 1. move 0.5 m");
        assertThat(text).contains("[1] lab-rules.zh.md");
        assertThat(text).contains("agent.camera.source"); // no camera: the scene question is answered with how to set one
        assertThat(text.indexOf("✓ 1. move 0.5 m")).isLessThan(text.indexOf("[1] lab-rules.zh.md"));
        assertThat(text).contains("queued");
    }

    @Test
    void should_ingest_the_samples_then_drive_and_answer_from_console_lines() throws Exception {
        String script = "前进半米\nwait\nstatus\n实验室里可以吃东西吗？\nwait\nWho may operate the robot?\nwait\nquit\n";
        Finished r = runScript(script);
        String text = r.text();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(text).contains("first start: ingesting the sample documents");
        assertThat(text).contains("✓ 1. move 0.5 m");
        assertThat(text).containsPattern("pose x=0\\.(49|50|51)\\d m");
        assertThat(text).contains("[1] lab-rules.zh.md");
        assertThat(text).contains("who-may-operate.en.txt");
    }

    @Test
    void should_latch_the_estop_from_the_console_while_a_move_runs() throws Exception {
        Live live = new Live("--no-web");
        awaitText(live.out, "running", 60);
        live.type("前进两米\n");
        Thread.sleep(1000);
        live.type("急停\nstatus\n");
        awaitText(live.out, "E-STOP LATCHED", 20);
        live.type("quit\n");
        live.feed.close();
        assertThat(live.run.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(live.out.toString()).contains("E-STOP latched").containsPattern("[–✗] 1\\. move 2 m");
    }

    /** Issue 12: {@code run --mcp PORT} serves MCP on the same robot as the console: an assistant's move is the console's robot's move. */
    @Test
    void should_serve_mcp_inside_run_on_the_same_robot_as_the_console() throws Exception {
        Live live = new Live("--port", "0", "--mcp", "0");
        StringWriter out = live.out;
        Matcher m = Pattern.compile("MCP: (http://127\\.0\\.0\\.1:\\d+/mcp)").matcher("");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!m.reset(out.toString()).find()) {
            assertThat(System.nanoTime()).as("run prints the MCP address: %s", out).isLessThan(deadline);
            assertThat(live.run).as("run is still running: %s", out).isNotDone();
            Thread.onSpinWait();
        }
        String url = m.group(1);
        try (dev.langchain4j.mcp.client.McpClient mcp = dev.langchain4j.mcp.client.DefaultMcpClient.builder().key("run-mcp")
                .transport(dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport.builder().url(url)
                        .timeout(Duration.ofSeconds(60)).build())
                .initializationTimeout(Duration.ofSeconds(30)).toolExecutionTimeout(Duration.ofSeconds(60)).build()) {
            var moved = mcp.executeTool(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("1").name("execute")
                    .arguments("{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}").build());
            assertThat(moved.isError()).as(moved.resultText()).isFalse();
        }
        // and the teacher sees it: the assistant's plan is in the dashboard's plan panel, done
        String plans = get(HttpClient.newHttpClient(), dashboardUrl(out) + "api/plans");
        assertThat(plans).contains("assistant (MCP)").contains("\"state\":\"done\"");
        live.type("status\nquit\n");
        assertThat(live.run.get(60, TimeUnit.SECONDS)).isZero();
        // the console's own status line shows the pose the assistant's move left, and the console printed its step
        assertThat(out.toString()).containsPattern("x=0\\.(4[89]|5[0-2])");
        assertThat(out.toString()).contains("move 0.5 m");
    }

    @Test
    void should_serve_the_dashboard_with_state_text_box_and_estop() throws Exception {
        Live live = new Live("--port", "0");
        String base = dashboardUrl(live.out);
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("charset=utf-8");
        assertThat(page.body()).contains("急停", "E-STOP", "id=\"text\"", "/api/state");

        HttpResponse<String> said = http.send(HttpRequest.newBuilder(URI.create(base + "api/say")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"前进半米\"}", StandardCharsets.UTF_8))
                .header("Content-Type", "application/json; charset=utf-8").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(said.body()).isEqualTo("{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}");
        JsonNode state = awaitState(http, base, s -> !s.get("busy").asBoolean() && s.at("/pose/x").asDouble() > 0.48);
        assertThat(state.at("/pose/x").asDouble()).isBetween(0.48, 0.52);

        HttpResponse<String> empty = http.send(HttpRequest.newBuilder(URI.create(base + "api/say")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(400);

        http.send(HttpRequest.newBuilder(URI.create(base + "api/estop")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(get(http, base + "api/state")).get("estopped").asBoolean()).isTrue();
        http.send(HttpRequest.newBuilder(URI.create(base + "api/reset")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(get(http, base + "api/state")).get("estopped").asBoolean()).isFalse();
        assertThat(get(http, base + "api/log?after=0")).contains("前进半米");

        live.type("quit\n");
        live.feed.close();
        assertThat(live.run.get(30, TimeUnit.SECONDS)).isZero();
    }

    static String dashboardUrl(StringWriter out) throws InterruptedException {
        awaitText(out, "dashboard: http", 90);
        Matcher m = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static JsonNode awaitState(HttpClient http, String base, java.util.function.Predicate<JsonNode> done) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        JsonNode s;
        do {
            s = Json.MAPPER.readTree(get(http, base + "api/state"));
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < end);
        return s;
    }

    static void awaitText(StringWriter out, String text, int seconds) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!out.toString().contains(text) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).contains(text);
    }
}
