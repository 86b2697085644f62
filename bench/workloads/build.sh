#!/bin/sh
# Builds the OpenCL workload programs.
#
# Usage: build.sh [output-dir]
#   output-dir defaults to ../../artifacts/workloads relative to this script.
# Environment: CC (default gcc), EXTRA_CFLAGS, EXTRA_LDFLAGS (for example
#   -L/path/to/dir/with/libOpenCL.so).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../../artifacts/workloads"}
cc=${CC:-gcc}
workloads="backprop bfs gaussian hotspot kmeans lud nw pathfinder srad"

mkdir -p "$out"
for w in $workloads; do
    # shellcheck disable=SC2086 # EXTRA_* are intentionally word-split
    "$cc" -O2 -Wall -Werror -std=c11 ${EXTRA_CFLAGS:-} -o "$out/$w" "$here/$w.c" \
        ${EXTRA_LDFLAGS:-} -lOpenCL -lm
    echo "built $out/$w"
done
