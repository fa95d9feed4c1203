package org.classbot.launch.voice;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.agent.plan.Plan;
import org.classbot.agent.speech.Audio;
import org.classbot.agent.speech.AudioFiles;
import org.classbot.agent.speech.SpeechException;
import org.classbot.agent.speech.SpeechRecognizer;
import org.classbot.agent.speech.Transcript;
import org.classbot.launch.agent.PlanCommand;
import org.classbot.launch.app.AppOptions;
import org.classbot.launch.app.Cli;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;
import org.classbot.launch.robot.ConnectionOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classbot listen AUDIO.wav|--mic [--lang en|zh] [--json] [--do] [--yes] [connection flags]}: recognize one
 * utterance and plan it; with {@code --do} the words go through {@code classbot do} itself (the same
 * non-command filter, limits and big-move confirmation as typed text).
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Recognize speech (a WAV/raw file or the microphone) and plan it; --do executes it. 听一句话并规划（--do 执行）。"})
public final class ListenCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "AUDIO", description = "16 kHz mono WAV (any PCM WAV is converted) or s16le .raw")
    Path audio;

    @Option(names = "--mic", description = "listen on the microphone until the end of one utterance (VAD)")
    boolean mic;

    @Option(names = "--seconds", paramLabel = "S", description = "with --mic: give up after this long (default 10)")
    double seconds = 10;

    @Option(names = "--lang", paramLabel = "en|zh", description = "language (default en; zh needs voice.vosk_model or voice.whisper_model)")
    String lang = "en";

    @Option(names = "--json", description = "print {\"text\",\"confidence\",\"lang\",\"engine\",\"actions\":[...]}")
    boolean json;

    @Option(names = "--do", description = "execute the plan, exactly as 'classbot do' would with the recognized words")
    boolean execute;

    @Option(names = "--yes", description = "with --do: confirm a big move in advance")
    boolean yes;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        lang = lang.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new UserError("--lang must be en or zh, got '" + lang + "' / --lang 只能是 en 或 zh");
        }
        if ((audio == null) == !mic) {
            throw new UserError("give an audio file or --mic (one of them) / 请给出音频文件或 --mic");
        }
        ClassbotApp app = this.app.app();
        Audio clip = mic ? MicCapture.oneUtterance(app.vad(), seconds) : read(audio);
        Transcript heard;
        try (SpeechRecognizer recognizer = app.recognizer(lang)) {
            heard = recognizer.recognize(clip);
        } catch (SpeechException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (execute) {
            return execute(heard, out);
        }
        Plan plan = app.planner(null).plan(heard.text());
        if (json) {
            Map<String, Object> doc = heard(heard);
            doc.putAll(PlanCommand.document(plan, false));
            Json.println(out, doc);
        } else {
            out.printf(Locale.ROOT, "heard: \"%s\" (%s, %s, confidence %.2f, %d ms)%n", heard.text(), heard.lang(), heard.engine(),
                    heard.confidence(), heard.decodeMs());
            out.print(org.classbot.agent.plan.PlanText.lines(plan));
            plan.notes().forEach(n -> out.println("note: " + n));
        }
        out.flush();
        return Cli.EXIT_OK;
    }

    private static Audio read(Path file) {
        try {
            return AudioFiles.read(file);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Runs {@code classbot do} with the recognized words and this command's flags; with --json its document gains the transcript. */
    private int execute(Transcript heard, PrintWriter out) throws IOException {
        if (heard.isEmpty()) {
            throw new UserError("heard nothing that could be recognized, nothing moved / 没有听清，机器人没有移动");
        }
        List<String> args = new ArrayList<>(List.of(heard.text()));
        if (json) {
            args.add("--json");
        }
        if (yes) {
            args.add("--yes");
        }
        Path config = spec.commandLine().getParseResult().matchedOptionValue("--config", null);
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        connection.profile().ifPresent(v -> args.addAll(List.of("--profile", v)));
        connection.robot().ifPresent(v -> args.addAll(List.of("--robot", v)));
        connection.mqttUrl().ifPresent(v -> args.addAll(List.of("--mqtt-url", v)));
        connection.rosMaster().ifPresent(v -> args.addAll(List.of("--ros-master", v)));
        connection.rosbridgeUrl().ifPresent(v -> args.addAll(List.of("--rosbridge-url", v)));
        CommandLine doCommand = spec.root().commandLine().getSubcommands().get("do");
        if (!json) {
            out.printf(Locale.ROOT, "heard: \"%s\" (%s, %s)%n", heard.text(), heard.lang(), heard.engine());
            out.flush();
            return doCommand.execute(args.toArray(String[]::new));
        }
        StringWriter captured = new StringWriter();
        PrintWriter before = doCommand.getOut();
        doCommand.setOut(new PrintWriter(captured, true));
        int rc;
        try {
            rc = doCommand.execute(args.toArray(String[]::new));
        } finally {
            doCommand.setOut(before);
        }
        Map<String, Object> doc = heard(heard);
        String body = captured.toString().strip();
        if (!body.isEmpty()) {
            JsonNode done = Json.MAPPER.readTree(body);
            done.fields().forEachRemaining(e -> doc.put(e.getKey(), e.getValue()));
        }
        Json.println(out, doc);
        out.flush();
        return rc;
    }

    private static Map<String, Object> heard(Transcript t) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", t.text());
        doc.put("confidence", Math.round(t.confidence() * 100) / 100.0);
        doc.put("lang", t.lang());
        doc.put("engine", t.engine());
        return doc;
    }
}
