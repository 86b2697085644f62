#!/usr/bin/env bash
# Builds the C floor measurements into OUTDIR (default ../../artifacts/lib/bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../artifacts/lib/bench}
mkdir -p "$out"
${CC:-gcc} -O2 -fPIC -shared -Wall -Werror -std=gnu11 -o "$out/libavafloors.so" "$here/floors.c"
