package org.classbot.launch.voice;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.classbot.agent.speech.AudioFiles;
import org.classbot.agent.speech.EspeakSpeaker;
import org.classbot.agent.speech.SpeechException;
import org.classbot.agent.speech.Speaker;
import org.classbot.launch.app.AppOptions;
import org.classbot.launch.app.Cli;
import org.classbot.launch.app.UserError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classbot say "TEXT" [--out FILE.wav]}: speak now with espeak-ng (Mandarin voice for Chinese text,
 * en-us otherwise), or write a 16 kHz mono WAV. Without espeak-ng the text is printed and the log says so once.
 */
@Command(name = "say", mixinStandardHelpOptions = true,
        description = {"Speak a text with espeak-ng, or write it to a 16 kHz mono WAV. 朗读文字或写成 WAV。"})
public final class SayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEXT", description = "e.g. \"同学们好\" or \"Hello, class\"")
    String text;

    @Option(names = "--out", paramLabel = "FILE.wav", description = "write a 16 kHz mono WAV instead of speaking")
    Path out;

    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (text == null || text.isBlank()) {
            throw new UserError("nothing to say: the text is empty / 没有要说的内容");
        }
        PrintWriter w = spec.commandLine().getOut();
        try (Speaker speaker = app.app().speaker()) {
            if (out != null) {
                if (!speaker.synthesize(text, out)) {
                    throw new UserError("espeak-ng is not installed, so no WAV can be written (apt-get install espeak-ng)"
                            + " / 未安装 espeak-ng，无法生成 WAV");
                }
                w.printf(Locale.ROOT, "wrote %s (%.2f s, voice %s)%n", out, AudioFiles.read(out).seconds(), EspeakSpeaker.voiceFor(text));
            } else {
                w.println(text);
                w.flush();
                speaker.say(text); // close() lets it finish before the command ends
            }
        } catch (SpeechException e) {
            throw new UserError(e.getMessage());
        }
        w.flush();
        return Cli.EXIT_OK;
    }
}
