#!/usr/bin/env bash
# MQTT benchmark (robot-bridge/README.md, "Figures"): ClassBot's MQTT command path through a real
# Mosquitto versus the mosquitto_pub -> mosquitto_sub baseline (latency ratio), and commands per
# second sustained without loss. Usage: launch/scripts/bench-mqtt.sh [latencyCount] [throughputCount]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
for b in /usr/sbin/mosquitto mosquitto_pub mosquitto_sub mosquitto_passwd; do
  command -v "$b" >/dev/null 2>&1 || [[ -x "$b" ]] || { echo "bench-mqtt.sh: $b missing (apt-get install mosquitto mosquitto-clients)" >&2; exit 2; }
done
# MqttBench and its Mosquitto harness live in robot-bridge's test code (not in the jar)
./mvnw -q -B -ntp -pl robot-bridge test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -cp "robot-bridge/target/test-classes:robot-bridge/target/classes:$(cat robot-bridge/target/bench-classpath.txt)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.classbot.bridge.mqtt.MqttBench "$@"
