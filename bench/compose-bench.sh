#!/usr/bin/env bash
# Compose benchmark: `berth compose` next to docker-compose (driving dockerd) and podman-compose
# (driving podman), `up -d` and `down` of one two-service project, in one run.
#
#   bench/compose-bench.sh [-n N] [--record] [--tools LIST] [--work DIR]
#
#   -n N          rounds (default 5); the tables show medians
#   --record      append a dated section with the tables to bench/RESULTS.md
#   --tools LIST  comma-separated subset of berth,docker-compose,podman-compose (default: all
#                 that are there; docker-compose needs a dockerd that answers)
#   --work DIR    scratch directory (default /var/tmp/berth-compose-bench); deleted at the end
#
# The project is the one berth's ComposeIT uses: `web`, busybox httpd serving a page, with a
# healthcheck (wget every second), and `client`, which depends on web with condition
# service_healthy and fetches the page from http://web:8080. Both trap SIGTERM so that `down`
# does not time the 10 s stop timeout. Each round, per tool: `up -d` (the whole command; berth and
# docker-compose return after client started, which is after web was healthy), a check that both
# containers run and that client got the page, then `down` (containers and the project network
# removed). podman-compose 1.0.3 does not wait for service_healthy (it starts the services in
# order), so its `up -d` does less; the check still waits for client's page before `down`, except
# where podman's CNI networks lack the dnsname plugin (Debian 12): there client cannot resolve
# `web` and keeps trying, and the check is that both containers run.
#
# The image (bxbench/bb:1) is a busybox root imported into a berth store of the script's own,
# then `berth save` into docker (`docker load`) and podman (`podman load`). podman and
# podman-compose use a store, run directory and CNI configuration directory under --work; podman
# runs with cgroups disabled and the rlimits this machine allows, and on a hybrid cgroup host in a
# mount namespace without /sys/fs/cgroup/unified (see bench/container-bench.sh for why). The
# docker image is removed at the end unless it was there before.
#
# Needs root, /bin/busybox (static), crun, conmon, the CNI plugins, and the jar (./mvnw -B -o -q
# -DskipTests package). Take `flock /tmp/berth-it.lock` around the whole run on a machine where
# tests check for leftover networks and iptables rules. Environment: BERTH (default bin/berth),
# DOCKER (default docker), DOCKER_COMPOSE (default docker-compose), PODMAN_COMPOSE (default
# podman-compose), PODMAN (default podman).
set -euo pipefail
shopt -s inherit_errexit

prog=compose-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=5
record=false
want_tools="berth,docker-compose,podman-compose"
work="/var/tmp/berth-compose-bench"
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
[ "$(id -u)" -eq 0 ] || die "berth compose and rootful podman need root; run: sudo -E $0" 2
[ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2
berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2
docker="${DOCKER:-docker}"
docker_compose="${DOCKER_COMPOSE:-docker-compose}"
podman_compose="${PODMAN_COMPOSE:-podman-compose}"
podman_bin="${PODMAN:-podman}"
image=bxbench/bb:1
project=bxweb

tools=()
for t in ${want_tools//,/ }; do
  case "$t" in
    berth) tools+=(berth) ;;
    docker-compose)
      if ! command -v "$docker_compose" >/dev/null; then
        say "docker-compose: not installed, skipping"
      elif ! "$docker" info >/dev/null 2>&1; then
        say "docker-compose: no dockerd answers, skipping"
      else
        tools+=(docker-compose)
      fi ;;
    podman-compose)
      if command -v "$podman_compose" >/dev/null && command -v "$podman_bin" >/dev/null; then
        tools+=(podman-compose)
      else
        say "podman-compose: podman-compose or podman is not installed, skipping"
      fi ;;
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
podman_dir="$work/podman-store"
proj="$work/$project"
holder=""
docker_had_image=true
: >"$results"
rm -rf "$logs"
mkdir -p "$logs"

B() { BERTH_ROOT="$berth_store" "$berth" "$@"; }
# podman as podman-compose calls it: a wrapper script, so that the store flags reach every call.
P() { "$work/podman" "$@"; }

clear_dir() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
  rm -rf --one-file-system "$dir"
}

compose() {
  local tool="$1"
  shift
  case "$tool" in
    berth) B compose -p "$project" -f "$proj/compose.yaml" "$@" ;;
    docker-compose) "$docker_compose" -p "$project" -f "$proj/compose.yaml" "$@" ;;
    podman-compose) "$podman_compose" --podman-path "$work/podman" -p "$project" -f "$proj/compose.yaml" "$@" ;;
  esac
}

