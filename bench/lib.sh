# Functions the benchmark scripts share; `source "$(dirname "$0")/lib.sh"` after setting prog.
# shellcheck shell=bash

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { printf '%s: error: %s\n' "$prog" "$1" >&2; exit "${2:-1}"; }
now() { date +%s.%N; }
median() { python3 -c "import statistics, sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }

# The machine line every recorded section starts with: when, the OS, kernel, cores and memory.
machine_line() {
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)," \
    "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "load $(cut -d' ' -f1 /proc/loadavg) at the start"
}

# A busybox root file system as a tar at $2, made in the scratch directory $1 from the static
# /bin/busybox: every applet a symlink, root in /etc/passwd and /etc/group, a sticky /tmp.
busybox_rootfs_tar() {
  local dir="$1" tar="$2"
  [ -x /bin/busybox ] || die "/bin/busybox is needed (apt-get install busybox-static)" 2
  rm -rf "$dir"
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/root"
  chmod 1777 "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$dir/etc/passwd"
  printf 'root:x:0:\n' >"$dir/etc/group"
  tar -C "$dir" -cf "$tar" .
}
