package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the tab-separated planner example files (utterance, expected JSON actions) and compares plans numerically. */
final class PlanCases {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Case(int line, String utterance, JsonNode expected) {
        @Override
        public String toString() {
            return utterance;
        }
    }

    private PlanCases() {
    }

    static List<Case> load(String resource) {
        List<Case> out = new ArrayList<>();
        try (InputStream in = PlanCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 2) {
                    throw new IllegalStateException(resource + ":" + (i + 1) + ": expected utterance<TAB>json");
                }
                out.add(new Case(i + 1, f[0], MAPPER.readTree(f[1])));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static JsonNode actionsJson(Plan plan) {
        return MAPPER.valueToTree(plan.actions());
    }

    /** Equal as JSON, numbers compared by value (2 == 2.0), within 1e-6. */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return Math.abs(x.asDouble() - y.asDouble()) < 1e-6 ? 0 : 1;
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }
}
