#!/usr/bin/env bash
# Makes the example's Python base images from Debian packages and imports them into berth's store.
#
# This machine reaches Debian's mirror (the one apt uses) but no container registry, so
# `python:3.11-bookworm` cannot be pulled. Instead this script runs debootstrap twice:
#
#   localhost/python:3.11-bookworm       python3 python3-venv python3-poetry pipx passwd (and
#                                        python3-cffi-backend, see below)
#   localhost/python:3.11-bookworm-slim  python3 passwd (what the app stage needs to run a venv)
#
# Each tree is cleaned (apt lists and caches, logs, /tmp, device nodes, host files) and cached as a
# tar keyed by its package list, so the next run skips debootstrap. Then `berth import` names each
# tar, with SOURCE_DATE_EPOCH fixed per cached tar, so re-running gives the same image IDs.
#
# Usage: make-base.sh [--rebuild] [--no-import]
#   --rebuild    ignore the cache and run debootstrap again
#   --no-import  only make (or check) the cached tars
# Environment:
#   BERTH_CACHE        cache directory (default ~/.cache/berth)
#   BERTH              the berth command (default: bin/berth of this checkout)
#   BERTH_ROOT         berth's store, passed through to berth
#   SOURCE_DATE_EPOCH  image creation time; default: when the cached tar was made
#   DEBIAN_MIRROR      overrides the mirror read from apt's sources
set -euo pipefail

prog=make-base
say() { printf '%s: %s\n' "$prog" "$*"; }
die() { printf '%s: error: %s\n' "$prog" "$1" >&2; exit "${2:-1}"; }

rebuild=false
do_import=true
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --no-import) do_import=false ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" 2 ;;
  esac
done

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
berth="${BERTH:-$repo/bin/berth}"
suite=bookworm
cache_dir="${BERTH_CACHE:-$HOME/.cache/berth}"

# name  packages (debootstrap --include)  image tag suffix
# debootstrap does not resolve virtual packages: python3-cryptography (poetry -> keyring ->
# secretstorage) depends on python3-cffi-backend-api-min/-max, which only python3-cffi-backend
# provides, so it is named here or configuring the tree fails.
flavours=(
  "debian-$suite-python python3,python3-venv,python3-poetry,pipx,passwd,python3-cffi-backend $suite"
  "debian-$suite-python-slim python3,passwd $suite-slim"
)

# The first URI apt uses for the plain suite (deb822 .sources first, then sources.list).
apt_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Stanzas are separated by blank lines; keep one whose Types has deb and Suites has $suite.
    awk -v suite="$suite" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "" && enabled != "no") {
          split(uris, u, " "); print u[1]; found = 1; exit
        }
        types = suites = uris = enabled = ""
      }
      /^[ \t]*$/ { flush(); next }
      /^#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      tolower($1) == "uris:" { $1 = ""; uris = $0; sub(/^ +/, "", uris) }
      tolower($1) == "enabled:" { enabled = tolower($2) }
      END { if (!found) flush() }
    ' "$f" | head -n1
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENTS...
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
      awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }'
  done
}