cleanup() {
  local rc=$?
  set +e
  for tool in "${tools[@]}"; do
    [ -f "$proj/compose.yaml" ] && compose "$tool" down >/dev/null 2>&1
  done
  if has_tool berth && [ -d "$berth_store" ]; then
    ids="$(B ps -aq 2>/dev/null)"
    # shellcheck disable=SC2086
    [ -z "$ids" ] || B rm -f $ids >/dev/null 2>&1
  fi
  if has_tool podman-compose && [ -x "$work/podman" ]; then
    P rm -af -t 0 >/dev/null 2>&1
    P network prune -f >/dev/null 2>&1
    P rmi -af >/dev/null 2>&1
  fi
  if has_tool docker-compose && ! $docker_had_image; then
    "$docker" rmi "$image" >/dev/null 2>&1
  fi
  if [ -n "$holder" ]; then
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
  fi
  clear_dir "$berth_store"
  clear_dir "$podman_dir"
  rm -rf "$work/bb" "$work/bb.tar" "$work/bb-docker.tar" "$proj" "$work/podman" "$work/containers.conf"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The image and the project.

say "making $image from /bin/busybox"
busybox_rootfs_tar "$work/bb" "$work/bb.tar"
clear_dir "$berth_store"
B import "$work/bb.tar" "$image" >/dev/null
B save -o "$work/bb-docker.tar" "$image"

rm -rf "$proj"
mkdir -p "$proj/www"
echo "page from web" >"$proj/www/index.html"
cat >"$proj/compose.yaml" <<EOF
services:
  web:
    image: $image
    command: ["sh", "-c", "trap 'exit 0' TERM; httpd -f -v -p 8080 -h /www & wait"]
    volumes:
      - ./www:/www:ro
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/index.html"]
      interval: 1s
      retries: 20
  client:
    image: $image
    command: ["sh", "-c", "trap 'exit 0' TERM; until wget -qO- http://web:8080/index.html; do sleep 0.2; done; sleep 600 & wait"]
    depends_on:
      web:
        condition: service_healthy
EOF

if has_tool docker-compose; then
  if ! "$docker" image inspect "$image" >/dev/null 2>&1; then
    docker_had_image=false
    "$docker" load -q -i "$work/bb-docker.tar" >/dev/null
  fi
fi

if has_tool podman-compose; then
  clear_dir "$podman_dir"
  mkdir -p "$podman_dir/tmp" "$podman_dir/cni"
  ns=""
  if [ -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ]; then
    say "hybrid cgroups: podman runs in a mount namespace without /sys/fs/cgroup/unified"
    unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec sleep infinity' &
    holder=$!
    for _ in $(seq 50); do
      if ! grep -q ' /sys/fs/cgroup/unified ' "/proc/$holder/mountinfo" 2>/dev/null; then break; fi
      sleep 0.1
    done
    kill -0 "$holder" 2>/dev/null || die "cannot make the mount namespace for podman"
    ns="nsenter --mount=/proc/$holder/ns/mnt --"
  fi
  nofile="$(ulimit -Hn)"
  if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then nofile=1048576; fi
  write_podman() {
    cat >"$work/containers.conf" <<EOF
[containers]
cgroups = "disabled"
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$1:$1"]
[network]
network_backend = "cni"
network_config_dir = "$podman_dir/cni"
EOF
    cat >"$work/podman" <<EOF
#!/bin/sh
CONTAINERS_CONF="$work/containers.conf" exec $ns "$(command -v "$podman_bin")" --root "$podman_dir/root" \\
  --runroot "$podman_dir/run" --tmpdir "$podman_dir/tmp" --storage-driver overlay --cgroup-manager cgroupfs "\$@"
EOF
    chmod +x "$work/podman"
  }
  P_ok=false
  for n in "$(ulimit -Hu)" 32768 4096; do
    [ "$n" != unlimited ] || continue
    write_podman "$n"
    [ -n "$(P images -q "$image" 2>/dev/null)" ] || P load -q -i "$work/bb-docker.tar" >/dev/null
    if P run --rm --network none "$image" true >"$logs/podman-probe.log" 2>&1; then
      P_ok=true
      nproc="$n"
      break
    fi
  done
  $P_ok || { cat "$logs/podman-probe.log" >&2; die "podman cannot run a container here"; }
  say "podman runs with cgroups disabled, nofile=$nofile, nproc=$nproc"
fi

# ---------------------------------------------------------------------------------------------

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

# The project's running containers, one line each, as the tool's engine lists them.
running() {
  case "$1" in
    berth) B ps -q --filter "label=com.docker.compose.project=$project" ;;
    docker-compose) "$docker" ps -q --filter "label=com.docker.compose.project=$project" ;;
    podman-compose) P ps -q --filter "label=io.podman.compose.project=$project" ;;
  esac
}
client_log() {
  case "$1" in
    berth) B compose -p "$project" -f "$proj/compose.yaml" logs client 2>&1 ;;
    docker-compose) "$docker" logs "${project}_client_1" 2>&1 ;;
    podman-compose) P logs "${project}_client_1" 2>&1 ;;
  esac
}

