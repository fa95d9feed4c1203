package org.classbot.bridge.mqtt;

import org.classbot.bridge.ConnectionSpec;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MQTT bridge passes the transport contract against a real Mosquitto and a served simulator. */
class MqttMosquittoContractTest extends MqttContract {

    @RegisterExtension
    static final MosquittoBroker mosquitto = new MosquittoBroker();

    @Override
    protected MqttTransport transport() {
        return MqttRig.transport();
    }

    @Override
    protected ConnectionSpec nextSpec() {
        return mosquitto.spec("contract");
    }

    /** The broker is killed (SIGKILL: no clean goodbye) and started again on the same port. */
    @Override
    protected void cutLink() throws Exception {
        mosquitto.process().stop(true);
    }

    @Override
    protected void restoreLink() throws Exception {
        mosquitto.process().restart();
    }
}
