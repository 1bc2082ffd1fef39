#!/usr/bin/env bash
# Container benchmark: berth next to podman (both driving the same crun and conmon) on the
# everyday container commands, in one run, on a busybox image imported into each from one tar.
#
#   bench/container-bench.sh [-n N] [--record] [--tools LIST] [--many M] [--work DIR]
#
#   -n N          runs per tool and operation (default 5); the tables show medians
#   --record      append a dated section with the tables to bench/RESULTS.md
#   --tools LIST  comma-separated subset of berth,podman (default: both)
#   --many M      containers running while `ps` is timed (default 50)
#   --work DIR    scratch directory (default /var/tmp/berth-container-bench); deleted at the end
#
# Operations, each the whole command's wall time (JVM or Go start included):
#   run -d    `run -d --network none --name NAME bb:bench sleep 1000`; both tools return once
#             the runtime has started the process
#   exec      `exec NAME true` in that running container
#   stop+rm   `stop -t 0 NAME` then `rm NAME` (sleep as PID 1 ignores SIGTERM, so any longer
#             timeout would time the timeout)
#   ps        `ps` with M containers of the tool running (started untimed beforehand)
# In each of the N rounds the tools take turns, so both see the same machine.
#
# Each tool gets a store of its own under --work (berth --root, podman --root/--runroot/--tmpdir),
# so the default stores are not touched; everything made is removed on exit, also on failure.
# podman runs with --cgroups=disabled, as berth runs crun with --cgroup-manager=disabled. On a
# hybrid cgroup host (controllers on /sys/fs/cgroup/unified), crun refuses to start anything;
# berth then hides that mount in a private mount namespace, and so does this script for podman: a
# holder process keeps such a namespace and every podman command enters it with nsenter (a few ms,
# which berth's own unshare costs it as well). podman's default rlimits (nofile 1048576, nproc)
# can exceed what this machine allows without CAP_SYS_RESOURCE; the script gives podman berth's
# nofile (the hard limit, at most 1048576) and the first nproc value crun accepts (printed).
#
# Needs root, /bin/busybox (static, from busybox-static), crun, conmon, podman, and the jar
# (./mvnw -B -o -q -DskipTests package). Take `flock /tmp/berth-it.lock` around the whole run on a
# machine where tests check for leftover containers. Environment: BERTH (default bin/berth),
# PODMAN (default podman).
set -euo pipefail
shopt -s inherit_errexit

prog=container-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=5
record=false
want_tools="berth,podman"
many=50
work="/var/tmp/berth-container-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || die "-n needs a number" 2; runs="$2"; shift 2 ;;
    --record) record=true; shift ;;
    --tools) [ $# -ge 2 ] || die "--tools needs a list" 2; want_tools="$2"; shift 2 ;;
    --many) [ $# -ge 2 ] || die "--many needs a number" 2; many="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$runs'" 2
[[ "$many" =~ ^[1-9][0-9]*$ ]] || die "--many wants a positive number, not '$many'" 2
[ "$(id -u)" -eq 0 ] || die "berth run and rootful podman need root; run: sudo -E $0" 2
[ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2
berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2
podman_bin="${PODMAN:-podman}"

tools=()
for t in ${want_tools//,/ }; do
  case "$t" in
    berth) tools+=(berth) ;;
    podman)
      if command -v "$podman_bin" >/dev/null; then tools+=(podman); else say "podman: not installed, skipping"; fi ;;
    *) die "unknown tool '$t'" 2 ;;
  esac