# Removes what a base image should not carry; mount points and directories stay.
clean_tree() {
  local root="$1"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/lib/dpkg/*-old "$root"/tmp/* "$root"/tmp/.[!.]* "$root"/var/tmp/* \
    "$root"/dev/* "$root"/root/.cache
  mkdir -p "$root"/var/lib/apt/lists/partial "$root"/var/cache/apt/archives/partial
  find "$root"/var/log -type f -delete
  # Host details that debootstrap copies in; the runtime provides its own.
  : >"$root"/etc/hostname
  : >"$root"/etc/resolv.conf
}

# Unmounts whatever a failed debootstrap left mounted under $1, then removes it.
remove_work() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
  rm -rf --one-file-system "$dir"
}

# Keys the cache: same suite, variant and package list means the same tar.
cache_key() { printf '%s\n' "suite=$suite variant=minbase include=$1"; }

mkdir -p "$cache_dir"
work=""
trap '[ -n "$work" ] && remove_work "$work"' EXIT
trap 'exit 130' INT TERM

declare -A tar_of python_of
for entry in "${flavours[@]}"; do
  read -r name packages suffix <<<"$entry"
  tar="$cache_dir/$name.tar.gz"
  info="$tar.info"
  key="$(cache_key "$packages")"
  tar_of[$name]="$tar"
  if ! $rebuild && [ -f "$tar" ] && [ -f "$info" ] && grep -qxF "key=$key" "$info"; then
    say "$name: cache hit, using $tar ($(du -h "$tar" | cut -f1), $(grep '^made=' "$info" | cut -d= -f2-))"
    continue
  fi
  if [ -f "$tar" ]; then
    say "$name: cache miss (--rebuild or package list changed), making $tar again"
  else
    say "$name: cache miss, making $tar"
  fi

  [ "$(id -u)" -eq 0 ] ||
    die "debootstrap needs root (it creates files owned by other users and runs dpkg in a chroot); run: sudo -E $0" 2
  command -v debootstrap >/dev/null || die "debootstrap is not installed; run: apt-get install debootstrap" 2
  mirror="${DEBIAN_MIRROR:-$(apt_mirror | head -n1)}"
  [ -n "$mirror" ] || die "found no '$suite' mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; set DEBIAN_MIRROR" 2

  if [ -z "$work" ]; then
    work="$(mktemp -d "$cache_dir/work.XXXXXX")"
  fi
  root="$work/$name"
  # The flavours share most packages: a .deb the first one downloaded, the next one checks and
  # takes from this directory.
  mkdir -p "$work/debs"

  say "$name: debootstrap --variant=minbase --include=$packages --cache-dir=$work/debs $suite $root $mirror"
  start=$(date +%s)
  if ! debootstrap --variant=minbase --include="$packages" --cache-dir="$work/debs" \
    "$suite" "$root" "$mirror" >"$work/$name.log" 2>&1; then
    # The work directory goes away on exit: keep the logs next to the cache.
    log="$cache_dir/$name.failed.log"
    cat "$work/$name.log" "$root/debootstrap/debootstrap.log" >"$log" 2>/dev/null || true
    tail -n 20 "$work/$name.log" >&2
    die "debootstrap failed; the log above is the end of $log"
  fi
  seconds=$(($(date +%s) - start))
  say "$name: debootstrap took ${seconds}s"

  python="$(readlink "$root/usr/bin/python3")"
  python="${python#python}"
  [[ "$python" =~ ^[0-9]+\.[0-9]+$ ]] || die "$name: cannot tell the Python version from /usr/bin/python3"

  clean_tree "$root"

  epoch="${SOURCE_DATE_EPOCH:-$(date +%s)}"
  # Sorted names, numeric owners and clamped times: the same tree packs to the same bytes.
  tar --numeric-owner --sort=name --mtime="@$epoch" --clamp-mtime --xattrs --acls \
    -C "$root" -cf - . | gzip -n >"$tar.tmp"
  mv "$tar.tmp" "$tar"
  {
    echo "key=$key"
    echo "epoch=$epoch"
    echo "python=$python"
    echo "mirror=$mirror"
    echo "made=$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ), debootstrap ${seconds}s"
  } >"$info"
  say "$name: wrote $tar ($(du -h "$tar" | cut -f1)); the tree is $(du -sh "$root" | cut -f1)"
done

if ! $do_import; then
  say "not importing (--no-import)"
  exit 0
fi

for entry in "${flavours[@]}"; do
  read -r name packages suffix <<<"$entry"
  tar="${tar_of[$name]}"
  info="$tar.info"
  python="$(grep '^python=' "$info" | cut -d= -f2)"
  epoch="${SOURCE_DATE_EPOCH:-$(grep '^epoch=' "$info" | cut -d= -f2)}"
  image="localhost/python:$python-$suffix"
  # Importing the same tar at the same time gives the same ID: skip it when the store has it.
  imported="$(grep "^imported=$epoch " "$info" | cut -d' ' -f2 || true)"
  current="$("$berth" inspect "$image" 2>/dev/null | sed -n 's/^ *"Id" *: *"\(sha256:[0-9a-f]*\)".*/\1/p' | head -n1 || true)"
  if [ -n "$imported" ] && [ "$imported" = "$current" ]; then
    say "$image is already in the store as $current (from $tar)"
    continue
  fi
  say "SOURCE_DATE_EPOCH=$epoch $berth import $tar $image"
  id="$(SOURCE_DATE_EPOCH="$epoch" "$berth" import "$tar" "$image")"
  say "$image is $id"
  sed -i '/^imported=/d' "$info"
  echo "imported=$epoch $id" >>"$info"
done
