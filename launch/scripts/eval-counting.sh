#!/usr/bin/env bash
# Repetition-counting evaluation (perception/README.md, "Evaluation"): MAE and off-by-one accuracy over every clip
# with a hand count in perception/src/test/resources/count-clips.tsv. Needs the models the tests use
# (launch/scripts/fetch-test-models.sh) and ../shared/exercise beside the checkout. Usage: eval-counting.sh [--detector]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# CountingEval lives in perception's test code (it reads the test clips), not in the jar
./mvnw -q -B -ntp -pl perception -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="$root/perception/target/test-classes:$root/perception/target/classes:$(cat perception/target/bench-classpath.txt)"
mkdir -p perception/target/tmp
cd perception   # the converted test models go to perception/target/test-models, as in the tests
exec java -cp "$cp" -Djava.io.tmpdir="$root/perception/target/tmp" -Dclassbot.exercise="$root/../shared/exercise" \
  org.classbot.perception.pipeline.CountingEval "$@"
