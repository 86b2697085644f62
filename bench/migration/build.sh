#!/bin/sh
# Builds the migration benchmark's program (live_state.c).
#
# Usage: build.sh [output-dir]   (default: ../../artifacts/bench/migration relative to this script)
# Environment: CC (default gcc), EXTRA_CFLAGS, EXTRA_LDFLAGS.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../../artifacts/bench/migration"}
cc=${CC:-gcc}
mkdir -p "$out"
# shellcheck disable=SC2086 # EXTRA_* are intentionally word-split
"$cc" -O2 -Wall -Werror -std=c11 ${EXTRA_CFLAGS:-} -o "$out/live_state" "$here/live_state.c" ${EXTRA_LDFLAGS:-} -lOpenCL
echo "built $out/live_state"