# Whether containers reach each other by service name: for podman's CNI networks that takes the
# dnsname plugin, which Debian 12 does not package.
names_resolve() {
  case "$1" in
    podman-compose) [ -x /usr/lib/cni/dnsname ] || [ -x /usr/libexec/cni/dnsname ] ;;
    *) return 0 ;;
  esac
}

check_up() {
  local tool="$1" n k
  for k in $(seq 100); do
    n="$(running "$tool" | wc -l)"
    if [ "$n" -ge 2 ] && { ! names_resolve "$tool" || client_log "$tool" | grep -q "page from web"; }; then
      return 0
    fi
    sleep 0.2
  done
  running "$tool" >&2 || true
  die "$tool: after up -d, web and client are not both running with client's page (tries: $k)"
}

say "tools: ${tools[*]}; rounds: $runs; work: $work"
for ((i = 1; i <= runs; i++)); do
  for tool in "${tools[@]}"; do
    timed up "$tool" compose "$tool" up -d
    check_up "$tool"
    timed down "$tool" compose "$tool" down
    left="$(running "$tool" | wc -l)"
    [ "$left" -eq 0 ] || die "$tool: $left containers still run after down"
  done
  say "round $i/$runs done"
done

# ---------------------------------------------------------------------------------------------

table="$(awk -F'\t' '
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
    label["up"] = "up -d"; label["down"] = "down"
    head = "| operation |"; rule = "|---|"
    for (t = 1; t <= ntools; t++) { head = head " " tools[t] " s |"; rule = rule "---:|" }
    print head; print rule
    for (o = 1; o <= nops; o++) {
      line = "| " label[ops[o]] " |"
      for (t = 1; t <= ntools; t++) {
        k = ops[o] SUBSEP tools[t]
        line = line ((k in cnt) ? sprintf(" %.2f |", median(k) / 1e6) : " - |")
      }
      print line
    }
    if (ntools > 1 && ("up" SUBSEP "berth") in cnt) {
      print ""
      head = "| operation |"; rule = "|---|"
      for (t = 1; t <= ntools; t++) if (tools[t] != "berth") { head = head " berth / " tools[t] " |"; rule = rule "---:|" }
      print head; print rule
      for (o = 1; o <= nops; o++) {
        line = "| " label[ops[o]] " |"
        for (t = 1; t <= ntools; t++) {
          if (tools[t] == "berth") continue
          a = ops[o] SUBSEP "berth"; b = ops[o] SUBSEP tools[t]
          line = line (((a in cnt) && (b in cnt)) ? sprintf(" %.2f |", median(a) / median(b)) : " - |")
        }
        print line
      }
    }
  }' "$results")"

echo "$table"
say "raw numbers (microseconds): $results; logs: $logs"

if $record; then
  java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)"
  versions="berth $(git -C "$root" rev-parse --short HEAD), $java_version, $(crun --version | head -n1)"
  for tool in "${tools[@]}"; do
    case "$tool" in
      docker-compose) versions+=", $("$docker_compose" version --short 2>/dev/null | sed 's/^/docker-compose /') with docker engine $("$docker" version -f '{{.Server.Version}}' 2>/dev/null)" ;;
      podman-compose) versions+=", podman-compose $(dpkg-query -W -f '${Version}' podman-compose 2>/dev/null || echo '?') with $("$podman_bin" --version) (CNI, cgroups disabled, nproc $nproc${holder:+, in a mount namespace without the cgroup v2 mount})" ;;
    esac
  done
  {
    echo
    echo "## Compose benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "$versions. \`bench/compose-bench.sh -n $runs\`: medians of $runs round(s), whole-command wall" \
      "times; web (httpd with a 1 s healthcheck) and client (depends_on web: service_healthy)." \
      "podman-compose does not wait for service_healthy$(names_resolve podman-compose || echo ", and without CNI's dnsname plugin its client cannot resolve web")."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
