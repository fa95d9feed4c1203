#!/usr/bin/env bash
# Offline planner speed (agent/README.md, "Speed"): cases/s and p50/p95 on the positive example table + held-out
# set and on the negative table. Usage: launch/scripts/bench-planner.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# PlannerBenchmark lives in agent's test code (it reads the test tables), not in the jar
./mvnw -q -B -ntp -pl agent -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  org.classbot.agent.plan.offline.PlannerBenchmark "$@"
