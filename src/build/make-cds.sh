#!/usr/bin/env bash
# Makes an AppCDS archive for berth's jar: the classes that short commands load (help, version,
# images, inspect, plan, check, compose config, a build from cache), listed from real runs and dumped once, so the
# JVM maps them from the archive instead of loading and verifying them on every start.
# bin/berth and berth's own re-runs (rootless, conmon's exit command) use it when it is there.
#
# Usage: src/build/make-cds.sh JAR ARCHIVE EXAMPLE_DIR   (run by `./mvnw package`)
set -euo pipefail
jar="$(readlink -f "$1")"
out="$2"
example="$3"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BERTH_ROOT="$work/store"
n=0
list() {
  n=$((n + 1))
  # A command that fails (inspect of nothing) still loads the classes of its error path.
  "$java" -Xshare:off -XX:DumpLoadedClassList="$work/$n.classes" -jar "$jar" "$@" \
    >/dev/null 2>&1 </dev/null || true
}
list --version
list --help
list images
list inspect nothing-here
list plan "$example"
list check "$example"
list compose --project-directory "$example" config
# A build that needs no runtime (COPY and metadata steps on scratch), once cold and once all
# cached: the classes of context hashing, cache lookups and committing, which every build loads.
mkdir -p "$work/ctx"
printf 'FROM scratch AS base\nARG V=1\nCOPY a /a\nENV V=$V\nFROM base\nCOPY --from=base /a /b\nLABEL x=y\n' \
  >"$work/ctx/Dockerfile"
echo a >"$work/ctx/a"
list build -q -t cds:1 "$work/ctx"
list build -q -t cds:1 "$work/ctx"
# Each list numbers the classes it names; the dump wants one name a line, each once.
# The @lambda-proxy and @lambda-form-invoker lines go after the classes, so that the lambdas and
# method handles the commands make are archived too, not spun up again at every start.
{
  cat "$work"/*.classes | grep -v '^#' | grep -v '^@' | sed 's/ .*//' | sort -u
  cat "$work"/*.classes | grep '^@' | sort -u
} >"$work/all.classes"
rm -f "$out"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$out" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" >"$work/dump.log" 2>&1 || {
  echo "make-cds: the class archive was not made (berth starts without it):" >&2
  tail -5 "$work/dump.log" >&2
  rm -f "$out"
}
