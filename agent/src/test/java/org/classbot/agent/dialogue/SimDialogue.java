package org.classbot.agent.dialogue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;

/**
 * Test fixture: the offline dialogue on the built-in simulator in the classroom map, behind the real governor
 * (the set-up the dialogue, stop-word and voice-loop tests share). Closing it closes the dialogue, then the robot.
 */
public final class SimDialogue implements AutoCloseable {

    private final RoomMap map = RoomMap.classroom();
    private final PlaceCatalog places = MapPlaces.catalog(map);
    private final SafetyGovernor robot;
    private final Dialogue dialogue;

    private SimDialogue() {
        robot = RobotBridges.connect(ConnectionSpec.builder("sim").build(), SafetyLimits.builder().geofence(map.geofence()).build());
        PlanExecutor executor = PlanExecutor.builder(robot).map(map).limits(PlanLimits.defaults(places)).build();
        dialogue = new Dialogue(new OfflinePlanner(places), executor, new Confirmation(2.0, 360));
    }

    /** A fresh simulated robot at the origin and a dialogue on it (confirmation above 2 m or 360°). */
    public static SimDialogue open() {
        return new SimDialogue();
    }

    public SafetyGovernor robot() {
        return robot;
    }

    public Dialogue dialogue() {
        return dialogue;
    }

    public PlaceCatalog places() {
        return places;
    }

    @Override
    public void close() {
        dialogue.close();
        robot.close();
    }

    /** Polls a condition until it holds or {@code seconds} pass (no fixed sleep: returns as soon as it holds). */
    public static boolean waitFor(BooleanSupplier condition, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }
}
