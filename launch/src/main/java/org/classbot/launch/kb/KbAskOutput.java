package org.classbot.launch.kb;

import java.io.PrintWriter;

import org.classbot.knowledge.Answer;
import org.classbot.launch.app.Json;

/** Prints an answer as text or as the DESIGN.md JSON document. */
public final class KbAskOutput {
    private KbAskOutput() {
    }

    public static void print(PrintWriter out, Answer a, boolean json, boolean explain) {
        if (json) {
            Json.println(out, KbJson.answer(a, explain));
        } else {
            KbText.answer(out, a, explain);
        }
    }
}
