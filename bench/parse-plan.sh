#!/usr/bin/env bash
# Measures how fast berth parses and plans the benchmark corpus, with JMH.
#
#   bench/parse-plan.sh [extra JMH options]
#
# Installs berth into the local Maven repository, builds bench/jmh/target/benchmarks.jar, runs
# ParsePlanBenchmark (-f 1 -wi 3 -i 5) with JSON results in bench/results/, and prints
# "N Dockerfiles/s, X MB/s" from the score (corpus passes per second) and the corpus size.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
corpus="$root/bench/corpus"
results="$root/bench/results"
cd "$root"

echo "== installing berth" >&2
./mvnw -B -o -q -DskipTests install

echo "== building benchmarks.jar" >&2
# Offline first; JMH itself may still need one download on a fresh machine.
if ! ./mvnw -B -o -q -f bench/jmh/pom.xml package 2>/dev/null; then
  ./mvnw -B -q -f bench/jmh/pom.xml package
fi

mkdir -p "$results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$results/parse-plan-$stamp.json"

echo "== running JMH" >&2
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_cmd" -Dberth.corpus="$corpus" -jar bench/jmh/target/benchmarks.jar \
  -f 1 -wi 3 -i 5 \
  -jvmArgsAppend "-Dberth.corpus=$corpus" \
  -rf json -rff "$json" \
  "$@" \
  'dev.berth.bench.ParsePlanBenchmark.parseAndPlanCorpus'

# The first "score" in JMH's JSON is the primary metric: corpus passes per second.
score="$(grep -m1 '"score"' "$json" | sed -E 's/.*"score" *: *([0-9.eE+-]+).*/\1/')"
files="$(find "$corpus" -maxdepth 1 -name '*.Dockerfile' | wc -l)"
bytes="$(find "$corpus" -maxdepth 1 -name '*.Dockerfile' -exec cat {} + | wc -c)"
awk -v s="$score" -v n="$files" -v b="$bytes" 'BEGIN {
  printf "corpus: %d Dockerfiles, %d bytes; score %.3f passes/s\n", n, b, s
  printf "%.0f Dockerfiles/s, %.2f MB/s\n", s * n, s * b / 1e6
}'
echo "results: $json" >&2
