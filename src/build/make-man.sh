#!/usr/bin/env bash
# Renders the AsciiDoc pages that picocli's ManPageGenerator wrote (ManPageSources, run just
# before by `./mvnw package`) to troff man pages, one per command: target/man/man1/berth-*.1.
# Debian's asciidoctor (Ruby) does it in about half a second of CPU; AsciidoctorJ in Maven took
# about 30 s (JRuby starting and warming up), which is why the build calls the command.
#
# Usage: src/build/make-man.sh ADOC_DIR OUT_DIR VERSION
set -euo pipefail
src="$1"
out="$2"
version="$3"
# Without asciidoctor the jar is still built (the README's first command must work on a machine
# that has only a JDK): the pages are left out, and said to be.
if ! command -v asciidoctor >/dev/null 2>&1; then
  echo "make-man.sh: warning: asciidoctor is not installed, so no man pages were made" \
    "(apt-get install asciidoctor; -Dberth.man.skip=true silences this)" >&2
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
# --failure-level WARN: a page picocli wrote that AsciiDoc cannot read fails the build.
asciidoctor --backend manpage --failure-level WARN \
  --attribute "mansource=berth $version" --attribute "manmanual=Berth Manual" \
  --destination-dir "$out" "$src"/*.adoc
