#!/usr/bin/env bash
# Builds the C floor measurements into OUTDIR (default ../../artifacts/lib/bench), and the performance guard's probe
# (guard), linked against the real test library in ARTIFACTS/tests/avatest (built before this) and the system OpenCL.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../artifacts/lib/bench}
mkdir -p "$out"
out=$(cd "$out" && pwd)
${CC:-gcc} -O2 -fPIC -shared -Wall -Werror -std=gnu11 -o "$out/libavafloors.so" "$here/floors.c"
avatest=$(cd "$out/../.." && pwd)/tests/avatest
if [ -f "$avatest/libavatest.so.1" ]; then
    ${CC:-gcc} -O2 -Wall -Werror -std=gnu11 -I"$here/../../tests/AvaTest/native" -o "$out/guard" "$here/guard.c" \
        -L"$avatest" -l:libavatest.so.1 -lOpenCL -Wl,-rpath,'$ORIGIN/../../tests/avatest'
fi
