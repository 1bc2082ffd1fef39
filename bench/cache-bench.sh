#!/usr/bin/env bash
# Shared build cache benchmark: how long a second CI runner (an empty store holding only the base
# image) takes to build with --cache-from a registry, against a local fully-cached rebuild.
#
#   bench/cache-bench.sh [--record] [--mb N] [--runs N] [--work DIR]
#
#   --record   append a dated "Shared build cache" section to bench/RESULTS.md
#   --mb N     MB of random data the dependency step writes (default 20)
#   --runs N   samples of each measurement; the median is reported (default 3)
#   --work DIR scratch directory (default /var/tmp/berth-cache-bench)
#
# The Dockerfile has the seed's shape on a busybox base (builder, app-pre, an app stage fed by
# COPY --from; a dependency RUN writing N MB). Runner 1 builds it with
# --cache-to type=registry,ref=...,mode=max; each sample of "second runner" is a fresh copy of the
# base-only store building a copy of the context with --cache-from (every step CACHED, its layers
# fetched and verified); each sample of "local" is a fully cached rebuild on runner 1. Whole
# process wall time, JVM start included. Needs root, docker-registry, python3, /bin/busybox.
# Environment: BERTH (default bin/berth).
set -euo pipefail
shopt -s inherit_errexit

prog=cache-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
record=false
mb=20
runs=3
work="/var/tmp/berth-cache-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --record) record=true; shift ;;
    --mb) [ $# -ge 2 ] || die "--mb needs a number" 2; mb="$2"; shift 2 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number" 2; runs="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$mb" =~ ^[1-9][0-9]*$ ]] || die "--mb wants a positive number, not '$mb'" 2
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number, not '$runs'" 2
[ "$(id -u)" -eq 0 ] || die "berth build needs root; run: sudo -E $0" 2
for tool in docker-registry python3; do
  command -v "$tool" >/dev/null || die "$tool is needed" 2
done
[ -x /bin/busybox ] || die "/bin/busybox (busybox-static) is needed for the base image" 2
berth="${BERTH:-$root/bin/berth}"
[ -x "$berth" ] || die "$berth is not executable (build it: ./mvnw -B -q -o -DskipTests package)" 2

rm -rf "$work"
mkdir -p "$work"
cleanup() { [ -f "$work/registry.pid" ] && kill "$(cat "$work/registry.pid")" 2>/dev/null || true; }
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/registry/data"
cat >"$work/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry/data
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$work/registry/config.yml" >"$work/registry/registry.log" 2>&1 &
echo "$!" >"$work/registry.pid"
for _ in $(seq 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v2/')" 2>/dev/null && break
  sleep 0.1
done
ref="127.0.0.1:$port/bench/app:buildcache"

# --- the base-only store and the context -------------------------------------------------------
mkdir -p "$work/rootfs/bin" "$work/ctx/hello"
cp /bin/busybox "$work/rootfs/bin/busybox"
for a in sh echo cat mkdir cp head; do ln -s busybox "$work/rootfs/bin/$a"; done
BERTH_ROOT="$work/base-store" "$berth" import "$work/rootfs" bench/base:1 >/dev/null
head -c "$((mb * 1000000))" /dev/urandom >"$work/ctx/wheel.bin"
echo '[tool.poetry]' >"$work/ctx/pyproject.toml"
echo '# lock' >"$work/ctx/poetry.lock"
echo "print('hello')" >"$work/ctx/hello/main.py"
cat >"$work/ctx/Dockerfile" <<'EOF'
FROM bench/base:1 AS builder
RUN mkdir -p /opt/venv/bin && echo 1.0 > /opt/venv/version
WORKDIR /app
COPY pyproject.toml poetry.lock ./
FROM builder AS app-pre
COPY wheel.bin /tmp/wheel.bin
RUN cp /tmp/wheel.bin /opt/venv/deps.bin
COPY hello ./hello
RUN cp -r hello /opt/venv/hello
FROM bench/base:1 AS app
WORKDIR /app
COPY --from=app-pre /opt/venv /opt/venv
CMD ["cat", "/opt/venv/hello/main.py"]
EOF

say "runner 1: building and exporting to $ref"
cp -a "$work/base-store" "$work/runner1"
first="$(BERTH_ROOT="$work/runner1" "$berth" build -q --cache-to "type=registry,ref=$ref,mode=max" "$work/ctx")"

second=()
for i in $(seq "$runs"); do
  rm -rf "$work/runner2" "$work/ctx2"
  cp -a "$work/base-store" "$work/runner2"
  cp -a "$work/ctx" "$work/ctx2"
  t0="$(now)"
  id="$(BERTH_ROOT="$work/runner2" "$berth" build -q --cache-from "type=registry,ref=$ref" "$work/ctx2")"
  t1="$(now)"
  [ "$id" = "$first" ] || die "the second runner built $id, not the first runner's $first"
  second+=("$(python3 -c "print($t1 - $t0)")")
done
local_runs=()
for i in $(seq "$runs"); do
  t0="$(now)"
  BERTH_ROOT="$work/runner1" "$berth" build -q "$work/ctx" >/dev/null
  t1="$(now)"
  local_runs+=("$(python3 -c "print($t1 - $t0)")")
done
s="$(median "${second[@]}")"
l="$(median "${local_runs[@]}")"
ratio="$(python3 -c "print(f'{$s / $l:.2f}')")"
table="| build | median seconds ($runs runs) |
|---|---:|
| second runner, empty store, --cache-from registry (all CACHED; ${mb} MB of random data, in 3 layers, fetched) | $s |
| local fully cached rebuild | $l |
| ratio | ${ratio}x |"
echo "$table"

if $record; then
  {
    echo
    echo "## Shared build cache"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1 | tr -d '"'),"
    echo "docker-registry on 127.0.0.1; \`bench/cache-bench.sh --mb $mb --runs $runs\`. Whole-process"
    echo "wall time; the second runner gets the first runner's image ID every run."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
