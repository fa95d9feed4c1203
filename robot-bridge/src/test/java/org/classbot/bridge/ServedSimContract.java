package org.classbot.bridge;

/**
 * The bridge contract with ClassBot on both ends of a transport, as {@code classbot sim} and
 * {@code classbot run} use it: the simulator served through a per-test peer (a rosbridge server)
 * and an agent bridge connected through the same peer ({@link ServedSim}). Both ends come from the
 * profile's ServiceLoader registration; the spec {@link #startPeer()} returns names the profile.
 */
public abstract class ServedSimContract extends RobotBridgeContract {

    private ServedSim served;

    /** Starts the peer both ends meet at and says how to reach it. */
    protected abstract ConnectionSpec startPeer() throws Exception;

    /** Stops the peer, after the served simulator; also when starting it failed half-way. */
    protected abstract void stopPeer() throws Exception;

    @Override
    protected final RobotBridge connect() throws Exception {
        served = ServedSim.serve(startPeer());
        return served.connectAgent();
    }

    /** The served simulator's odometry freezes (its heartbeat with it); connections stay open. */
    @Override
    protected StallableRobot stallableRobot() {
        return served.stallable();
    }

    @Override
    protected final void disconnectPeers() throws Exception {
        try {
            if (served != null) {
                served.close();
            }
        } finally {
            stopPeer();
        }
    }
}
