#!/usr/bin/env bash
# Layer write/apply throughput (MB/s of uncompressed tar) for 20,000 small files and one 300 MB
# file, next to GNU tar + gzip on the same data in the same run. Usage: bench/layer-bench.sh [WORKDIR]
# Needs about 1.5 GB free in WORKDIR (default: the system temp dir). Not part of ./mvnw test.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q test-compile
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" dev.berth.bench.LayerBench "$@"
