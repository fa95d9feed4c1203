package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classbot.launch.web.DashboardRig.eventually;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;


/**
 * The console's WebSocket attacked with a raw client (cross-site WebSocket hijacking, DNS rebinding, no login,
 * a viewer that tries to drive), and used as the page does: real simulator, frames written by hand.
 */
class DashboardSocketSecurityTest {

    @AutoClose
    private DashboardRig rig;

    private void start(String host, Map<String, String> env) {
        rig = DashboardRig.sim("wssec").optMap().start(host, env);
    }

    /** A raw WebSocket client: the upgrade by hand, then masked text frames out and plain frames in. */
    private final class RawSocket implements AutoCloseable {
        final Socket socket;
        final String response;
        final DataInputStream in;

        RawSocket(String host, String... headers) throws IOException {
            socket = new Socket("127.0.0.1", rig.port());
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("\r\n");
            socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
            in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            response = head.toString(StandardCharsets.UTF_8);
        }

        int status() {
            return Integer.parseInt(response.substring(9, 12));
        }

        void send(String text) throws IOException {
            byte[] p = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            OutputStream out = socket.getOutputStream();
            out.write(0x81);
            if (p.length < 126) {
                out.write(0x80 | p.length);
            } else {
                out.write(0x80 | 126);
                out.write(p.length >> 8);
                out.write(p.length & 0xff);
            }
            out.write(mask);
            for (int i = 0; i < p.length; i++) {
                out.write(p[i] ^ mask[i % 4]);
            }
            out.flush();
        }

        /** The next text frame whose text contains {@code part}. */
        String next(String part) throws IOException {
            while (true) {
                int b0 = in.readUnsignedByte();
                long len = in.readUnsignedByte() & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] p = new byte[(int) len];
                in.readFully(p);
                String s = new String(p, StandardCharsets.UTF_8);
                if ((b0 & 0x0f) == 1 && s.contains(part)) {
                    return s;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void should_refuse_a_websocket_opened_by_another_site() throws Exception {
        start("127.0.0.1", Map.of());
        try (RawSocket ws = new RawSocket(rig.local(), "Origin: http://evil.example")) {
            assertThat(ws.status()).as(ws.response).isEqualTo(403);
            assertThat(ws.response).doesNotContainIgnoringCase("Sec-WebSocket-Accept");
        }
        try (RawSocket ws = new RawSocket(rig.local(), "Origin: null")) {
            assertThat(ws.status()).isEqualTo(403);
        }
    }

    @Test
    void should_refuse_a_websocket_through_a_rebound_host_name() throws Exception {
        start("127.0.0.1", Map.of());
        try (RawSocket ws = new RawSocket("evil.example:" + rig.port(), "Origin: http://evil.example:" + rig.port())) {
            assertThat(ws.status()).isEqualTo(403);
        }
    }

    @Test
    void should_refuse_a_websocket_without_login_beyond_loopback() throws Exception {
        start("0.0.0.0", Map.of("CLASSBOT_WEB_TOKEN", "teacher-secret"));
        String host = "192.0.2.10:" + rig.port();
        try (RawSocket ws = new RawSocket(host, "Origin: http://" + host)) {
            assertThat(ws.status()).isEqualTo(401);
        }
        try (RawSocket ws = new RawSocket(host, "Origin: http://" + host, "Authorization: Bearer wrong")) {
            assertThat(ws.status()).isEqualTo(401);
        }
        try (RawSocket ws = new RawSocket(host, "Origin: http://" + host, "Authorization: Bearer teacher-secret")) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(ws.next("\"hello\"")).contains("\"role\":\"teacher\"");
        }
    }

    @Test
    void should_let_a_viewer_socket_watch_but_never_drive() throws Exception {
        start("0.0.0.0", Map.of("CLASSBOT_WEB_TOKEN", "teacher-secret", "CLASSBOT_WEB_VIEWER_TOKEN", "viewer-secret"));
        String host = "192.0.2.10:" + rig.port();
        try (RawSocket ws = new RawSocket(host, "Origin: http://" + host, "Authorization: Bearer viewer-secret")) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(ws.next("\"hello\"")).contains("\"role\":\"viewer\"");
            ws.send("{\"type\":\"say\",\"id\":\"1\",\"text\":\"前进半米\"}");
            assertThat(ws.next("\"result\"")).contains("viewer");
            ws.send("{\"type\":\"teleop\",\"linear\":1,\"angular\":0}");
            assertThat(ws.next("\"result\"")).contains("viewer");
            ws.send("{\"type\":\"reset\",\"id\":\"2\"}");
            assertThat(ws.next("\"result\"")).contains("viewer");
            assertThat(ws.next("\"state\"")).contains("\"pose\"");
        }
        assertThat(rig.dialogue().awaitIdle(2, TimeUnit.SECONDS)).isTrue();
        assertThat(rig.robot().state().pose().x()).isEqualTo(0.0);
        assertThat(rig.robot().status().target().isZero()).isTrue();
    }

    @Test
    void should_drive_from_a_same_origin_socket_and_stop_the_pad_when_the_socket_drops() throws Exception {
        start("127.0.0.1", Map.of());
        try (RawSocket ws = new RawSocket(rig.local(), "Origin: http://" + rig.local())) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(ws.next("\"hello\"")).contains("\"places\"").contains("\"role\":\"teacher\"");
            ws.send("{\"type\":\"say\",\"id\":\"7\",\"text\":\"前进半米\"}");
            assertThat(ws.next("\"result\"")).contains("\"id\":\"7\"").contains("\"move\"").doesNotContain("awaiting_confirmation");
            assertThat(rig.dialogue().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
            assertThat(rig.robot().state().pose().x()).isBetween(0.49, 0.51);

            ws.send("{\"type\":\"teleop\",\"linear\":1,\"angular\":0}");
            assertThat(eventually(Duration.ofSeconds(5), () -> rig.robot().status().target().linear() > 0)).isTrue();
        } // the socket drops without a close frame or a release
        assertThat(eventually(Duration.ofSeconds(5), () -> rig.robot().status().target().isZero())).isTrue();
    }
}
