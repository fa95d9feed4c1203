package org.classbot.bridge;

/**
 * The bridge contract with ClassBot on both ends of a transport, as {@code classbot sim} and
 * {@code classbot run} use it: the simulator served through a per-test peer (a rosmaster, a
 * rosbridge server) and an agent bridge connected through the same peer. Both ends come from the
 * profile's ServiceLoader registration; the spec {@link #startPeer()} returns names the profile.
 */
public abstract class ServedSimContract extends RobotBridgeContract {

    private RobotBridge sim;
    private StallableRobot stallable;
    private AutoCloseable served;

    /** Starts the peer both ends meet at and says how to reach it. */
    protected abstract ConnectionSpec startPeer() throws Exception;

    /** Stops the peer, after the served simulator; also when starting it failed half-way. */
    protected abstract void stopPeer() throws Exception;

    @Override
    protected final RobotBridge connect() throws Exception {
        ConnectionSpec spec = startPeer();
        sim = Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
        Transport transport = Transports.forProfile(spec.profile());
        stallable = new StallableRobot(sim);
        served = transport.serve(stallable, spec);
        return transport.connect(spec);
    }

    /** The served simulator's odometry freezes (its heartbeat with it); connections stay open. */
    @Override
    protected void stallOdometry() {
        stallable.stall();
    }

    @Override
    protected void resumeOdometry() {
        stallable.resume();
    }

    @Override
    protected final void disconnectPeers() throws Exception {
        try {
            if (served != null) {
                served.close();
            }
            if (sim != null) {
                sim.close();
            }
        } finally {
            stopPeer();
        }
    }
}
