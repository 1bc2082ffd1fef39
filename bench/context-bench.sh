#!/usr/bin/env bash
# Selecting and hashing a 20,000-file build context: without berth's digest cache, cold and warm.
# Usage: bench/context-bench.sh [WORKDIR]. Not part of ./mvnw test.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q test-compile
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" dev.berth.context.ContextHashBench "$@"
