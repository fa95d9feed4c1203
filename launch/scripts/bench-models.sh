#!/usr/bin/env bash
# Model benchmark: TF.js -> ONNX conversion time and size, then MoveNet-lightning and CenterNet
# per-frame time split into preprocess / session.run / postprocess on the golden images
# (../shared/golden, or -Dclassbot.golden=DIR). Needs the npm tarball fetch-test-models.sh caches.
# Usage: bench-models.sh [ROUNDS] [ORT_THREADS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
launch/scripts/fetch-test-models.sh >/dev/null
./mvnw -B -q -ntp -pl perception test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="perception/target/test-classes:perception/target/classes:$(cat perception/target/bench-classpath.txt)"
exec java -Dlogback.configurationFile=/dev/null -cp "$cp" org.classbot.perception.model.ModelBench "$@"
