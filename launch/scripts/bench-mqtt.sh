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
./mvnw -q -B -ntp -pl robot-bridge compile
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
./mvnw -q -B -ntp -pl robot-bridge dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp" >/dev/null
exec java -cp "robot-bridge/target/classes:$(cat "$cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.classbot.bridge.mqtt.MqttBench "$@"
