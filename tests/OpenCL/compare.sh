#!/bin/sh
# Runs each OpenCL transcript program natively and through artifacts/lib/libOpenCL.so.1 and compares stdout.
# Usage: tests/OpenCL/compare.sh [PROGRAM...]   (default: all; AVA_SYNC_CALLS=1 gives async calls their own errors)
# Exit status: the number of programs whose transcripts differ. Outputs and diffs stay in $OUT (default /tmp/ava-opencl).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-/tmp/ava-opencl}
mkdir -p "$out"
sh "$here/programs/build.sh" "$out/bin" >/dev/null || exit 100
programs=${*:-platform_device context_queue buffers images program_kernel events ndrange threads extensions errors command_buffer thread_churn}
failed=0
for p in $programs; do
    (cd "$out" && timeout 300 "$out/bin/$p" > "$out/$p.native" 2>/dev/null)
    (cd "$out" && AVA_LOG="$out/$p.log" LD_PRELOAD="$root/artifacts/lib/libOpenCL.so.1" timeout 300 "$out/bin/$p" > "$out/$p.remote" 2>/dev/null)
    rc=$?
    if diff "$out/$p.native" "$out/$p.remote" > "$out/$p.diff"; then
        echo "$p: same"
    else
        echo "$p: DIFFERENT ($(grep -c '^[<>]' "$out/$p.diff") lines, remote rc=$rc)"
        failed=$((failed + 1))
    fi
done
exit $failed
