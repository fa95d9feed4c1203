package org.classbot.launch.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's page: plain HTML, JS and CSS from {@code resources/web/} (no CDN, nothing from the internet at
 * run time), read once from the class path.
 */
final class DashboardPage {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private DashboardPage() {
    }

    static String resource(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = DashboardPage.class.getResourceAsStream("/web/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("missing dashboard resource web/" + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
