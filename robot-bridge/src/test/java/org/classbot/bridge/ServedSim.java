package org.classbot.bridge;

/**
 * ClassBot's simulator served through a transport's peer, as {@code classbot sim} serves it, with
 * its odometry stallable ({@link StallableRobot}); the agent bridge connects through the same peer.
 * Both ends come from the profile's ServiceLoader registration.
 */
public final class ServedSim implements AutoCloseable {

    private final ConnectionSpec spec;
    private final Transport transport;
    private final RobotBridge sim;
    private final StallableRobot stallable;
    private final AutoCloseable served;

    private ServedSim(ConnectionSpec spec) {
        this.spec = spec;
        this.transport = Transports.forProfile(spec.profile());
        this.sim = Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
        this.stallable = new StallableRobot(sim);
        try {
            this.served = transport.serve(stallable, spec);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** Serves a fresh simulator on the peer the spec names. */
    public static ServedSim serve(ConnectionSpec spec) {
        return new ServedSim(spec);
    }

    /** An agent bridge to the served simulator, through the profile's transport. */
    public RobotBridge connectAgent() {
        return transport.connect(spec);
    }

    public StallableRobot stallable() {
        return stallable;
    }

    /** Stops serving, then closes the simulator. */
    @Override
    public void close() throws Exception {
        try {
            served.close();
        } finally {
            sim.close();
        }
    }
}
