#!/usr/bin/env bash
# Build benchmark: berth build next to docker's legacy builder (DOCKER_BUILDKIT=0, when dockerd
# answers) and buildah bud --layers (when installed), on the scenarios of bench/build/, in one run.
#
#   bench/build-bench.sh [-n N] [--record] [--tools LIST] [--scenarios LIST] [--work DIR]
#
#   -n N             runs per tool and scenario (default 3); the table shows medians
#   --record         append a dated section with the table to bench/RESULTS.md
#   --tools LIST     comma-separated subset of berth,docker,buildah,berth-rootless,buildah-rootless
#                    (default: all that are there)
#   --user NAME      the ordinary user (with /etc/subuid and /etc/subgid ranges) the rootless
#                    tools run as; without it they are skipped
#   --scenarios LIST comma-separated subset of seed,many-files,cpu-stages,big-layer
#   --work DIR       scratch directory (default /var/tmp/berth-build-bench; needs about 5 GB)
#
# Each run of a tool on a scenario measures, in this order:
#   cold    a build from a fresh store (berth, buildah: a copy of a store holding only the base
#           images; docker: every image made since the bases were loaded is removed first)
#   no-op   the same build again
#   change  a build after a one-file change in the context (the file is restored afterwards)
# and the peak RSS of the client process during the cold build (/usr/bin/time -f %M; for docker
# that is the CLI only, not dockerd). After the runs, per tool and scenario: the image size
# (uncompressed layer tars of the image saved as a docker-archive), and whether two --no-cache
# builds give one image ID: plain, with SOURCE_DATE_EPOCH (env and --build-arg), and for buildah
# also with --timestamp.
#
# berth-rootless and buildah-rootless are berth and buildah run as --user through setpriv, each with
# a store of that user's (buildah with runc, rootless overlay). Needs root (berth build and buildah), python3, /usr/bin/time and /bin/busybox (static). The seed
# scenario's Python bases come from examples/python-poetry/base/make-base.sh (minutes the first
# time, then cached in ~/.cache/berth). The bases reach docker with `docker load` and buildah with
# `buildah pull docker-archive:` of `berth save` output: no registry is contacted.
# Environment: BERTH (default bin/berth), DOCKER (default /usr/bin/docker, else docker),
# BUILDAH_RUNTIME (default runc: crun refuses this machine's hybrid cgroups under buildah).
set -euo pipefail
shopt -s inherit_errexit

prog=build-bench

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=3
record=false
want_tools="berth,docker,buildah,berth-rootless,buildah-rootless"
bench_user=""
want_scenarios="seed,many-files,cpu-stages,big-layer"
work="/var/tmp/berth-build-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || die "-n needs a number" 2; runs="$2"; shift 2 ;;
    --record) record=true; shift ;;
    --tools) [ $# -ge 2 ] || die "--tools needs a list" 2; want_tools="$2"; shift 2 ;;
    --scenarios) [ $# -ge 2 ] || die "--scenarios needs a list" 2; want_scenarios="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory" 2; work="$2"; shift 2 ;;
    --user) [ $# -ge 2 ] || die "--user needs a user name" 2; bench_user="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$runs'" 2
[ "$(id -u)" -eq 0 ] || die "berth build and buildah need root; run: sudo -E $0" 2
for s in ${want_scenarios//,/ }; do
  case "$s" in seed | many-files | cpu-stages | big-layer) ;; *) die "unknown scenario '$s'" 2 ;; esac
