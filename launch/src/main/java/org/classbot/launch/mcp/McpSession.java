package org.classbot.launch.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.classbot.agent.skill.CameraVision;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.kb.SampleDocs;
import org.classbot.launch.robot.ConnectionOptions;

/**
 * The parts one MCP server uses, all from {@link ClassbotApp} (the composition root, as {@code classbot run} and
 * {@code do} take them): the governed robot, the knowledge base, the camera, the planner, validator and executor.
 * Closing it stops the robot and closes the rest.
 */
final class McpSession implements AutoCloseable {

    private final ClassbotApp app;
    private final SafetyGovernor robot;
    private final KnowledgeSession knowledge;
    private final Vision vision;
    private final McpEngine engine;

    private McpSession(ClassbotApp app, SafetyGovernor robot, KnowledgeSession knowledge, Vision vision, McpEngine engine) {
        this.app = app;
        this.robot = robot;
        this.knowledge = knowledge;
        this.vision = vision;
        this.engine = engine;
    }

    /**
     * Connects the robot and opens the knowledge base: an existing index is opened on the first question; a missing
     * one is created and filled with {@code samples} (default: the bundled sample documents), as {@code classbot run} does.
     */
    static McpSession open(ClassbotApp app, ConnectionOptions connection, Path indexFlag, Path samples, String cameraFlag,
                           String plannerChoice, Consumer<String> say) {
        var planner = app.planner(plannerChoice);
        SafetyGovernor robot = app.robots().connect(connection, false);
        KnowledgeSession kb = null;
        try {
            Path index = indexFlag != null ? indexFlag : app.settings().knowledge().index().orElse(null);
            kb = index != null && Files.isDirectory(index)
                    ? KnowledgeSession.lazy(app, indexFlag)
                    : KnowledgeSession.open(app, indexFlag, samples != null ? samples : SampleDocs.samples().orElse(null), say);
            Vision vision = app.camera(cameraFlag, say);
            boolean camera = cameraFlag != null || !app.settings().agent().camera().source().isBlank();
            PlanExecutor executor = app.executor(robot, kb.answerer(), vision);
            McpEngine engine = new McpEngine(robot, planner, app.validator(), app.confirmation(), executor, kb, vision, camera);
            engine.cameraSource(cameraFlag != null ? cameraFlag : app.settings().agent().camera().source());
            return new McpSession(app, robot, kb, vision, engine);
        } catch (RuntimeException e) {
            if (kb != null) {
                kb.close();
            }
            robot.close();
            throw e;
        }
    }

    /** An engine for listing the tools only: no robot, no index. */
    static McpEngine catalogue(ClassbotApp app) {
        return new McpEngine(null, null, app.validator(), app.confirmation(), null, null, Vision.none("listing only"), false);
    }

    McpEngine engine() {
        return engine;
    }

    ClassbotApp app() {
        return app;
    }

    @Override
    public void close() {
        try {
            robot.stop();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        if (vision instanceof CameraVision c) {
            c.close();
        }
        knowledge.close();
        robot.close();
    }
}
