package org.classbot.launch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.langchain4j.model.chat.ChatModel;

import org.classbot.agent.llm.LlmPlanner;
import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.CameraVision;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.config.Settings;
import org.classbot.launch.llm.ChatModelFactory;
import org.classbot.launch.robot.RobotFactory;
import org.classbot.perception.model.ModelStore;

/**
 * The composition root: the configuration parsed once into {@link Settings}, and the one factory of every
 * part the commands, the console and the dashboard use (planner, validator, executor, robot, camera,
 * knowledge base, chat models). Commands never build these themselves and never call each other.
 */
public final class ClassbotApp {

    private final Settings settings;
    private final RobotFactory robots;

    private ClassbotApp(Settings settings) {
        this.settings = settings;
        this.robots = new RobotFactory(settings.robot());
    }

    /** Loads {@code configFile} (null: ./classbot.yaml, then ~/.classbot/config.yaml) with the process environment. */
    public static ClassbotApp load(Path configFile) {
        return of(ClassbotConfig.load(configFile, System.getenv()), System.getenv());
    }

    public static ClassbotApp of(ClassbotConfig config, Map<String, String> env) {
        return new ClassbotApp(Settings.from(config, env));
    }

    public Settings settings() {
        return settings;
    }

    // --- robot ------------------------------------------------------------------------------------

    /** Governed robots from the connection flags and {@code robot.*}. */
    public RobotFactory robots() {
        return robots;
    }

    public RoomMap map() {
        return settings.robot().map();
    }

    // --- agent ------------------------------------------------------------------------------------

    /** The places the planner knows: the robot's map. */
    public PlaceCatalog places() {
        return MapPlaces.catalog(map());
    }

    /** Plan limits from {@code agent.limits.*} and the governor's linear speed limit. */
    public PlanLimits planLimits() {
        PlanLimits d = PlanLimits.defaults(places());
        try {
            return new PlanLimits(settings.agent().maxDistanceM(), settings.agent().maxAngleDeg(),
                    settings.robot().limits().maxLinear(), settings.agent().maxActions(), d.maxTextChars(), d.maxTarget(), d.places());
        } catch (IllegalArgumentException e) {
            throw new UserError("agent.limits: " + e.getMessage() + " (fix the values in your classbot.yaml)");
        }
    }

    public PlanValidator validator() {
        return new PlanValidator(planLimits());
    }

    /** The planner: {@code choice} (a --planner flag) or {@code agent.planner}: auto, offline or llm. */
    public Planner planner(String choice) {
        String c = choice == null ? settings.agent().planner() : choice.strip().toLowerCase(java.util.Locale.ROOT);
        PlanLimits limits = planLimits();
        OfflinePlanner offline = new OfflinePlanner(limits.places());
        switch (c) {
            case "offline":
                return offline;
            case "llm":
                if (!settings.llm().enabled()) {
                    throw new UserError("--planner llm needs an LLM: set llm.provider (ollama or openai), llm.base_url and "
                            + "llm.model in classbot.yaml or CLASSBOT_LLM_PROVIDER");
                }
                // fall through
            case "auto":
                return chatModel(ChatModelFactory.Purpose.PLANNING).<Planner>map(m -> new LlmPlanner(m, offline, limits)).orElse(offline);
            default:
                throw new UserError("--planner must be auto, offline or llm, got '" + c + "'");
        }
    }

    /** Which plans wait for a yes: {@code agent.confirm_over_m} / {@code agent.confirm_over_deg}. */
    public Confirmation confirmation() {
        return new Confirmation(settings.agent().confirmOverM(), settings.agent().confirmOverDeg());
    }

    /** The executor of plans on {@code robot}; motion goes through the robot's governor and this map. */
    public PlanExecutor executor(SafetyGovernor robot, Answerer answerer, Vision vision) {
        return PlanExecutor.builder(robot).map(map()).answerer(answerer).vision(vision).limits(planLimits()).build();
    }

    /** The LLM of {@code llm.*} for a purpose, or empty when none is configured. */
    public Optional<ChatModel> chatModel(ChatModelFactory.Purpose purpose) {
        return ChatModelFactory.create(settings.llm(), purpose);
    }

