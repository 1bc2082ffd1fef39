#!/usr/bin/env bash
# Times `berth check` over the benchmark corpus beside the two Dockerfile linters the npm registry
# offers, in one run on one machine:
#   - dockerfile-utils (the linter behind VS Code's Dockerfile support; its CLI takes one file),
#   - dockerfilelint (which takes many files in one process).
#
#   bench/check-bench.sh [-n RUNS]
#
# Prints, per tool: files/s over the whole corpus (berth and dockerfilelint in one process for all
# files, dockerfile-utils one process per file, as its CLI allows; berth one process per file too,
# for comparison), and the whole-process time for one file (the median of RUNS runs on
# 14-alpine-minimal.Dockerfile, JVM or node start included). Needs the jar (./mvnw -DskipTests
# package) and `npm install -g dockerfile-utils dockerfilelint`; a missing linter is skipped.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
corpus="$root/bench/corpus"
runs=5
if [ "${1:-}" = "-n" ]; then
  runs="$2"
fi
berth="$root/bin/berth"
if [ ! -f "$root/target/berth.jar" ]; then
  echo "== building berth" >&2
  (cd "$root" && ./mvnw -B -o -q -DskipTests package)
fi
mapfile -t files < <(find "$corpus" -maxdepth 1 -name '*.Dockerfile' | sort)
one="$corpus/14-alpine-minimal.Dockerfile"
n=${#files[@]}

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Runs "$@" RUNS times and prints the median wall time in seconds.
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(now)
    "$@" >/dev/null 2>&1 || true
    t1=$(now)
    times+=("$(seconds "$t0" "$t1")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

corpus_once() { "$berth" check "${f_args[@]}" --format json "$corpus"; }
per_file() {
  local tool="$1"
  shift
  for f in "${files[@]}"; do
    "$tool" "$@" "$f" >/dev/null 2>&1 || true
  done
}
berth_file() { "$berth" check --format json -f "$1" "$corpus"; }
utils_file() { dockerfile-utils lint "$1"; }
f_args=()
for f in "${files[@]}"; do
  f_args+=(-f "$f")
done

printf 'corpus: %d Dockerfiles in %s; %d runs each; %s\n' "$n" "$corpus" "$runs" "$(nproc) cores"
printf '%-34s %12s %12s\n' "tool" "files/s" "1 file (s)"

t=$(median corpus_once)
single=$(median berth_file "$one")
printf '%-34s %12.1f %12s\n' "berth check (one process)" "$(awk -v n="$n" -v t="$t" 'BEGIN { print n / t }')" "$single"
t=$(median per_file berth_file)
printf '%-34s %12.1f %12s\n' "berth check (a process per file)" "$(awk -v n="$n" -v t="$t" 'BEGIN { print n / t }')" "$single"

if command -v dockerfilelint >/dev/null; then
  t=$(median dockerfilelint -j "${files[@]}")
  single=$(median dockerfilelint -j "$one")
  printf '%-34s %12.1f %12s\n' "dockerfilelint $(dockerfilelint --version 2>/dev/null)" "$(awk -v n="$n" -v t="$t" 'BEGIN { print n / t }')" "$single"
else
  echo "dockerfilelint: not installed (npm install -g dockerfilelint), skipped"
fi
if command -v dockerfile-utils >/dev/null; then
  t=$(median per_file utils_file)
  single=$(median utils_file "$one")
  printf '%-34s %12.1f %12s\n' "dockerfile-utils $(dockerfile-utils --version 2>/dev/null | awk '{print $3}')" "$(awk -v n="$n" -v t="$t" 'BEGIN { print n / t }')" "$single"
else
  echo "dockerfile-utils: not installed (npm install -g dockerfile-utils), skipped"
fi
