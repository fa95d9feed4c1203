#!/usr/bin/env bash
# Knowledge-base benchmark and retrieval evaluation (figures go into knowledge/README.md).
#   launch/scripts/bench-knowledge.sh            ingest vs embedding, vector latency at 10k and 100k vs InMemoryEmbeddingStore, recall@10
#   launch/scripts/bench-knowledge.sh 10000      only the 10k size
#   launch/scripts/bench-knowledge.sh eval [-v]  top-3 hit rates on the evaluation set: hybrid vs BM25-only vs vector-only
#   JAVA_OPTS=-DcompareModels=true launch/scripts/bench-knowledge.sh eval   … and with bge-small-zh alone
#   JAVA_OPTS="-Deval.set=eval-rules -Ddictionary=…/all.js" launch/scripts/bench-knowledge.sh ablation [-v]
#                                                evidence@3 per column: dense-only baseline, chunking / instruction / BM25 gate / all
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -o -pl knowledge test-compile 2>/dev/null || ./mvnw -q -pl knowledge test-compile
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
./mvnw -q -o -pl knowledge dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
# the class path goes through the environment: ONNX Runtime 1.29 crashes at start-up when the JVM's command
# line is longer than about 4 KB
export CLASSPATH="knowledge/target/test-classes:knowledge/target/classes:$(cat "$cpfile")"
# temp files (ONNX Runtime's native library unpack, the benchmark's indexes) go under knowledge/target, not /tmp
opts=(-Xmx3g -DDJL_CACHE_DIR="$root/knowledge/target/djl-cache" -Djava.io.tmpdir="$root/knowledge/target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
if [[ "${1:-}" == eval ]]; then
  shift
  evalidx="$(mktemp -d)"
  trap 'rm -f "$cpfile"; rm -rf "$evalidx"' EXIT
  java "${opts[@]}" ${JAVA_OPTS:-} org.classbot.knowledge.eval.RetrievalEval "$evalidx" "$@"
  exit
fi
if [[ "${1:-}" == ablation ]]; then
  shift
  exec java "${opts[@]}" ${JAVA_OPTS:-} org.classbot.knowledge.eval.AblationEval "$@"
fi
exec java "${opts[@]}" ${JAVA_OPTS:-} org.classbot.knowledge.bench.KnowledgeBench "$@"