done
command -v python3 >/dev/null || die "python3 is needed (file generation, archive sizes)" 2
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (apt-get install time)" 2
[ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2

berth="${BERTH:-$root/bin/berth}"
[ -f "$root/target/berth.jar" ] || [ -n "${BERTH:-}" ] ||
  die "target/berth.jar is not built; run ./mvnw -B -q -o -DskipTests package" 2
docker="${DOCKER:-}"
if [ -z "$docker" ]; then
  if [ -x /usr/bin/docker ]; then docker=/usr/bin/docker; else docker=docker; fi
fi
buildah_runtime="${BUILDAH_RUNTIME:-runc}"
epoch=1700000000

tools=()
for t in ${want_tools//,/ }; do
  case "$t" in
    berth) tools+=(berth) ;;
    docker)
      if command -v "$docker" >/dev/null && "$docker" info >/dev/null 2>&1; then
        tools+=(docker)
      else
        say "docker: no daemon answers, skipping (start one: dockerd --iptables=false --bridge=none &)"
      fi ;;
    buildah)
      if command -v buildah >/dev/null; then tools+=(buildah); else say "buildah: not installed, skipping"; fi ;;
    berth-rootless | buildah-rootless)
      if [ -z "$bench_user" ]; then
        say "$t: no --user given, skipping"
      elif ! id "$bench_user" >/dev/null 2>&1 || ! grep -q "^$bench_user:" /etc/subuid; then
        die "--user $bench_user: no such user, or no range for it in /etc/subuid" 2
      elif [ "$t" = buildah-rootless ] && ! command -v buildah >/dev/null; then
        say "buildah-rootless: buildah is not installed, skipping"
      else
        tools+=("$t")
      fi ;;
    *) die "unknown tool '$t'" 2 ;;
  esac
done
[ "${#tools[@]}" -gt 0 ] || die "no tool to run" 2

mkdir -p "$work"
work="$(cd "$work" && pwd)"
logs="$work/logs"
results="$work/results.tsv"
rm -rf "$logs"
mkdir -p "$logs"
: >"$results"

berth_template="$work/berth-template"
berth_store="$work/berth-store"
buildah_template="$work/buildah-template"
buildah_store="$work/buildah-store"
buildah_in() { buildah --root "$1/root" --runroot "$1/run" --storage-driver overlay "${@:2}"; }
rl_berth_template="$work/rl-berth-template"
rl_berth_store="$work/rl-berth-store"
rl_buildah_template="$work/rl-buildah-template"
rl_buildah_store="$work/rl-buildah-store"
rl_home="$work/rl-home"
rl_jar="$work/berth.jar"
# A command as the benchmark's ordinary user, with a runtime directory of its own.
# An argv prefix (not a function) so /usr/bin/time can run it too.
as_user=()
if [ -n "$bench_user" ]; then
  as_user=(setpriv --reuid="$bench_user" --regid="$(id -g "$bench_user")" --init-groups -- env -i
    HOME="$rl_home" USER="$bench_user" XDG_RUNTIME_DIR="$rl_home/run" LC_ALL=C.UTF-8
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
fi
run_as() { "${as_user[@]}" "$@"; }
berth_as_user() { run_as env BERTH_ROOT="$1" "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$rl_jar" "${@:2}"; }

need_python=false
case ",$want_scenarios," in *,seed,*) need_python=true ;; esac

# ---------------------------------------------------------------------------------------------
# Base images: made once into a template store, then handed to docker and buildah.

bases="$work/bases"
make_bases() {
  mkdir -p "$bases"
  rm -rf "$berth_template"
  say "making localhost/busybox:bench from /bin/busybox"
  local bb="$work/busybox-root"
  rm -rf "$bb"
  mkdir -p "$bb/bin" "$bb/etc" "$bb/tmp" "$bb/root" "$bb/usr/local/bin"
  chmod 1777 "$bb/tmp"
  cp /bin/busybox "$bb/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$bb/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$bb/etc/passwd"
  printf 'root:x:0:\n' >"$bb/etc/group"
  SOURCE_DATE_EPOCH=$epoch BERTH_ROOT="$berth_template" "$berth" import "$bb" localhost/busybox:bench >/dev/null
  BERTH_ROOT="$berth_template" "$berth" save -o "$bases/busybox.tar" localhost/busybox:bench
  if $need_python; then
    say "importing the Python bases (examples/python-poetry/base/make-base.sh)"
    BERTH="$berth" BERTH_ROOT="$berth_template" "$root/examples/python-poetry/base/make-base.sh" >&2
    BERTH_ROOT="$berth_template" "$berth" save -o "$bases/python.tar" localhost/python:3.11-bookworm
    BERTH_ROOT="$berth_template" "$berth" save -o "$bases/python-slim.tar" localhost/python:3.11-bookworm-slim
  fi
}

