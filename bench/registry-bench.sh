#!/usr/bin/env bash
# Registry benchmark: push and pull of a ~300 MB, 5-layer image over loopback, with berth and with
# skopeo copy, against Debian's docker-registry on 127.0.0.1, in one run.
#
#   bench/registry-bench.sh [--record] [--mb N] [--work DIR]
#
#   --record   append a dated "Registry" section with the table to bench/RESULTS.md
#   --mb N     total size of the five layers' random content in MB (default 300)
#   --work DIR scratch directory (default /var/tmp/berth-registry-bench; needs about 4 x N MB)
#
# The image is a busybox base (berth import of /bin/busybox) and five COPY steps of one random
# file each (berth build; random data, so the gzip layers are as big as their content). Each tool
# gets a registry of its own, started empty, so no blob is skipped or mounted:
#   berth push   from berth's store to 127.0.0.1:PORT/bench/image:1
#   berth pull   into an empty store (BERTH_ROOT), every blob verified and committed
#   skopeo push  skopeo copy oci-archive:IMAGE.tar docker://127.0.0.1:PORT/bench/image:1
#                (the archive is `berth save --format oci`, made before the clock starts)
#   skopeo pull  skopeo copy docker://... oci-archive:PULLED.tar
# MB/s is the image's compressed blob bytes (layers and config) over the seconds.
# Needs root (berth build), docker-registry, skopeo, python3 and /bin/busybox (static).
# Environment: BERTH (default bin/berth).
set -euo pipefail
shopt -s inherit_errexit

prog=registry-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
record=false
mb=300
work="/var/tmp/berth-registry-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --record) record=true; shift ;;
    --mb) [ $# -ge 2 ] || die "--mb needs a number" 2; mb="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$mb" =~ ^[1-9][0-9]*$ ]] || die "--mb wants a positive number, not '$mb'" 2
[ "$(id -u)" -eq 0 ] || die "berth build needs root; run: sudo -E $0" 2
for tool in docker-registry skopeo python3; do
  command -v "$tool" >/dev/null || die "$tool is needed" 2
done
[ -x /bin/busybox ] || die "/bin/busybox (busybox-static) is needed for the base image" 2
berth="${BERTH:-$root/bin/berth}"
[ -x "$berth" ] || die "$berth is not executable (build it: ./mvnw -B -q -o -DskipTests package)" 2

rm -rf "$work"
mkdir -p "$work"
# start_registry runs in a command substitution (a subshell), so it leaves each PID in a file.
cleanup() {
  local f
  for f in "$work"/*/registry.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts an empty registry in $work/$1 and prints its 127.0.0.1:PORT.
start_registry() {
  local dir="$work/$1" port
  port="$(free_port)"
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$port
EOF
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo "$!" >"$dir/registry.pid"
  for _ in $(seq 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v2/')" 2>/dev/null; then
      echo "127.0.0.1:$port"
      return
    fi
    sleep 0.1
  done
  die "docker-registry did not start on port $port (see $dir/registry.log)"
}

seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }
mbps() { python3 -c "print(f'{$1 / 1e6 / $2:.1f}')"; }

# --- the image -------------------------------------------------------------------------------
say "making a ${mb} MB, 5-layer image"
store="$work/store"
export BERTH_ROOT="$store"
mkdir -p "$work/rootfs/bin" "$work/ctx"
cp /bin/busybox "$work/rootfs/bin/busybox"
ln -s busybox "$work/rootfs/bin/sh"
"$berth" import "$work/rootfs" bench/base:1 >/dev/null
{
  echo "FROM bench/base:1"
  for i in 1 2 3 4 5; do
    head -c "$((mb * 1000000 / 5))" /dev/urandom >"$work/ctx/layer$i.bin"
    echo "COPY layer$i.bin /data/layer$i.bin"
  done
} >"$work/ctx/Dockerfile"
"$berth" build -q -t bench/image:1 "$work/ctx" >/dev/null
layers="$("$berth" inspect bench/image:1 | python3 -c 'import json, sys; print(len(json.load(sys.stdin)[0]["Manifest"]["layers"]))')"

# --- berth --------------------------------------------------------------------------------------
# The store keeps built layers uncompressed: the first push compresses them (and keeps the gzip
# blobs), a push of the same image to another empty registry finds them made.
reg="$(start_registry berth-registry)"
"$berth" tag bench/image:1 "$reg/bench/image:1"
say "berth push to $reg (compressing the layers)"
t0="$(now)"; "$berth" push -q "$reg/bench/image:1" >/dev/null; t1="$(now)"
berth_push="$(seconds "$t0" "$t1")"
bytes="$(skopeo inspect --raw --tls-verify=false "docker://$reg/bench/image:1" | python3 -c '
import json, sys
m = json.load(sys.stdin)
print(m["config"]["size"] + sum(l["size"] for l in m["layers"]))')"
say "image: $layers layers, $bytes blob bytes as pushed"
reg2="$(start_registry berth-registry-2)"
"$berth" tag bench/image:1 "$reg2/bench/image:1"
say "berth push to $reg2 (the gzip blobs kept from the first push)"
t0="$(now)"; "$berth" push -q "$reg2/bench/image:1" >/dev/null; t1="$(now)"
berth_push_again="$(seconds "$t0" "$t1")"
say "berth pull from $reg into an empty store"
t0="$(now)"; BERTH_ROOT="$work/pull-store" "$berth" pull -q "$reg/bench/image:1" >/dev/null; t1="$(now)"
berth_pull="$(seconds "$t0" "$t1")"
"$berth" save --format oci -o "$work/image.tar" bench/image:1

# --- skopeo -------------------------------------------------------------------------------------
reg="$(start_registry skopeo-registry)"
say "skopeo push to $reg"
t0="$(now)"
skopeo copy -q --dest-tls-verify=false "oci-archive:$work/image.tar" "docker://$reg/bench/image:1"
t1="$(now)"
skopeo_push="$(seconds "$t0" "$t1")"
say "skopeo pull from $reg"
t0="$(now)"
skopeo copy -q --src-tls-verify=false "docker://$reg/bench/image:1" "oci-archive:$work/pulled.tar"
t1="$(now)"
skopeo_pull="$(seconds "$t0" "$t1")"

mbytes="$(python3 -c "print(f'{$bytes / 1e6:.1f}')")"
table="| tool | operation | MB | seconds | MB/s |
|---|---|---:|---:|---:|
| berth | push (first: compresses) | $mbytes | $berth_push | $(mbps "$bytes" "$berth_push") |
| berth | push (gzip blobs kept) | $mbytes | $berth_push_again | $(mbps "$bytes" "$berth_push_again") |
| berth | pull | $mbytes | $berth_pull | $(mbps "$bytes" "$berth_pull") |
| skopeo copy | push (oci-archive to registry) | $mbytes | $skopeo_push | $(mbps "$bytes" "$skopeo_push") |
| skopeo copy | pull (registry to oci-archive) | $mbytes | $skopeo_pull | $(mbps "$bytes" "$skopeo_pull") |"
echo "$table"

if $record; then
  {
    echo
    echo "## Registry"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "$(java -version 2>&1 | head -1 | tr -d '"'), $(skopeo --version)," \
      "$(docker-registry --version | awk '{ print $2, $3 }') on 127.0.0.1; \`bench/registry-bench.sh\`, one run."
    echo "The image: busybox and five COPY layers of random data, $layers layers in all; MB are its"
    echo "compressed blob bytes (layers and config). Each tool pushes to an empty registry of its own."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
