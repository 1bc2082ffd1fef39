#!/usr/bin/env bash
# Start-up benchmark: the short commands a user waits on, as whole processes, berth beside podman
# and docker in one run (issue 17's start-up and memory targets).
#
#   bench/startup-bench.sh [-n RUNS] [--record] [--tools LIST] [--work DIR]
#
#   -n RUNS     hyperfine runs per command (default 20, after 3 warm-up runs)
#   --record    append a dated "Start-up" section with the tables to bench/RESULTS.md
#   --tools     comma-separated, from berth,podman,docker (default: all three; docker only when
#               `docker info` answers)
#   --work DIR  scratch directory (default /var/tmp/berth-startup-bench)
#
# Commands: `images`, `inspect IMAGE`, `--version` and a no-op `build` (every step cached) of a
# three-step Dockerfile on a busybox base. The base is a busybox root imported into a berth store
# of the script's own, then `berth save` into podman (a store under --work) and docker. Wall time
# is hyperfine's mean of whole processes (-N: no shell); peak RSS is /usr/bin/time's %M, median
# of 5. berth runs through bin/berth, with its class archive when `package` made one.
# Needs root, hyperfine, python3 and /bin/busybox (static). Environment: BERTH (default bin/berth).
set -euo pipefail
shopt -s inherit_errexit

prog=startup-bench
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

runs=20
record=false
want_tools="berth,podman,docker"
work="/var/tmp/berth-startup-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || die "-n needs a number" 2; runs="$2"; shift 2 ;;
    --record) record=true; shift ;;
    --tools) [ $# -ge 2 ] || die "--tools needs a list" 2; want_tools="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$runs'" 2
[ "$(id -u)" -eq 0 ] || die "the podman and docker runs need root; run: sudo -E $0" 2
command -v hyperfine >/dev/null || die "hyperfine is needed (apt-get install hyperfine)" 2
berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2

tools=()
for t in ${want_tools//,/ }; do
  case "$t" in
    berth) tools+=(berth) ;;
    podman) command -v podman >/dev/null && tools+=(podman) || say "podman is not installed: left out" ;;
    docker) docker info >/dev/null 2>&1 && tools+=(docker) || say "docker does not answer: left out" ;;
    *) die "unknown tool '$t' (berth, podman, docker)" 2 ;;
  esac
done
image=startbench/bb:1
mkdir -p "$work"
results="$work/results.tsv"
: >"$results"
export BERTH_ROOT="$work/berth-store"
# runc: crun refuses this machine's hybrid cgroups under podman (as bench/build-bench.sh says).
podman_cmd=(podman --root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs
  --runtime runc --cgroup-manager cgroupfs --events-backend none)
docker_had_image=false

cleanup() {
  if [ " ${tools[*]} " != "${tools[*]/docker/}" ] && ! $docker_had_image; then
    docker rmi -f "$image" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "making $image and the build context"
busybox_rootfs_tar "$work/bb" "$work/bb.tar"
rm -rf "$BERTH_ROOT"
"$berth" import "$work/bb.tar" "$image" >/dev/null
"$berth" save -o "$work/bb-docker.tar" "$image"
mkdir -p "$work/ctx"
printf 'FROM %s\nCOPY a /a\nRUN cat /a > /b\nENV DONE=1\n' "$image" >"$work/ctx/Dockerfile"
echo a >"$work/ctx/a"

cmd_of() { # tool, command name -> the argv to time
  local tool="$1" what="$2" base=()
  case "$tool" in
    berth) base=("$berth") ;;
    podman) base=("${podman_cmd[@]}") ;;
    docker) base=(docker) ;;
  esac
  case "$what" in
    images) echo "${base[*]} images" ;;
    inspect) echo "${base[*]} inspect $image" ;;
    version) echo "${base[*]} --version" ;;
    build) echo "${base[*]} build -q -t startbench/built:1 $work/ctx" ;;
  esac
}

for tool in "${tools[@]}"; do
  case "$tool" in
    podman) rm -rf "$work/podman"; "${podman_cmd[@]}" load -q -i "$work/bb-docker.tar" >/dev/null ;;
    docker)
      docker image inspect "$image" >/dev/null 2>&1 && docker_had_image=true
      docker load -q -i "$work/bb-docker.tar" >/dev/null ;;
  esac
  # The first build fills the cache; every timed one is then a no-op.
  eval "$(cmd_of "$tool" build)" >/dev/null
  for what in images inspect version build; do
    cmd="$(cmd_of "$tool" "$what")"
    hyperfine -N -w 3 -r "$runs" --export-json "$work/$tool-$what.json" "$cmd" >/dev/null 2>&1 ||
      die "$tool $what failed: $cmd"
    ms="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.0f\t%.0f" % (r["mean"] * 1000, r["stddev"] * 1000))' "$work/$tool-$what.json")"
    rss=()
    for _ in 1 2 3 4 5; do
      # shellcheck disable=SC2086
      /usr/bin/time -o "$work/rss" -f '%M' $cmd >/dev/null 2>&1
      rss+=("$(tail -n1 "$work/rss")")
    done
    printf '%s\t%s\t%s\t%s\n' "$what" "$tool" "$ms" "$(median "${rss[@]}")" >>"$results"
    say "$tool $what: $ms ms (mean, sd), peak RSS $(median "${rss[@]}") KB"
  done
done

table="$(python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
tools = list(dict.fromkeys(r[1] for r in rows))
whats = list(dict.fromkeys(r[0] for r in rows))
label = {"images": "images", "inspect": "inspect IMAGE", "version": "--version", "build": "no-op build"}
cell = {(r[0], r[1]): r for r in rows}
print("| command | " + " | ".join(f"{t} ms" for t in tools) + " | " + " | ".join(f"{t} RSS MB" for t in tools) + " |")
print("|---|" + "---:|" * (2 * len(tools)))
for w in whats:
    ms = [f"{cell[(w, t)][2]} ± {cell[(w, t)][3]}" if (w, t) in cell else "-" for t in tools]
    rss = [f"{float(cell[(w, t)][4]) / 1024:.0f}" if (w, t) in cell else "-" for t in tools]
    print(f"| {label[w]} | " + " | ".join(ms) + " | " + " | ".join(rss) + " |")
peers = [t for t in tools if t != "berth"]
if "berth" in tools and peers:
    print()
    print("| command | " + " | ".join(f"berth / {p}" for p in peers) + " |")
    print("|---|" + "---:|" * len(peers))
    for w in whats:
        out = []
        for p in peers:
            if (w, "berth") in cell and (w, p) in cell:
                out.append(f"{float(cell[(w, 'berth')][2]) / float(cell[(w, p)][2]):.1f}×")
            else:
                out.append("-")
        print(f"| {label[w]} | " + " | ".join(out) + " |")
PY
)"
echo "$table"

if $record; then
  versions="berth $(git -C "$root" rev-parse --short HEAD) ($("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)"
  [ -f "$root/target/berth.jsa" ] && versions+=", class archive" || versions+=", no class archive"
  versions+=")"
  for t in "${tools[@]}"; do
    case "$t" in
      podman) versions+=", $(podman --version) (vfs, runc)" ;;
      docker) versions+=", docker $(docker version --format '{{.Server.Version}}' 2>/dev/null)" ;;
    esac
  done
  {
    echo
    echo "## Start-up, $(date -u +%Y-%m-%d)"
    echo
    echo "$(machine_line); $versions. \`bench/startup-bench.sh -n $runs\`: hyperfine means of whole processes, peak RSS median of 5."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "recorded in bench/RESULTS.md"
fi