base_tars() {
  echo "$bases/busybox.tar"
  if $need_python; then echo "$bases/python.tar" "$bases/python-slim.tar"; fi
}

docker_baseline="$work/docker-baseline"
setup_docker() {
  local tar
  for tar in $(base_tars); do "$docker" load -q -i "$tar" >&2; done
  # Everything present now is kept; the cold reset removes only what the benchmark made.
  "$docker" images -aq --no-trunc | sort -u >"$docker_baseline"
}

setup_rootless() {
  local tool="$1" tar
  mkdir -p "$rl_home/run" "$rl_home/out"
  chown -R "$bench_user:$(id -g "$bench_user")" "$rl_home"
  chmod 700 "$rl_home/run"
  cp "${BERTH_JAR:-$root/target/berth.jar}" "$rl_jar"
  # shellcheck disable=SC2046
  chmod 644 "$rl_jar" $(base_tars)
  chmod 755 "$work" "$bases"
  case "$tool" in
    berth-rootless)
      clear_dir "$rl_berth_template"
      install -d -o "$bench_user" "$rl_berth_template"
      for tar in $(base_tars); do berth_as_user "$rl_berth_template" load -i "$tar" >/dev/null; done ;;
    buildah-rootless)
      clear_dir "$rl_buildah_template"
      install -d -o "$bench_user" "$rl_buildah_template"
      for tar in $(base_tars); do
        run_as buildah --root "$rl_buildah_template/root" --runroot "$rl_buildah_template/run" \
          --storage-driver overlay pull -q "docker-archive:$tar" >/dev/null
      done ;;
  esac
}

setup_buildah() {
  local tar
  clear_dir "$buildah_template"
  for tar in $(base_tars); do buildah_in "$buildah_template" pull -q "docker-archive:$tar" >/dev/null; done
}

# Removes a store directory, first unmounting anything a tool left mounted below it.
clear_dir() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
  rm -rf --one-file-system "$dir"
}

# ---------------------------------------------------------------------------------------------
# Scenarios: a working copy of each context (generated files go there), its target, and the file
# that the one-file change touches.

ctx_of() { echo "$work/ctx/$1"; }
target_of() { case "$1" in seed) echo app ;; *) echo "" ;; esac; }
change_file_of() {
  case "$1" in
    seed) echo hello/main.py ;;
    many-files) echo files/00/0000.txt ;;
    cpu-stages) echo a.count ;;
    big-layer) echo note.txt ;;
  esac
}

setup_context() {
  local s="$1" ctx
  ctx="$(ctx_of "$s")"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  case "$s" in
    seed) (cd "$root/examples/python-poetry" && tar --exclude=./base -cf - .) | tar -C "$ctx" -xf - ;;
    *) cp -a "$root/bench/build/$s/." "$ctx/" ;;
  esac
  if [ "$s" = many-files ]; then
    python3 - "$ctx/files" <<'PY'
import os, random, sys
# 20,000 files of 1-8 KB in 100 directories; seeded, so every setup makes the same bytes.
top, rnd = sys.argv[1], random.Random(20000)
for d in range(100):
    os.makedirs(os.path.join(top, "%02d" % d))
    for f in range(200):
        with open(os.path.join(top, "%02d" % d, "%04d.txt" % (d * 200 + f)), "wb") as out:
            out.write(rnd.randbytes(rnd.randint(512, 6 * 1024)).hex()[: rnd.randint(1024, 8192)].encode())
PY
  fi
  cp -a "$ctx/$(change_file_of "$s")" "$work/pristine-$s"
}

apply_change() { printf '\n# %s\n' "$2" >>"$(ctx_of "$1")/$(change_file_of "$1")"; }
restore_change() { cp -a "$work/pristine-$1" "$(ctx_of "$1")/$(change_file_of "$1")"; }

# ---------------------------------------------------------------------------------------------
# Tools: reset to a cold state, and one build.