done
[ "${#tools[@]}" -gt 0 ] || die "no tool to run" 2
has_tool() { case " ${tools[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

mkdir -p "$work"
work="$(cd "$work" && pwd)"
results="$work/results.tsv"
logs="$work/logs"
berth_store="$work/berth-store"
podman_dir="$work/podman"
holder=""
: >"$results"
mkdir -p "$logs"

B() { BERTH_ROOT="$berth_store" "$berth" "$@"; }
P() {
  local ns=()
  [ -z "$holder" ] || ns=(nsenter "--mount=/proc/$holder/ns/mnt" --)
  "${ns[@]}" "$podman_bin" --root "$podman_dir/root" --runroot "$podman_dir/run" \
    --tmpdir "$podman_dir/tmp" --storage-driver overlay --cgroup-manager cgroupfs "$@"
}

# Removes a directory, first unmounting anything left mounted below it.
clear_dir() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
  rm -rf --one-file-system "$dir"
}

cleanup() {
  local rc=$?
  set +e
  if has_tool berth && [ -d "$berth_store" ]; then
    ids="$(B ps -aq 2>/dev/null)"
    # shellcheck disable=SC2086
    [ -z "$ids" ] || B rm -f $ids >/dev/null 2>&1
  fi
  if has_tool podman && [ -d "$podman_dir" ]; then
    P rm -af -t 0 >/dev/null 2>&1
    P rmi -af >/dev/null 2>&1
  fi
  if [ -n "$holder" ]; then
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
  fi
  clear_dir "$berth_store"
  clear_dir "$podman_dir"
  rm -rf "$work/bb" "$work/bb.tar"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The image: a busybox root (the static /bin/busybox and a symlink per applet) as a tar.

say "making bb.tar from /bin/busybox"
busybox_rootfs_tar "$work/bb" "$work/bb.tar"

podman_run_flags=()
if has_tool berth; then
  clear_dir "$berth_store"
  B import "$work/bb.tar" bb:bench >/dev/null
fi
if has_tool podman; then
  clear_dir "$podman_dir"
  mkdir -p "$podman_dir/tmp"
  if [ -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ]; then
    say "hybrid cgroups: podman runs in a mount namespace without /sys/fs/cgroup/unified"
    unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec sleep infinity' &
    holder=$!
    for _ in $(seq 50); do
      if ! grep -q ' /sys/fs/cgroup/unified ' "/proc/$holder/mountinfo" 2>/dev/null; then break; fi
      sleep 0.1
    done
    kill -0 "$holder" 2>/dev/null || die "cannot make the mount namespace for podman"
  fi
  P import -q "$work/bb.tar" bb:bench >/dev/null
  nofile="$(ulimit -Hn)"
  if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then nofile=1048576; fi
  nproc=""
  for n in "$(ulimit -Hu)" 32768 4096; do
    [ "$n" != unlimited ] || continue
    if P run --rm --network none --cgroups=disabled --ulimit "nofile=$nofile:$nofile" \
      --ulimit "nproc=$n:$n" bb:bench true >"$logs/podman-probe.log" 2>&1; then
      nproc="$n"
      break
    fi
  done
  [ -n "$nproc" ] || { cat "$logs/podman-probe.log" >&2; die "podman cannot run a container here"; }
  podman_run_flags=(--cgroups=disabled --ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
  say "podman runs with ${podman_run_flags[*]}"
fi

# ---------------------------------------------------------------------------------------------

# timed OP TOOL CMD...: runs the command, records its wall time, and stops the script when it fails.
timed() {
  local op="$1" tool="$2" t0 t1 log="$logs/$2-$1.log"
  shift 2
  t0=$(date +%s%N)
  if ! "$@" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "$tool: '$op' failed; the log is $log"
  fi
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\n' "$op" "$tool" "$(((t1 - t0) / 1000))" >>"$results"
}

stop_rm() { "$1" stop -t 0 "$2" && "$1" rm "$2"; }
tool_cmd() { case "$1" in berth) echo B ;; podman) echo P ;; esac; }
run_flags() {
  case "$1" in
    berth) echo "--network none" ;;
    podman) echo "--network none ${podman_run_flags[*]}" ;;
  esac
}