    // --- perception -------------------------------------------------------------------------------

    /** The models folder: a {@code --models-dir} flag, else {@code perception.models_dir} (or $CLASSBOT_HOME/models). */
    public Path modelsDir(Path flag) {
        return flag != null ? flag : settings.perception().modelsDir();
    }

    public ModelStore models(Path flag) {
        return new ModelStore(modelsDir(flag));
    }

    /** The camera of {@code agent.camera.*} (or a --camera flag) for describe_scene and count_exercise; none when unset. */
    public Vision camera(String flag, Consumer<String> announce) {
        String source = flag != null ? flag : settings.agent().camera().source();
        if (source.isBlank()) {
            return Vision.none("set agent.camera.source (a video file, /dev/video0 or a stream URL) or pass --camera SOURCE");
        }
        var p = settings.perception();
        return new CameraVision(new CameraVision.Settings(source, p.detectModel(), p.poseModel(), models(null),
                p.detectEvery(), p.maxPeople(), p.minPersonScore(), p.minKeypointScore()), announce);
    }

    // --- knowledge --------------------------------------------------------------------------------

    /** The index folder: the --index flag, else {@code knowledge.index}. */
    public Path index(Path flag) {
        if (flag != null) {
            return flag;
        }
        return settings.knowledge().index().orElseThrow(() ->
                new UserError("no index given: pass --index DIR or set knowledge.index in the configuration"));
    }

    /** Opens (creating when absent) an index with the configured options and LLM. */
    public KnowledgeBase openKnowledge(Path index) {
        try {
            return KnowledgeBase.open(index, settings.knowledge().options(chatModel(ChatModelFactory.Purpose.ANSWERING)));
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Opens an index that must already exist (search, ask, list, delete). */
    public KnowledgeBase openExistingKnowledge(Path index) {
        if (!looksLikeIndex(index)) {
            throw new UserError("no knowledge index at " + index + "; create it with 'classbot kb ingest PATH... --index "
                    + index + "' / 索引不存在，请先导入文档");
        }
        return openKnowledge(index);
    }

    /**
     * The speech recognizer for a language ({@code voice.engine_en} / {@code engine_zh}): the embedded Sphinx4
     * grammar over this map's places for English, or Vosk / whisper.cpp with the configured model; a missing
     * model is a {@link UserError} saying what to download and where.
     */
    public org.classbot.agent.speech.SpeechRecognizer recognizer(String lang) {
        var v = settings.voice();
        String engine = "zh".equals(lang) ? v.engineZh() : v.engineEn();
        try {
            return switch (engine) {
                case "sphinx" -> new org.classbot.agent.speech.SphinxRecognizer(places(), v.lmFallback());
                case "vosk" -> org.classbot.agent.speech.VoskRecognizer.open(v.voskModel().orElse(null), lang);
                default -> org.classbot.agent.speech.WhisperRecognizer.open(v.whisperModel().orElse(null), lang);
            };
        } catch (org.classbot.agent.speech.SpeechException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** espeak-ng ({@code voice.espeak}, else the PATH), or text only (said once in the log). */
    public org.classbot.agent.speech.Speaker speaker() {
        var piper = settings.voice().piperVoice();
        if (piper.isPresent()) {
            try {
                return org.classbot.agent.speech.PiperSpeaker.open(piper.get());
            } catch (org.classbot.agent.speech.SpeechException e) {
                throw new UserError(e.getMessage() + " (voice.piper_voice)", e);
            }
        }
        return org.classbot.agent.speech.Speakers.detect(settings.voice().espeak());
    }

    /** Silero VAD when {@code voice.vad_model} is set (a bad file is a {@link UserError}), else the energy VAD. */
    public org.classbot.agent.speech.Vad vad() {
        var model = settings.voice().vadModel();
        if (model.isEmpty()) {
            return new org.classbot.agent.speech.EnergyVad();
        }
        try {
            return org.classbot.agent.speech.SileroVad.open(model.get());
        } catch (org.classbot.agent.speech.SpeechException e) {
            throw new UserError(e.getMessage());
        }
    }

    static boolean looksLikeIndex(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