reset_cold() {
  local tool="$1" s="$2"
  case "$tool" in
    berth)
      clear_dir "$berth_store"
      cp -a "$berth_template" "$berth_store" ;;
    buildah)
      clear_dir "$buildah_store"
      cp -a "$buildah_template" "$buildah_store" ;;
    berth-rootless)
      clear_dir "$rl_berth_store"
      cp -a "$rl_berth_template" "$rl_berth_store" ;;
    buildah-rootless)
      clear_dir "$rl_buildah_store"
      cp -a "$rl_buildah_template" "$rl_buildah_store" ;;
    docker)
      "$docker" rmi -f "bench-$s" >/dev/null 2>&1 || true
      # Stage images of the legacy builder stay behind as untagged images; remove children first
      # by repeating until nothing the benchmark made is left.
      local pass extra
      for pass in 1 2 3 4 5 6 7 8; do
        extra="$("$docker" images -aq --no-trunc | sort -u | comm -13 "$docker_baseline" -)"
        [ -n "$extra" ] || break
        # shellcheck disable=SC2086
        "$docker" rmi -f $extra >/dev/null 2>&1 || true
      done ;;
  esac
}

# build TOOL SCENARIO LOGNAME [extra flags...]; prints "seconds peak_kb image_id".
build() {
  local tool="$1" s="$2" name="$3"
  shift 3
  local ctx target iid="$rl_home/out/iid" memf="$work/mem" log="$logs/$tool-$s-$name.log" cmd=()
  ctx="$(ctx_of "$s")"
  target="$(target_of "$s")"
  case "$tool" in
    berth) cmd=(env BERTH_ROOT="$berth_store" "$berth" build -q) ;;
    docker) cmd=(env DOCKER_BUILDKIT=0 "$docker" build -q) ;;
    buildah)
      cmd=(buildah --root "$buildah_store/root" --runroot "$buildah_store/run" --storage-driver overlay
        bud --runtime "$buildah_runtime" --layers --jobs "$(nproc)" --pull=never -q) ;;
    berth-rootless)
      cmd=("${as_user[@]}" env BERTH_ROOT="$rl_berth_store" ${SOURCE_DATE_EPOCH:+SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH}
        "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$rl_jar" build -q) ;;
    buildah-rootless)
      cmd=("${as_user[@]}" env ${SOURCE_DATE_EPOCH:+SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH} buildah --root "$rl_buildah_store/root"
        --runroot "$rl_buildah_store/run" --storage-driver overlay
        bud --runtime "$buildah_runtime" --layers --jobs "$(nproc)" --pull=never -q) ;;
  esac
  [ -z "$target" ] || cmd+=(--target "$target")
  cmd+=("$@" --iidfile "$iid" -t "bench-$s" "$ctx")
  mkdir -p "$rl_home/out"
  rm -f "$iid"
  local t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -f %M -o "$memf" "${cmd[@]}" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "$tool failed on $s ($name); the log is $log"
  fi
  t1=$(date +%s%N)
  local id
  id="$(sed 's/^sha256://' "$iid")"
  printf '%s %s %s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
    "$(tail -n 1 "$memf")" "$id"
}

# Sum of the uncompressed layer tars of a docker-archive.
archive_layer_bytes() {
  python3 - "$1" <<'PY'
import gzip, json, sys, tarfile
total = 0
with tarfile.open(sys.argv[1]) as tar:
    manifest = json.load(tar.extractfile("manifest.json"))
    for layer in manifest[0]["Layers"]:
        f = tar.extractfile(layer)
        if f.read(2) == b"\x1f\x8b":
            f.seek(0)
            f = gzip.GzipFile(fileobj=f)
        else:
            f.seek(0)
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
print(total)
PY
}

image_bytes() {
  local tool="$1" s="$2" out="$work/image.tar"
  rm -f "$out"
  case "$tool" in
    berth) BERTH_ROOT="$berth_store" "$berth" save -o "$out" "bench-$s" ;;
    docker) "$docker" save -o "$out" "bench-$s" ;;
    buildah) buildah_in "$buildah_store" push -q "localhost/bench-$s:latest" "docker-archive:$out" >"$logs/buildah-$s-push.log" 2>&1 ;;
    berth-rootless | buildah-rootless)
      out="$rl_home/out/image.tar"
      rm -f "$out"
      if [ "$tool" = berth-rootless ]; then
        berth_as_user "$rl_berth_store" save -o "$out" "bench-$s"
      else
        run_as buildah --root "$rl_buildah_store/root" --runroot "$rl_buildah_store/run" --storage-driver overlay \
          push -q "localhost/bench-$s:latest" "docker-archive:$out" >"$logs/$tool-$s-push.log" 2>&1
      fi ;;
  esac
  archive_layer_bytes "$out"
  rm -f "$out"
}

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }

# Two --no-cache builds with the given extra flags (and env): "yes" when they give one image ID.
same_id() {
  local tool="$1" s="$2" name="$3"
  shift 3
  local a b
  a="$(build "$tool" "$s" "$name-1" --no-cache "$@" | cut -d' ' -f3)"
  b="$(build "$tool" "$s" "$name-2" --no-cache "$@" | cut -d' ' -f3)"
  if [ "$a" = "$b" ]; then echo yes; else echo no; fi
}

# ---------------------------------------------------------------------------------------------

say "tools: ${tools[*]}; scenarios: ${want_scenarios//,/ }; runs: $runs; work: $work"
make_bases
for tool in "${tools[@]}"; do
  case "$tool" in
    docker) setup_docker ;;
    buildah) setup_buildah ;;
    berth-rootless | buildah-rootless) setup_rootless "$tool" ;;
  esac
done

for s in ${want_scenarios//,/ }; do
  say "== $s: setting up the context"
  setup_context "$s"
  for ((i = 1; i <= runs; i++)); do
    for tool in "${tools[@]}"; do
      restore_change "$s"
      reset_cold "$tool" "$s"
      read -r sec kb _ < <(build "$tool" "$s" "cold-$i")
      record "$s" "$tool" cold "$sec"
      record "$s" "$tool" rss_kb "$kb"
      read -r sec _ _ < <(build "$tool" "$s" "noop-$i")
      record "$s" "$tool" noop "$sec"
      apply_change "$s" "change $tool $i $(date +%s%N)"
      read -r sec _ _ < <(build "$tool" "$s" "change-$i")
      record "$s" "$tool" change "$sec"
      restore_change "$s"
      say "$s run $i/$runs: $tool done"
    done
  done
  for tool in "${tools[@]}"; do
    say "$s: $tool: image size and reproducibility"
    # Assignments first, so that a failed build stops the script instead of recording nothing.
    v="$(image_bytes "$tool" "$s")"
    record "$s" "$tool" bytes "$v"
    v="$(same_id "$tool" "$s" repro-plain)"
    record "$s" "$tool" same_plain "$v"
    # SOURCE_DATE_EPOCH both in the environment and as a build arg, the two ways tools read it.
    v="$(SOURCE_DATE_EPOCH=$epoch same_id "$tool" "$s" repro-sde --build-arg SOURCE_DATE_EPOCH=$epoch)"
    record "$s" "$tool" same_sde "$v"
    v=-
    if [ "${tool%-rootless}" = buildah ]; then v="$(same_id "$tool" "$s" repro-timestamp --timestamp $epoch)"; fi
    record "$s" "$tool" same_timestamp "$v"
  done
done

# Leave no benchmark images behind (the bases loaded into docker stay).
for tool in "${tools[@]}"; do
  case "$tool" in docker) reset_cold docker "none" ;; esac
done
clear_dir "$berth_store"
clear_dir "$buildah_store"
clear_dir "$rl_berth_store"
clear_dir "$rl_buildah_store"

# ---------------------------------------------------------------------------------------------
# Report: medians per scenario and tool, then berth against the faster peer.

