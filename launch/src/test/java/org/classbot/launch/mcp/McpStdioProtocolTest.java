package org.classbot.launch.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.launch.app.Cli;
import org.classbot.launch.app.Json;

/**
 * {@code classbot mcp} on stdio, in this JVM, attacked with raw lines: malformed JSON, non-objects, a wrong
 * {@code jsonrpc}, unknown methods and tools, wrong argument types, a 2 MB line. Each gets a protocol error, the
 * server keeps answering, and nothing moves. Then a real move, and end of input ends the command.
 */
class McpStdioProtocolTest {

    @TempDir
    Path tmp;

    /** stdin the test writes lines to; stdout read back line by line. */
    static final class Pipe {
        final BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();

        final InputStream stdin = new InputStream() {
            private byte[] cur = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= cur.length) {
                    try {
                        cur = in.take();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    pos = 0;
                    if (cur.length == 0) {
                        return -1;
                    }
                }
                int n = Math.min(len, cur.length - pos);
                System.arraycopy(cur, pos, b, off, n);
                pos += n;
                return n;
            }
        };

        final OutputStream stdout = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    out.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };

        void send(String line) {
            in.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void close() {
            in.add(new byte[0]);
        }

        JsonNode next() throws Exception {
            String l = out.poll(60, TimeUnit.SECONDS);
            assertThat(l).as("a reply on stdout").isNotNull();
            return Json.MAPPER.readTree(l);
        }

        /** The reply with this id (notifications and other replies in between are skipped). */
        JsonNode reply(int id) throws Exception {
            while (true) {
                JsonNode n = next();
                if (n.path("id").asInt(-1) == id) {
                    return n;
                }
            }
        }
    }

    private static String call(int id, String tool, String args) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args + "}}";
    }

    private static double x(JsonNode stateReply) {
        return stateReply.path("result").path("structuredContent").path("pose").path("x").asDouble();
    }

    @Test
    void should_answer_every_malformed_message_with_a_protocol_error_keep_serving_and_move_nothing() throws Exception {
        Path index = Files.createDirectories(tmp.resolve("index"));
        Pipe pipe = new Pipe();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            picocli.CommandLine cl = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            McpCommand mcp = cl.getSubcommands().get("mcp").getCommand();
            mcp.input = pipe.stdin;
            mcp.output = pipe.stdout;
            return cl.execute("mcp", "--planner", "offline", "--index", index.toString());
        });
        pipe.send(McpTestKit.INITIALIZE);
        assertThat(pipe.reply(1).path("result").path("serverInfo").path("name").asText()).isEqualTo("classbot");
        pipe.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        pipe.send("this is not json {");
        assertThat(pipe.next().path("error").path("code").asInt()).isEqualTo(-32700);
        pipe.send("[1,2,3]");
        assertThat(pipe.next().path("error").path("code").asInt()).isEqualTo(-32600);
        pipe.send("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"tools/list\"}");
        JsonNode wrongVersion = pipe.next();
        assertThat(wrongVersion.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(wrongVersion.path("id").asInt()).isEqualTo(7);
        pipe.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":5,\"arguments\":[]}}");
        assertThat(pipe.reply(8).path("error").path("code").asInt()).isEqualTo(-32602);
        pipe.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such/method\"}");
        assertThat(pipe.reply(9).path("error").path("code").asInt()).isEqualTo(-32601);
        pipe.send(call(10, "teleport", "{}"));
        JsonNode unknown = pipe.reply(10);
        assertThat(unknown.has("error") || unknown.path("result").path("isError").asBoolean()).as(unknown.toString()).isTrue();

        pipe.send(call(11, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":\"far\"}]}"));
        assertThat(pipe.reply(11).path("result").path("isError").asBoolean()).isTrue();
        pipe.send(call(12, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":1,\"speed_mps\":5}]}"));
        JsonNode fast = pipe.reply(12).path("result");
        assertThat(fast.path("isError").asBoolean()).isTrue();
        assertThat(fast.path("structuredContent").path("reason").asText()).isEqualTo("limit");
        pipe.send(call(13, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}],\"confirm\":\"yes\"}"));
        assertThat(pipe.reply(13).path("result").path("isError").asBoolean()).isTrue();

        // a 2 MB line (over mcp.max_message_bytes, 1 MiB) holding a real move: refused whole, nothing moves
        String huge = call(14, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}],\"pad\":\"" + "x".repeat(2 << 20) + "\"}");
        long t0 = System.nanoTime();
        pipe.send(huge);
        JsonNode big = pipe.next();
        System.err.println("figure: 2 MB stdio line refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(big.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(big.path("error").path("message").asText()).contains("larger than 1048576 bytes");

        pipe.send(call(15, "robot_state", "{}"));
        assertThat(x(pipe.reply(15))).as("nothing moved").isZero();

        // still serving: a real move, then end of input ends the command with 0
        pipe.send(call(16, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}"));
        JsonNode moved = pipe.reply(16).path("result");
        assertThat(moved.path("isError").asBoolean()).as(moved.toString()).isFalse();
        assertThat(moved.path("structuredContent").path("pose").path("x").asDouble()).isBetween(0.45, 0.55);
        assertThat(moved.path("content").get(0).path("text").asText()).contains("done");

        // cancelling a running move stops the robot (the SDK ignores notifications/cancelled; the gate does not)
        pipe.send(call(20, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":2.5}],\"confirm\":true}"));
        int id = 21;
        double x = 0;
        while (x < 0.7) { // each poll is a round trip: no sleeping
            pipe.send(call(id, "robot_state", "{}"));
            x = x(pipe.reply(id++));
        }
        pipe.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":20,\"reason\":\"user\"}}");
        JsonNode cancelled = pipe.reply(20).path("result");
        assertThat(cancelled.path("structuredContent").path("steps").get(0).path("status").asText()).isEqualTo("cancelled");
        double stoppedAt = cancelled.path("structuredContent").path("pose").path("x").asDouble();
        assertThat(stoppedAt).isLessThan(2.9);
        System.err.println("figure: cancel during a 2.5 m move: stopped at x=" + stoppedAt + " m (target 3.0 m)");
        pipe.close();
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).as("the picocli writer stays unused: stdout is JSON-RPC only").isEmpty();
    }
}
