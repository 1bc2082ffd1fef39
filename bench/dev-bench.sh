#!/usr/bin/env bash
# Dev container benchmark: `berth dev` next to the reference `devcontainer` CLI (driving dockerd)
# on a small workspace whose .devcontainer/devcontainer.json names a busybox image, in one run.
#
#   bench/dev-bench.sh [-n N] [--record] [--tools LIST] [--work DIR]
#
#   -n N          rounds (default 5); the tables show medians
#   --record      append a dated section with the tables to bench/RESULTS.md
#   --tools LIST  comma-separated subset of berth,devcontainer (default: both, devcontainer only
#                 when it is installed and a dockerd answers)
#   --work DIR    scratch directory (default /var/tmp/berth-dev-bench); deleted at the end
#
# Each round, per tool:
#   up cold   `up --workspace-folder WS` with no dev container yet (the image is there)
#   up warm   `up` again: the container exists and runs, so it is reused
#   exec      `exec --workspace-folder WS true`
# then the dev container is removed, untimed (berth dev down --remove; docker rm -f of the
# container the devcontainer CLI labelled with the workspace folder).
#
# The image (bxbench/bb:1) is a busybox root imported into a berth store of the script's own,
# then `berth save` into docker (`docker load`); it is removed from docker at the end unless it
# was there before. Needs root, /bin/busybox (static), crun, conmon, and the jar (./mvnw -B -o -q
# -DskipTests package); the devcontainer CLI from `npm install -g @devcontainers/cli`. Take
# `flock /tmp/berth-it.lock` around the whole run on a machine where tests check for leftover
# containers. Environment: BERTH (default bin/berth), DOCKER (default docker), DEVCONTAINER
# (default devcontainer).
set -euo pipefail
shopt -s inherit_errexit

prog=dev-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=5
record=false
want_tools="berth,devcontainer"
work="/var/tmp/berth-dev-bench"
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
[ "$(id -u)" -eq 0 ] || die "berth dev needs root here; run: sudo -E $0" 2
[ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2
berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2
docker="${DOCKER:-docker}"
devcontainer="${DEVCONTAINER:-devcontainer}"
image=bxbench/bb:1

tools=()
for t in ${want_tools//,/ }; do
  case "$t" in
    berth) tools+=(berth) ;;
    devcontainer)
      if ! command -v "$devcontainer" >/dev/null; then
        say "devcontainer: not installed (npm install -g @devcontainers/cli), skipping"
      elif ! "$docker" info >/dev/null 2>&1; then
        say "devcontainer: no dockerd answers, skipping"
      else
        tools+=(devcontainer)
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
ws="$work/ws"
docker_had_image=true
: >"$results"
rm -rf "$logs"
mkdir -p "$logs"

B() { BERTH_ROOT="$berth_store" "$berth" "$@"; }

clear_dir() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
  rm -rf --one-file-system "$dir"
}

# The containers the devcontainer CLI made for the workspace (it labels them with its folder).
docker_dev_ids() { "$docker" ps -aq --filter "label=devcontainer.local_folder=$ws"; }

remove_dev() {
  case "$1" in
    berth) B dev down --remove --workspace-folder "$ws" ;;
    devcontainer)
      local ids
      ids="$(docker_dev_ids)"
      # shellcheck disable=SC2086
      [ -z "$ids" ] || "$docker" rm -f $ids ;;
  esac
}

cleanup() {
  local rc=$?
  set +e
  for tool in "${tools[@]}"; do remove_dev "$tool" >/dev/null 2>&1; done
  if [ -d "$berth_store" ]; then
    ids="$(B ps -aq 2>/dev/null)"
    # shellcheck disable=SC2086
    [ -z "$ids" ] || B rm -f $ids >/dev/null 2>&1
  fi
  if has_tool devcontainer; then
    # The CLI may tag a derived image (vsc-...) for the workspace; remove those it made.
    "$docker" images --format '{{.Repository}}:{{.Tag}}' | grep '^vsc-ws-' | xargs -r "$docker" rmi >/dev/null 2>&1
    $docker_had_image || "$docker" rmi "$image" >/dev/null 2>&1
  fi
  clear_dir "$berth_store"
  rm -rf "$work/bb" "$work/bb.tar" "$work/bb-docker.tar" "$ws"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "making $image from /bin/busybox"
busybox_rootfs_tar "$work/bb" "$work/bb.tar"
clear_dir "$berth_store"
B import "$work/bb.tar" "$image" >/dev/null
if has_tool devcontainer; then
  if ! "$docker" image inspect "$image" >/dev/null 2>&1; then
    docker_had_image=false
    B save -o "$work/bb-docker.tar" "$image"
    "$docker" load -q -i "$work/bb-docker.tar" >/dev/null
  fi
fi

rm -rf "$ws"
mkdir -p "$ws/.devcontainer"
echo "hello" >"$ws/README"
cat >"$ws/.devcontainer/devcontainer.json" <<EOF
{
  "name": "bench",
  "image": "$image"
}
EOF

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

dev() {
  local tool="$1"
  shift
  case "$tool" in
    berth) B dev "$@" ;;
    devcontainer) "$devcontainer" "$@" ;;
  esac
}

say "tools: ${tools[*]}; rounds: $runs; work: $work"
for ((i = 1; i <= runs; i++)); do
  for tool in "${tools[@]}"; do
    timed up-cold "$tool" dev "$tool" up --workspace-folder "$ws"
    timed up-warm "$tool" dev "$tool" up --workspace-folder "$ws"
    timed exec "$tool" dev "$tool" exec --workspace-folder "$ws" true
    out="$(dev "$tool" exec --workspace-folder "$ws" cat README 2>>"$logs/$tool-check.log")"
    [ "$out" = hello ] || die "$tool: the workspace is not the exec's working folder (got '$out')"
    remove_dev "$tool" >>"$logs/$tool-remove.log" 2>&1 || die "$tool: removing the dev container failed"
  done
  say "round $i/$runs done"
done

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
    label["up-cold"] = "up (no container yet)"; label["up-warm"] = "up (container running)"
    label["exec"] = "exec true"
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
    if (("up-cold" SUBSEP "berth") in cnt && ("up-cold" SUBSEP "devcontainer") in cnt) {
      print ""
      print "| operation | berth / devcontainer |"
      print "|---|---:|"
      for (o = 1; o <= nops; o++) {
        a = ops[o] SUBSEP "berth"; b = ops[o] SUBSEP "devcontainer"
        if ((a in cnt) && (b in cnt)) printf "| %s | %.2f |\n", label[ops[o]], median(a) / median(b)
      }
    }
  }' "$results")"

echo "$table"
say "raw numbers (microseconds): $results; logs: $logs"

if $record; then
  java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)"
  versions="berth $(git -C "$root" rev-parse --short HEAD), $java_version, $(crun --version | head -n1)"
  if has_tool devcontainer; then
    versions+=", devcontainer CLI $("$devcontainer" --version 2>/dev/null) with docker engine $("$docker" version -f '{{.Server.Version}}' 2>/dev/null), node $(node --version 2>/dev/null)"
  fi
  {
    echo
    echo "## Dev container benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "$versions. \`bench/dev-bench.sh -n $runs\`: medians of $runs round(s), whole-command wall" \
      "times; a devcontainer.json with \`\"image\": \"$image\"\` (busybox) and nothing else."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
