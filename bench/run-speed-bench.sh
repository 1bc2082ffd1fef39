#!/usr/bin/env bash
# RUN speed: is a CPU-bound loop slower inside berth's containers than on the host? The same
# busybox sh loop (bench/build/cpu-stages/spin.sh) is timed by busybox's own `time` where it runs,
# so container start-up and the JVM are not in the number: on the host, in `berth run`, in a RUN
# step of `berth build --no-cache`, and, when dockerd runs, in `docker run` of the same image, for
# comparison. (podman is left out: on this machine's hybrid cgroup layout it needs the namespace
# holder and rlimit fixes of container-bench.sh, which would time those too.)
#
#   bench/run-speed-bench.sh [-n N] [--count C] [--record] [--work DIR]
#
#   -n N         rounds (default 5); each round runs every place once, in turn; medians shown
#   --count C    loop iterations (default 1500000, about 1.6 s of one core here)
#   --record     append a dated section with the table to bench/RESULTS.md
#   --work DIR   scratch directory (default /var/tmp/berth-run-speed-bench); deleted at the end
#
# Each place reports wall ("real") and CPU ("user") seconds of the loop; the ratio column is the
# place's wall median over the host's. Take `flock /tmp/berth-it.lock` around the run on a
# machine where tests check for leftover containers, and run it on an idle machine: a loaded one
# measures the load.
#
# Needs root, /bin/busybox (static), crun and the jar (./mvnw -B -q -o -DskipTests package).
# Environment: BERTH (default bin/berth).
set -euo pipefail
shopt -s inherit_errexit

prog=run-speed-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=5
count=1500000
record=false
work=/var/tmp/berth-run-speed-bench
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || die "-n needs a number" 2; runs="$2"; shift 2 ;;
    --count) [ $# -ge 2 ] || die "--count needs a number" 2; count="$2"; shift 2 ;;
    --record) record=true; shift ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$runs'" 2
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "--count wants a positive number, not '$count'" 2
[ "$(id -u)" -eq 0 ] || die "berth run needs root here; run: sudo -E $0" 2
[ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2
berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2

rm -rf "$work"
mkdir -p "$work"
cleanup() {
  if [ -n "${docker_ok:-}" ]; then docker rmi -f berth-run-speed:bench >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The image: busybox and the loop, imported into berth's own store and saved for the peers.
img="$work/root"
mkdir -p "$img/bin" "$img/etc" "$img/tmp" "$img/w"
cp /bin/busybox "$img/bin/busybox"
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$img/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$img/etc/passwd"
printf 'root:x:0:\n' >"$img/etc/group"
cp "$root/bench/build/cpu-stages/spin.sh" "$img/w/spin.sh"
echo "$count" >"$img/w/n"
export BERTH_ROOT="$work/berth"
"$berth" import "$img" localhost/berth-run-speed:bench >/dev/null
"$berth" save -o "$work/image.tar" localhost/berth-run-speed:bench
mkdir -p "$work/ctx"
printf 'FROM localhost/berth-run-speed:bench\nRUN time sh /w/spin.sh /w/n\n' >"$work/ctx/Dockerfile"

places=(host berth-run berth-RUN)
if command -v docker >/dev/null && docker info >/dev/null 2>&1 && docker load -q -i "$work/image.tar" >/dev/null 2>&1; then
  docker_ok=1
  places+=(docker-run)
else
  say "docker: no running dockerd, left out"
fi

# Prints "REAL USER" of one loop in PLACE, from busybox time's "real	0m 1.65s" lines.
loop() {
  local out
  case "$1" in
    host) out=$( (cd "$img" && /bin/busybox time /bin/busybox sh w/spin.sh w/n) 2>&1) ;;
    berth-run) out=$("$berth" run --rm --network none localhost/berth-run-speed:bench time sh /w/spin.sh /w/n 2>&1) ;;
    berth-RUN) out=$("$berth" build --no-cache --progress plain "$work/ctx" 2>&1) ;;
    docker-run) out=$(docker run --rm --network none localhost/berth-run-speed:bench time sh /w/spin.sh /w/n 2>&1) ;;
  esac
  printf '%s\n' "$out" | awk '
    function secs(m, s) { sub(/m$/, "", m); sub(/s$/, "", s); return m * 60 + s }
    NF >= 3 && $(NF - 2) == "real" { r = secs($(NF - 1), $NF) }
    NF >= 3 && $(NF - 2) == "user" { u = secs($(NF - 1), $NF) }
    END { if (r == "") exit 1; printf "%.3f %.3f\n", r, u }' || die "$1: no timing in its output: $out"
}

results="$work/results"
: >"$results"
for round in $(seq 1 "$runs"); do
  for p in "${places[@]}"; do
    echo "$p $(loop "$p")" >>"$results"
  done
  say "round $round of $runs done"
done

table=$(awk -v order="${places[*]}" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { real[$1] = real[$1] " " $2; user[$1] = user[$1] " " $3 }
  END {
    print "| where the loop ran | wall s | user CPU s | wall / host |"
    print "|---|---|---|---|"
    host = median(real["host"])
    n = split(order, o, " ")
    for (i = 1; i <= n; i++) printf "| %s | %.2f | %.2f | %.2f |\n", o[i], median(real[o[i]]), median(user[o[i]]), median(real[o[i]]) / host
  }' "$results")
echo "$table"

if $record; then
  {
    echo
    echo "## RUN speed ($(date -u +%Y-%m-%d))"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "berth $(git -C "$root" rev-parse --short HEAD), crun $(crun --version | awk 'NR == 1 { print $3 }')." \
      "\`bench/run-speed-bench.sh -n $runs --count $count\`: medians of $runs round(s), loop timed by busybox \`time\` inside."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "recorded in bench/RESULTS.md"
fi
