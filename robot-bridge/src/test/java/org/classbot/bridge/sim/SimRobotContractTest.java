package org.classbot.bridge.sim;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.Transports;

/** The simulator, as found through the ServiceLoader, passes the transport contract. */
class SimRobotContractTest extends RobotBridgeContract {

    @Override
    protected RobotBridge connect() {
        return Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
    }
}
