#!/bin/sh
# Build every OpenCL transcript program into the directory given as $1.
# Usage: build.sh OUTDIR   (CC and EXTRA_CFLAGS may be overridden)
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
mkdir -p "$out"
for name in platform_device context_queue buffers images negative_pitch program_kernel events ndrange threads extensions errors quota command_buffer thread_churn kernel_args rand48 move_hold recover_read hostile_args spin user_event_wait profiled; do
    echo "building $name"
    # shellcheck disable=SC2086
    "$cc" -O2 -Wall -Werror -std=gnu11 -pthread ${EXTRA_CFLAGS:-} -I"$here" \
        -o "$out/$name" "$here/$name.c" -lOpenCL
done
# Not transcripts: bad_pointer dies of SIGSEGV by design, and dlopen_ways loads the library only by dlopen
# (linking -lOpenCL would bring it in by its SONAME before any dlopen runs).
echo "building bad_pointer"
# shellcheck disable=SC2086
"$cc" -O2 -Wall -Werror -std=gnu11 ${EXTRA_CFLAGS:-} -I"$here" -o "$out/bad_pointer" "$here/bad_pointer.c" -lOpenCL
echo "building dlopen_ways"
# shellcheck disable=SC2086
"$cc" -O2 -Wall -Werror -std=gnu11 ${EXTRA_CFLAGS:-} -I"$here" -o "$out/dlopen_ways" "$here/dlopen_ways.c" -ldl