say "tools: ${tools[*]}; runs: $runs; containers for ps: $many; work: $work"
for ((i = 1; i <= runs; i++)); do
  for tool in "${tools[@]}"; do
    c="$(tool_cmd "$tool")"
    name="bx-$i"
    # shellcheck disable=SC2046
    timed run-d "$tool" "$c" run -d $(run_flags "$tool") --name "$name" bb:bench sleep 1000
    timed exec "$tool" "$c" exec "$name" true
    timed stop-rm "$tool" stop_rm "$c" "$name"
  done
  say "round $i/$runs done"
done

for tool in "${tools[@]}"; do
  c="$(tool_cmd "$tool")"
  say "$tool: starting $many containers for ps"
  t0=$(date +%s%N)
  for ((k = 1; k <= many; k++)); do
    # shellcheck disable=SC2046
    "$c" run -d $(run_flags "$tool") --name "many-$k" bb:bench sleep 1000 >>"$logs/$tool-many.log" 2>&1 ||
      die "$tool: starting container many-$k failed; the log is $logs/$tool-many.log"
  done
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\n' "run-d-many" "$tool" "$(((t1 - t0) / 1000))" >>"$results"
  count="$("$c" ps -q | wc -l)"
  [ "$count" -eq "$many" ] || die "$tool ps shows $count containers, not $many"
  for ((i = 1; i <= runs; i++)); do timed ps "$tool" "$c" ps; done
  say "$tool: removing them"
  # shellcheck disable=SC2046
  "$c" rm -f $("$c" ps -aq) >>"$logs/$tool-many.log" 2>&1
done

# ---------------------------------------------------------------------------------------------
# Report: medians in milliseconds per operation and tool, then berth against podman.

table="$(awk -F'\t' -v many="$many" '
  function median(key,   n, i, j, t, v) {
    n = split(vals[key], v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    key = $1 SUBSEP $2
    vals[key] = (cnt[key]++) ? vals[key] " " $3 : $3
    if (!($1 in seenop)) { seenop[$1] = 1; ops[++nops] = $1 }
    if (!($2 in seentool)) { seentool[$2] = 1; tools[++ntools] = $2 }
  }
  END {
    label["run-d"] = "run -d (to process running)"; label["exec"] = "exec true"
    label["stop-rm"] = "stop -t 0 + rm"; label["ps"] = "ps with " many " running"
    label["run-d-many"] = "run -d x " many " (one after another, once)"
    head = "| operation |"; rule = "|---|"
    for (t = 1; t <= ntools; t++) { head = head " " tools[t] " ms |"; rule = rule "---:|" }
    print head; print rule
    for (o = 1; o <= nops; o++) {
      line = "| " label[ops[o]] " |"
      for (t = 1; t <= ntools; t++) {
        k = ops[o] SUBSEP tools[t]
        line = line ((k in cnt) ? sprintf(" %.0f |", median(k) / 1000) : " - |")
      }
      print line
    }
    if (("run-d" SUBSEP "berth") in cnt && ("run-d" SUBSEP "podman") in cnt) {
      print ""
      print "| operation | berth / podman |"
      print "|---|---:|"
      for (o = 1; o <= nops; o++) {
        a = ops[o] SUBSEP "berth"; b = ops[o] SUBSEP "podman"
        if ((a in cnt) && (b in cnt)) printf "| %s | %.2f |\n", label[ops[o]], median(a) / median(b)
      }
    }
  }' "$results")"

echo "$table"
say "raw numbers (microseconds): $results; logs: $logs"

if $record; then
  java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)"
  versions="berth $(git -C "$root" rev-parse --short HEAD), $java_version"
  versions+=", $(crun --version | head -n1), conmon $(conmon --version | head -n1 | awk '{print $3}')"
  if has_tool podman; then
    versions+=", $("$podman_bin" --version) (overlay, ${podman_run_flags[*]}"
    [ -z "$holder" ] || versions+=", in a mount namespace without the cgroup v2 mount"
    versions+=")"
  fi
  {
    echo
    echo "## Container benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "$versions. \`bench/container-bench.sh -n $runs --many $many\`: medians of $runs run(s)," \
      "whole-command wall times, busybox image, \`--network none\`."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
