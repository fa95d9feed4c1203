package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;


/** The dashboard attacked as a hostile web page or a stranger on the LAN would: raw HTTP, real simulator. */
class DashboardSecurityTest {

    @AutoClose
    private DashboardRig rig;

    private void start(String host, Map<String, String> env) {
        rig = DashboardRig.sim("websec").start(host, env);
    }

    /** One raw HTTP/1.1 request (Connection: close); returns the whole response. */
    private String http(String method, String path, String host, String... headersAndBody) throws IOException {
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        String body = "";
        for (String h : headersAndBody) {
            if (h.startsWith("BODY:")) {
                body = h.substring(5);
            } else {
                req.append(h).append("\r\n");
            }
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        req.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", rig.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void should_refuse_a_cross_site_text_plain_post_that_would_drive_the_robot() throws Exception {
        start("127.0.0.1", Map.of());
        String r = http("POST", "/api/say", rig.local(), "Origin: http://evil.example", "Content-Type: text/plain", "BODY:{\"text\":\"前进半米\"}");
        assertThat(status(r)).isEqualTo(403);
        assertThat(r).contains("cross-site");
        assertThat(rig.dialogue().busy()).isFalse();
        assertThat(rig.dialogue().awaitIdle(1, TimeUnit.SECONDS)).isTrue();
        assertThat(rig.robot().state().pose().x()).isEqualTo(0.0);
        // a form post from the same origin but not JSON: refused too (a form is what a CSRF page can send)
        String form = http("POST", "/api/say", rig.local(), "Origin: http://" + rig.local(), "Content-Type: application/x-www-form-urlencoded", "BODY:text=go");
        assertThat(status(form)).isEqualTo(403);
        assertThat(form).contains("application/json");
    }

    @Test
    void should_refuse_a_cross_site_reset_of_the_estop() throws Exception {
        start("127.0.0.1", Map.of());
        rig.dialogue().emergencyStop();
        String r = http("POST", "/api/reset", rig.local(), "Origin: http://evil.example", "Content-Type: text/plain", "BODY:");
        assertThat(status(r)).isEqualTo(403);
        assertThat(rig.robot().estopped()).isTrue();
        String ok = http("POST", "/api/reset", rig.local(), "Origin: http://" + rig.local(), "Content-Type: application/json", "BODY:{}");
        assertThat(status(ok)).isEqualTo(200);
        assertThat(rig.robot().estopped()).isFalse();
    }

    @Test
    void should_refuse_a_rebound_host_name_on_loopback() throws Exception {
        start("127.0.0.1", Map.of());
        assertThat(status(http("GET", "/api/state", "evil.example:" + rig.port()))).isEqualTo(403);
        assertThat(status(http("GET", "/api/state", rig.local()))).isEqualTo(200);
        assertThat(status(http("GET", "/api/state", "localhost:" + rig.port()))).isEqualTo(200);
    }

    @Test
    void should_accept_same_origin_json_from_the_page() throws Exception {
        start("127.0.0.1", Map.of());
        String r = http("POST", "/api/say", rig.local(), "Origin: http://" + rig.local(), "Content-Type: application/json; charset=utf-8",
                "BODY:{\"text\":\"说你好\"}");
        assertThat(status(r)).as(r).isEqualTo(200);
        assertThat(r).contains("\"speak\"");
    }

    @Test
    void should_need_a_token_beyond_loopback_with_an_httponly_strict_session_and_a_read_only_viewer() throws Exception {
        start("0.0.0.0", Map.of("CLASSBOT_WEB_TOKEN", "teacher-secret", "CLASSBOT_WEB_VIEWER_TOKEN", "viewer-secret"));
        String host = "192.0.2.10:" + rig.port(); // what a LAN browser would send
        assertThat(rig.dashboard().loginLink("http://192.0.2.10:" + rig.port() + "/"))
                .contains("http://192.0.2.10:" + rig.port() + "/login?token=teacher-secret");

        assertThat(status(http("GET", "/api/state", host))).isEqualTo(401);
        String move = http("POST", "/api/say", host, "Content-Type: application/json", "BODY:{\"text\":\"前进半米\"}");
        assertThat(status(move)).isEqualTo(401);
        assertThat(status(http("GET", "/login?token=wrong", host))).isEqualTo(401);

        String login = http("GET", "/login?token=teacher-secret", host);
        assertThat(status(login)).isEqualTo(302);
        Matcher m = Pattern.compile("(?i)Set-Cookie: (classbot_session=[0-9a-f]+); Path=/; HttpOnly; SameSite=Strict").matcher(login);
        assertThat(m.find()).as(login).isTrue();
        String cookie = "Cookie: " + m.group(1);
        assertThat(status(http("GET", "/api/state", host, cookie))).isEqualTo(200);
        assertThat(status(http("POST", "/api/stop", host, cookie, "Origin: http://" + host, "Content-Type: application/json", "BODY:{}")))
                .isEqualTo(200);
        assertThat(status(http("GET", "/api/state", host, "Authorization: Bearer teacher-secret"))).isEqualTo(200);

        assertThat(status(http("GET", "/api/state", host, "Authorization: Bearer viewer-secret"))).isEqualTo(200);
        String viewerMove = http("POST", "/api/say", host, "Authorization: Bearer viewer-secret", "Content-Type: application/json",
                "BODY:{\"text\":\"前进半米\"}");
        assertThat(status(viewerMove)).isEqualTo(403);
        assertThat(rig.dialogue().awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(rig.robot().state().pose().x()).isEqualTo(0.0);
    }

    @Test
    void should_generate_a_token_when_bound_beyond_loopback_without_one() {
        start("0.0.0.0", Map.of());
        assertThat(rig.dashboard().loginLink("http://h:1/")).hasValueSatisfying(l -> assertThat(l).matches("http://h:1/login\\?token=[A-Za-z0-9_-]{20,}"));
    }
}