table="$(awk -F'\t' -v runs="$runs" '
  function median(key,   n, i, j, t, v) {
    n = split(vals[key], v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    key = $1 SUBSEP $2 SUBSEP $3
    vals[key] = (cnt[key]++) ? vals[key] " " $4 : $4
    if (!(($1 SUBSEP $2) in seen)) { seen[$1 SUBSEP $2] = 1; rows[++nrows] = $1 SUBSEP $2 }
  }
  END {
    print "| scenario | tool | cold s | no-op s | one-file change s | image MB | peak RSS MB | same ID: plain | SOURCE_DATE_EPOCH | --timestamp |"
    print "|---|---|---:|---:|---:|---:|---:|---|---|---|"
    for (r = 1; r <= nrows; r++) {
      split(rows[r], k, SUBSEP); p = rows[r] SUBSEP
      printf "| %s | %s | %.2f | %.2f | %.2f | %.1f | %.0f | %s | %s | %s |\n", k[1], k[2],
        median(p "cold"), median(p "noop"), median(p "change"), median(p "bytes") / 1e6,
        median(p "rss_kb") / 1024, vals[p "same_plain"], vals[p "same_sde"], vals[p "same_timestamp"]
      sc[k[1]] = 1
      t = k[2]
      if (t == "berth-rootless") { rcold[k[1]] = median(p "cold"); rchg[k[1]] = median(p "change") }
      if (t == "buildah-rootless") { bhcold[k[1]] = median(p "cold"); bhchg[k[1]] = median(p "change") }
      if (t == "docker" || t == "buildah") {
        if (!(k[1] in pcold) || median(p "cold") < pcold[k[1]]) { pcold[k[1]] = median(p "cold"); pcoldt[k[1]] = k[2] }
        if (!(k[1] in pchg) || median(p "change") < pchg[k[1]]) { pchg[k[1]] = median(p "change"); pchgt[k[1]] = k[2] }
      } else if (t == "berth") { bcold[k[1]] = median(p "cold"); bchg[k[1]] = median(p "change"); bnoop[k[1]] = median(p "noop") }
    }
    print ""
    print "| scenario | berth cold / faster peer | berth change / faster peer | berth no-op |"
    print "|---|---:|---:|---:|"
    for (r = 1; r <= nrows; r++) {
      split(rows[r], k, SUBSEP)
      if (k[2] != "berth" || !(k[1] in pcold)) continue
      printf "| %s | %.2f (%s %.2f s) | %.2f (%s %.2f s) | %.2f s |\n", k[1],
        bcold[k[1]] / pcold[k[1]], pcoldt[k[1]], pcold[k[1]],
        bchg[k[1]] / pchg[k[1]], pchgt[k[1]], pchg[k[1]], bnoop[k[1]]
    }
    first = 1
    for (r = 1; r <= nrows; r++) {
      split(rows[r], k, SUBSEP)
      if (k[2] != "berth-rootless" || !(k[1] in bcold)) continue
      if (first) {
        print ""
        print "| scenario | rootless / root berth: cold | change | rootless berth / rootless buildah: cold | change |"
        print "|---|---:|---:|---:|---:|"
        first = 0
      }
      printf "| %s | %.2f | %.2f | %s | %s |\n", k[1], rcold[k[1]] / bcold[k[1]], rchg[k[1]] / bchg[k[1]],
        (k[1] in bhcold) ? sprintf("%.2f", rcold[k[1]] / bhcold[k[1]]) : "-",
        (k[1] in bhchg) ? sprintf("%.2f", rchg[k[1]] / bhchg[k[1]]) : "-"
    }
  }' "$results")"

echo "$table"
say "raw numbers: $results; build logs: $logs"

if $record; then
  java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)"
  versions="berth $(git -C "$root" rev-parse --short HEAD), $java_version"
  for tool in "${tools[@]}"; do
    case "$tool" in
      docker) versions+=", docker engine $("$docker" version -f '{{.Server.Version}}' 2>/dev/null) (storage $("$docker" info -f '{{.Driver}}' 2>/dev/null))" ;;
      buildah) versions+=", $(buildah --version | cut -d' ' -f1-3) (overlay, runtime $buildah_runtime, --jobs $(nproc))" ;;
      berth-rootless) versions+=", rootless as $bench_user (unshare namespaces, kernel overlay with userxattr)" ;;
    esac
  done
  {
    echo
    echo "## Build benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
      "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "$versions. \`bench/build-bench.sh -n $runs\`: medians of $runs run(s)."
    echo
    echo "$table"
  } >>"$root/bench/RESULTS.md"
  say "appended to bench/RESULTS.md"
fi
