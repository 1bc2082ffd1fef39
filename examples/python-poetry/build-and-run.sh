#!/usr/bin/env bash
# berth's main job on the bundled example, with no Docker daemon: check the setup, build the dev
# stage (app-pre) and the production stage (app) of examples/python-poetry and run the app as its
# non-root user; then the same through the compose file (build, up, down), and the dev container
# (dev up on a copy of the project, the app run from its workspace sources with dev exec, down).
#
# Usage: examples/python-poetry/build-and-run.sh   (as root: it installs the Debian packages
# berth runs on when they are missing and makes the Python bases with debootstrap; berth itself
# runs as an ordinary user too, see the README's Rootless section)
# Environment: BERTH_ROOT (berth's store), UID_ARG/GID_ARG/UNAME_ARG (the app user, default
# 1000/1000/somenergia), BERTH_CACHE (where the Debian base trees are cached).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
berth="${BERTH:-$top/bin/berth}"
export BERTH="$berth"

if [ "$(id -u)" -ne 0 ]; then
  echo "build-and-run.sh: run it as root (it installs packages and makes the Python bases with debootstrap): sudo -E $0" >&2
  exit 2
fi

# What berth needs on the host: an OCI runtime for RUN steps, debootstrap to make the bases.
missing=()
command -v crun >/dev/null 2>&1 || command -v runc >/dev/null 2>&1 || missing+=(crun)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
# Containers that live (compose up, dev up): conmon watches them, CNI plugins give their network.
command -v conmon >/dev/null 2>&1 || missing+=(conmon)
[ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (Debian packages berth uses here)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Dockerfile starts from python:3.11-bookworm images. Docker Hub cannot be reached here, so
# they are made locally from Debian packages.
for image in localhost/python:3.11-bookworm localhost/python:3.11-bookworm-slim; do
  if ! "$berth" inspect "$image" >/dev/null 2>&1; then
    echo "== $image cannot be pulled here: making the Python base images locally from Debian packages (debootstrap; cached after the first run)"
    "$here/base/make-base.sh"
    break
  fi
done

uid="${UID_ARG:-1000}"
gid="${GID_ARG:-1000}"
uname="${UNAME_ARG:-somenergia}"

echo "== berth build --target app-pre (the dev stage a dev container starts from)"
"$berth" build --progress plain -t hello:dev --target app-pre "$here"

echo "== berth build --target app (slim, non-root: UID=$uid GID=$gid UNAME=$uname)"
"$berth" build --progress plain -t hello:latest --target app \
  --build-arg "UID=$uid" --build-arg "GID=$gid" --build-arg "UNAME=$uname" "$here"

echo "== berth run --rm hello:latest"
"$berth" run --rm hello:latest

echo "== berth check (the Dockerfile, compose.yaml and .devcontainer/devcontainer.json together)"
"$berth" check "$here"

echo "== berth compose build, then up (the app prints and exits), then down"
"$berth" compose --project-directory "$here" -p hello-example build
"$berth" compose --project-directory "$here" -p hello-example up
"$berth" compose --project-directory "$here" -p hello-example down

# The dev container mounts its workspace and the remote user writes into it (poetry install):
# a copy keeps the checkout clean.
ws="$(mktemp -d /tmp/hello-dev.XXXXXX)"
trap 'rm -rf "$ws"' EXIT
tar -C "$here" --exclude=./base -cf - . | tar -C "$ws" -xf -
echo "== berth dev up (the app-pre stage as a dev container, postCreateCommand: poetry install)"
"$berth" dev up --workspace-folder "$ws"
echo "== berth dev exec hello (the console script, from the workspace's sources)"
"$berth" dev exec --workspace-folder "$ws" hello
echo "== berth dev down --remove"
"$berth" dev down --workspace-folder "$ws" --remove
